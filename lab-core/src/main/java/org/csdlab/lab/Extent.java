package org.csdlab.lab;

import org.csdlab.lab.dataset.WrittenDataset;
import org.csdlab.zns.Geometry;

/**
 * Where a stretch of data lives on the drive: {@code lengthBytes} bytes starting at the first block
 * of zone {@code firstZone} and filling zones {@code firstZone}, {@code firstZone + 1}, ... to
 * their capacity in turn, within {@code zoneCount} zones. Datasets written to the device describe
 * themselves this way; host scans and offloaded kernels take one.
 *
 * @param firstZone the zone the data starts in, at its first block
 * @param zoneCount how many consecutive zones the data may occupy (at least 1)
 * @param lengthBytes the data's length in bytes (0 or more)
 */
public record Extent(int firstZone, int zoneCount, long lengthBytes) {

  /** Checks the values that need no geometry; {@link #checkFits} checks the rest. */
  public Extent {
    if (firstZone < 0) {
      throw new IllegalArgumentException("extent: first zone must be 0 or more, was " + firstZone);
    }
    if (zoneCount < 1) {
      throw new IllegalArgumentException("extent: zone count must be at least 1, was " + zoneCount);
    }
    if (lengthBytes < 0) {
      throw new IllegalArgumentException(
          "extent: length must be 0 or more bytes, was " + lengthBytes);
    }
  }

  /** Where {@code dataset} lies on the drive. */
  public static Extent of(WrittenDataset dataset) {
    return new Extent(dataset.firstZone(), dataset.zoneCount(), dataset.sizeBytes());
  }

  /**
   * The extent of {@code lengthBytes} from zone {@code firstZone}, as many zones as {@code
   * geometry} needs for it.
   */
  public static Extent of(int firstZone, long lengthBytes, Geometry geometry) {
    long capacity = geometry.zoneCapacityBytes();
    long zones = Math.max(1, (lengthBytes + capacity - 1) / capacity);
    return new Extent(firstZone, Math.toIntExact(zones), lengthBytes);
  }

  /**
   * Throws {@link IllegalArgumentException} naming what does not fit unless the zones exist on a
   * device of {@code geometry} and hold {@code lengthBytes}.
   */
  public Extent checkFits(Geometry geometry) {
    if ((long) firstZone + zoneCount > geometry.zoneCount()) {
      throw new IllegalArgumentException(
          "extent "
              + this
              + ": zones "
              + firstZone
              + " to "
              + lastZone()
              + " do not exist; the device has zones 0 to "
              + (geometry.zoneCount() - 1));
    }
    long capacity = (long) zoneCount * geometry.zoneCapacityBytes();
    if (lengthBytes > capacity) {
      throw new IllegalArgumentException(
          "extent "
              + this
              + ": "
              + lengthBytes
              + " bytes do not fit in "
              + zoneCount
              + " zones of "
              + geometry.zoneCapacityBytes()
              + " bytes ("
              + capacity
              + " bytes)");
    }
    return this;
  }

  /** The last zone the extent may occupy. */
  public int lastZone() {
    return firstZone + zoneCount - 1;
  }

  /**
   * Bytes of the extent that lie in its {@code index}-th zone (0 = the first zone) on a device of
   * {@code geometry}.
   */
  public long bytesInZone(int index, Geometry geometry) {
    long capacity = geometry.zoneCapacityBytes();
    long before = index * capacity;
    return Math.max(0, Math.min(capacity, lengthBytes - before));
  }

  /** As {@code zones 0–3, 12.0 MiB}. */
  @Override
  public String toString() {
    return (zoneCount == 1 ? "zone " + firstZone : "zones " + firstZone + "–" + lastZone())
        + ", "
        + Quantities.bytes(lengthBytes);
  }
}
