package org.csdlab.ebpf.fuzz;

import java.util.Map;
import java.util.TreeMap;

/** What one fuzz target has seen so far: inputs, results, refusals by type and findings. */
final class FuzzTally {
  private final String target;
  private final long startNanos = System.nanoTime();
  private long inputs;
  private long results;
  private final Map<String, Long> refusals = new TreeMap<>();
  private final Map<String, Long> findings = new TreeMap<>();

  FuzzTally(String target) {
    this.target = target;
  }

  synchronized void result() {
    inputs++;
    results++;
  }

  synchronized void refusal(Throwable refusal) {
    inputs++;
    refusals.merge(refusal.getClass().getSimpleName(), 1L, Long::sum);
  }

  synchronized void finding(String kind) {
    inputs++;
    findings.merge(kind, 1L, Long::sum);
  }

  /**
   * One line, for example {@code fuzz ProgramDecodingFuzz.randomBytes: 2000 inputs in 0.4 s (seed
   * 20261206, SUCCESSFUL); 12 results; refused: 1988 ProgramFormatException; findings: none}.
   * Shrinking a failure adds to the inputs.
   */
  synchronized String summary(String seed, String status) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return String.format(
        "fuzz %s: %d inputs in %.1f s (seed %s, %s); %d results; refused: %s; findings: %s",
        target, inputs, seconds, seed, status, results, describe(refusals), describe(findings));
  }

  private static String describe(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    counts.forEach(
        (name, count) ->
            text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(name));
    return text.toString();
  }
}
