package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * The lab's javadoc reaches JShell's documentation, which {@code csdlab jshell} (Tab after a
 * method's parenthesis) and the kernel's inspect both show. Surefire opens jdk.jshell as {@code
 * bin/jvm-options} does for csdlab's JVMs.
 */
class JavadocSourcesTest {

  @Test
  void theLabsSourcesAreShippedBesideItsClasses() {
    assertTrue(
        JavadocSources.labSources().isPresent(),
        "no " + JavadocSources.SOURCES_ROOT + " on the class path");
    assertTrue(
        Files.isRegularFile(JavadocSources.labSources().get().resolve("org/csdlab/lab/Lab.java")));
    assertTrue(
        Files.isRegularFile(JavadocSources.labSources().get().resolve("org/csdlab/ebpf/Vm.java")),
        "the wrapped systems' sources travel too");
  }

  @Test
  void jshellDocumentsLabCompareWithItsJavadoc() {
    assertTrue(JavadocSources.install());
    String classPath = System.getProperty("java.class.path");
    try (JShell shell =
        JShell.builder()
            .executionEngine("local")
            .compilerOptions("--class-path", classPath)
            .build()) {
      shell.addToClasspath(classPath);
      shell.eval("import org.csdlab.lab.*;");
      String code = "Lab.create().compare(";
      List<SourceCodeAnalysis.Documentation> docs =
          shell.sourceCodeAnalysis().documentation(code, code.length(), true);
      assertEquals(1, docs.size(), docs.toString());
      assertTrue(
          docs.get(0).signature().contains("Lab.compare(Run onHost, Run offloaded)"),
          docs.get(0).signature());
      String javadoc = docs.get(0).javadoc();
      assertTrue(
          javadoc != null && javadoc.contains("The host run beside the offloaded one"),
          String.valueOf(javadoc));
    }
  }
}
