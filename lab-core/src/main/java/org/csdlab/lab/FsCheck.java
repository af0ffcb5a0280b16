package org.csdlab.lab;

import java.util.List;
import org.csdlab.fluffle.CheckReport;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;

/**
 * What {@code lab.fs().check()} found: the filesystem's structural invariants (every inode
 * reachable, no block referenced twice, the zone table equal to the blocks referenced, every
 * referenced block written, every zone summary right), and each one that does not hold.
 *
 * @param report the filesystem's own report
 */
public record FsCheck(CheckReport report) implements HtmlRenderable {

  /** True if every invariant holds. */
  public boolean ok() {
    return report.ok();
  }

  /** One sentence per violated invariant. */
  public List<String> problems() {
    return report.problems();
  }

  /**
   * As {@code FsCheck[ok: 5 inodes, 120 live blocks]} or {@code FsCheck[2 problems, the first:
   * ...]}.
   */
  @Override
  public String toString() {
    String counted = report.inodes() + " inodes, " + report.liveBlocks() + " live blocks";
    if (ok()) {
      return "FsCheck[ok: " + counted + "]";
    }
    return "FsCheck["
        + problems().size()
        + (problems().size() == 1 ? " problem" : " problems")
        + " ("
        + counted
        + "), the first: "
        + problems().get(0)
        + "]";
  }

  @Override
  public String toHtml() {
    String verdict =
        "<div data-ok=\""
            + ok()
            + "\">"
            + Html.escape(
                (ok() ? "✔ consistent: " : "✘ " + problems().size() + " problems: ")
                    + report.inodes()
                    + " inodes, "
                    + report.liveBlocks()
                    + " live blocks checked")
            + "</div>";
    if (ok()) {
      return Html.panel("fs.check()", verdict);
    }
    StringBuilder rows =
        new StringBuilder(Html.tableStart()).append(Html.headerRow(List.of("#", "problem")));
    for (int i = 0; i < problems().size(); i++) {
      rows.append("<tr data-problem=\"")
          .append(i + 1)
          .append("\">")
          .append(Html.cell(i + 1, ""))
          .append(Html.cell(problems().get(i), "background:" + Html.ALERT))
          .append("</tr>");
    }
    return Html.panel("fs.check()", verdict + rows.append("</table>"));
  }
}
