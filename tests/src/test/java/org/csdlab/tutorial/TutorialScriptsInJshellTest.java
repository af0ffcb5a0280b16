package org.csdlab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.csdlab.lab.tutorial.Cell;
import org.csdlab.lab.tutorial.Tutorial;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every tutorial's script runs in the real {@code jshell} of this JDK, with only the self-contained
 * csdlab.jar on its class path, as the tutorials tell readers to run them: every check prints its ✓
 * line and nothing fails.
 */
class TutorialScriptsInJshellTest {

  private static final Pattern CHECK_CALL = Pattern.compile("\\bCheck\\.(that|raises)\\(");
  private static final long TIMEOUT_MINUTES = 5;

  @TestFactory
  Stream<DynamicTest> everyScriptRunsInJshell() {
    Path jar = ProjectFiles.csdlabJar();
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    if (!Files.isExecutable(jshell)) {
      fail("this JDK has no jshell at " + jshell);
    }
    return ProjectFiles.catalog().all().stream()
        .map(
            tutorial ->
                DynamicTest.dynamicTest(tutorial.name(), () -> runInJshell(jshell, jar, tutorial)));
  }

  private static void runInJshell(Path jshell, Path jar, Tutorial tutorial)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("jshell-" + tutorial.name(), ".txt");
    try {
      // Stdin at end of file: jshell exits after the script instead of prompting.
      ProcessBuilder builder =
          new ProcessBuilder(
                  jshell.toString(),
                  "-J-Dfile.encoding=UTF-8",
                  "-J-Dstdout.encoding=UTF-8",
                  "-R-Dfile.encoding=UTF-8",
                  "-R-Dstdout.encoding=UTF-8",
                  "--class-path",
                  jar.toString(),
                  tutorial.script().toString())
              .directory(ProjectFiles.catalog().root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().put("LANG", "C.UTF-8");
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail(
            tutorial.name()
                + " did not finish in jshell within "
                + TIMEOUT_MINUTES
                + " minutes:\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), printed);
      assertFalse(printed.contains("✗"), "a check failed:\n" + printed);
      assertFalse(
          printed.contains("|  Exception") || printed.contains("|  Error"),
          "the script broke:\n" + printed);
      assertFalse(printed.contains("|  Warning"), "jshell warned:\n" + printed);
      long ticks = printed.lines().filter(l -> l.startsWith("✓ ")).count();
      long checksInSource = checkCalls(tutorial);
      assertTrue(
          ticks >= checksInSource,
          "expected at least "
              + checksInSource
              + " ✓ lines (one per Check in "
              + tutorial.script()
              + "), saw "
              + ticks
              + ":\n"
              + printed);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** How many checks the tutorial's code calls (a check in a loop runs more often). */
  static long checkCalls(Tutorial tutorial) {
    List<Cell> code = tutorial.source().codeCells();
    long count = 0;
    for (Cell cell : code) {
      Matcher m = CHECK_CALL.matcher(cell.text());
      while (m.find()) {
        count++;
      }
    }
    return count;
  }
}
