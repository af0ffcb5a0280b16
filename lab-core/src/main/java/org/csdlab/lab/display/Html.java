package org.csdlab.lab.display;

import java.util.List;

/**
 * Small pieces of well-formed XHTML shared by every rendering: escaping, a boxed panel, a table.
 * Colours are mid-tone or translucent and text inherits the page's colour, so renderings read in
 * light and dark notebook themes alike; nothing refers to an external resource.
 */
public final class Html {

  /** The border colour used everywhere: translucent grey, visible on white and on black. */
  public static final String BORDER = "rgba(128,128,128,0.45)";

  /** Background of header cells and highlighted rows' neighbours: a faint translucent grey. */
  public static final String SHADE = "rgba(128,128,128,0.12)";

  /** Background of a highlighted line (an error): translucent red. */
  public static final String ALERT = "rgba(220,50,47,0.25)";

  /** Background of a changed value: translucent amber. */
  public static final String CHANGED = "rgba(230,160,0,0.30)";

  /** Monospace font stack. */
  public static final String MONO =
      "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";

  private Html() {}

  /** {@code text} with {@code & < > " '} escaped, safe as element content and attribute value. */
  public static String escape(Object text) {
    String s = String.valueOf(text);
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // characters XML 1.0 forbids (control characters) would make the fragment ill-formed
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A panel: a bordered block with a bold title line, then {@code bodyHtml} (already HTML). */
  public static String panel(String title, String bodyHtml) {
    return "<div style=\"border:1px solid "
        + BORDER
        + ";border-radius:4px;padding:6px 10px;margin:4px 0;"
        + "display:inline-block;max-width:100%;overflow-x:auto\">"
        + "<div style=\"font-weight:bold;margin-bottom:4px\">"
        + escape(title)
        + "</div>"
        + bodyHtml
        + "</div>";
  }

  /** A monospace preformatted block of {@code text}, escaped. */
  public static String pre(String text) {
    return "<pre style=\"" + MONO + ";margin:2px 0\">" + escape(text) + "</pre>";
  }

  /** A collapsed block titled {@code summary} (escaped) that opens to {@code bodyHtml}. */
  public static String details(String summary, String bodyHtml) {
    return "<details><summary>" + escape(summary) + "</summary>" + bodyHtml + "</details>";
  }

  /** The opening tag of a table with the shared style. */
  public static String tableStart() {
    // color:inherit: tables do not inherit the text colour in quirks mode, which would hide them on
    // dark themes
    return "<table style=\"border-collapse:collapse;font-size:90%;margin:2px 0;color:inherit\">";
  }

  /** A header row of {@code names}, escaped. */
  public static String headerRow(List<String> names) {
    StringBuilder out = new StringBuilder("<tr>");
    for (String name : names) {
      out.append("<th style=\"")
          .append(cellStyle())
          .append(";background:")
          .append(SHADE)
          .append(";text-align:left\">")
          .append(escape(name))
          .append("</th>");
    }
    return out.append("</tr>").toString();
  }

  /** A cell holding escaped {@code text}, with extra CSS {@code style} (may be empty). */
  public static String cell(Object text, String style) {
    return "<td style=\""
        + cellStyle()
        + (style.isEmpty() ? "" : ";" + style)
        + "\">"
        + escape(text)
        + "</td>";
  }

  /**
   * A table of plain text cells: header {@code names} (none when all are blank), then {@code rows}.
   */
  public static String table(List<String> names, List<List<String>> rows) {
    StringBuilder out = new StringBuilder(tableStart());
    if (names.stream().anyMatch(name -> !name.isBlank())) {
      out.append(headerRow(names));
    }
    for (List<String> row : rows) {
      out.append("<tr>");
      for (String value : row) {
        out.append(cell(value, ""));
      }
      out.append("</tr>");
    }
    return out.append("</table>").toString();
  }

  /** A legend entry: a small square of {@code colour} (a CSS colour), then escaped {@code text}. */
  public static String swatch(String colour, String text) {
    return "<span style=\"margin-right:12px;white-space:nowrap\"><span style=\"display:inline-block;"
        + "width:10px;height:10px;border:1px solid "
        + BORDER
        + ";background:"
        + colour
        + ";margin-right:4px\"></span>"
        + escape(text)
        + "</span>";
  }

  /**
   * The style of every table cell: left-aligned unless a cell's own style says otherwise, since
   * notebook themes right-align table cells (JupyterLab's CSS does), which ragged code columns.
   */
  public static String cellStyle() {
    return "border:1px solid "
        + BORDER
        + ";padding:2px 6px;vertical-align:top;color:inherit;text-align:left";
  }
}
