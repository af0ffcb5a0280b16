package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.csdlab.lab.display.MimeBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CellEvaluatorTest {

  private static CellEvaluator evaluator;

  @BeforeAll
  static void start() {
    evaluator = CellEvaluator.create();
  }

  @AfterAll
  static void stop() {
    evaluator.close();
  }

  @Test
  void lastExpressionIsTheRealObject() {
    CellResult result =
        evaluator.evaluate("var list = new ArrayList<String>();\nlist.add(\"a\");\nlist");
    assertTrue(result.hasValue());
    assertInstanceOf(ArrayList.class, result.value());
    assertEquals(List.of("a"), result.value());
    CellResult again = evaluator.evaluate("list");
    assertSame(result.value(), again.value());
  }

  @Test
  void expressionValuesAreBoxedPrimitivesAndNullsAreValues() {
    assertEquals(42, evaluator.evaluate("6 * 7").value());
    CellResult nothing = evaluator.evaluate("String empty = null;\nempty");
    assertTrue(nothing.hasValue());
    assertEquals(null, nothing.value());
  }

  @Test
  void aBareExpressionLineEndsWhereTheReaderSeesItEnd() {
    CellResult result =
        evaluator.evaluate(
            "int first = 1;\nMath.abs(-first)      // shown in JShell\n\n"
                + "var text = \"ab\"\n    .repeat(2);\ntext.length() + first");
    assertEquals(5, result.value());
  }

  @Test
  void declarationsAndStatementsHaveNoValue() {
    assertFalse(evaluator.evaluate("int declared = 5;").hasValue());
    assertFalse(evaluator.evaluate("if (declared > 1) { declared++; }").hasValue());
    assertEquals(6, evaluator.evaluate("declared").value());
  }

  @Test
  void labDisplayPackageIsImported() {
    assertTrue(evaluator.importedPackages().contains("org.csdlab.lab.display"));
    assertTrue(evaluator.importedPackages().contains("org.csdlab.ebpf"));
    Object bundle = evaluator.evaluate("MimeBundle.text(\"hi\")").value();
    assertEquals(MimeBundle.text("hi"), bundle);
  }

  @Test
  void codeRunsInThisJvmAndPrintsToItsSystemOut() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      evaluator.evaluate("System.out.println(\"hello from the cell\");");
    } finally {
      System.setOut(original);
    }
    assertEquals(
        "hello from the cell" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void classesReferringToEachOtherInOneCellWork() {
    CellResult result =
        evaluator.evaluate(
            "class Node { Edge out; String name = \"n\"; }\n"
                + "class Edge { Node to; }\n"
                + "var node = new Node();\n"
                + "node.out = new Edge();\n"
                + "node.out.to = node;\n"
                + "node.out.to.name");
    assertEquals("n", result.value());
    assertTrue(result.notes().isEmpty(), result.notes().toString());
  }

  @Test
  void compilationErrorNamesTheCellLineAndColumn() {
    CompilationError error =
        assertThrows(
            CompilationError.class,
            () -> evaluator.evaluate("int fine = 1;\nint broken = \"text\";\nint never = 3;"));
    assertEquals(2, error.line());
    assertEquals(14, error.column());
    assertEquals("Compilation error at line 2, column 14:", error.lines().get(0));
    assertEquals("  int broken = \"text\";", error.lines().get(1));
    assertEquals("               ^^^^^^", error.lines().get(2));
    assertTrue(error.lines().get(3).contains("incompatible types"), error.lines().toString());
    // The snippet before the error ran, the one after did not.
    assertEquals(1, evaluator.evaluate("fine").value());
    assertThrows(CompilationError.class, () -> evaluator.evaluate("never"));
  }

  @Test
  void exceptionReportShowsTheCellLinesItPassedThrough() {
    evaluator.evaluate("int divide(int x) {\n  return 10 / x;\n}");
    UncaughtException error =
        assertThrows(
            UncaughtException.class, () -> evaluator.evaluate("int a = 1;\nint b = divide(0);"));
    assertEquals("java.lang.ArithmeticException", error.exceptionClassName());
    assertEquals("java.lang.ArithmeticException: / by zero", error.lines().get(0));
    assertEquals("  in divide, declared in an earlier cell: return 10 / x;", error.lines().get(1));
    assertEquals("  at line 2 of this cell: int b = divide(0);", error.lines().get(2));
    assertTrue(error.lines().get(error.lines().size() - 1).contains("%trace"));
  }

  @Test
  void fullTraceListsLibraryFrames() {
    UncaughtException error =
        assertThrows(UncaughtException.class, () -> evaluator.evaluate("List.of(1).get(5)", true));
    assertTrue(
        error.lines().stream().anyMatch(l -> l.contains("at java.base/")),
        error.lines().toString());
    assertTrue(
        error.lines().stream()
            .anyMatch(l -> l.equals("  at line 1 of this cell: List.of(1).get(5)")),
        error.lines().toString());
  }

  @Test
  void unfinishedCellIsReportedNotRun() {
    CompilationError error =
        assertThrows(
            CompilationError.class, () -> evaluator.evaluate("for (int i = 0; i < 3; i++) {"));
    assertTrue(
        error
            .lines()
            .get(0)
            .startsWith("The cell ends in the middle of the statement that starts at line 1"));
  }

  @Test
  void completesMembersOfAVariable() {
    evaluator.evaluate("String greeting = \"hello\";");
    String cell = "int x = 1;\ngreeting.toUpp";
    Completion completion = evaluator.complete(cell, cell.length());
    assertTrue(
        completion.candidates().contains("toUpperCase("), completion.candidates().toString());
    assertEquals(cell.indexOf("toUpp"), completion.start());
    assertEquals(cell.length(), completion.end());
  }

  @Test
  void inspectsAMethod() {
    String cell = "\"abc\".substring(";
    String doc = evaluator.inspect(cell, cell.length()).orElseThrow();
    assertTrue(doc.contains("substring(int"), doc);
  }

  @Test
  void isCompleteTellsFinishedFromUnfinished() {
    assertEquals(CellCompleteness.COMPLETE, evaluator.isComplete("int x = 1;\nx + 1"));
    assertEquals(
        CellCompleteness.INCOMPLETE, evaluator.isComplete("for (int i = 0; i < 3; i++) {"));
    assertEquals(CellCompleteness.INCOMPLETE, evaluator.isComplete("int y = 1 +"));
    assertEquals(CellCompleteness.INVALID, evaluator.isComplete("}"));
    assertEquals(CellCompleteness.COMPLETE, evaluator.isComplete(""));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void interruptStopsAnInfiniteLoopAndTheNextCellRuns() throws Exception {
    CompletableFuture<CellError> failure =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                evaluator.evaluate(
                    "int spins = 0;\n\nwhile (true) { if (spins++ == 0) System.setProperty(\"csdlab.test.spinning\", \"yes\"); }");
                return null;
              } catch (CellError e) {
                return e;
              }
            });
    while (System.getProperty("csdlab.test.spinning") == null && !failure.isDone()) {
      Thread.sleep(20);
    }
    evaluator.interrupt();
    CellError error = failure.get();
    assertInstanceOf(CellInterrupted.class, error);
    assertTrue(error.lines().get(0).startsWith("Interrupted at line 3"), error.lines().toString());
    assertEquals(3, evaluator.evaluate("1 + 2").value());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void interruptStopsASleep() throws Exception {
    CompletableFuture<CellError> failure =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                evaluator.evaluate(
                    "System.setProperty(\"csdlab.test.sleeping\", \"yes\");\nThread.sleep(600_000);");
                return null;
              } catch (CellError e) {
                return e;
              }
            });
    while (System.getProperty("csdlab.test.sleeping") == null && !failure.isDone()) {
      Thread.sleep(20);
    }
    evaluator.interrupt();
    assertInstanceOf(CellInterrupted.class, failure.get());
    assertEquals("ok", evaluator.evaluate("\"ok\"").value());
  }

  @Test
  void interruptWithNothingRunningDoesNotAffectTheNextCell() {
    evaluator.interrupt();
    assertEquals(5, evaluator.evaluate("2 + 3").value());
  }
}
