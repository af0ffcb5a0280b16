package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The runs of one program on the interpreter and on the JIT, and every way they differ. A JVM
 * exception (anything but an {@link EbpfException}) thrown by either engine counts as a problem
 * too: the engines' contract is that none leaks.
 *
 * @param what the program and its inputs, for messages
 * @param interpreter the interpreter's run
 * @param jit the run of the VM built with {@link Engine#JIT}
 */
public record EngineComparison(Supplier<String> what, EngineRun interpreter, EngineRun jit) {
  /** Bytes shown around the first differing byte of a region. */
  private static final int BYTES_SHOWN = 16;

  /** Every difference between the two runs, and every JVM exception that leaked; empty if none. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!interpreter.outcome().equals(jit.outcome())) {
      problems.add("outcome: interpreter " + interpreter.outcome() + "; jit " + jit.outcome());
    }
    for (Map.Entry<String, byte[]> region : interpreter.memory().entrySet()) {
      byte[] mine = region.getValue();
      byte[] theirs = jit.memory().get(region.getKey());
      if (!Arrays.equals(mine, theirs)) {
        problems.add("region " + region.getKey() + ": " + firstDifference(mine, theirs));
      }
    }
    if (!interpreter.sideEffects().equals(jit.sideEffects())) {
      problems.add(
          "helper side effects: interpreter "
              + interpreter.sideEffects()
              + "; jit "
              + jit.sideEffects());
    }
    if (interpreter.interruptPending() != jit.interruptPending()) {
      problems.add(
          "interrupt left pending: interpreter "
              + interpreter.interruptPending()
              + ", jit "
              + jit.interruptPending());
    }
    leak("interpreter", interpreter, problems);
    leak("jit", jit, problems);
    return problems;
  }

  /** Fails with both runs described unless they agree in everything. */
  public void assertSame() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the engines differ on "
              + what.get()
              + "\n  "
              + String.join("\n  ", problems)
              + "\n  jit engine: "
              + jit.engine()
              + jit.interpretedBecause().map(r -> " (interpreted because " + r + ")").orElse(""),
          jit.error() != null ? jit.error() : interpreter.error());
    }
  }

  private static void leak(String engine, EngineRun run, List<String> problems) {
    if (run.error() != null && !(run.error() instanceof EbpfException)) {
      problems.add(engine + " leaked a JVM exception: " + run.error());
    }
  }

  private static String firstDifference(byte[] mine, byte[] theirs) {
    if (theirs == null || mine.length != theirs.length) {
      return "interpreter "
          + mine.length
          + " bytes, jit "
          + (theirs == null ? "none" : theirs.length + " bytes");
    }
    int at = Arrays.mismatch(mine, theirs);
    int from = Math.max(0, at - BYTES_SHOWN / 2);
    int to = Math.min(mine.length, from + BYTES_SHOWN);
    return "first difference at byte "
        + at
        + ": interpreter "
        + hex(mine, from, to)
        + ", jit "
        + hex(theirs, from, to)
        + " (bytes "
        + from
        + ".."
        + (to - 1)
        + ")";
  }

  private static String hex(byte[] bytes, int from, int to) {
    return java.util.HexFormat.of().formatHex(bytes, from, to);
  }

  @Override
  public String toString() {
    return "EngineComparison[" + what.get() + ": " + Objects.toString(interpreter.outcome()) + "]";
  }
}
