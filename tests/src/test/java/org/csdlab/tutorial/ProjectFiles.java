package org.csdlab.tutorial;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.csdlab.lab.tutorial.TutorialCatalog;

/** Where the tests find the checkout and the built jar (system properties set in tests/pom.xml). */
final class ProjectFiles {

  private ProjectFiles() {}

  /** The csdlab checkout's tutorials. */
  static TutorialCatalog catalog() {
    return TutorialCatalog.locate();
  }

  /**
   * True when running in CI, where tests needing a tool must fail rather than skip when it is
   * missing.
   */
  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * The self-contained lab-core/target/csdlab.jar (property {@code csdlab.jar}). Skips the test
   * when it has not been built (e.g. {@code mvn -pl tests} alone), fails in CI.
   */
  static Path csdlabJar() {
    String property = System.getProperty("csdlab.jar");
    Path jar = property == null ? null : Path.of(property);
    boolean present = jar != null && Files.isRegularFile(jar);
    if (!present && inCi()) {
      fail(
          "csdlab.jar is missing ("
              + property
              + "); build lab-core with the reactor: mvn -B verify");
    }
    assumeTrue(
        present, "csdlab.jar not built (" + property + "); run the whole reactor: mvn -B verify");
    return jar;
  }
}
