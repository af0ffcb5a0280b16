package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.csdlab.lab.kernel.CellError;
import org.csdlab.lab.kernel.CellEvaluator;
import org.csdlab.lab.kernel.CellResult;
import org.csdlab.lab.kernel.Prelude;
import org.csdlab.lab.kernel.UncaughtException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same cell behaves the same in a notebook (the kernel's evaluator) and in {@code tutorial
 * run/check}: the same value, the same error report line for line (only the cell's name differs:
 * {@code this cell} in a notebook, {@code cell 1} in a tutorial whose code starts at its first
 * line), and the same stop.
 */
class SameCellSameOutcomeTest {

  private static CellEvaluator kernel;

  @BeforeAll
  static void start() {
    kernel = new CellEvaluator(Prelude.jshellDefault());
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  private static TutorialRun tutorial(String cell, Duration timeout) {
    return TutorialRunner.builder()
        .timeout(timeout)
        .build()
        .run("same", TutorialSource.parse(cell));
  }

  /**
   * The kernel's report as a tutorial names the cell (and without the notebook-only %trace hint).
   */
  private static List<String> asInTutorial(CellError error) {
    return error.lines().stream()
        .filter(line -> !line.startsWith("(Put %trace"))
        .map(line -> line.replace(" of this cell:", " of cell 1:"))
        .toList();
  }

  private static CellError kernelError(String cell) {
    try {
      kernel.evaluate(cell, false);
    } catch (CellError error) {
      return error;
    }
    throw new AssertionError("the kernel ran without an error: " + cell);
  }

  @Test
  void aCellThatRunsGivesTheSameValue() {
    String cell =
        "int base = 40;\nString text = java.util.stream.IntStream.of(1,\n    2).mapToObj(i -> \"n\" + i)"
            + ".reduce(\"\", String::concat);\nSystem.out.println(text);\nbase + text.length()";
    CellResult result = kernel.evaluate(cell, false);
    assertEquals(44, result.value());
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    TutorialRun run =
        TutorialRunner.builder()
            .transcript(new PrintStream(shown, true, StandardCharsets.UTF_8))
            .build()
            .run("same", TutorialSource.parse(cell));
    assertTrue(run.passed(), run.summary());
    assertTrue(run.output().endsWith("\nn1n2\n44\n"), run.output());
  }

  @Test
  void aStatementGoingOnAfterACompleteLineRunsInTheNotebookAndIsRefusedForJshellInATutorial() {
    String cell = "String chained = \"a\"\n    .repeat(3);\nchained";
    assertEquals("aaa", kernel.evaluate(cell, false).value());
    FailedCell tutorial = tutorial(cell, Duration.ofMinutes(1)).error().orElseThrow();
    assertEquals(CellError.Kind.COMPILE, tutorial.kind());
    assertEquals(2, tutorial.line());
    assertEquals(
        "jshell reads line 1 as a statement of its own, so it would reject line 2:",
        tutorial.error().lines().get(0));
  }

  @Test
  void aCompileErrorIsReportedAlike() {
    String cell = "int fine = 1;\nint wrong = \"text\";\n";
    CellError notebook = kernelError(cell);
    FailedCell tutorial = tutorial(cell, Duration.ofMinutes(1)).error().orElseThrow();
    assertEquals(CellError.Kind.COMPILE, notebook.kind());
    assertEquals(notebook.kind(), tutorial.kind());
    assertEquals(2, tutorial.line());
    assertEquals(notebook.line(), tutorial.line());
    assertEquals(asInTutorial(notebook), tutorial.error().lines());
    assertEquals("Compilation error at line 2, column 13:", tutorial.error().lines().get(0));
  }

  @Test
  void anExceptionIsReportedAlike() {
    String cell = "int[] values = new int[2];\nint index = 5;\n\nvalues[index] = 1;\n";
    CellError notebook = kernelError(cell);
    FailedCell tutorial = tutorial(cell, Duration.ofMinutes(1)).error().orElseThrow();
    assertEquals(CellError.Kind.EXCEPTION, tutorial.kind());
    assertEquals(
        "java.lang.ArrayIndexOutOfBoundsException",
        ((UncaughtException) tutorial.error()).exceptionClassName());
    assertEquals(4, tutorial.line());
    assertEquals(notebook.line(), tutorial.line());
    assertEquals(asInTutorial(notebook), tutorial.error().lines());
    assertTrue(
        tutorial.error().lines().contains("  at line 4 of cell 1: values[index] = 1;"),
        tutorial.describe());
  }

  @Test
  void aFailedCheckIsAnExceptionOfTheSameReport() {
    String cell = "import org.csdlab.lab.tutorial.*;\nCheck.that(\"two\", 1 + 1).is(3);\n";
    CellError notebook = kernelError(cell);
    FailedCell tutorial = tutorial(cell, Duration.ofMinutes(1)).error().orElseThrow();
    assertTrue(tutorial.isCheck());
    assertEquals("check failed: two: expected 3 but was 2", tutorial.reason());
    assertEquals(asInTutorial(notebook), tutorial.error().lines());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anEndlessLoopIsStoppedAlike() throws Exception {
    String cell = "long spins = 0;\nwhile (true) {\n  spins++;\n}\n";
    CompletableFuture<CellError> running = CompletableFuture.supplyAsync(() -> kernelError(cell));
    while (!running.isDone()) {
      Thread.sleep(300);
      kernel.interrupt(); // the notebook's stop button; the tutorial's time limit calls the same
    }
    CellError notebook = running.get();
    FailedCell tutorial = tutorial(cell, Duration.ofMillis(500)).error().orElseThrow();
    assertEquals(CellError.Kind.INTERRUPTED, notebook.kind());
    assertEquals(notebook.kind(), tutorial.kind());
    assertEquals(notebook.lines(), tutorial.error().lines());
    assertEquals("stopped at line 2: the tutorial ran longer than 500 ms", tutorial.reason());
    assertFalse(kernel.evaluate("1 + 1", false).value() == null, "the next cell runs");
  }
}
