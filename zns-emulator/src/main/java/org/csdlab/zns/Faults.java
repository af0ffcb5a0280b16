package org.csdlab.zns;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/** Fault injection: changes a failing drive makes on its own, which no host command can cause. */
public final class Faults {
  private final ZnsDevice device;
  private final ConcurrentSkipListSet<Long> unreadable = new ConcurrentSkipListSet<>();

  /** Commands still admitted before the power cut, or -1 when no cut is armed. */
  private final AtomicLong commandsBeforeCut = new AtomicLong(-1);

  private volatile boolean powerLost;

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

  /**
   * Reads that cover {@code lba} fail with Unrecovered Read Error until {@link
   * #clearReadFailures()}.
   */
  public void failReads(long lba) {
    if (lba < 0 || lba >= device.geometry().totalBlocks()) {
      throw new IllegalArgumentException(
          "lba "
              + lba
              + " is outside the device (lbas 0 to "
              + (device.geometry().totalBlocks() - 1)
              + ")");
    }
    unreadable.add(lba);
  }

  /** Every LBA reads normally again. */
  public void clearReadFailures() {
    unreadable.clear();
  }

  /**
   * Arms a power cut: the next {@code commands} commands (read, write, append, zone management send
   * and receive) run normally, and every command after them fails with Internal Error ("device lost
   * power") without changing or storing anything. Writes completed before the cut are kept; with a
   * file-backed device, reopen the file to see what survived.
   */
  public void powerCutAfter(long commands) {
    if (commands < 0) {
      throw new IllegalArgumentException("commands must be at least 0, was " + commands);
    }
    if (powerLost) {
      throw new IllegalStateException("the device has already lost power");
    }
    commandsBeforeCut.set(commands);
  }

  /** True once a power cut has happened; the device then refuses every command. */
  public boolean powerLost() {
    return powerLost;
  }

  /** Lets a command run, or refuses it if the power is (now) cut. */
  void admit(String command) {
    if (!powerLost && commandsBeforeCut.get() < 0) {
      return;
    }
    long left = commandsBeforeCut.getAndUpdate(n -> n > 0 ? n - 1 : n);
    if (left == 0) {
      powerLost = true;
    }
    if (powerLost) {
      throw new ZnsException(
          StatusCode.INTERNAL_ERROR,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          command + ": device lost power (injected power cut); nothing was done");
    }
  }

  /** The first unreadable LBA in {@code [lba, lba + blocks)}, or -1 if there is none. */
  long firstUnreadable(long lba, long blocks) {
    Long hit = unreadable.ceiling(lba);
    return hit != null && hit - lba < blocks ? hit : -1; // hit >= lba: no overflow
  }

  @Override
  public String toString() {
    return "Faults[" + unreadable.size() + " unreadable lbas]";
  }
}
