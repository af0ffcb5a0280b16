package org.csdlab.lab.kernel;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@value #MAGIC} cell: {@code %threads} lists the threads cells started that still run, and
 * {@code %threads stop} stops them (as the notebook's interrupt button also does). The whole cell
 * is the magic, so it never mixes with Java code.
 */
final class ThreadsMagic {

  static final String MAGIC = "%threads";

  /** What the cell asks for. */
  enum Action {
    LIST,
    STOP
  }

  private ThreadsMagic() {}

  /**
   * The action when the cell is the magic alone ({@code %threads} or {@code %threads stop}).
   *
   * @throws MagicUsageError for {@code %threads} followed by anything else
   */
  static Optional<Action> parse(String code) {
    String cell = code.strip();
    if (!cell.equals(MAGIC) && !cell.startsWith(MAGIC + " ") && !cell.startsWith(MAGIC + "\t")) {
      return Optional.empty();
    }
    String argument = cell.substring(MAGIC.length()).strip().toLowerCase(Locale.ROOT);
    if (argument.isEmpty()) {
      return Optional.of(Action.LIST);
    }
    if (argument.equals("stop")) {
      return Optional.of(Action.STOP);
    }
    throw new MagicUsageError(
        "%threads takes nothing or 'stop', not '"
            + argument
            + "':"
            + " %threads lists the threads cells started, %threads stop stops them");
  }

  /** The text {@code %threads} shows for {@code threads}. */
  static String list(List<Thread> threads) {
    if (threads.isEmpty()) {
      return "No threads started by cells are running.";
    }
    return count(threads.size())
        + " started by cells "
        + (threads.size() == 1 ? "is" : "are")
        + " running:\n"
        + threads.stream().map(ThreadsMagic::describe).collect(Collectors.joining("\n"))
        + "\nStop them with %threads stop (the notebook's interrupt button stops them too).";
  }

  /** The text {@code %threads stop} shows for what happened. */
  static String stopped(CellThreads.Outcome outcome) {
    if (outcome.stopped().isEmpty() && outcome.stillRunning().isEmpty()) {
      return "No threads started by cells are running.";
    }
    StringBuilder text = new StringBuilder();
    if (!outcome.stopped().isEmpty()) {
      text.append("Stopped ")
          .append(count(outcome.stopped().size()))
          .append(": ")
          .append(names(outcome.stopped()))
          .append('.');
    }
    if (!outcome.stillRunning().isEmpty()) {
      text.append(text.length() == 0 ? "" : "\n")
          .append(count(outcome.stillRunning().size()))
          .append(
              " still running, in code that does not check for stops (blocking I/O, native code, a loop in a"
                  + " library, or a JDK from 20 to 23 where threads cannot be stopped); restart the kernel to end ")
          .append(outcome.stillRunning().size() == 1 ? "it" : "them")
          .append(":\n")
          .append(
              outcome.stillRunning().stream()
                  .map(ThreadsMagic::describe)
                  .collect(Collectors.joining("\n")));
    }
    return text.toString();
  }

  private static String describe(Thread thread) {
    StackTraceElement[] stack = thread.getStackTrace();
    String where = stack.length == 0 ? "" : ", at " + stack[0];
    return "  "
        + thread.getName()
        + " ("
        + thread.getState()
        + (thread.isDaemon() ? ", daemon" : "")
        + where
        + ")";
  }

  private static String names(List<Thread> threads) {
    return threads.stream().map(Thread::getName).collect(Collectors.joining(", "));
  }

  private static String count(int threads) {
    return threads + (threads == 1 ? " thread" : " threads");
  }
}
