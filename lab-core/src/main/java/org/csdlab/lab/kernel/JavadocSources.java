package org.csdlab.lab.kernel;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lets JShell show the lab's javadoc (Shift-Tab in {@code csdlab jshell}, the kernel's inspect
 * reply). JShell reads javadoc from source files only, and looks for them in one place: the JDK's
 * {@code lib/src.zip}. The lab's sources travel in its jar under {@value #SOURCES_ROOT} (the build
 * copies them there); {@link #install()} hands JShell that directory beside the JDK's own sources,
 * through the list jdk.jshell keeps for its tests ({@code
 * SourceCodeAnalysisImpl.availableSourcesOverride}), which needs {@code
 * --add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED} (in {@code bin/jvm-options}).
 */
public final class JavadocSources {

  /** Where the lab's sources are in its jar (or class directory), as {@code org/csdlab/...}. */
  public static final String SOURCES_ROOT = "META-INF/csdlab-sources";

  /** A source every build of the lab has, to find {@value #SOURCES_ROOT} by. */
  private static final String PROBE = "org/csdlab/lab/Lab.java";

  private static final String JSHELL_ANALYSIS = "jdk.jshell.SourceCodeAnalysisImpl";
  private static final String SOURCES_FIELD = "availableSourcesOverride";

  /** What the first {@link #install()} gave; later calls return it instead of reopening the jar. */
  private static Boolean installed;

  private JavadocSources() {}

  /**
   * Makes every JShell of this JVM find the lab's javadoc besides the JDK's. Call it before the
   * first documentation request. Returns whether it could: false when the lab's sources are not on
   * the class path or jdk.jshell is not opened to this code; JShell then shows what it showed
   * before (the JDK's javadoc, signatures for the lab).
   */
  public static synchronized boolean install() {
    if (installed == null) {
      installed = installOnce();
    }
    return installed;
  }

  private static boolean installOnce() {
    Optional<Path> lab = labSources();
    if (lab.isEmpty()) {
      return false;
    }
    List<Path> sources = new ArrayList<>(jdkSources());
    sources.add(lab.get());
    try {
      Field field = Class.forName(JSHELL_ANALYSIS).getDeclaredField(SOURCES_FIELD);
      field.setAccessible(true);
      field.set(null, List.copyOf(sources));
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // not opened (InaccessibleObjectException), or a JDK whose jdk.jshell has no such list
      return false;
    }
  }

  /** The lab's sources: {@value #SOURCES_ROOT} in the jar or class directory that holds them. */
  static Optional<Path> labSources() {
    URL probe = JavadocSources.class.getClassLoader().getResource(SOURCES_ROOT + "/" + PROBE);
    if (probe == null) {
      return Optional.empty();
    }
    try {
      URI uri = probe.toURI();
      if ("jar".equals(uri.getScheme())) {
        String spec = uri.getRawSchemeSpecificPart();
        Path jar = Path.of(new URI(spec.substring(0, spec.indexOf("!/"))));
        // Kept open for the life of the JVM: JShell reads from it at every documentation request.
        FileSystem jarFiles = FileSystems.newFileSystem(jar);
        return Optional.of(jarFiles.getPath("/" + SOURCES_ROOT));
      }
      Path file = Path.of(uri);
      Path root = file;
      for (int i = 0; i < Path.of(PROBE).getNameCount(); i++) {
        root = root.getParent();
      }
      return Optional.of(root);
    } catch (URISyntaxException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The JDK's sources as JShell finds them itself: {@code lib/src.zip} of this JVM (or one level
   * up), whose root holds either the packages or one directory per module.
   */
  static List<Path> jdkSources() {
    Path home = Path.of(System.getProperty("java.home"));
    Path zip = home.resolve("lib/src.zip");
    if (!Files.isReadable(zip) && home.getParent() != null) {
      zip = home.getParent().resolve("src.zip");
    }
    if (!Files.isReadable(zip)) {
      return List.of();
    }
    try {
      FileSystem zipFiles = FileSystems.newFileSystem(zip);
      Path root = zipFiles.getRootDirectories().iterator().next();
      if (Files.exists(root.resolve("java/lang/Object.java"))) {
        zipFiles.close();
        return List.of(zip);
      }
      List<Path> modules = new ArrayList<>();
      if (Files.exists(root.resolve("java.base/java/lang/Object.java"))) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
          entries.forEach(
              entry -> {
                if (Files.isDirectory(entry)) {
                  modules.add(entry);
                }
              });
        }
      }
      if (modules.isEmpty()) {
        zipFiles.close();
      }
      return modules;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
