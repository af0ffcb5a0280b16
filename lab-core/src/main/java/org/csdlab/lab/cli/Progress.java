package org.csdlab.lab.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with the current rate on a terminal, or nothing when output is not a terminal. */
interface Progress extends AutoCloseable {
  /** Adds {@code bytes} done. */
  void step(long bytes);

  @Override
  void close();

  /** A bar named {@code task} for {@code totalBytes}, shown only when {@code show} is true. */
  static Progress of(String task, long totalBytes, boolean show) {
    if (!show) {
      return new Progress() {
        @Override
        public void step(long bytes) {
        }

        @Override
        public void close() {
        }
      };
    }
    ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalBytes)
        .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1L << 20).showSpeed().setMaxRenderedLength(100)
        .setUpdateIntervalMillis(100).build();
    return new Progress() {
      @Override
      public void step(long bytes) {
        bar.stepBy(bytes);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
