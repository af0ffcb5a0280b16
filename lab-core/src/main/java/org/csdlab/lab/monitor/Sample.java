package org.csdlab.lab.monitor;

/**
 * One point of a series: how many bytes were done after {@code wallNanos} of wall-clock time, and
 * after {@code modeledNanos} of modeled device time (or {@link #NO_MODELED_TIME} when the operation
 * has no device model, such as generating a dataset in memory).
 *
 * @param wallNanos wall-clock time since the series started
 * @param bytes bytes done since the series started
 * @param modeledNanos modeled device time since the series started, or {@link #NO_MODELED_TIME}
 */
public record Sample(long wallNanos, long bytes, long modeledNanos) {

  /** The modeled time of a sample of an operation that reports none. */
  public static final long NO_MODELED_TIME = -1;

  /** True when the sample carries modeled device time. */
  public boolean hasModeledTime() {
    return modeledNanos != NO_MODELED_TIME;
  }
}
