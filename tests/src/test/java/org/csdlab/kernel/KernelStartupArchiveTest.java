package org.csdlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.csdlab.lab.kernel.JvmOptions;
import org.csdlab.lab.kernel.KernelInstaller;
import org.csdlab.lab.kernel.KernelWarmUp;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code csdlab jupyter install} on JDK 19 or later leaves a class-data archive beside the
 * kernel.json, which names it; a JVM with the kernel's options can map it ({@code -Xshare:on}
 * refuses to start otherwise).
 */
class KernelStartupArchiveTest {

  @TempDir Path dir;

  @Test
  void installMakesAnArchiveTheKernelsJvmMaps() throws Exception {
    Path java = newestJavaFrom19().orElse(null);
    Assumptions.assumeTrue(java != null, "no JDK 19 or later under /usr/lib/jvm");
    Path jar =
        Path.of(System.getProperty("csdlab.jar", "../lab-core/target/csdlab.jar")).toAbsolutePath();
    KernelInstaller installer = new KernelInstaller(java, jar);
    Path kernelDir = installer.installInto(dir.resolve("kernels"));

    assertEquals(Optional.empty(), installer.makeStartupArchive(kernelDir));

    Path archive = kernelDir.resolve(KernelInstaller.ARCHIVE_NAME);
    assertTrue(Files.size(archive) > 0);
    List<String> argv =
        List.of(
            new ObjectMapper()
                .readValue(kernelDir.resolve("kernel.json").toFile(), KernelSpec.class)
                .argv);
    assertTrue(argv.contains("-XX:SharedArchiveFile=" + archive), argv.toString());
    try (DirectoryStream<Path> files = Files.newDirectoryStream(kernelDir)) {
      List<String> names = new ArrayList<>();
      files.forEach(f -> names.add(f.getFileName().toString()));
      assertEquals(
          List.of(KernelInstaller.ARCHIVE_NAME, "kernel.json"), names.stream().sorted().toList());
    }

    // The kernel's own command line, up to its main class, with sharing required instead of quietly
    // optional.
    List<String> command = new ArrayList<>(argv.subList(0, argv.size() - 2));
    command.add(1, "-Xshare:on");
    command.add(KernelWarmUp.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), command.toString());
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), command + "\n" + output);
  }

  /** The kernel.json fields this test reads. */
  static final class KernelSpec {
    public String[] argv;
    public String display_name;
    public String language;
    public String interrupt_mode;
    public Object metadata;
  }

  private static Optional<Path> newestJavaFrom19() throws Exception {
    Path jvms = Path.of("/usr/lib/jvm");
    Path best = null;
    int bestFeature = 0;
    if (Files.isDirectory(jvms)) {
      try (DirectoryStream<Path> homes = Files.newDirectoryStream(jvms)) {
        for (Path home : homes) {
          OptionalInt feature = JvmOptions.featureOf(home);
          if (Files.isExecutable(home.resolve("bin/java"))
              && feature.orElse(0) >= 19
              && feature.getAsInt() > bestFeature) {
            best = home.resolve("bin/java");
            bestFeature = feature.getAsInt();
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
