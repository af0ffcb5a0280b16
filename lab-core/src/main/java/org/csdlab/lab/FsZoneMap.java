package org.csdlab.lab;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.csdlab.fluffle.ZoneUse;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;

/**
 * The drive's zones as the filesystem uses them, a heat map: each zone a bar of live blocks (in the
 * colour of its log: metadata, hot or cold data), dead blocks (superseded, waiting for the cleaner)
 * and free blocks, its border marking what it is (superblock, checkpoint, a log's open zone,
 * sealed, free) and a pin when a snapshot holds it back from the cleaner.
 *
 * @param zones every zone, in order
 */
public record FsZoneMap(List<ZoneUse> zones) implements HtmlRenderable {
  /** Colour of dead blocks: translucent red, readable on light and dark themes. */
  static final String DEAD = "rgba(220,50,47,0.55)";

  public FsZoneMap {
    zones = List.copyOf(zones);
  }

  /** How many zones there are of each kind. */
  public Map<ZoneUse.Kind, Integer> counts() {
    Map<ZoneUse.Kind, Integer> counts = new EnumMap<>(ZoneUse.Kind.class);
    for (ZoneUse zone : zones) {
      counts.merge(zone.kind(), 1, Integer::sum);
    }
    return counts;
  }

  /** Live blocks over every zone. */
  public long liveBlocks() {
    return zones.stream().mapToLong(ZoneUse::liveBlocks).sum();
  }

  /** Dead blocks over every data and metadata zone (what cleaning could reclaim). */
  public long deadBlocks() {
    return zones.stream().filter(z -> hasLiveBlocks(z.kind())).mapToLong(ZoneUse::deadBlocks).sum();
  }

  /** Zone {@code id}. */
  public ZoneUse zone(int id) {
    return zones.get(id);
  }

  /** Whether blocks of zones of this kind are counted live and dead (not system zones). */
  static boolean hasLiveBlocks(ZoneUse.Kind kind) {
    return switch (kind) {
      case SUPERBLOCK, CHECKPOINT, CHECKPOINT_SPARE, UNUSABLE, NOT_IN_FILESYSTEM -> false;
      default -> true;
    };
  }

  /** The words a kind goes by: {@code hot log}, {@code sealed data}, {@code checkpoint}. */
  public static String label(ZoneUse.Kind kind) {
    return switch (kind) {
      case SUPERBLOCK -> "superblock";
      case CHECKPOINT -> "checkpoint (current)";
      case CHECKPOINT_SPARE -> "checkpoint (spare)";
      case METADATA_LOG -> "metadata log";
      case METADATA_NEXT -> "metadata log (next)";
      case HOT_LOG -> "hot log";
      case COLD_LOG -> "cold log";
      case SEALED_DATA -> "sealed data";
      case SEALED_METADATA -> "sealed metadata";
      case FREE -> "free";
      case UNUSABLE -> "unusable";
      case NOT_IN_FILESYSTEM -> "raw (not the filesystem's)";
    };
  }

  /** Which log wrote a zone's blocks: {@code metadata}, {@code hot}, {@code cold}, {@code data}. */
  static String log(ZoneUse.Kind kind) {
    return switch (kind) {
      case METADATA_LOG, METADATA_NEXT, SEALED_METADATA -> "metadata";
      case HOT_LOG -> "hot";
      case COLD_LOG -> "cold";
      case SEALED_DATA -> "data";
      case CHECKPOINT, CHECKPOINT_SPARE -> "checkpoint";
      case SUPERBLOCK -> "superblock";
      case FREE, UNUSABLE -> "none";
      case NOT_IN_FILESYSTEM -> "raw";
    };
  }

  /** The colour of a kind's live blocks and border: mid-tone, for light and dark themes. */
  static String colour(ZoneUse.Kind kind) {
    return switch (kind) {
      case SUPERBLOCK -> "#7f7f7f";
      case CHECKPOINT -> "#9467bd";
      case CHECKPOINT_SPARE -> "#c5b0d5";
      case METADATA_LOG, METADATA_NEXT, SEALED_METADATA -> "#1f77b4";
      case HOT_LOG -> "#ff7f0e";
      case COLD_LOG -> "#17becf";
      case SEALED_DATA -> "#2ca02c";
      case FREE -> Html.BORDER;
      case UNUSABLE -> "#444444";
      case NOT_IN_FILESYSTEM -> "#8c564b";
    };
  }

