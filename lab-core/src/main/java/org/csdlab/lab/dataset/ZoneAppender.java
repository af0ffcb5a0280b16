package org.csdlab.lab.dataset;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.csdlab.zns.ZoneAction;
import org.csdlab.zns.ZoneState;

/**
 * Appends a dataset to consecutive Empty zones from a first zone, a zone's capacity at a time; the
 * last block is padded with zeros. Every zone is checked before anything is written.
 */
final class ZoneAppender implements Generation.Sink {
  private final ZnsDevice device;
  private final Geometry geometry;
  private final int firstZone;
  private final int zoneCount;
  private int zone;
  private long zoneLeftBytes;

  ZoneAppender(ZnsDevice device, int firstZone, long sizeBytes, IntFunction<String> resetAdvice) {
    this.device = device;
    this.geometry = device.geometry();
    this.firstZone = firstZone;
    this.zoneCount = zonesFor(geometry, sizeBytes);
    check(sizeBytes, resetAdvice);
    this.zone = firstZone;
    this.zoneLeftBytes = geometry.zoneCapacityBytes();
  }

  /** Zones a dataset of {@code sizeBytes} fills on a device of {@code geometry}. */
  static int zonesFor(Geometry geometry, long sizeBytes) {
    return (int)
        Math.min(
            Integer.MAX_VALUE,
            (sizeBytes + geometry.zoneCapacityBytes() - 1) / geometry.zoneCapacityBytes());
  }

  int zoneCount() {
    return zoneCount;
  }

  private void check(long sizeBytes, IntFunction<String> resetAdvice) {
    int zones = geometry.zoneCount();
    if (firstZone < 0 || firstZone >= zones) {
      throw new DatasetPlacementException(
          firstZone,
          zoneCount,
          zones,
          "zone " + firstZone + " does not exist; the device has zones 0 to " + (zones - 1));
    }
    String needs =
        ByteUnit.format(sizeBytes)
            + " needs "
            + zoneCount
            + " zones of "
            + ByteUnit.format(geometry.zoneCapacityBytes());
    if (zoneCount > zones) {
      throw new DatasetPlacementException(
          firstZone,
          zoneCount,
          zones,
          needs
              + ", but the device has only "
              + zones
              + " ("
              + ByteUnit.format(zones * geometry.zoneCapacityBytes())
              + "); write at most that much, or use a "
              + "device with more zones");
    }
    if (firstZone + zoneCount > zones) {
      throw new DatasetPlacementException(
          firstZone,
          zoneCount,
          zones,
          needs
              + " from zone "
              + firstZone
              + ", but the device ends at zone "
              + (zones - 1)
              + "; start at zone "
              + (zones - zoneCount)
              + " or lower, or write less");
    }
    for (int id = firstZone; id < firstZone + zoneCount; id++) {
      Zone z = device.zone(id);
      if (z.state() != ZoneState.EMPTY) {
        throw new ZoneNotEmptyException(
            id,
            z.state(),
            z.writePointer(),
            firstZone,
            firstZone + zoneCount - 1,
            resetAdvice.apply(id));
      }
    }
  }

  @Override
  public long accept(byte[] chunk, int length) {
    int blockBytes = geometry.blockSizeBytes();
    int padded = (length + blockBytes - 1) / blockBytes * blockBytes;
    Arrays.fill(chunk, length, padded, (byte) 0);
    long before = device.modeledNanos();
    int at = 0;
    while (at < padded) {
      int n = (int) Math.min(padded - at, zoneLeftBytes);
      byte[] data = at == 0 && n == chunk.length ? chunk : Arrays.copyOfRange(chunk, at, at + n);
      device.append(geometry.zoneStartLba(zone), data);
      at += n;
      zoneLeftBytes -= n;
      if (zoneLeftBytes == 0) {
        zone++;
        zoneLeftBytes = geometry.zoneCapacityBytes();
      }
    }
    return device.modeledNanos() - before;
  }

  /** Closes a last zone left partly written, so it does not hold one of the device's open zones. */
  void finish() {
    if (zoneLeftBytes != geometry.zoneCapacityBytes() && zone < geometry.zoneCount()) {
      Zone last = device.zone(zone);
      if (last.state() == ZoneState.IMPLICITLY_OPENED
          || last.state() == ZoneState.EXPLICITLY_OPENED) {
        device.manage(zone, ZoneAction.CLOSE);
      }
    }
  }
}
