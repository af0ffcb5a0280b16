package org.csdlab.zns;

/**
 * Fault injection: changes a failing drive makes on its own, which no host command can cause.
 */
public final class Faults {
  private final ZnsDevice device;

  Faults(ZnsDevice device) {
    this.device = device;
  }

  /** The zone becomes Read Only, giving back any open or active resource it held. */
  public void markReadOnly(int zoneId) {
    device.inject(zoneId, ZoneState.READ_ONLY);
  }

  /** The zone becomes Offline, giving back any open or active resource it held. */
  public void markOffline(int zoneId) {
    device.inject(zoneId, ZoneState.OFFLINE);
  }

  @Override
  public String toString() {
    return "Faults[" + device.geometry().zoneCount() + " zones]";
  }
}
