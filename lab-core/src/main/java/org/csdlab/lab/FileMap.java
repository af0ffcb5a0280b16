package org.csdlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.csdlab.fluffle.FileLayout;
import org.csdlab.fluffle.ZoneUse;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;

/**
 * Where a file's blocks are on the drive at one moment: each run of consecutive blocks with its
 * zone, LBAs and the log that wrote it, and the holes (blocks never written, read as zeros). A file
 * written once lies in one run in the hot log; overwrites move blocks to the log's current zone;
 * the cleaner moves live blocks to the cold log.
 *
 * @param path the file's path
 * @param layout the filesystem's layout of the file (inode, size, LBA of every block, -1 a hole)
 * @param runs the blocks grouped into runs (consecutive blocks at consecutive LBAs of one zone)
 */
public record FileMap(String path, FileLayout layout, List<Run> runs) implements HtmlRenderable {
  /** Runs the HTML table lists; the rest are counted. */
  static final int TABLE_ROWS = 256;

  /**
   * Blocks {@code firstBlock} to {@code firstBlock + blocks - 1} of the file, at LBAs {@code
   * firstLba} on (in zone {@code zone}, written by {@code log}), or a hole ({@code zone} and {@code
   * firstLba} -1, {@code log} {@code hole}).
   */
  public record Run(long firstBlock, long blocks, int zone, long firstLba, String log) {
    /** Whether the run is a hole. */
    public boolean hole() {
      return firstLba < 0;
    }
  }

  public FileMap {
    runs = List.copyOf(runs);
  }

  FileMap(String path, FileLayout layout, List<ZoneUse> zones, ZnsDevice device) {
    this(path, layout, runsOf(layout, zones, device.geometry()));
  }

  private static List<Run> runsOf(FileLayout layout, List<ZoneUse> zones, Geometry g) {
    List<Run> runs = new ArrayList<>();
    List<Long> lbas = layout.lbaOfBlock();
    int i = 0;
    while (i < lbas.size()) {
      long first = lbas.get(i);
      int zone = first < 0 ? -1 : g.zoneOf(first);
      int j = i + 1;
      while (j < lbas.size()) {
        long next = lbas.get(j);
        boolean continues =
            first < 0 ? next < 0 : next == first + (j - i) && g.zoneOf(next) == zone;
        if (!continues) {
          break;
        }
        j++;
      }
      String log = first < 0 ? "hole" : FsZoneMap.log(zones.get(zone).kind());
      runs.add(new Run(i, j - i, zone, first, log));
      i = j;
    }
    return runs;
  }

  /** Blocks that are holes. */
  public long holeBlocks() {
    return runs.stream().filter(Run::hole).mapToLong(Run::blocks).sum();
  }

  /** The zones holding the file's blocks, in order. */
  public List<Integer> zones() {
    return List.copyOf(
        runs.stream()
            .filter(r -> !r.hole())
            .map(Run::zone)
            .collect(Collectors.toCollection(TreeSet::new)));
  }

  /** As {@code FileMap[/a.bin: 16 blocks (64.0 KiB) in 2 runs, zones 5, 6; 1 hole block]}. */
  @Override
  public String toString() {
    long holes = holeBlocks();
    return "FileMap["
        + path
        + ": "
        + layout.blockCount()
        + " blocks ("
        + Quantities.bytes(layout.sizeBytes())
        + ") in "
        + runs.size()
        + (runs.size() == 1 ? " run" : " runs")
        + (zones().isEmpty()
            ? ""
            : ", zone"
                + (zones().size() == 1 ? " " : "s ")
                + zones().stream().map(String::valueOf).collect(Collectors.joining(", ")))
        + (holes == 0 ? "" : "; " + holes + " hole block" + (holes == 1 ? "" : "s"))
        + "]";
  }

  @Override
  public String toHtml() {
    StringBuilder table =
        new StringBuilder(Html.tableStart())
            .append(Html.headerRow(List.of("file blocks", "zone", "LBAs", "log")));
    for (Run run : runs.subList(0, Math.min(TABLE_ROWS, runs.size()))) {
      String blocks =
          run.blocks() == 1
              ? String.valueOf(run.firstBlock())
              : run.firstBlock() + "–" + (run.firstBlock() + run.blocks() - 1);
      String lbas =
          run.hole()
              ? "(hole: reads as zeros)"
              : run.blocks() == 1
                  ? String.valueOf(run.firstLba())
                  : run.firstLba() + "–" + (run.firstLba() + run.blocks() - 1);
      String style =
          run.hole() ? "background:" + Html.SHADE : "border-left:4px solid " + logColour(run.log());
      table
          .append("<tr data-first-block=\"")
          .append(run.firstBlock())
          .append("\" data-blocks=\"")
          .append(run.blocks())
          .append("\" data-zone=\"")
          .append(run.zone())
          .append("\" data-lba=\"")
          .append(run.firstLba())
          .append("\" data-log=\"")
          .append(run.log())
          .append("\">")
          .append(Html.cell(blocks, style))
          .append(Html.cell(run.hole() ? "" : String.valueOf(run.zone()), ""))
          .append(Html.cell(lbas, ""))
          .append(Html.cell(run.log(), ""))
          .append("</tr>");
    }
    table.append("</table>");
    String more =
        runs.size() > TABLE_ROWS
            ? "<div>" + Html.escape("… and " + (runs.size() - TABLE_ROWS) + " more runs") + "</div>"
            : "";
    return Html.panel(
        toString(),
        "<div>"
            + Html.escape(
                "inode "
                    + layout.inode()
                    + ", "
                    + layout.sizeBytes()
                    + " bytes in blocks of "
                    + layout.blockSizeBytes()
                    + " bytes")
            + "</div>"
            + table
            + more);
  }

  private static String logColour(String log) {
    return switch (log) {
      case "hot" -> FsZoneMap.colour(ZoneUse.Kind.HOT_LOG);
      case "cold" -> FsZoneMap.colour(ZoneUse.Kind.COLD_LOG);
      case "metadata" -> FsZoneMap.colour(ZoneUse.Kind.METADATA_LOG);
      default -> FsZoneMap.colour(ZoneUse.Kind.SEALED_DATA);
    };
  }
}
