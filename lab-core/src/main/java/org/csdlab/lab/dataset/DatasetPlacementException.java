package org.csdlab.lab.dataset;

/**
 * A dataset that does not fit where it was to be written: its first zone does not exist, or the
 * zones it needs run past the device's last zone. Raised before anything is written.
 */
public final class DatasetPlacementException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int firstZone;
  private final int zonesNeeded;
  private final int deviceZones;

  DatasetPlacementException(int firstZone, int zonesNeeded, int deviceZones, String message) {
    super(message);
    this.firstZone = firstZone;
    this.zonesNeeded = zonesNeeded;
    this.deviceZones = deviceZones;
  }

  /** The zone the dataset was to start at. */
  public int firstZone() {
    return firstZone;
  }

  /** The zones the dataset fills. */
  public int zonesNeeded() {
    return zonesNeeded;
  }

  /** The zones of the device. */
  public int deviceZones() {
    return deviceZones;
  }

  /** True when the dataset needs more zones than the whole device has, wherever it starts. */
  public boolean largerThanDevice() {
    return zonesNeeded > deviceZones;
  }
}
