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
 * A picture of zones: as text, a count per state ({@code ZnsDevice 64 zones × 16.0 MiB: 60 empty,
 * 3 full, 1 implicitly open}); as HTML, a grid of zones coloured by state, each filled up to its
 * write pointer, with a legend.
 *
 * @param geometry the device's geometry (zone size and capacity)
 * @param zones the zones shown, in order
 */
public record ZoneMap(Geometry geometry, List<Zone> zones) implements HtmlRenderable {

  public ZoneMap {
    zones = List.copyOf(zones);
  }

  /** How many of the zones are in each state, in the order of {@link ZoneState}. */
  public Map<ZoneState, Integer> counts() {
    Map<ZoneState, Integer> counts = new EnumMap<>(ZoneState.class);
    for (Zone zone : zones) {
      counts.merge(zone.state(), 1, Integer::sum);
    }
    return counts;
  }

  /** The words a state goes by here: {@code empty}, {@code implicitly open}, {@code read only}, ... */
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

  /** As {@code ZnsDevice 64 zones × 16.0 MiB: 60 empty, 3 full, 1 implicitly open}. */
  @Override
  public String toString() {
    StringJoiner states = new StringJoiner(", ");
    counts().entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(e -> states.add(e.getValue() + " " + label(e.getKey())));
    String head = zones.size() == geometry.zoneCount() ? "ZnsDevice " + zones.size() + " zones"
        : zones.size() + " of " + geometry.zoneCount() + " zones";
    return head + " × " + Quantities.bytes(geometry.zoneCapacityBytes()) + ": "
        + (zones.isEmpty() ? "none" : states.toString());
  }

  @Override
  public String toHtml() {
    StringBuilder grid = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:3px;max-width:640px\">");
    for (Zone zone : zones) {
      grid.append(cell(zone));
    }
    grid.append("</div>");
    StringBuilder legend = new StringBuilder("<div style=\"margin-top:6px;font-size:85%\">");
    Map<ZoneState, Integer> counts = counts();
    for (ZoneState state : ZoneState.values()) {
      legend.append("<span style=\"margin-right:12px;white-space:nowrap\"><span style=\"display:inline-block;width:10px;"
          + "height:10px;border:1px solid ").append(Html.BORDER).append(";background:").append(colour(state))
          .append(";margin-right:4px\"></span>").append(Html.escape(label(state))).append(" ")
          .append(counts.getOrDefault(state, 0)).append("</span>");
    }
    legend.append("<span style=\"white-space:nowrap\">(each zone filled to its write pointer)</span></div>");
    return Html.panel(toString(), grid.toString() + legend);
  }

  private String cell(Zone zone) {
    double fill = zone.capacityBlocks() == 0 ? 0 : (double) zone.writtenBlocks() / zone.capacityBlocks();
    if (zone.state() == ZoneState.FULL) {
      fill = 1;
    }
    int percent = (int) Math.round(Math.max(0, Math.min(1, fill)) * 100);
    String title = "zone " + zone.id() + ": " + label(zone.state()) + ", " + zone.writtenBlocks() + " of "
        + zone.capacityBlocks() + " blocks written (" + percent + " %), start lba " + zone.startLba()
        + ", write pointer " + zone.writePointer();
    return "<div data-zone=\"" + zone.id() + "\" data-state=\"" + zone.state() + "\" title=\"" + Html.escape(title)
        + "\" style=\"position:relative;width:34px;height:30px;border:"
        + (zone.state() == ZoneState.EMPTY ? "1px solid " + Html.BORDER : "2px solid " + colour(zone.state()))
        + ";border-radius:2px;background:" + Html.SHADE + ";overflow:hidden;font-size:10px;" + Html.MONO + "\">"
        + "<div style=\"position:absolute;left:0;bottom:0;width:100%;height:" + percent + "%;background:"
        + colour(zone.state()) + "\"></div>"
        + "<div style=\"position:absolute;left:2px;top:1px\">" + zone.id() + "</div></div>";
  }
}
