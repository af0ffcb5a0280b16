package org.csdlab.lab.monitor;

/** Whether a {@link ThroughputMonitor} draws terminal progress bars. */
public enum ProgressBars {
  /**
   * Bars when the JVM has a console (a terminal) or the system property {@code csdlab.progress} is
   * {@code bar} (JShell's execution engine has no console, so the launcher sets it), and never
   * while a notebook shows live charts.
   */
  AUTO,
  /** Always draw bars on standard error. */
  ON,
  /** Never draw bars. */
  OFF;

  /**
   * The system property that turns bars on ({@code bar}) or off ({@code none}) under {@link #AUTO}.
   */
  public static final String PROPERTY = "csdlab.progress";

  boolean wanted(boolean liveDisplay) {
    return switch (this) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> {
        String setting = System.getProperty(PROPERTY, "");
        if (setting.equals("none") || liveDisplay) {
          yield false;
        }
        yield setting.equals("bar") || inTerminal();
      }
    };
  }

  /**
   * True when standard input and output are a terminal. From JDK 22 {@link System#console()} is
   * there even when they are redirected, and {@code Console.isTerminal()} tells the difference.
   */
  public static boolean inTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22 a console exists only on a terminal
    }
  }
}
