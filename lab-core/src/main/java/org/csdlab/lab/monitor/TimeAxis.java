package org.csdlab.lab.monitor;

/** Which clock a throughput chart's x axis follows. */
public enum TimeAxis {
  /** Real elapsed time on this machine. */
  WALL_CLOCK("wall-clock time (s)"),
  /** The device's deterministic modeled time (the timing profile's view of the drive). */
  MODELED("modeled device time (s)");

  private final String title;

  TimeAxis(String title) {
    this.title = title;
  }

  /** The axis title charts use. */
  public String title() {
    return title;
  }
}
