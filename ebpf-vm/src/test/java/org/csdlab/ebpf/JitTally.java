package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many programs of a differential test really ran compiled, and why the others did not. With
 * {@value #REQUIRE_JIT_PROPERTY} true (the default), {@link #record} fails for a built program that
 * the JIT did not compile, naming the reason.
 */
public final class JitTally {
  /** System property: {@code false} allows programs to fall back to the interpreter. */
  public static final String REQUIRE_JIT_PROPERTY = "diff.requireJit";

  private static final int EXAMPLES_KEPT = 5;

  private final String name;
  private long programs;
  private long compiled;
  private long notBuilt;
  private final Map<String, Long> fallbacks = new TreeMap<>();
  private final List<String> examples = new ArrayList<>();

  /** A tally named {@code name} in its summary. */
  public JitTally(String name) {
    this.name = name;
  }

  /** Whether a program that did not compile fails the test. */
  public static boolean requireJit() {
    return Boolean.parseBoolean(System.getProperty(REQUIRE_JIT_PROPERTY, "true"));
  }

  /**
   * Counts {@code comparison}'s JIT run; fails (when the JIT is required) if the program was built
   * but ran on the interpreter.
   */
  public synchronized void record(String program, EngineComparison comparison) {
    programs++;
    EngineRun jit = comparison.jit();
    if (!jit.built()) {
      notBuilt++;
      return;
    }
    if (jit.compiled()) {
      compiled++;
      return;
    }
    String reason = jit.interpretedBecause().orElse("no reason given");
    fallbacks.merge(reason, 1L, Long::sum);
    if (examples.size() < EXAMPLES_KEPT) {
      examples.add(program + ": " + reason);
    }
    if (requireJit()) {
      fail(
          name
              + ": "
              + program
              + " ran on the interpreter although the JIT was asked for: "
              + reason
              + " (-D"
              + REQUIRE_JIT_PROPERTY
              + "=false allows it)");
    }
  }

  /** Programs recorded. */
  public synchronized long programs() {
    return programs;
  }

  /** Programs the JIT really ran. */
  public synchronized long compiled() {
    return compiled;
  }

  /**
   * One line, e.g. {@code conformance: 412 of 500 programs ran compiled; 3 refused before either
   * engine ran; fallbacks: 85 tracing runs on the interpreter}.
   */
  public synchronized String summary() {
    StringBuilder text =
        new StringBuilder(name)
            .append(": ")
            .append(compiled)
            .append(" of ")
            .append(programs - notBuilt)
            .append(" programs ran compiled");
    if (notBuilt > 0) {
      text.append("; ").append(notBuilt).append(" refused by both engines' VM builders");
    }
    text.append("; fallbacks: ");
    if (fallbacks.isEmpty()) {
      text.append("none");
    }
    List<String> counted = new ArrayList<>();
    fallbacks.forEach((reason, count) -> counted.add(count + " × " + reason));
    text.append(String.join("; ", counted));
    if (!examples.isEmpty()) {
      text.append(" (e.g. ").append(examples.get(0)).append(')');
    }
    return text.toString();
  }
}
