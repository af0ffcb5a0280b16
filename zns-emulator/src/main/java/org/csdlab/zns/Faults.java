package org.csdlab.zns;

import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Fault injection: changes a failing drive makes on its own, which no host command can cause.
 */
public final class Faults {
  private final ZnsDevice device;
  private final ConcurrentSkipListSet<Long> unreadable = new ConcurrentSkipListSet<>();

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

  /** Reads that cover {@code lba} fail with Unrecovered Read Error until {@link #clearReadFailures()}. */
  public void failReads(long lba) {
    if (lba < 0 || lba >= device.geometry().totalBlocks()) {
      throw new IllegalArgumentException("lba " + lba + " is outside the device (lbas 0 to "
          + (device.geometry().totalBlocks() - 1) + ")");
    }
    unreadable.add(lba);
  }

  /** Every LBA reads normally again. */
  public void clearReadFailures() {
    unreadable.clear();
  }

  /** The first unreadable LBA in {@code [lba, lba + blocks)}, or -1 if there is none. */
  long firstUnreadable(long lba, long blocks) {
    Long hit = unreadable.ceiling(lba);
    return hit != null && hit < lba + blocks ? hit : -1;
  }

  @Override
  public String toString() {
    return "Faults[" + unreadable.size() + " unreadable lbas]";
  }
}
