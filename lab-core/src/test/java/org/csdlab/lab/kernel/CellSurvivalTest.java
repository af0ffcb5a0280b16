package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cells that try to end or exhaust the kernel: each ends in a report, and the next cell runs. */
class CellSurvivalTest {

  private static CellEvaluator evaluator;

  @BeforeAll
  static void start() {
    evaluator = CellEvaluator.create();
  }

  @AfterAll
  static void stop() {
    evaluator.close();
  }

  private static String report(UncaughtException error) {
    return String.join("\n", error.lines());
  }

  @Test
  void systemExitInACellIsRefusedAndTheNextCellRuns() {
    UncaughtException error =
        assertThrows(
            UncaughtException.class,
            () -> evaluator.evaluate("int before = 1;\nSystem.exit(0);\nint after = 2;"));
    assertEquals(ExitFromCell.class.getName(), error.exceptionClassName());
    String report = report(error);
    assertTrue(
        report.contains(
            "System.exit(0) was called in cell code; the kernel does not exit from cell code;"
                + " restart the kernel to start afresh"),
        report);
    assertTrue(report.contains("at line 2 of this cell: System.exit(0);"), report);
    assertEquals(1, evaluator.evaluate("before").value());
    assertEquals(2, evaluator.evaluate("1 + 1").value());
  }

  @Test
  void runtimeExitAndHaltAreRefused() {
    String exit =
        report(
            assertThrows(
                UncaughtException.class,
                () -> evaluator.evaluate("Runtime.getRuntime().exit(3);")));
    assertTrue(exit.contains("Runtime.exit(3) was called in cell code"), exit);
    String halt =
        report(
            assertThrows(
                UncaughtException.class,
                () -> evaluator.evaluate("Runtime r = Runtime.getRuntime();\nr.halt(7);")));
    assertTrue(halt.contains("Runtime.halt(7) was called in cell code"), halt);
  }

  @Test
  void exitInAMethodOrLambdaDeclaredInACellIsRefused() {
    evaluator.evaluate("void quit() { System.exit(1); }\nRunnable later = () -> quit();");
    String report =
        report(assertThrows(UncaughtException.class, () -> evaluator.evaluate("later.run();")));
    assertTrue(report.contains("System.exit(1) was called in cell code"), report);
  }

  @Test
  void exitThroughCellCatchOfExceptionIsNotSwallowed() {
    String report =
        report(
            assertThrows(
                UncaughtException.class,
                () ->
                    evaluator.evaluate(
                        "try { System.exit(4); } catch (Exception e) { System.out.println(\"caught\"); }")));
    assertTrue(report.contains("System.exit(4)"), report);
  }

  @Test
  void exitThroughReflectionAndMethodHandlesIsRefused() {
    String reflected =
        report(
            assertThrows(
                UncaughtException.class,
                () ->
                    evaluator.evaluate(
                        "System.class.getMethod(\"exit\", int.class).invoke(null, 0);")));
    assertTrue(
        reflected.contains("System.exit was reached through reflection in cell code"), reflected);
    String handle =
        report(
            assertThrows(
                UncaughtException.class,
                () ->
                    evaluator.evaluate(
                        "java.lang.invoke.MethodHandles.lookup().findVirtual(Runtime.class, \"halt\","
                            + " java.lang.invoke.MethodType.methodType(void.class, int.class))")));
    assertTrue(handle.contains("Runtime.halt was reached through reflection"), handle);
    // Other reflective calls still work, with the cell as the caller.
    assertEquals(
        "ABC",
        evaluator.evaluate("String.class.getMethod(\"toUpperCase\").invoke(\"abc\")").value());
    assertEquals(
        3,
        evaluator
            .evaluate(
                "(int) java.lang.invoke.MethodHandles.lookup().findStatic(Math.class, \"max\","
                    + " java.lang.invoke.MethodType.methodType(int.class, int.class, int.class)).invokeExact(2, 3)")
            .value());
  }

