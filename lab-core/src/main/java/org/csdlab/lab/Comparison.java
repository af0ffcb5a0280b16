package org.csdlab.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.display.TableHtml;
import org.csdlab.lab.json.LabJson;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The same work done on the host and offloaded to the drive, side by side: whether the answers
 * agree, the bytes that crossed the host link, modeled and wall time, and the ratios host /
 * offloaded (a speedup above 1 means the offloaded run was faster). Saves to JSON so a run can be
 * compared with a later one ({@link #against}).
 *
 * @param host the run on the host
 * @param offloaded the run on the drive
 */
public record Comparison(Run host, Run offloaded) implements HtmlRenderable {

  public Comparison {
    Objects.requireNonNull(host, "comparison: the host run must be set");
    Objects.requireNonNull(offloaded, "comparison: the offloaded run must be set");
  }

  /** True when both runs gave the same answer. */
  public boolean sameAnswer() {
    return host.value() == offloaded.value();
  }

  /**
   * Host-link bytes of the host run divided by those of the offloaded run (NaN if the latter is 0).
   */
  public double hostBytesRatio() {
    return Quantities.divide(host.hostBytes(), offloaded.hostBytes());
  }

  /** Modeled time of the host run divided by that of the offloaded run. */
  public double modeledSpeedup() {
    return Quantities.divide(host.modeledNanos(), offloaded.modeledNanos());
  }

  /** Wall time of the host run divided by that of the offloaded run. */
  public double wallSpeedup() {
    return Quantities.divide(host.wallNanos(), offloaded.wallNanos());
  }

  /**
   * Rows: answer, bytes over the host link, modeled time, wall time; columns: host, offloaded, host
   * / offloaded.
   */
  public Table table() {
    StringColumn metric = StringColumn.create("metric");
    StringColumn hostColumn = StringColumn.create("host");
    StringColumn driveColumn = StringColumn.create("offloaded");
    StringColumn ratio = StringColumn.create("host / offloaded");
    metric
        .append("answer")
        .append("bytes over host link")
        .append("modeled time")
        .append("wall time");
    hostColumn
        .append(String.valueOf(host.value()))
        .append(Quantities.bytes(host.hostBytes()))
        .append(Quantities.nanos(host.modeledNanos()))
        .append(Quantities.nanos(host.wallNanos()));
    driveColumn
        .append(String.valueOf(offloaded.value()))
        .append(Quantities.bytes(offloaded.hostBytes()))
        .append(Quantities.nanos(offloaded.modeledNanos()))
        .append(Quantities.nanos(offloaded.wallNanos()));
    ratio
        .append(sameAnswer() ? "same" : "DIFFERENT")
        .append(Quantities.ratio(hostBytesRatio()))
        .append(Quantities.ratio(modeledSpeedup()))
        .append(Quantities.ratio(wallSpeedup()));
    return Table.create(
        host.label() + " vs " + offloaded.label(), metric, hostColumn, driveColumn, ratio);
  }

  /** One line: the verdict on the answer, bytes and time. */
  public String headline() {
    return (sameAnswer()
            ? "same answer (" + host.value() + ")"
            : "DIFFERENT answers: host " + host.value() + ", offloaded " + offloaded.value())
        + "; "
        + Quantities.bytes(host.hostBytes())
        + " vs "
        + Quantities.bytes(offloaded.hostBytes())
        + " over the host link; modeled host / offloaded "
        + Quantities.ratio(modeledSpeedup())
        + "; wall "
        + Quantities.ratio(wallSpeedup());
  }

  /** The headline and the table as aligned text. */
  @Override
  public String toString() {
    Table table = table();
    List<String> names = table.columnNames();
    int[] widths = new int[names.size()];
    for (int c = 0; c < names.size(); c++) {
      widths[c] = names.get(c).length();
      for (int r = 0; r < table.rowCount(); r++) {
        widths[c] = Math.max(widths[c], table.getString(r, c).length());
      }
    }
    StringBuilder out = new StringBuilder(headline()).append('\n');
    for (int r = -1; r < table.rowCount(); r++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < names.size(); c++) {
        String value = r < 0 ? names.get(c) : table.getString(r, c);
        line.append(
            c == 0
                ? String.format("%-" + widths[c] + "s", value)
                : String.format("  %" + widths[c] + "s", value));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString().stripTrailing();
  }

  @Override
  public String toHtml() {
    String verdict =
        "<div data-same-answer=\""
            + sameAnswer()
            + "\" style=\"margin-bottom:4px\">"
            + Html.escape((sameAnswer() ? "✔ " : "✘ ") + headline())
            + "</div>";
    return Html.panel(
        host.label() + " vs " + offloaded.label(), verdict + TableHtml.of(table().setName("")));
  }

  /** Writes this comparison to {@code file} as JSON and returns the file. */
  public Path save(Path file) {
    return LabJson.save(this, file);
  }

  /** This comparison as JSON text. */
  public String toJson() {
    return LabJson.write(this);
  }

  /** Reads a comparison saved with {@link #save}. */
  public static Comparison load(Path file) {
    return LabJson.load(file, Comparison.class);
  }

  /** Reads a comparison from JSON text. */
  public static Comparison fromJson(String json) {
    return LabJson.parse(json, Comparison.class, LabJson.NO_FILE);
  }

  /** How this comparison (today's) differs from {@code saved} (an earlier one). */
  public ComparisonChange against(Comparison saved) {
    return new ComparisonChange(saved, this);
  }

  /** How this comparison differs from the one saved in {@code file}. */
  public ComparisonChange against(Path file) {
    return against(load(file));
  }
}
