package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TutorialRunnerTest {

  private static TutorialRun run(String source) {
    return TutorialRunner.builder().build().run("test", TutorialSource.parse(source));
  }

  @Test
  void runsCellsInOneSessionAndCollectsChecksAndOutput() {
    TutorialRun run = run("""
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
    TutorialRun run = run("""
        //md # Stops
        import org.csdlab.lab.tutorial.*;
        int a = 1;
        //md text
        Check.that("a", a).is(2);
        Check.that("never reached", true).isTrue();
        """);
    assertFalse(run.passed());
    assertEquals(1, run.checks().size());
    CellError error = run.error().orElseThrow();
    assertEquals(CellError.Kind.CHECK, error.kind());
    assertEquals(4, error.cell());
    assertEquals(5, error.line());
    assertEquals("check failed: a: expected 2 but was 1", error.message());
  }

  @Test
  void compileErrorNamesTheLineInsideAMultiLineCell() {
    TutorialRun run = run("""
        //md # Broken
        int a = 1;
        int b = 2;

        int c = a + undefinedName;
        """);
    CellError error = run.error().orElseThrow();
    assertEquals(CellError.Kind.COMPILE, error.kind());
    assertEquals(2, error.cell());
    assertEquals(5, error.line());
    assertTrue(error.message().contains("undefinedName"), error.message());
    assertEquals("int c = a + undefinedName;", error.code());
  }

  @Test
  void exceptionNamesItsClassMessageAndTheLineThatThrew() {
    TutorialRun run = run("""
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
    CellError error = run.error().orElseThrow();
    assertEquals(CellError.Kind.EXCEPTION, error.kind());
    assertEquals(3, error.cell());
    assertEquals(4, error.line(), error.describe());
    assertEquals("IllegalStateException: x too big: 2", error.message());
  }

  @Test
  void aLineCompleteOnItsOwnEndsItsSnippetAsInJshell() {
    TutorialRun run = run("""
        //md # Continuation
        import org.csdlab.lab.tutorial.*;
        Check.that("one", 1)
            .is(1);
        """);
    CellError error = run.error().orElseThrow();
    assertEquals(CellError.Kind.COMPILE, error.kind());
    assertEquals(4, error.line(), error.describe());
    assertTrue(error.message().contains("illegal start of expression"), error.message());
  }

  @Test
  void snippetsSpanLinesWhileTheyAreIncomplete() {
    TutorialRun run = run("""
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
    CellError error = run.error().orElseThrow();
    assertEquals(CellError.Kind.COMPILE, error.kind());
    assertEquals(2, error.line());
  }

  @Test
  void transcriptShowsTextCodeAndExpressionValues() {
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    TutorialRun run = TutorialRunner.builder().transcript(new PrintStream(shown, true, StandardCharsets.UTF_8)).build()
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
    TutorialRun run = TutorialRunner.builder().timeout(Duration.ofMillis(300)).build()
        .run("t", TutorialSource.parse("//md # Spin\nlong n = 0;\nwhile (true) { n++; }\n"));
    CellError error = run.error().orElseThrow();
    assertEquals(CellError.Kind.TIMEOUT, error.kind(), error.describe());
  }
}
