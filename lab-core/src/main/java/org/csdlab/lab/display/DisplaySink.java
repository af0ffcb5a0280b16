package org.csdlab.lab.display;

/**
 * Where displays go while code runs: a notebook cell's output (the kernel's sink), or nowhere in a
 * terminal, where progress is shown by progress bars instead.
 */
public interface DisplaySink {

  /** Shows {@code value} and returns an id that {@link #update} can replace it by. */
  String show(Object value);

  /** Replaces what the display {@code displayId} shows by {@code value}. */
  void update(String displayId, Object value);

  /** True when updates are seen as they happen (a notebook), so live charts are worth drawing. */
  boolean live();
}
