package org.csdlab.ebpf.fuzz;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The oracle of one fuzz target: every input must end in a result or in one of the target's
 * documented exception types, with a non-empty message of at most {@value #MAX_MESSAGE_CHARS}
 * characters, within the try timeout. Anything else (another {@link Throwable}, an {@link Error}
 * such as {@link OutOfMemoryError} or {@link StackOverflowError}, a blank or unbounded message, a
 * hang) is a finding and fails the target; nothing excuses a finding.
 *
 * <p>Each try runs on a worker thread so that a hang is seen: after {@value #TIMEOUT_PROPERTY}
 * milliseconds (default {@value #DEFAULT_TIMEOUT_MILLIS}) the worker is interrupted and the try is
 * a finding.
 */
public final class FuzzOracle {
  /** The longest message a refusal may carry: messages that echo unbounded input are findings. */
  public static final int MAX_MESSAGE_CHARS = 2_000;

  /** System property: milliseconds one try may take before it counts as a hang. */
  public static final String TIMEOUT_PROPERTY = "csdlab.fuzz.tryTimeoutMillis";

  static final long DEFAULT_TIMEOUT_MILLIS = 20_000;

  /** Characters of an input shown in a finding. */
  private static final int MAX_INPUT_CHARS = 4_000;

  private static final int STACK_FRAMES_SHOWN = 8;

  private static ExecutorService worker = newWorker();

  private final String target;
  private final List<Class<? extends Throwable>> documented;

  private FuzzOracle(String target, List<Class<? extends Throwable>> documented) {
    this.target = target;
    this.documented = documented;
  }

  /** The oracle of {@code target} (its name in summaries), which documents these refusals. */
  @SafeVarargs
  public static FuzzOracle expecting(String target, Class<? extends Throwable>... documented) {
    return new FuzzOracle(target, List.of(documented));
  }

  /** The target's name. */
  public String target() {
    return target;
  }

  /**
   * Runs {@code body} on one input. Returns its result, or empty when it ended in a documented
   * refusal or a known defect; throws an {@link AssertionError} describing {@code input} for a
   * finding.
   */
  public <T> Optional<T> check(Supplier<String> input, Callable<T> body) {
    FuzzTally tally = FuzzCampaign.tally();
    Throwable thrown;
    try {
      T value = runWithTimeout(body);
      tally.result();
      return Optional.ofNullable(value);
    } catch (ExecutionException e) {
      thrown = e.getCause();
    } catch (TimeoutException e) {
      thrown = e;
    }
    String problem = problemWith(thrown);
    if (problem == null) {
      tally.refusal(thrown);
      return Optional.empty();
    }
    tally.finding(kindOf(thrown));
    AssertionError finding =
        new AssertionError(
            "fuzz finding in "
                + target
                + ": "
                + problem
                + "\n  input: "
                + cut(input.get())
                + "\n  stack: "
                + stackTop(thrown),
            thrown);
    throw finding;
  }

  /** Hex of {@code bytes}, for an input description. */
  public static String hex(byte[] bytes) {
    return bytes.length + " bytes: " + HexFormat.of().formatHex(bytes);
  }

  /** Why {@code thrown} is a finding, or null when it is a documented refusal. */
  private String problemWith(Throwable thrown) {
    if (thrown instanceof TimeoutException) {
      return "no answer within " + timeoutMillis() + " ms (a hang)";
    }
    if (documented.stream().noneMatch(type -> type.isInstance(thrown))) {
      return "undocumented " + thrown;
    }
    String message = thrown.getMessage();
    if (message == null || message.isBlank()) {
      return thrown.getClass().getName() + " with an empty message";
    }
    if (message.length() > MAX_MESSAGE_CHARS) {
      return thrown.getClass().getName()
          + " with a message of "
          + message.length()
          + " characters (at most "
          + MAX_MESSAGE_CHARS
          + "): "
          + message.substring(0, 300)
          + "...";
    }
    return null;
  }

  /** A short name of what went wrong and where, so that one defect found many times counts once. */
  static String kindOf(Throwable thrown) {
    if (thrown instanceof TimeoutException) {
      return "hang";
    }
    StackTraceElement top =
        Arrays.stream(thrown.getStackTrace())
            .filter(
                frame ->
                    frame.getClassName().startsWith("org.csdlab.")
                        && !frame.getClassName().contains(".fuzz."))
            .findFirst()
            .orElse(null);
    return thrown.getClass().getSimpleName()
        + (top == null
            ? ""
            : " at "
                + simpleName(top.getClassName())
                + "."
                + top.getMethodName()
                + ":"
                + top.getLineNumber());
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private static String stackTop(Throwable thrown) {
    StringBuilder text =
        new StringBuilder(
            thrown.toString().length() > 300
                ? thrown.toString().substring(0, 300) + "..."
                : thrown.toString());
    StackTraceElement[] frames = thrown.getStackTrace();
    for (int i = 0; i < Math.min(STACK_FRAMES_SHOWN, frames.length); i++) {
      text.append("\n    at ").append(frames[i]);
    }
    return text.toString();
  }

  private static String cut(String text) {
    return text.length() <= MAX_INPUT_CHARS
        ? text
        : text.substring(0, MAX_INPUT_CHARS) + "... (" + text.length() + " characters)";
  }

  private static <T> T runWithTimeout(Callable<T> body)
      throws ExecutionException, TimeoutException {
    Future<T> future = worker.submit(body);
    try {
      return future.get(timeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a fuzz try", e);
    } catch (TimeoutException e) {
      future.cancel(true);
      // a worker that ignores the interrupt is left behind; later tries get a fresh one
      worker.shutdownNow();
      worker = newWorker();
      throw e;
    }
  }

  private static long timeoutMillis() {
    return Long.getLong(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT_MILLIS);
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "fuzz-try");
          thread.setDaemon(true);
          return thread;
        });
  }
}
