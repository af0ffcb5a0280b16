package org.csdlab.lab.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Writes the Jupyter kernelspec {@value #KERNEL_NAME} ("{@value #DISPLAY_NAME}"): a {@code
 * kernel.json} whose command runs {@link KernelMain} with absolute paths to a java binary and the
 * self-contained lab jar. {@code ./csdlab jupyter install [--user | --prefix DIR]} uses it.
 */
public final class KernelInstaller {

  public static final String KERNEL_NAME = "csdlab";
  public static final String DISPLAY_NAME = "Java (csdlab)";

  /** The oldest JDK feature release csdlab runs on (bin/java-home's MIN_JAVA). */
  static final int OLDEST_FEATURE = 17;

  /** The kernel's class-data archive, beside its kernel.json. */
  public static final String ARCHIVE_NAME = "csdlab-kernel.jsa";

  /**
   * The first JDK that archives the classes a run loaded (-XX:ArchiveClassesAtExit with a base
   * archive, JDK 19).
   */
  static final int ARCHIVE_FEATURE = 19;

  /**
   * Longest the warm-up that writes the archive may take before the kernel is installed without
   * one.
   */
  static final long WARM_UP_TIMEOUT_SECONDS = 300;

  private final Path java;
  private final Path jar;
  private final HeapLimit heap;

  /**
   * An installer for kernels run by {@code java} from {@code jar}; both must exist.
   *
   * @throws IllegalArgumentException naming the missing file and how to get it
   */
  public KernelInstaller(Path java, Path jar) {
    this(java, jar, HeapLimit.DEFAULT);
  }

  /**
   * An installer for kernels run by {@code java} from {@code jar} with a heap of at most {@code
   * heap}.
   *
   * @throws IllegalArgumentException naming the missing file and how to get it
   */
  public KernelInstaller(Path java, Path jar, HeapLimit heap) {
    this.heap = Objects.requireNonNull(heap, "heap");
    this.java = Objects.requireNonNull(java, "java").toAbsolutePath().normalize();
    this.jar = Objects.requireNonNull(jar, "jar").toAbsolutePath().normalize();
    if (!Files.isExecutable(this.java) || Files.isDirectory(this.java)) {
      throw new IllegalArgumentException("no java executable at " + this.java);
    }
    if (!Files.isRegularFile(this.jar)) {
      throw new IllegalArgumentException(
          "the lab jar "
              + this.jar
              + " does not exist; build it with"
              + " mvn -B -pl lab-core -am package -DskipTests (or run ./csdlab once)");
    }
  }

  /** An installer for kernels run by this JVM's java binary from {@code jar}. */
  public static KernelInstaller forThisJvm(Path jar) {
    return new KernelInstaller(currentJava(), jar);
  }

  /**
   * An installer for kernels run by this JVM's java binary from {@code jar}, with heap limit {@code
   * heap}.
   */
  public static KernelInstaller forThisJvm(Path jar, HeapLimit heap) {
    return new KernelInstaller(currentJava(), jar, heap);
  }