  /**
   * One line, as {@code FsZoneMap[16 zones: 1 superblock, 2 checkpoint, 3 open logs, 2 sealed, 8
   * free; 120 live, 30 dead blocks; 1 pinned]}.
   */
  @Override
  public String toString() {
    Map<ZoneUse.Kind, Integer> c = counts();
    int logs =
        c.getOrDefault(ZoneUse.Kind.METADATA_LOG, 0)
            + c.getOrDefault(ZoneUse.Kind.HOT_LOG, 0)
            + c.getOrDefault(ZoneUse.Kind.COLD_LOG, 0);
    int sealed =
        c.getOrDefault(ZoneUse.Kind.SEALED_DATA, 0)
            + c.getOrDefault(ZoneUse.Kind.SEALED_METADATA, 0);
    long pinned = zones.stream().filter(ZoneUse::pinned).count();
    return "FsZoneMap["
        + zones.size()
        + " zones: "
        + logs
        + " open logs, "
        + sealed
        + " sealed, "
        + c.getOrDefault(ZoneUse.Kind.FREE, 0)
        + " free"
        + (c.containsKey(ZoneUse.Kind.NOT_IN_FILESYSTEM)
            ? ", " + c.get(ZoneUse.Kind.NOT_IN_FILESYSTEM) + " raw"
            : "")
        + "; "
        + liveBlocks()
        + " live, "
        + deadBlocks()
        + " dead blocks"
        + (pinned == 0 ? "" : "; " + pinned + " pinned")
        + "]";
  }

  @Override
  public String toHtml() {
    StringBuilder grid =
        new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:3px;max-width:680px\">");
    for (ZoneUse zone : zones) {
      grid.append(cell(zone));
    }
    grid.append("</div>");
    StringJoiner legend =
        new StringJoiner("", "<div style=\"margin-top:6px;font-size:85%\">", "</div>");
    Map<ZoneUse.Kind, Integer> counts = counts();
    for (ZoneUse.Kind kind : ZoneUse.Kind.values()) {
      if (counts.containsKey(kind)) {
        legend.add(Html.swatch(colour(kind), label(kind) + " " + counts.get(kind)));
      }
    }
    legend.add(Html.swatch(DEAD, "dead blocks"));
    legend.add(Html.swatch(Html.SHADE, "free blocks"));
    legend.add(
        "<span style=\"white-space:nowrap\">(each bar: live at the bottom, dead above, free on top;"
            + " 📌 pinned by a snapshot)</span>");
    return Html.panel(toString(), grid + legend.toString());
  }

  private static String cell(ZoneUse zone) {
    boolean counted = hasLiveBlocks(zone.kind());
    int capacity = Math.max(1, zone.capacityBlocks());
    int live = counted ? zone.liveBlocks() : zone.writtenBlocks();
    int dead = counted ? zone.deadBlocks() : 0;
    double livePercent = 100.0 * live / capacity;
    double deadPercent = 100.0 * dead / capacity;
    String title =
        "zone "
            + zone.zone()
            + ": "
            + label(zone.kind())
            + (counted
                ? ", " + zone.liveBlocks() + " live, " + zone.deadBlocks() + " dead, "
                : ", " + zone.writtenBlocks() + " written, ")
            + zone.freeBlocks()
            + " free of "
            + zone.capacityBlocks()
            + " blocks"
            + (zone.pinned() ? ", " + zone.pins() + " blocks pinned by snapshots" : "");
    boolean open =
        switch (zone.kind()) {
          case METADATA_LOG, HOT_LOG, COLD_LOG, CHECKPOINT -> true;
          default -> false;
        };
    return "<div data-zone=\""
        + zone.zone()
        + "\" data-kind=\""
        + zone.kind()
        + "\" data-log=\""
        + log(zone.kind())
        + "\" data-live=\""
        + (counted ? zone.liveBlocks() : 0)
        + "\" data-dead=\""
        + dead
        + "\" data-free=\""
        + zone.freeBlocks()
        + "\" data-pinned=\""
        + zone.pinned()
        + "\" title=\""
        + Html.escape(title)
        + "\" style=\"position:relative;width:34px;height:34px;border:"
        + (open ? "3px" : "2px")
        + " "
        + (zone.kind() == ZoneUse.Kind.CHECKPOINT_SPARE ? "dashed " : "solid ")
        + colour(zone.kind())
        + ";border-radius:2px;background:"
        + Html.SHADE
        + ";overflow:hidden;font-size:10px;"
        + Html.MONO
        + "\">"
        + bar(0, livePercent, colour(zone.kind()))
        + bar(livePercent, deadPercent, DEAD)
        + "<div style=\"position:absolute;left:2px;top:1px\">"
        + zone.zone()
        + (zone.pinned() ? "📌" : "")
        + "</div></div>";
  }

  private static String bar(double fromPercent, double heightPercent, String colour) {
    if (heightPercent <= 0) {
      return "";
    }
    return String.format(
        java.util.Locale.ROOT,
        "<div style=\"position:absolute;left:0;bottom:%.1f%%;width:100%%;height:%.1f%%;background:%s\"></div>",
        fromPercent,
        heightPercent,
        colour);
  }
}
