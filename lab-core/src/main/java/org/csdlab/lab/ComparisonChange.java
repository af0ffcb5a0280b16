package org.csdlab.lab;

import java.util.Locale;
import java.util.function.ToLongFunction;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.display.TableHtml;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A saved comparison beside today's: for each run (host, offloaded) and each measure (answer, bytes
 * over the host link, modeled time, wall time), the saved value, today's and the change. Answers,
 * bytes and modeled time are deterministic, so a change there means the data, the kernel or the
 * model changed; wall time varies from one run to the next.
 *
 * @param saved the earlier comparison
 * @param today the current one
 */
public record ComparisonChange(Comparison saved, Comparison today) implements HtmlRenderable {

  /** True when both runs give the same answers as before. */
  public boolean sameAnswers() {
    return saved.host().value() == today.host().value()
        && saved.offloaded().value() == today.offloaded().value();
  }

  /**
   * True when answers, bytes over the link and modeled times are all as before (wall time aside).
   */
  public boolean deterministicPartsEqual() {
    return sameAnswers()
        && saved.host().hostBytes() == today.host().hostBytes()
        && saved.offloaded().hostBytes() == today.offloaded().hostBytes()
        && saved.host().modeledNanos() == today.host().modeledNanos()
        && saved.offloaded().modeledNanos() == today.offloaded().modeledNanos();
  }

  /** Rows: run and measure; columns: saved, today, change. */
  public Table table() {
    StringColumn run = StringColumn.create("run");
    StringColumn measure = StringColumn.create("measure");
    StringColumn before = StringColumn.create("saved");
    StringColumn now = StringColumn.create("today");
    StringColumn change = StringColumn.create("change");
    for (boolean onHost : new boolean[] {true, false}) {
      Run a = onHost ? saved.host() : saved.offloaded();
      Run b = onHost ? today.host() : today.offloaded();
      String label = onHost ? "host" : "offloaded";
      add(run, measure, before, now, change, label, "answer", a, b, Run::value, String::valueOf);
      add(
          run,
          measure,
          before,
          now,
          change,
          label,
          "bytes over host link",
          a,
          b,
          Run::hostBytes,
          Quantities::bytes);
      add(
          run,
          measure,
          before,
          now,
          change,
          label,
          "modeled time",
          a,
          b,
          Run::modeledNanos,
          Quantities::nanos);
      add(
          run,
          measure,
          before,
          now,
          change,
          label,
          "wall time",
          a,
          b,
          Run::wallNanos,
          Quantities::nanos);
    }
    return Table.create("saved vs today", run, measure, before, now, change);
  }

  private static void add(
      StringColumn run,
      StringColumn measure,
      StringColumn before,
      StringColumn now,
      StringColumn change,
      String label,
      String name,
      Run a,
      Run b,
      ToLongFunction<Run> value,
      java.util.function.LongFunction<String> format) {
    long x = value.applyAsLong(a);
    long y = value.applyAsLong(b);
    run.append(label);
    measure.append(name);
    before.append(format.apply(x));
    now.append(format.apply(y));
    change.append(
        x == y
            ? "="
            : x == 0 ? "new" : String.format(Locale.ROOT, "%+.1f %%", 100.0 * (y - x) / x));
  }

  /**
   * As {@code saved vs today: same answers, bytes and modeled times (wall host +3.1 %, offloaded
   * -2.0 %)}.
   */
  @Override
  public String toString() {
    Table table = table();
    String wall = "wall host " + table.getString(3, 4) + ", offloaded " + table.getString(7, 4);
    if (deterministicPartsEqual()) {
      return "saved vs today: same answers, bytes and modeled times (" + wall + ")";
    }
    StringBuilder out =
        new StringBuilder("saved vs today: ")
            .append(sameAnswers() ? "same answers" : "ANSWERS CHANGED")
            .append(", bytes or modeled time changed");
    for (int r = 0; r < table.rowCount(); r++) {
      if (!table.getString(r, 4).equals("=")) {
        out.append("\n  ")
            .append(table.getString(r, 0))
            .append(' ')
            .append(table.getString(r, 1))
            .append(": ")
            .append(table.getString(r, 2))
            .append(" -> ")
            .append(table.getString(r, 3))
            .append(" (")
            .append(table.getString(r, 4))
            .append(')');
      }
    }
    return out.toString();
  }

  @Override
  public String toHtml() {
    String verdict =
        deterministicPartsEqual()
            ? "✔ same answers, bytes and modeled times"
            : (sameAnswers() ? "✘ bytes or modeled time changed" : "✘ answers changed");
    return Html.panel(
        "saved comparison vs today",
        "<div data-same-answers=\""
            + sameAnswers()
            + "\">"
            + Html.escape(verdict)
            + "</div>"
            + TableHtml.of(table().setName("")));
  }
}