  /**
   * An installer for kernels run by this JVM from the jar it runs from (what {@code ./csdlab
   * jupyter install} wants).
   *
   * @throws IllegalStateException when this JVM does not run from the built jar
   */
  public static KernelInstaller forRunningJar() {
    Path jar =
        runningJar()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "csdlab is not running from its built jar, so there is no jar for the kernel to run; build it with"
                            + " mvn -B -pl lab-core -am package -DskipTests and run ./csdlab jupyter install again"));
    return forThisJvm(jar);
  }

  /** The java binary running this JVM. */
  public static Path currentJava() {
    String executable =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
            ? "java.exe"
            : "java";
    return Path.of(System.getProperty("java.home"), "bin", executable);
  }

  /** The jar this class was loaded from, when it was loaded from a jar (the built csdlab.jar). */
  public static Optional<Path> runningJar() {
    CodeSource source = KernelInstaller.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) && path.toString().endsWith(".jar")
          ? Optional.of(path)
          : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The per-user kernels directory Jupyter reads: {@code $JUPYTER_DATA_DIR/kernels} when set, else
   * {@code ~/.local/share/jupyter/kernels} ({@code ~/Library/Jupyter/kernels} on macOS, {@code
   * %APPDATA%\jupyter\kernels} on Windows).
   */
  public static Path userKernelsDir() {
    String dataDir = System.getenv("JUPYTER_DATA_DIR");
    if (dataDir != null && !dataDir.isBlank()) {
      return Path.of(dataDir, "kernels");
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Path home = Path.of(System.getProperty("user.home"));
    if (os.startsWith("mac")) {
      return home.resolve("Library/Jupyter/kernels");
    }
    if (os.startsWith("windows") && System.getenv("APPDATA") != null) {
      return Path.of(System.getenv("APPDATA"), "jupyter", "kernels");
    }
    String xdgData = System.getenv("XDG_DATA_HOME");
    Path data =
        xdgData != null && !xdgData.isBlank() ? Path.of(xdgData) : home.resolve(".local/share");
    return data.resolve("jupyter/kernels");
  }

  /** The kernels directory of an installation prefix: {@code PREFIX/share/jupyter/kernels}. */
  public static Path prefixKernelsDir(Path prefix) {
    return prefix.resolve("share/jupyter/kernels");
  }

  /**
   * Writes {@code kernelsDir/csdlab/kernel.json} (replacing an earlier one) and returns that kernel
   * directory.
   */
  public Path installInto(Path kernelsDir) {
    Path kernelDir = kernelsDir.resolve(KERNEL_NAME).toAbsolutePath().normalize();
    try {
      Files.createDirectories(kernelDir);
      Files.deleteIfExists(kernelDir.resolve(ARCHIVE_NAME)); // made for an earlier jar or JDK
      Files.writeString(kernelDir.resolve("kernel.json"), kernelJson());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the kernelspec into " + kernelDir + ": " + e.getMessage(), e);
    }
    return kernelDir;
  }

  /**
   * Makes the class-data archive of the kernel installed in {@code kernelDir} (JDK 19 and later):
   * runs {@link KernelWarmUp} once on the kernel's JVM, with the kernel's options, archiving the
   * classes it loaded; kernels then start from it (about a fifth less CPU before kernel_info). The
   * kernel.json is rewritten to use it. A JVM that finds it unusable later (a rebuilt jar, an
   * updated JDK) ignores it quietly; installing again makes a new one.
   *
   * @return why there is no archive, or empty when it was made
   */
  public Optional<String> makeStartupArchive(Path kernelDir) {
    if (javaFeature() < ARCHIVE_FEATURE) {
      return Optional.of(
          "JDK "
              + javaFeature()
              + " cannot archive a run's classes (JDK "
              + ARCHIVE_FEATURE
              + " can)");
    }
    Path archive = kernelDir.resolve(ARCHIVE_NAME);
    Path partial = kernelDir.resolve(ARCHIVE_NAME + ".partial");
    List<String> command = new ArrayList<>(jvmCommand());
    command.add(command.size() - 2, "-XX:ArchiveClassesAtExit=" + partial); // before -cp JAR
    command.add(KernelWarmUp.class.getName());
    try {
      Path log = Files.createTempFile("csdlab-kernel-warm-up", ".log");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(WARM_UP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return Optional.of("the warm-up run took over " + WARM_UP_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
          String output = Files.readString(log).strip();
          return Optional.of(
              "the warm-up run failed (status "
                  + process.exitValue()
                  + ")"
                  + (output.isEmpty() ? "" : ": " + output.lines().findFirst().orElse("")));
        }
      } finally {
        Files.deleteIfExists(log);
      }
      Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(kernelDir.resolve("kernel.json"), kernelJson(Optional.of(archive)));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot write " + archive + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // a leftover partial file is never read: the kernel.json names only the finished archive
      }
    }
  }

  /**
   * The command Jupyter runs, {@code {connection_file}} standing for the file it writes. The heap
   * is limited so that a cell filling memory fails with an OutOfMemoryError the kernel survives (it
   * keeps a reserve for that, and {@code -XX:+ExitOnOutOfMemoryError} is deliberately not set). The
   * JVM options are the launcher's ({@link JvmOptions}), those the kernel's JDK accepts.
   */
  public List<String> argv() {
    return argv(Optional.empty());
  }

  /** {@link #argv()} starting from the class-data archive {@code archive} when there is one. */
  List<String> argv(Optional<Path> archive) {
    List<String> argv = new ArrayList<>(jvmCommand());
    archive.ifPresent(
        file ->
            argv.addAll(
                argv.size() - 2,
                List.of(
                    "-XX:SharedArchiveFile=" + file,
                    // an archive the JVM cannot use (a rebuilt jar, an updated JDK) is skipped
                    // without a word
                    "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off")));
    argv.add(KernelMain.class.getName());
    argv.add("{connection_file}");
    return List.copyOf(argv);
  }

  /** The java binary and the kernel's JVM options, ending in {@code -cp JAR}. */
  private List<String> jvmCommand() {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add(heap.jvmOption());
    command.addAll(JvmOptions.shipped().forFeature(javaFeature()));
    command.addAll(List.of("-Djava.awt.headless=true", "-cp", jar.toString()));
    return command;
  }

  /**
   * The feature release of the kernel's JDK: from its release file; this JVM's when it is this
   * JVM's java; else 17, the oldest csdlab runs on, whose options every later JDK accepts too.
   */
  private int javaFeature() {
    Path home = java.getParent() == null ? null : java.getParent().getParent();
    OptionalInt feature = home == null ? OptionalInt.empty() : JvmOptions.featureOf(home);
    if (feature.isPresent()) {
      return feature.getAsInt();
    }
    return java.equals(currentJava().toAbsolutePath().normalize())
        ? Runtime.version().feature()
        : OLDEST_FEATURE;
  }

  /** The kernelspec's JSON. */
  public String kernelJson() {
    return kernelJson(Optional.empty());
  }

  private String kernelJson(Optional<Path> archive) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("argv", argv(archive));
    spec.put("display_name", DISPLAY_NAME);
    spec.put("language", "java");
    // Interrupts arrive as interrupt_request messages on the control channel; SIGINT also works.
    spec.put("interrupt_mode", "message");
    spec.put("metadata", Map.of("debugger", false));
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec)
          + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
