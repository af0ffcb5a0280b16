package org.csdlab.lab;

/**
 * Hears how far long operations of a lab got (host scans, kernels on the drive), e.g. to draw a
 * progress bar or a throughput chart. Attach one with {@link Lab#reportProgressTo}. Methods are
 * called on the thread doing the work, so they should return quickly; an exception thrown by a
 * listener is not the operation's concern and is dropped.
 */
public interface ProgressListener {

  /** No one listening. */
  ProgressListener NONE = new ProgressListener() {};

  /** {@code operation} starts and will process {@code totalBytes} (0 when not known in advance). */
  default void started(String operation, long totalBytes) {}

  /** {@code operation} processed {@code bytes} more bytes. */
  default void advanced(String operation, long bytes) {}

  /**
   * {@code operation} processed {@code bytes} more bytes, which took {@code modeledNanos} of
   * modeled device time; by default the same as {@link #advanced(String, long)}.
   */
  default void advanced(String operation, long bytes, long modeledNanos) {
    advanced(operation, bytes);
  }

  /** {@code operation} ended, normally or by an exception. */
  default void finished(String operation) {}
}
