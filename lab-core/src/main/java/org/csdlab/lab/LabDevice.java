package org.csdlab.lab;

import java.util.Arrays;
import java.util.List;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.zns.DeviceStats;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ReportFilter;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZnsException;
import org.csdlab.zns.Zone;
import org.csdlab.zns.ZoneAction;

/**
 * The lab's drive: the ZNS commands by zone number, and a zone map as its picture. Every command
 * goes to the {@link ZnsDevice} returned by {@link #raw()}, which stays available for anything not
 * offered here; refused commands throw its {@link ZnsException} and change nothing.
 *
 * <pre>{@code
 * lab.device().append(0, new byte[4096]);    // 0, the LBA written
 * lab.device().finish(0);
 * lab.device()                               // ZnsDevice 64 zones × 16.0 MiB: 63 empty, 1 full
 * }</pre>
 */
public final class LabDevice implements HtmlRenderable {
  private final ZnsDevice device;

  LabDevice(ZnsDevice device) {
    this.device = device;
  }

  /** The {@link ZnsDevice} itself, for NVMe command values, fault injection and the rest. */
  public ZnsDevice raw() {
    return device;
  }

  /** Zone count, zone size and capacity, block size, open and active limits. */
  public Geometry geometry() {
    return device.geometry();
  }

  /** A snapshot of every zone. */
  public List<Zone> zones() {
    return device.zones();
  }

  /** A snapshot of zone {@code id}. */
  public Zone zone(int id) {
    checkZone(id);
    return device.zone(id);
  }

  /** The zones {@code filter} selects, e.g. {@code ReportFilter.FULL}. */
  public List<Zone> report(ReportFilter filter) {
    return device.report(filter);
  }

  /** The zone map of every zone (what this object renders as). */
  public ZoneMap zoneMap() {
    return new ZoneMap(device.geometry(), device.zones());
  }

  /**
   * Reads {@code blocks} blocks from {@code lba} with one Read command, so the range must stay in
   * one zone: the drive does not read across zone boundaries (Zone Boundary Error otherwise).
   */
  public byte[] read(long lba, int blocks) {
    return device.read(lba, blocks);
  }

  /** Writes whole blocks at {@code lba}, which must be its zone's write pointer. */
  public LabDevice write(long lba, byte[] data) {
    device.write(lba, data);
    return this;
  }

  /** Appends whole blocks to zone {@code zone} and returns the LBA of the first block written. */
  public long append(int zone, byte[] data) {
    checkZone(zone);
    return device.append(device.geometry().zoneStartLba(zone), data);
  }

  /**
   * Stores {@code data} from the start of zone {@code firstZone} on, filling that zone and the next
   * ones to capacity (the last block padded with zeros), and returns where it lies. The zones must
   * be Empty; the data must fit in the zones from {@code firstZone} to the last one. Nothing is
   * written if it does not fit.
   */
  public Extent store(int firstZone, byte[] data) {
    checkZone(firstZone);
    Geometry g = device.geometry();
    Extent extent = Extent.of(firstZone, data.length, g).checkFits(g);
    for (int i = 0; i < extent.zoneCount(); i++) {
      Zone zone = device.zone(firstZone + i);
      if (zone.writtenBlocks() != 0) {
        throw new IllegalStateException(
            "store: zone "
                + zone.id()
                + " already holds "
                + zone.writtenBlocks()
                + " blocks ("
                + ZoneMap.label(zone.state())
                + "); reset it first or store from another zone");
      }
    }
    int blockSize = g.blockSizeBytes();
    long capacity = g.zoneCapacityBytes();
    for (int i = 0; i < extent.zoneCount(); i++) {
      long from = i * capacity;
      long length = extent.bytesInZone(i, g);
      if (length == 0) {
        break;
      }
      long padded = (length + blockSize - 1) / blockSize * blockSize;
      // appends of at most 1 MiB keep the temporary copy small for large zones
      for (long at = 0; at < padded; at += 1 << 20) {
        int chunk = (int) Math.min(1 << 20, padded - at);
        int start = (int) (from + at);
        byte[] block = Arrays.copyOfRange(data, start, start + chunk);
        device.append(g.zoneStartLba(firstZone + i), block);
      }
    }
    return extent;
  }

  /**
   * The extent of what zones {@code firstZone} to {@code firstZone + zoneCount - 1} hold: their
   * written blocks, which must be contiguous (every zone but the last written to capacity).
   */
  public Extent extent(int firstZone, int zoneCount) {
    Geometry g = device.geometry();
    new Extent(firstZone, zoneCount, 0).checkFits(g);
    long bytes = 0;
    for (int i = 0; i < zoneCount; i++) {
      Zone zone = device.zone(firstZone + i);
      if (i > 0
          && zone.writtenBlocks() > 0
          && device.zone(firstZone + i - 1).remainingBlocks() > 0) {
        throw new IllegalStateException(
            "zones "
                + firstZone
                + " to "
                + (firstZone + zoneCount - 1)
                + " do not hold one contiguous stretch: zone "
                + (zone.id() - 1)
                + " is not written to capacity"
                + " but zone "
                + zone.id()
                + " holds data");
      }
      bytes += zone.writtenBlocks() * g.blockSizeBytes();
    }
    return new Extent(firstZone, zoneCount, bytes);
  }

  /** Opens zone {@code zone} explicitly. */
  public LabDevice open(int zone) {
    return manage(zone, ZoneAction.OPEN);
  }

  /** Closes zone {@code zone}. */
  public LabDevice close(int zone) {
    return manage(zone, ZoneAction.CLOSE);
  }

  /** Finishes zone {@code zone}: it becomes Full. */
  public LabDevice finish(int zone) {
    return manage(zone, ZoneAction.FINISH);
  }

  /** Resets zone {@code zone}: it becomes Empty and its data is gone. */
  public LabDevice reset(int zone) {
    return manage(zone, ZoneAction.RESET);
  }

  /** Resets every zone that holds data. */
  public LabDevice resetAll() {
    device.manageAll(ZoneAction.RESET);
    return this;
  }

  private LabDevice manage(int zone, ZoneAction action) {
    checkZone(zone);
    device.manage(zone, action);
    return this;
  }

  /** Commands, bytes, resets and modeled busy time so far. */
  public DeviceStats stats() {
    return device.stats();
  }

  /** The drive's modeled clock now, in ns. */
  public long modeledNanos() {
    return device.modeledNanos();
  }

  private void checkZone(int zone) {
    int count = device.geometry().zoneCount();
    if (zone < 0 || zone >= count) {
      throw new IllegalArgumentException(
          "no zone " + zone + "; the device has zones 0 to " + (count - 1));
    }
  }

  /**
   * As {@code ZnsDevice 64 zones × 16.0 MiB: 60 empty, 3 full, 1 implicitly open}; {@link
   * #zoneMap()} draws the zones.
   */
  @Override
  public String toString() {
    return zoneMap().summary();
  }

  /** The zone map. */
  @Override
  public String toHtml() {
    return zoneMap().toHtml();
  }
}
