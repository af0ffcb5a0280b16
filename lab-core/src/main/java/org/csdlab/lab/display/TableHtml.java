package org.csdlab.lab.display;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} as an HTML table: its name as caption, column names as header, numbers
 * right-aligned. Long tables show their first and last rows with a line saying how many are left
 * out.
 */
public final class TableHtml {

  /** Rows shown in full; longer tables show the first {@link #HEAD} and last {@link #TAIL}. */
  public static final int MAX_ROWS = 60;

  static final int HEAD = 40;
  static final int TAIL = 10;

  private TableHtml() {}

  /** The table as a well-formed XHTML fragment. */
  public static String of(Table table) {
    List<String> names = table.columnNames();
    StringBuilder out =
        new StringBuilder("<div style=\"max-width:100%;overflow-x:auto\">")
            .append(Html.tableStart());
    if (table.name() != null && !table.name().isBlank()) {
      out.append("<caption style=\"text-align:left;font-weight:bold;padding:2px 0\">")
          .append(Html.escape(table.name()))
          .append("</caption>");
    }
    out.append(Html.headerRow(names));
    int rows = table.rowCount();
    List<Integer> shown = new ArrayList<>();
    if (rows <= MAX_ROWS) {
      for (int r = 0; r < rows; r++) {
        shown.add(r);
      }
    } else {
      for (int r = 0; r < HEAD; r++) {
        shown.add(r);
      }
      shown.add(-1);
      for (int r = rows - TAIL; r < rows; r++) {
        shown.add(r);
      }
    }
    for (int r : shown) {
      out.append("<tr>");
      if (r < 0) {
        out.append("<td colspan=\"")
            .append(Math.max(1, names.size()))
            .append("\" style=\"")
            .append(Html.cellStyle())
            .append(";font-style:italic\">… ")
            .append(rows - HEAD - TAIL)
            .append(" more rows …</td></tr>");
        continue;
      }
      for (int c = 0; c < table.columnCount(); c++) {
        Column<?> column = table.column(c);
        boolean numeric =
            column.type().equals(tech.tablesaw.api.ColumnType.INTEGER)
                || column.type().equals(tech.tablesaw.api.ColumnType.LONG)
                || column.type().equals(tech.tablesaw.api.ColumnType.DOUBLE)
                || column.type().equals(tech.tablesaw.api.ColumnType.FLOAT)
                || column.type().equals(tech.tablesaw.api.ColumnType.SHORT);
        out.append(Html.cell(column.getString(r), numeric ? "text-align:right" : ""));
      }
      out.append("</tr>");
    }
    return out.append("</table></div>").toString();
  }
}
