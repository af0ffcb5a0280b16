package org.csdlab.lab.dataset;

import java.util.Objects;
import org.csdlab.lab.display.HtmlRenderable;

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
 */
public record WrittenDataset(DatasetSpec spec, int firstZone, int zoneCount, long firstLba, long sizeBytes, String sha256)
    implements HtmlRenderable {

  public WrittenDataset {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(sha256, "sha256");
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
        + row("zones", zoneCount == 1 ? Integer.toString(firstZone) : firstZone + " to " + lastZone())
        + row("first LBA", Long.toString(firstLba))
        + row("sha256", "<code>" + sha256.replaceAll("[^0-9a-f]", "") + "</code>")
        + "</tbody></table>";
  }

  private static String row(String name, String value) {
    return "<tr><th style=\"text-align:left\">" + name + "</th><td style=\"text-align:left\">" + value + "</td></tr>";
  }

  @Override
  public String toString() {
    return "WrittenDataset[" + spec + " in zone" + (zoneCount == 1 ? " " + firstZone : "s " + firstZone + ".." + lastZone())
        + ", sha256=" + sha256.substring(0, 12) + "...]";
  }
}
