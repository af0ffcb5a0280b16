package org.csdlab.lab.monitor;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar in MiB with the current rate, on standard error (binary units, as every size in
 * the lab).
 */
final class TerminalBar {
  private static final long MIB = 1 << 20;

  private final ProgressBar bar;

  /** A bar, or null when this terminal cannot draw one: bars must never stop the work they show. */
  static TerminalBar open(String name, long totalBytes) {
    try {
      return new TerminalBar(name, totalBytes);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private TerminalBar(String name, long totalBytes) {
    this.bar =
        new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(totalBytes > 0 ? totalBytes : -1)
            .setUnit(" MiB", MIB)
            .showSpeed()
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
            .build();
  }

  void stepTo(long bytes) {
    bar.stepTo(bytes);
  }

  void close() {
    bar.close();
  }
}
