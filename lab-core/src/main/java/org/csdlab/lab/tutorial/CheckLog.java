package org.csdlab.lab.tutorial;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the results of {@link Check}s go besides the printed line: the report of the tutorial run
 * under way. One log per JVM at a time, because a script's checks run on threads the runner does
 * not own (JShell's execution thread); {@link TutorialRunner} runs one tutorial at a time.
 */
public final class CheckLog {

  private static final Object LOCK = new Object();
  private static Consumer<CheckResult> current;

  private CheckLog() {}

  /** Records every check of {@code body} into {@code sink}; the previous log is restored after. */
  static <T> T recording(Consumer<CheckResult> sink, java.util.function.Supplier<T> body) {
    Objects.requireNonNull(sink, "sink");
    Consumer<CheckResult> previous;
    synchronized (LOCK) {
      previous = current;
      current = sink;
    }
    try {
      return body.get();
    } finally {
      synchronized (LOCK) {
        current = previous;
      }
    }
  }

  /** Collects the checks of {@code body} into a list (for tests and small runs). */
  static List<CheckResult> collect(Runnable body) {
    List<CheckResult> results = new ArrayList<>();
    recording(
        results::add,
        () -> {
          body.run();
          return null;
        });
    return results;
  }

  static void record(CheckResult result) {
    Consumer<CheckResult> sink;
    synchronized (LOCK) {
      sink = current;
    }
    if (sink != null) {
      sink.accept(result);
    }
  }
}
