package org.csdlab.lab;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.csdlab.fluffle.CleaningPass;
import org.csdlab.fluffle.CleaningPolicy;
import org.csdlab.fluffle.FsCounters;
import org.csdlab.lab.chart.Chart;
import org.csdlab.lab.chart.Charts;
import org.csdlab.lab.chart.Line;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;

/**
 * The cleaner of the lab's filesystem at one moment: its passes as a table (policy, zones freed,
 * blocks moved, write amplification after), the counters, and a chart of write amplification over
 * the host data written ({@link #chart()}); {@link #live()} draws that chart in a notebook cell and
 * redraws it as the cell's writes go on.
 *
 * <pre>{@code
 * lab.fs().cleaner().live();          // in a notebook: a chart in this cell that follows the writes
 * for (...) lab.fs().write(...);      // cleaning passes run when free zones run low
 * lab.fs().cleaner()                  // CleanerLog[3 passes (cost-benefit 3), 45 blocks moved, WA 1.32]
 * }</pre>
 */
public final class CleanerLog implements HtmlRenderable {
  /** Passes the HTML table shows (the most recent); the chart shows every sample. */
  static final int TABLE_ROWS = 200;

  private final CleaningPolicy policy;
  private final List<CleaningPass> passes;
  private final FsCounters counters;
  private final WriteAmplificationSamples samples;

  CleanerLog(
      CleaningPolicy policy,
      List<CleaningPass> passes,
      FsCounters counters,
      WriteAmplificationSamples samples) {
    this.policy = policy;
    this.passes = List.copyOf(passes);
    this.counters = counters;
    this.samples = samples;
  }

  /** The background cleaning policy chosen at format. */
  public CleaningPolicy policy() {
    return policy;
  }

  /** The passes of this mount, oldest first (the most recent 4096). */
  public List<CleaningPass> passes() {
    return passes;
  }

  /** The write counters since format. */
  public FsCounters counters() {
    return counters;
  }

  /** Device bytes written per host byte written, since format. */
  public double writeAmplification() {
    return counters.writeAmplification();
  }

  /**
   * Write amplification (device bytes / host bytes since format) over the host data written, one
   * point per recorded call that wrote.
   */
  public Chart chart() {
    List<WriteAmplificationSamples.Sample> points =
        samples.samples().stream().filter(s -> s.hostBytes() > 0).toList();
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      x[i] = points.get(i).hostBytes() / (double) (1 << 20);
      y[i] = points.get(i).writeAmplification();
    }
    return Charts.lines(
        "Write amplification (" + policyName(policy) + " cleaning)",
        "host data written (MiB)",
        "device bytes / host bytes",
        List.of(new Line("write amplification", x, y)));
  }

  /**
   * In a notebook, shows {@link #chart()} in this cell and redraws it as this filesystem's calls
   * write (at most four times a second; the last redraw may miss the final quarter second, which
   * {@code fs.cleaner().chart()} shows). In a terminal it does nothing.
   */
  public void live() {
    samples.live(this::liveChart);
  }

  private Object liveChart() {
    return chart();
  }

  /** {@code cost-benefit} or {@code greedy}. */
  static String policyName(CleaningPolicy policy) {
    return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A write amplification as {@code 1.32}. */
  static String wa(double writeAmplification) {
    return String.format(Locale.ROOT, "%.2f", writeAmplification);
  }

  /**
   * As {@code CleanerLog[3 passes (cost-benefit 2, greedy 1), 45 blocks moved, write amplification
   * 1.32]}.
   */
  @Override
  public String toString() {
    String byPolicy =
        passes.stream()
            .collect(Collectors.groupingBy(CleaningPass::policy, Collectors.counting()))
            .entrySet()
            .stream()
            .map(e -> policyName(e.getKey()) + " " + e.getValue())
            .sorted()
            .collect(Collectors.joining(", "));
    return "CleanerLog["
        + counters.cleaningPasses()
        + (counters.cleaningPasses() == 1 ? " pass" : " passes")
        + (byPolicy.isEmpty() ? "" : " (" + byPolicy + ")")
        + ", "
        + counters.blocksMoved()
        + " blocks moved, write amplification "
        + wa(writeAmplification())
        + "]";
  }

  /** The passes as a table, then the chart. */
  @Override
  public String toHtml() {
    List<CleaningPass> shown =
        passes.subList(Math.max(0, passes.size() - TABLE_ROWS), passes.size());
    StringBuilder table =
        new StringBuilder(Html.tableStart())
            .append(
                Html.headerRow(
                    List.of(
                        "pass",
                        "policy",
                        "zones freed",
                        "blocks moved",
                        "write amplification after")));
    for (CleaningPass pass : shown) {
      table
          .append("<tr data-pass=\"")
          .append(pass.number())
          .append("\" data-policy=\"")
          .append(pass.policy())
          .append("\">")
          .append(Html.cell(pass.number(), ""))
          .append(Html.cell(policyName(pass.policy()), ""))
          .append(
              Html.cell(
                  pass.zonesFreed().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                  ""))
          .append(Html.cell(pass.blocksMoved(), ""))
          .append(Html.cell(wa(pass.writeAmplification()), ""))
          .append("</tr>");
    }
    table.append("</table>");
    String summary =
        Html.escape(
            (passes.isEmpty() ? "no cleaning pass yet" : passes.size() + " passes")
                + (passes.size() > shown.size() ? " (the last " + shown.size() + " shown)" : "")
                + "; "
                + Quantities.bytes(counters.hostBytesWritten())
                + " written by the host, "
                + Quantities.bytes(counters.deviceBytesWritten())
                + " to the device; "
                + counters.zoneResets()
                + " zone resets");
    return Html.panel(
        toString(),
        "<div>"
            + summary
            + "</div>"
            + (passes.isEmpty() ? "" : table.toString())
            + chart().toHtml());
  }
}
