package org.csdlab.lab.cli;

import java.io.Console;

/**
 * Whether csdlab runs in a terminal, where progress bars and line editing make sense. The same
 * test as the lab monitor's {@code ProgressBars.AUTO}, which is not public.
 */
final class Terminal {
  private Terminal() {
  }

  /**
   * True when the JVM has a console attached to a terminal. From JDK 22 on, {@link System#console()}
   * returns a console even when the streams are redirected; {@code Console.isTerminal()} (JDK 22)
   * then tells, found by reflection since csdlab compiles for JDK 17.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17 to 21: a console is a terminal
    }
  }
}
