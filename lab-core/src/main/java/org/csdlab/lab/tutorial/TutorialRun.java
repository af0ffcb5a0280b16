package org.csdlab.lab.tutorial;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What running one tutorial produced.
 *
 * @param name the tutorial's directory name, e.g. {@code 01-hello-ebpf}
 * @param title its title
 * @param checks every check that ran, in order
 * @param error why the run stopped early, if it did
 * @param output everything the code printed (checks included)
 * @param elapsedNanos wall-clock time of the run
 */
public record TutorialRun(
    String name,
    String title,
    List<CheckResult> checks,
    Optional<FailedCell> error,
    String output,
    long elapsedNanos) {

  public TutorialRun {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    checks = List.copyOf(checks);
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(output, "output");
  }

  /** True when every cell ran and every check held. */
  public boolean passed() {
    return error.isEmpty() && checks.stream().allMatch(CheckResult::passed);
  }

  /** The checks that did not hold. */
  public List<CheckResult> failedChecks() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** One line: {@code ✓ 01-hello-ebpf: 9 checks passed (1.2 s)} or the first problem. */
  public String summary() {
    String time = String.format(" (%.1f s)", elapsedNanos / 1e9);
    if (passed()) {
      return "✓ "
          + name
          + ": "
          + checks.size()
          + (checks.size() == 1 ? " check" : " checks")
          + " passed"
          + time;
    }
    long passedChecks = checks.stream().filter(CheckResult::passed).count();
    StringBuilder s =
        new StringBuilder(
            "✗ " + name + ": " + passedChecks + " of " + checks.size() + " checks passed" + time);
    failedChecks().forEach(c -> s.append("\n  ").append(c.printed()));
    error.ifPresent(e -> s.append("\n  stopped at ").append(e.describe().replace("\n", "\n  ")));
    return s.toString();
  }
}
