package org.csdlab.lab;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.Zone;
import org.csdlab.zns.ZoneState;

/**
 * A picture of zones: its {@link #summary()} counts zones per state ({@code ZnsDevice 64 zones ×
 * 16.0 MiB: 60 empty, 3 full, 1 implicitly open}); as text ({@link #toString()}) that line, then a
 * grid of one letter per zone and the fill of the zones written in part; as HTML, a grid of zones
 * coloured by state, each filled up to its write pointer, with a legend.
 *
 * @param geometry the geometry of the device the zones belong to, or null for zones shown without
 *     their device (then titles speak of blocks, which is all a zone knows of its size)
 * @param zones the zones shown, in order
 */
public record ZoneMap(Geometry geometry, List<Zone> zones) implements HtmlRenderable {
  /** Zones per row of the text grid. */
  static final int TEXT_COLUMNS = 16;

  /** Zones written in part that the text form lists one by one. */
  static final int TEXT_PARTS_LISTED = 8;

  public ZoneMap {
    zones = List.copyOf(zones);
  }

  /** A map of zones that came without their device (a {@code List<Zone>} or one {@link Zone}). */
  public static ZoneMap of(List<Zone> zones) {
    return new ZoneMap(null, zones);
  }

  /** How many of the zones are in each state, in the order of {@link ZoneState}. */
  public Map<ZoneState, Integer> counts() {
    Map<ZoneState, Integer> counts = new EnumMap<>(ZoneState.class);
    for (Zone zone : zones) {
      counts.merge(zone.state(), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * The words a state goes by here: {@code empty}, {@code implicitly open}, {@code read only}, ...
   */
  public static String label(ZoneState state) {
    return switch (state) {
      case IMPLICITLY_OPENED -> "implicitly open";
      case EXPLICITLY_OPENED -> "explicitly open";
      default -> state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  /** The colour a state is drawn in: mid-tone, readable on light and dark backgrounds. */
  public static String colour(ZoneState state) {
    return switch (state) {
      case EMPTY -> "rgba(128,128,128,0.15)";
      case IMPLICITLY_OPENED -> "#2e9d5b";
      case EXPLICITLY_OPENED -> "#1f7a8c";
      case CLOSED -> "#d4a017";
      case FULL -> "#4a7fc1";
      case READ_ONLY -> "#8e6cc9";
      case OFFLINE -> "#c0392b";
    };
  }

  /** The letter a state has in the text grid: {@code .} for empty, else the state's initial. */
  public static char letter(ZoneState state) {
    return switch (state) {
      case EMPTY -> '.';
      case IMPLICITLY_OPENED -> 'I';
      case EXPLICITLY_OPENED -> 'E';
      case CLOSED -> 'C';
      case FULL -> 'F';
      case READ_ONLY -> 'R';
      case OFFLINE -> 'X';
    };
  }

  /**
   * One line: what the zones are and how many are in each state, as {@code ZnsDevice 64 zones ×
   * 16.0 MiB: 60 empty, 3 full, 1 implicitly open}, {@code 4 of 64 zones × 16.0 MiB: ...}, or for
   * zones without their device {@code zones 0–7, 12 writable blocks each: ...} and {@code zone 4:
   * full, 12 of 12 blocks written}.
   */
  public String summary() {
    if (geometry == null && zones.size() == 1) {
      Zone zone = zones.get(0);
      return "zone "
          + zone.id()
          + ": "
          + label(zone.state())
          + ", "
          + zone.writtenBlocks()
          + " of "
          + zone.capacityBlocks()
          + " blocks written";
    }
    StringJoiner states = new StringJoiner(", ");
    counts().entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(e -> states.add(e.getValue() + " " + label(e.getKey())));
    return head() + ": " + (zones.isEmpty() ? "none" : states.toString());
  }

  private String head() {
    if (geometry != null) {
      String count =
          isWholeDevice()
              ? "ZnsDevice " + plural(zones.size(), "zone")
              : zones.size() + " of " + plural(geometry.zoneCount(), "zone");
      return count + " × " + Quantities.bytes(geometry.zoneCapacityBytes());
    }
    if (zones.isEmpty()) {
      return "no zones";
    }
    int first = zones.get(0).id();
    int last = zones.get(zones.size() - 1).id();
    boolean contiguous = last - first == zones.size() - 1;
    String which = contiguous ? "zones " + first + "–" + last : plural(zones.size(), "zone");
    long capacity = zones.get(0).capacityBlocks();
    boolean sameCapacity = zones.stream().allMatch(zone -> zone.capacityBlocks() == capacity);
    return which + (sameCapacity ? ", " + plural(capacity, "writable block") + " each" : "");
  }

  private boolean isWholeDevice() {
    if (zones.size() != geometry.zoneCount()) {
      return false;
    }
    for (int i = 0; i < zones.size(); i++) {
      if (zones.get(i).id() != i) {
        return false;
      }
    }
    return true;
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * The text zone map: the {@link #summary()}, a grid of {@value #TEXT_COLUMNS} zones per row (one
   * letter per zone, see {@link #letter}; each row starts with its first zone's id), the legend,
   * and how far the zones written in part are filled.
   *
   * <pre>
   * ZnsDevice 16 zones × 256.0 KiB: 12 empty, 2 full, 1 implicitly open, 1 explicitly open
   *  0  I F F E . . . . . . . . . . . .
   * legend: . empty  I implicitly open  E explicitly open  C closed  F full  R read only  X offline
   * written in part: zone 0 25 % (16 of 64 blocks)
   * </pre>
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(summary());
    int idWidth =
        zones.stream().mapToInt(zone -> String.valueOf(zone.id()).length()).max().orElse(1);
    for (int i = 0; i < zones.size(); i++) {
      if (i % TEXT_COLUMNS == 0) {
        text.append('\n')
            .append(String.format(Locale.ROOT, "%" + idWidth + "d ", zones.get(i).id()));
      }
      text.append(' ').append(letter(zones.get(i).state()));
    }
    StringJoiner legend = new StringJoiner("  ", "\nlegend: ", "");
    for (ZoneState state : ZoneState.values()) {
      legend.add(letter(state) + " " + label(state));
    }
    text.append(legend);
    List<Zone> partly =
        zones.stream()
            .filter(
                zone -> zone.writtenBlocks() > 0 && zone.writtenBlocks() < zone.capacityBlocks())
            .toList();
    if (!partly.isEmpty()) {
      StringJoiner parts = new StringJoiner(", ", "\nwritten in part: ", "");
      partly.stream()
          .limit(TEXT_PARTS_LISTED)
          .forEach(
              zone ->
                  parts.add(
                      "zone "
                          + zone.id()
                          + " "
                          + percentWritten(zone)
                          + " % ("
                          + zone.writtenBlocks()
                          + " of "
                          + zone.capacityBlocks()
                          + " blocks)"));
      text.append(parts);
      if (partly.size() > TEXT_PARTS_LISTED) {
        text.append(" and ").append(partly.size() - TEXT_PARTS_LISTED).append(" more");
      }
    }
    return text.toString();
  }

  /** How much of a zone's capacity is written, in whole percent (a Full zone counts as 100). */
  private static int percentWritten(Zone zone) {
    double fill =
        zone.capacityBlocks() == 0 ? 0 : (double) zone.writtenBlocks() / zone.capacityBlocks();
    if (zone.state() == ZoneState.FULL) {
      fill = 1;
    }
    return (int) Math.round(Math.max(0, Math.min(1, fill)) * 100);
  }

  @Override
  public String toHtml() {
    StringBuilder grid =
        new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:3px;max-width:640px\">");
    for (Zone zone : zones) {
      grid.append(cell(zone));
    }
    grid.append("</div>");
    StringBuilder legend = new StringBuilder("<div style=\"margin-top:6px;font-size:85%\">");
    Map<ZoneState, Integer> counts = counts();
    for (ZoneState state : ZoneState.values()) {
      legend.append(Html.swatch(colour(state), label(state) + " " + counts.getOrDefault(state, 0)));
    }
    legend.append(
        "<span style=\"white-space:nowrap\">(each zone filled to its write pointer)</span></div>");
    return Html.panel(summary(), grid.toString() + legend);
  }

  private String cell(Zone zone) {
    int percent = percentWritten(zone);
    String title =
        "zone "
            + zone.id()
            + ": "
            + label(zone.state())
            + ", "
            + zone.writtenBlocks()
            + " of "
            + zone.capacityBlocks()
            + " blocks written ("
            + percent
            + " %), start lba "
            + zone.startLba()
            + ", write pointer "
            + zone.writePointer();
    return "<div data-zone=\""
        + zone.id()
        + "\" data-state=\""
        + zone.state()
        + "\" title=\""
        + Html.escape(title)
        + "\" style=\"position:relative;width:34px;height:30px;border:"
        + (zone.state() == ZoneState.EMPTY
            ? "1px solid " + Html.BORDER
            : "2px solid " + colour(zone.state()))
        + ";border-radius:2px;background:"
        + Html.SHADE
        + ";overflow:hidden;font-size:10px;"
        + Html.MONO
        + "\">"
        + "<div style=\"position:absolute;left:0;bottom:0;width:100%;height:"
        + percent
        + "%;background:"
        + colour(zone.state())
        + "\"></div>"
        + "<div style=\"position:absolute;left:2px;top:1px\">"
        + zone.id()
        + "</div></div>";
  }
}
