package org.csdlab.lab.tutorial;

/**
 * Thrown by a {@link Check} whose expectation does not hold, so that a notebook cell or a script
 * stops there with an error instead of going on with wrong numbers.
 */
public final class CheckFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient CheckResult result;

  CheckFailedException(CheckResult result) {
    super("check failed: " + result.line());
    this.result = result;
  }

  /** The failed check. */
  public CheckResult result() {
    return result;
  }
}