  @Test
  void outOfMemoryReportsTheHeapLimitAndClearsTheCellsVariables() {
    UncaughtException error =
        assertThrows(
            UncaughtException.class,
            () ->
                evaluator.evaluate(
                    "var hoard = new ArrayList<byte[]>();\nhoard.add(new byte[1024]);\nint count = 1;\n"
                        + "throw new OutOfMemoryError(\"Java heap space\");"));
    String report = report(error);
    assertTrue(report.contains("java.lang.OutOfMemoryError: Java heap space"), report);
    assertTrue(
        report.contains(
            "Out of memory: the kernel's heap limit is "
                + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB. The kernel is still running."),
        report);
    assertTrue(report.contains("./csdlab jupyter install --heap 4g"), report);
    assertTrue(
        report.contains("To free memory, this cell's variables hoard were set to null."), report);
    assertEquals(true, evaluator.evaluate("hoard == null").value());
    assertEquals(1, evaluator.evaluate("count").value());
  }

  /**
   * With the heap full, {@code Method.invoke} cannot allocate the exception that carries the cell's
   * OutOfMemoryError to JShell, and JShell drops it: the cell must still end in the report. The
   * lost error is simulated by a cell that records one and ends normally, as the snippet's handler
   * does before JShell loses it.
   */
  @Test
  void anOutOfMemoryErrorJShellLostStillEndsTheCellInTheReport() {
    UncaughtException error =
        assertThrows(
            UncaughtException.class,
            () ->
                evaluator.evaluate(
                    "long[] lost = new long[16];\n"
                        + "org.csdlab.lab.kernel.EscapedOutOfMemory.record("
                        + "new OutOfMemoryError(\"Java heap space\"));"));
    String report = report(error);
    assertTrue(report.contains("java.lang.OutOfMemoryError: Java heap space"), report);
    assertTrue(report.contains("The kernel is still running."), report);
    assertTrue(
        report.contains("To free memory, this cell's variables lost were set to null."), report);
    assertEquals(true, evaluator.evaluate("lost == null").value());
    assertEquals(2, evaluator.evaluate("1 + 1").value());
  }

  /** The snippet's handler hands an OutOfMemoryError to {@link EscapedOutOfMemory} as it leaves. */
  @Test
  void anOutOfMemoryErrorLeavingACellIsRecordedForTheEvaluator() {
    assertThrows(
        UncaughtException.class,
        () -> evaluator.evaluate("throw new OutOfMemoryError(\"recorded\");"));
    evaluator.evaluate("int[] probe = new int[1];");
    assertEquals(null, EscapedOutOfMemory.take(), "each snippet starts with nothing recorded");
  }

  @Test
  void aCellStoppedForLowMemorySaysHowFullTheHeapWasAndClearsItsVariables() throws Exception {
    CompletableFuture<Throwable> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                evaluator.evaluate(
                    "var pile = new ArrayList<Integer>();\n"
                        + "{ System.setProperty(\"csdlab.test.piling\", \"yes\"); while (true) { pile.add(1); if (pile.size() > 1000) pile.clear(); } }");
                return null;
              } catch (Throwable e) {
                return e;
              }
            });
    LowMemoryGuard.Reading reading =
        new LowMemoryGuard.Reading("G1 Old Gen", 300L << 20, 320L << 20);
    Throwable thrown = null;
    for (int attempt = 0;
        attempt < 600 && System.getProperty("csdlab.test.piling") == null;
        attempt++) {
      Thread.sleep(50); // until the loop runs
    }
    for (int attempt = 0; attempt < 600 && thrown == null; attempt++) {
      evaluator.stopForMemory(reading);
      try {
        thrown = outcome.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // Still running: the stop lands once the loop has started.
      }
    }
    CellOutOfMemory error = assertInstanceOf(CellOutOfMemory.class, thrown);
    String report = String.join("\n", error.lines());
    assertTrue(
        report.startsWith(
            "Stopped at line 2: the heap was 93% full after garbage collection (300 of 320 MiB in"
                + " G1 Old Gen), so the cell was about to run out of memory."),
        report);
    assertTrue(report.contains("Out of memory: the kernel's heap limit is "), report);
    assertTrue(
        report.contains("To free memory, this cell's variables pile were set to null."), report);
    assertEquals(300L << 20, error.usedBytes());
    assertEquals(true, evaluator.evaluate("pile == null").value());
  }

  @Test
  void stackOverflowFoldsTheRepeatedFrames() {
    evaluator.evaluate("int down(int n) { return down(n + 1) + 1; }");
    UncaughtException error =
        assertThrows(UncaughtException.class, () -> evaluator.evaluate("down(0)"));
    List<String> lines = error.lines();
    String report = report(error);
    assertTrue(report.startsWith("java.lang.StackOverflowError"), report);
    assertTrue(lines.size() < 10, report);
    assertTrue(
        report.matches(
            "(?s).*in down, declared in an earlier cell: int down\\(int n\\) \\{ return down\\(n \\+ 1\\) \\+ 1; }"
                + "\n  \\.\\.\\. the frame above repeated [0-9]+ more times.*"),
        report);
  }

  @Test
  void fullTraceOfStackOverflowIsFoldedToo() {
    evaluator.evaluate(
        "int ping(int n) { return pong(n) + 1; }\nint pong(int n) { return ping(n) + 1; }");
    UncaughtException error =
        assertThrows(UncaughtException.class, () -> evaluator.evaluate("ping(0)", true));
    String report = report(error);
    assertTrue(error.lines().size() < 12, report);
    assertTrue(report.contains("... the 2 frames above repeated "), report);
    assertTrue(report.length() < 2_000, report.length() + " characters");
  }

  @Test
  void aSpinningThreadLeftByACellIsListedAndStoppedByAnInterrupt() throws Exception {
    evaluator.evaluate(
        "Thread spinner = new Thread(() -> { while (true) {} }, \"spinner\");\nspinner.start();");
    Thread spinner = (Thread) evaluator.evaluate("spinner").value();
    assertTrue(spinner.isAlive());
    assertTrue(evaluator.cellThreads().contains(spinner), evaluator.cellThreads().toString());
    String listing = ThreadsMagic.list(evaluator.cellThreads());
    assertTrue(listing.contains("  spinner (RUNNABLE"), listing);
    evaluator.interrupt(); // no cell runs: the interrupt is for the threads cells left
    spinner.join(30_000);
    assertFalse(spinner.isAlive(), "the spinning thread still runs after the interrupt");
    assertFalse(evaluator.cellThreads().contains(spinner));
    assertEquals(2, evaluator.evaluate("1 + 1").value());
  }

  @Test
  void threadsStopStopsSpinningAndSleepingThreads() {
    evaluator.evaluate(
        "Thread spin2 = new Thread(() -> { long n = 0; while (true) { n++; } }, \"spin2\");\n"
            + "Thread nap = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) {} }, \"nap\");\n"
            + "spin2.start();\nnap.start();");
    CellThreads.Outcome outcome = evaluator.stopCellThreads();
    String text = ThreadsMagic.stopped(outcome);
    assertTrue(outcome.stillRunning().isEmpty(), text);
    assertTrue(text.startsWith("Stopped 2 threads: "), text);
    assertTrue(text.contains("spin2") && text.contains("nap"), text);
    assertEquals(
        "No threads started by cells are running.", ThreadsMagic.list(evaluator.cellThreads()));
  }

  @Test
  void threadsMagicIsTheWholeCell() {
    assertEquals(
        java.util.Optional.of(ThreadsMagic.Action.LIST), ThreadsMagic.parse(" %threads \n"));
    assertEquals(
        java.util.Optional.of(ThreadsMagic.Action.STOP), ThreadsMagic.parse("%threads stop"));
    assertEquals(java.util.Optional.empty(), ThreadsMagic.parse("int threads = 1;"));
    MagicUsageError error =
        assertThrows(MagicUsageError.class, () -> ThreadsMagic.parse("%threads kill"));
    assertEquals(
        "%threads takes nothing or 'stop', not 'kill': %threads lists the threads cells started,"
            + " %threads stop stops them",
        error.getMessage());
  }

  @Test
  void cellsStillRunAfterAllOfThis() {
    assertFalse(evaluator.evaluate("int z = 5;").hasValue());
    assertEquals(6, evaluator.evaluate("z + 1").value());
  }
}
