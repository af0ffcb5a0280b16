package org.csdlab.lab.cli;

import java.util.function.LongSupplier;

/**
 * A short in-process measurement: an operation repeated for a warm-up time, then for a measurement
 * time. Not JMH (one JVM, no forks, no blackholes beyond checking results): a quick look, with the
 * JMH benchmarks in {@code tests/} under {@code -Pbench} for careful figures.
 */
final class QuickBench {
  /** What a measurement counted: runs, bytes, eBPF instructions and the time they took. */
  record Measurement(
      String name, String what, long runs, long bytes, long instructions, long nanos) {
    /** Million eBPF instructions per second, or NaN when the operation runs none. */
    double minsnPerSecond() {
      return instructions == 0 ? Double.NaN : instructions / (nanos / 1e9) / 1e6;
    }

    /** Megabytes (10⁶ bytes) per second. */
    double megabytesPerSecond() {
      return bytes / (nanos / 1e9) / 1e6;
    }
  }

  /**
   * One operation: returns the eBPF instructions it executed; {@code bytesPerRun} is what it moved.
   */
  record Operation(String name, String what, long bytesPerRun, LongSupplier run) {}

  private final long warmupNanos;
  private final long measureNanos;

  QuickBench(double warmupSeconds, double measureSeconds) {
    this.warmupNanos = (long) (warmupSeconds * 1e9);
    this.measureNanos = (long) (measureSeconds * 1e9);
  }

  /** Warms up, then measures {@code op}; at least one run each. */
  Measurement measure(Operation op) {
    long end = System.nanoTime() + warmupNanos;
    do {
      op.run().getAsLong();
    } while (System.nanoTime() < end);
    long runs = 0;
    long instructions = 0;
    long start = System.nanoTime();
    long now;
    do {
      instructions += op.run().getAsLong();
      runs++;
      now = System.nanoTime();
    } while (now - start < measureNanos);
    return new Measurement(
        op.name(), op.what(), runs, runs * op.bytesPerRun(), instructions, now - start);
  }
}
