package org.csdlab.lab.dataset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.csdlab.zns.ZoneState;

/**
 * A dataset written to a device's zones: zones {@code firstZone} to {@link #lastZone()}, from the
 * first zone's start LBA; the last block is padded with zeros (a reading of 0, the end of the
 * records, or empty log lines).
 *
 * @param spec what was generated
 * @param firstZone the zone the data starts at
 * @param zoneCount how many zones it fills (the last one maybe partly)
 * @param firstLba the LBA of the first byte
 * @param sizeBytes the data's length, without padding
 * @param sha256 SHA-256 of the data, lowercase hex
 * @param zoneStamps what each of its zones was when the dataset had been written, first zone first;
 *     {@link #changeOn} compares them with the zones now
 */
public record WrittenDataset(
    DatasetSpec spec,
    int firstZone,
    int zoneCount,
    long firstLba,
    long sizeBytes,
    String sha256,
    List<ZoneStamp> zoneStamps)
    implements HtmlRenderable {

  /**
   * A zone as the dataset left it.
   *
   * @param zone the zone's id
   * @param writtenBlocks blocks written in it (the dataset's, and any before them: none, since it
   *     was Empty)
   * @param resets its {@linkplain ZnsDevice#zoneResets reset count} then
   */
  public record ZoneStamp(int zone, long writtenBlocks, long resets) {}

  /**
   * How a zone of the dataset differs from what the dataset left: it was reset since (and maybe
   * written again), or holds fewer blocks than the dataset wrote.
   *
   * @param zone the zone's id
   * @param resetsSince resets of the zone since the dataset was written
   * @param writtenBlocksThen blocks it held when the dataset had been written
   * @param writtenBlocksNow blocks it holds now
   * @param stateNow its state now, or null when the device has no such zone
   */
  public record ZoneChange(
      int zone,
      long resetsSince,
      long writtenBlocksThen,
      long writtenBlocksNow,
      ZoneState stateNow) {

    /**
     * As {@code zone 0 was reset after the dataset was written and now holds 0 of its 4096 blocks}.
     */
    public String describe() {
      if (stateNow == null) {
        return "zone " + zone + " does not exist on this device";
      }
      if (stateNow == ZoneState.OFFLINE) {
        return "zone " + zone + " went Offline after the dataset was written";
      }
      if (resetsSince > 0) {
        return "zone "
            + zone
            + " was reset "
            + (resetsSince == 1 ? "once" : resetsSince + " times")
            + " after the dataset was written"
            + (writtenBlocksNow == 0
                ? " and now holds none of its " + writtenBlocksThen + " blocks"
                : " and written again: its " + writtenBlocksNow + " blocks are not the dataset's");
      }
      return "zone "
          + zone
          + " holds "
          + writtenBlocksNow
          + " blocks, fewer than the "
          + writtenBlocksThen
          + " the dataset wrote (it was reset on another device object, or this is another device)";
    }
  }

  public WrittenDataset {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(sha256, "sha256");
    zoneStamps = List.copyOf(zoneStamps);
  }

  /**
   * The stamps of zones {@code firstZone} to {@code firstZone + zoneCount - 1} of {@code device} as
   * they are now.
   */
  static List<ZoneStamp> stampsOf(ZnsDevice device, int firstZone, int zoneCount) {
    ZoneStamp[] stamps = new ZoneStamp[zoneCount];
    for (int i = 0; i < zoneCount; i++) {
      int id = firstZone + i;
      stamps[i] = new ZoneStamp(id, device.zone(id).writtenBlocks(), device.zoneResets(id));
    }
    return List.of(stamps);
  }

  /**
   * The first of the dataset's zones on {@code device} that no longer holds what the dataset wrote,
   * or empty if none changed: a zone reset since (and perhaps written again), gone Offline, or
   * holding fewer blocks. Blocks appended after the dataset in its last zone change nothing.
   */
  public Optional<ZoneChange> changeOn(ZnsDevice device) {
    Objects.requireNonNull(device, "device");
    for (ZoneStamp stamp : zoneStamps) {
      if (stamp.zone() >= device.geometry().zoneCount()) {
        return Optional.of(new ZoneChange(stamp.zone(), 0, stamp.writtenBlocks(), 0, null));
      }
      Zone now = device.zone(stamp.zone());
      long resetsSince = device.zoneResets(stamp.zone()) - stamp.resets();
      if (resetsSince != 0
          || now.state() == ZoneState.OFFLINE
          || now.writtenBlocks() < stamp.writtenBlocks()) {
        return Optional.of(
            new ZoneChange(
                stamp.zone(),
                Math.max(0, resetsSince),
                stamp.writtenBlocks(),
                now.writtenBlocks(),
                now.state()));
      }
    }
    return Optional.empty();
  }

  /** The last zone holding data. */
  public int lastZone() {
    return firstZone + zoneCount - 1;
  }

  /** A small table: generator, size, seed, selectivity, zones, first LBA, SHA-256. */
  @Override
  public String toHtml() {
    return "<table class=\"csdlab-dataset\"><tbody>"
        + row("generator", spec.generator().id())
        + row("size", ByteUnit.format(sizeBytes) + " (" + sizeBytes + " bytes)")
        + row("seed", Long.toString(spec.seed()))
        + row("selectivity", Double.toString(spec.selectivity()))
        + row(
            "zones", zoneCount == 1 ? Integer.toString(firstZone) : firstZone + " to " + lastZone())
        + row("first LBA", Long.toString(firstLba))
        + row("sha256", "<code>" + sha256.replaceAll("[^0-9a-f]", "") + "</code>")
        + "</tbody></table>";
  }

  private static String row(String name, String value) {
    return "<tr><th style=\"text-align:left\">"
        + name
        + "</th><td style=\"text-align:left\">"
        + value
        + "</td></tr>";
  }

  @Override
  public String toString() {
    return "WrittenDataset["
        + spec
        + " in zone"
        + (zoneCount == 1 ? " " + firstZone : "s " + firstZone + ".." + lastZone())
        + ", sha256="
        + sha256.substring(0, 12)
        + "...]";
  }
}
