package org.csdlab.lab.tutorial;

import java.io.PrintStream;
import java.util.Objects;

/**
 * A statement a tutorial makes about what the reader sees, checked where it is made:
 *
 * <pre>{@code
 * Check.that("r0 of the hello program", result.r0()).is(42);
 * Check.that("modeled scan time in ms", ms).isCloseTo(655.4, 0.1);
 * Check.that("the verifier refused it", refused).isTrue();
 * var e = Check.raises("a write off the write pointer", ZnsException.class, () -> dev.write(5, block));
 * }</pre>
 *
 * <p>Checks return nothing, so that a notebook cell ending with one shows no stray value. Each
 * check prints one line, {@code ✓ r0 of the hello program is 42} or {@code ✗ r0 of the hello
 * program: expected 42 but was 41}, records itself into the run's report ({@link CheckLog}), and a
 * failed check throws {@link CheckFailedException} so that a notebook cell or a script stops there.
 *
 * @param <T> the type of the checked value
 */
public final class Check<T> {

  /** Code that may throw anything, for {@link #raises}. */
  @FunctionalInterface
  public interface Code {
    void run() throws Exception;
  }

  private final String description;
  private final T actual;

  private Check(String description, T actual) {
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException(
          "a check needs a description of what it checks, e.g. \"r0 of the hello program\"");
    }
    this.description = description.strip();
    this.actual = actual;
  }

  /** Starts a check of {@code actual}, described in the reader's words. */
  public static <T> Check<T> that(String description, T actual) {
    return new Check<>(description, actual);
  }

  /**
   * Checks that {@code code} throws an exception of type {@code expected} and returns it, so the
   * tutorial can show its message. Fails when it throws nothing or something else.
   */
  public static <E extends Throwable> E raises(String description, Class<E> expected, Code code) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(code, "code");
    Check<String> check = new Check<>(description, null);
    Throwable thrown = null;
    try {
      code.run();
    } catch (Throwable t) {
      thrown = t;
    }
    if (expected.isInstance(thrown)) {
      check.pass("raises " + expected.getSimpleName() + ": " + thrown.getMessage());
      return expected.cast(thrown);
    }
    check.fail(
        "expected "
            + expected.getSimpleName()
            + " but "
            + (thrown == null ? "nothing was thrown" : "got " + thrown));
    throw new AssertionError("unreachable");
  }

  /**
   * Checks that the value equals {@code expected}. Numbers compare by value whatever their boxed
   * type ({@code 42} equals {@code 42L}); integral numbers exactly, others as doubles.
   */
  public void is(Object expected) {
    verify(
        same(actual, expected),
        "is " + show(expected),
        "expected " + show(expected) + " but was " + show(actual));
  }

  /** Checks that the value does not equal {@code unexpected}. */
  public void isNot(Object unexpected) {
    verify(
        !same(actual, unexpected),
        "is not " + show(unexpected) + " (was " + show(actual) + ")",
        "expected anything but " + show(unexpected));
  }

  /** Checks that a number is within {@code tolerance} of {@code expected}. */
  public void isCloseTo(double expected, double tolerance) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be zero or positive, was " + tolerance);
    }
    double value = number("isCloseTo");
    String range = show(expected) + " ± " + show(tolerance);
    verify(
        Math.abs(value - expected) <= tolerance,
        "is " + range + " (was " + show(actual) + ")",
        "expected " + range + " but was " + show(actual));
  }

  /** Checks that a number is strictly greater than {@code bound}. */
  public void isGreaterThan(double bound) {
    double value = number("isGreaterThan");
    verify(
        value > bound,
        "is greater than " + show(bound) + " (was " + show(actual) + ")",
        "expected more than " + show(bound) + " but was " + show(actual));
  }

  /** Checks that a number is strictly less than {@code bound}. */
  public void isLessThan(double bound) {
    double value = number("isLessThan");
    verify(
        value < bound,
        "is less than " + show(bound) + " (was " + show(actual) + ")",
        "expected less than " + show(bound) + " but was " + show(actual));
  }

  /** Checks that a number lies in {@code [low, high]}. */
  public void isBetween(double low, double high) {
    if (low > high) {
      throw new IllegalArgumentException(
          "isBetween(" + low + ", " + high + "): low must not exceed high");
    }
    double value = number("isBetween");
    String range = "between " + show(low) + " and " + show(high);
    verify(
        value >= low && value <= high,
        "is " + range + " (was " + show(actual) + ")",
        "expected a value " + range + " but was " + show(actual));
  }

  /** Checks that a boolean is true. */
  public void isTrue() {
    verify(Boolean.TRUE.equals(actual), ": yes", "expected yes (true) but was " + show(actual));
  }

  /** Checks that a boolean is false. */
  public void isFalse() {
    verify(Boolean.FALSE.equals(actual), ": no", "expected no (false) but was " + show(actual));
  }

  /** Checks that the value's text contains {@code part}. */
  public void contains(String part) {
    Objects.requireNonNull(part, "part");
    verify(
        actual != null && String.valueOf(actual).contains(part),
        "mentions \"" + part + "\"",
        "expected text containing \"" + part + "\" but was " + show(actual));
  }

  /** Checks that the value is not null. */
  public void isNotNull() {
    verify(actual != null, "is present", "expected a value but was null");
  }

  private void verify(boolean holds, String passLine, String failLine) {
    if (holds) {
      pass(passLine);
    } else {
      fail(failLine);
    }
  }

  private void pass(String what) {
    CheckResult result =
        new CheckResult(description, true, description + (what.startsWith(":") ? "" : " ") + what);
    out().println(result.printed());
    CheckLog.record(result);
  }

  private void fail(String why) {
    CheckResult result = new CheckResult(description, false, description + ": " + why);
    out().println(result.printed());
    CheckLog.record(result);
    throw new CheckFailedException(result);
  }

  // Read at each call: a runner may redirect System.out for the run.
  private static PrintStream out() {
    return System.out;
  }

  private double number(String method) {
    if (actual instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(
        "Check.that(\""
            + description
            + "\", ...)."
            + method
            + " needs a number, but the value is "
            + show(actual)
            + (actual == null ? "" : " (" + actual.getClass().getSimpleName() + ")"));
  }

  private static boolean same(Object actual, Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      if (integral(a) && integral(e)) {
        return a.longValue() == e.longValue();
      }
      return Double.compare(a.doubleValue(), e.doubleValue()) == 0;
    }
    if (actual instanceof Character c && expected instanceof String s) {
      return s.equals(String.valueOf(c));
    }
    return Objects.equals(actual, expected);
  }

  private static boolean integral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  static String show(Object value) {
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return Double.toString(d);
    }
    return String.valueOf(value);
  }
}
