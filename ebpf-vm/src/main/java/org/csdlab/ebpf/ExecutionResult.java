package org.csdlab.ebpf;

import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of a run that reached {@code exit}.
 *
 * @param r0 the value returned in r0
 * @param instructionsExecuted instructions executed (LDDW counts once)
 * @param wallNanos wall-clock time of the run in nanoseconds
 * @param trace the step-by-step trace, when tracing was on
 */
public record ExecutionResult(
    long r0, long instructionsExecuted, long wallNanos, Optional<Trace> trace) {

  /** As {@code r0 = 42 (0x2a) · 2 instructions · 0.010 ms}. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "r0 = %d (0x%x) · %d instruction%s · %.3f ms",
        r0,
        r0,
        instructionsExecuted,
        instructionsExecuted == 1 ? "" : "s",
        wallNanos / 1e6);
  }
}
