package org.csdlab.lab;

import java.util.List;
import java.util.StringJoiner;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Trace;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A traced run step by step: each executed instruction with the registers it changed, as a Tablesaw
 * table ({@link #table()}), as text, and as HTML with the changed registers marked.
 *
 * @param name the program's name
 * @param result the run's result (r0, instructions executed, the trace)
 */
public record TraceTable(String name, ExecutionResult result) implements HtmlRenderable {
  /** Steps shown by {@link #toString()}; {@link #table()} has them all. */
  static final int TEXT_STEPS = 20;

  /** The trace itself. */
  public Trace trace() {
    return result
        .trace()
        .orElseThrow(() -> new IllegalStateException("the run of " + name + " was not traced"));
  }

  /** The recorded steps. */
  public List<Trace.Step> steps() {
    return trace().steps();
  }

  /** One row per step: step, pc, instruction, changed (as {@code r1 = 42 (0x2a), r2 = 1 (0x1)}). */
  public Table table() {
    IntColumn step = IntColumn.create("step");
    IntColumn pc = IntColumn.create("pc");
    StringColumn instruction = StringColumn.create("instruction");
    StringColumn changed = StringColumn.create("changed");
    int n = 0;
    for (Trace.Step s : steps()) {
      step.append(n++);
      pc.append(s.pc());
      instruction.append(s.instruction().toString());
      changed.append(changes(s));
    }
    return Table.create("trace of " + name, step, pc, instruction, changed);
  }

  private static String changes(Trace.Step step) {
    StringJoiner out = new StringJoiner(", ");
    step.changes().forEach(change -> out.add(change.toString()));
    return out.toString();
  }

  private String summary() {
    Trace trace = trace();
    return "trace of "
        + name
        + ": "
        + trace.steps().size()
        + " steps"
        + (trace.truncated() ? " (" + trace.droppedText() + ")" : "")
        + ", r0 = "
        + result.r0();
  }

  /**
   * The summary, then the first {@value #TEXT_STEPS} steps as {@code 0: r0 = 42 r0 = 42 (0x2a)}.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(summary());
    List<Trace.Step> steps = steps();
    for (int i = 0; i < Math.min(TEXT_STEPS, steps.size()); i++) {
      out.append('\n').append(steps.get(i));
    }
    if (steps.size() > TEXT_STEPS) {
      out.append("\n... ")
          .append(steps.size() - TEXT_STEPS)
          .append(" more steps (table() has them all)");
    }
    return out.toString();
  }

  @Override
  public String toHtml() {
    StringBuilder out =
        new StringBuilder(Html.tableStart())
            .append(Html.headerRow(List.of("step", "pc", "instruction", "registers changed")));
    List<Trace.Step> steps = steps();
    int shown = Math.min(steps.size(), org.csdlab.lab.display.TableHtml.MAX_ROWS * 4);
    for (int i = 0; i < shown; i++) {
      Trace.Step s = steps.get(i);
      out.append("<tr>")
          .append(Html.cell(i, "text-align:right"))
          .append(Html.cell(s.pc(), "text-align:right"))
          .append(Html.cell(s.instruction(), Html.MONO))
          .append("<td style=\"")
          .append(Html.cellStyle())
          .append(";")
          .append(Html.MONO)
          .append("\">");
      for (Trace.RegisterChange change : s.changes()) {
        out.append("<span data-register=\"")
            .append(change.register())
            .append("\" title=\"was ")
            .append(Trace.RegisterChange.value(change.before()))
            .append("\" style=\"background:")
            .append(Html.CHANGED)
            .append(";border-radius:3px;padding:0 4px;margin-right:6px;white-space:nowrap\">")
            .append(Html.escape(change))
            .append("</span>");
      }
      out.append("</td></tr>");
    }
    out.append("</table>");
    if (steps.size() > shown) {
      out.append("<div style=\"font-style:italic\">… ")
          .append(steps.size() - shown)
          .append(" more steps (table() has them all)</div>");
    }
    return Html.panel(summary(), out.toString());
  }
}
