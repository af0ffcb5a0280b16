package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.csdlab.lab.kernel.CellError;
import org.junit.jupiter.api.Test;

class TutorialRunnerTest {

  private static TutorialRun run(String source) {
    return TutorialRunner.builder().build().run("test", TutorialSource.parse(source));
  }

  @Test
  void runsCellsInOneSessionAndCollectsChecksAndOutput() {
    TutorialRun run =
        run(
            """
        //md # Sums
        import org.csdlab.lab.tutorial.*;
        int a = 40;
        //--
        System.out.println("a is " + a);
        Check.that("a + 2", a + 2).is(42);
        //md done
        Check.that("a is even", a % 2 == 0).isTrue();
        """);
    assertTrue(run.passed(), run.summary());
    assertEquals("Sums", run.title());
    assertEquals(2, run.checks().size());
    assertEquals("a is 40\n✓ a + 2 is 42\n✓ a is even: yes\n", run.output());
    assertTrue(run.summary().startsWith("✓ test: 2 checks passed"), run.summary());
  }

  @Test
  void failedCheckStopsTheRunAtItsLine() {
    TutorialRun run =
        run(
            """
        //md # Stops
        import org.csdlab.lab.tutorial.*;
        int a = 1;
        //md text
        Check.that("a", a).is(2);
        Check.that("never reached", true).isTrue();
        """);
    assertFalse(run.passed());
    assertEquals(1, run.checks().size());
    FailedCell error = run.error().orElseThrow();
    assertTrue(error.isCheck(), error.describe());
    assertEquals(CellError.Kind.EXCEPTION, error.kind());
    assertEquals(4, error.cell());
    assertEquals(5, error.line());
    assertEquals("check failed: a: expected 2 but was 1", error.reason());
    assertTrue(
        error.describe().contains("at line 5 of cell 4: Check.that(\"a\", a).is(2);"),
        error.describe());
  }

  @Test
  void compileErrorNamesTheLineInsideAMultiLineCell() {
    TutorialRun run =
        run(
            """
        //md # Broken
        int a = 1;
        int b = 2;

        int c = a + undefinedName;
        """);
    FailedCell error = run.error().orElseThrow();
    assertEquals(CellError.Kind.COMPILE, error.kind());
    assertEquals(2, error.cell());
    assertEquals(5, error.line());
    assertEquals("line 5, column 13: cannot find symbol", error.reason());
    assertTrue(
        error
            .describe()
            .contains(
                "Compilation error at line 5, column 13:\n      int c = a + undefinedName;\n"
                    + "                  ^^^^^^^^^^^^^\n    cannot find symbol\n      symbol:   variable undefinedName"),
        error.describe());
  }

  @Test
  void exceptionNamesItsClassMessageAndTheLineThatThrew() {
    TutorialRun run =
        run(
            """
        //md # Throws
        void boom(int x) {
          if (x > 1) {
            throw new IllegalStateException("x too big: " + x);
          }
        }
        //--
        boom(1);
        boom(2);
        """);
    FailedCell error = run.error().orElseThrow();
    assertEquals(CellError.Kind.EXCEPTION, error.kind());
    assertEquals(3, error.cell());
    assertEquals(4, error.line(), error.describe());
    assertEquals("java.lang.IllegalStateException: x too big: 2", error.reason());
    assertTrue(
        error
            .describe()
            .contains(
                "\n      in boom, at line 4 of cell 2: throw new IllegalStateException(\"x too big: \" + x);"
                    + "\n      at line 9 of cell 3: boom(2);"),
        error.describe());
  }

  @Test
  void aLineCompleteOnItsOwnEndsItsSnippetAsInJshell() {
    TutorialRun run =
        run(
            """
        //md # Continuation
        import org.csdlab.lab.tutorial.*;
        Check.that("one", 1)
            .is(1);
        """);
    FailedCell error = run.error().orElseThrow();
    assertEquals(CellError.Kind.COMPILE, error.kind());
    assertEquals(4, error.line(), error.describe());
    assertEquals(
        "line 4 starts a new statement when jshell reads the cell line by line", error.reason());
    assertTrue(
        error
            .describe()
            .contains(
                "jshell reads line 3 as a statement of its own, so it would reject line 4:"
                    + "\n          .is(1);"),
        error.describe());
    assertTrue(run.checks().isEmpty(), "the cell must not run: " + run.checks());
  }

  @Test
  void snippetsSpanLinesWhileTheyAreIncomplete() {
    TutorialRun run =
        run(
            """
        //md # Spans
        import org.csdlab.lab.tutorial.*;
        int total = java.util.stream.IntStream.of(1, 2,
            3).sum(); int twice = total * 2; Check.that("twice", twice).is(12);
        Check.that("total",
            total).is(6);
        """);
    assertTrue(run.passed(), run.summary());
    assertEquals(2, run.checks().size());
  }

  @Test
  void incompleteCodeIsACompileError() {
    TutorialRun run = run("int a = 1;\nvoid f() {\n  int b;\n");
    FailedCell error = run.error().orElseThrow();
    assertEquals(CellError.Kind.COMPILE, error.kind());
    assertEquals(2, error.line());
    assertEquals("the statement at line 2 is not finished", error.reason());
  }

  @Test
  void transcriptShowsTextCodeAndExpressionValues() {
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    TutorialRun run =
        TutorialRunner.builder()
            .transcript(new PrintStream(shown, true, StandardCharsets.UTF_8))
            .build()
            .run("t", TutorialSource.parse("//md # Title\nint a = 6;\n//--\na * 7\n"));
    assertTrue(run.passed(), run.summary());
    String text = shown.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("# Title"), text);
    assertTrue(text.contains("  │ a * 7\n42\n"), text);
    assertEquals(text, run.output());
  }

  @Test
  void systemOutIsRestoredAfterARun() {
    PrintStream before = System.out;
    run("System.out.println(1);");
    assertEquals(before, System.out);
  }

  @Test
  void aRunLongerThanTheTimeoutIsStopped() {
    TutorialRun run =
        TutorialRunner.builder()
            .timeout(Duration.ofMillis(300))
            .build()
            .run("t", TutorialSource.parse("//md # Spin\nlong n = 0; while (true) { n++; }\n"));
    FailedCell error = run.error().orElseThrow();
    assertEquals(CellError.Kind.INTERRUPTED, error.kind(), error.describe());
    // One line, so the report names it whether the time ran out while JShell compiled the
    // declaration or while the loop ran (on a loaded machine either can come first).
    assertTrue(
        error.reason().matches("stopped (at|before) line 2: the tutorial ran longer than 300 ms"),
        error.reason());
  }

  @Test
  void systemExitInACellStopsTheRunNotTheJvm() {
    TutorialRun run = run("//md # Exit\nint before = 1;\n//--\nSystem.exit(3);\n");
    FailedCell error = run.error().orElseThrow();
    assertEquals(3, error.cell());
    assertEquals(4, error.line());
    assertEquals(
        "org.csdlab.lab.kernel.ExitFromCell",
        ((org.csdlab.lab.kernel.UncaughtException) error.error()).exceptionClassName());
    assertTrue(error.reason().contains("System.exit(3) was called in cell code"), error.reason());
  }

  @Test
  void aTutorialStartsFromJshellsImportsNotTheNotebooks() {
    TutorialRun run = run("//md # Imports\nvar lab = Lab.create();\n");
    FailedCell error = run.error().orElseThrow();
    assertEquals(CellError.Kind.COMPILE, error.kind());
    assertEquals("line 2, column 11: cannot find symbol", error.reason());
    assertTrue(
        run("//md # Imports\nvar list = new ArrayList<String>();\n").passed(),
        "java.util.* as in jshell");
  }
}
