package org.csdlab.lab;

import java.util.HexFormat;
import java.util.List;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Disassembler;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A program's disassembly beside its bytecode, one row per instruction: {@code 0: b7 00 00 00 2a 00
 * 00 00 r0 = 42}.
 *
 * @param name the program's name
 * @param program the program
 * @param syntax the assembly syntax shown
 */
public record Listing(String name, Program program, Syntax syntax) implements HtmlRenderable {

  /** A listing in LLVM syntax. */
  public Listing(String name, Program program) {
    this(name, program, Syntax.LLVM);
  }

  /** The same listing in {@code other} syntax. */
  public Listing in(Syntax other) {
    return new Listing(name, program, other);
  }

  /** The text of the instruction at slot {@code pc}. */
  public String instruction(int pc) {
    return Disassembler.of(syntax).instruction(program.at(pc));
  }

  /**
   * The bytecode of the instruction at slot {@code pc}, as hex bytes separated by spaces (16 for
   * LDDW).
   */
  public String bytecode(int pc) {
    return HexFormat.ofDelimiter(" ").formatHex(program.at(pc).encode());
  }

  /** One row per instruction: pc, bytecode, instruction. */
  public Table table() {
    IntColumn pcs = IntColumn.create("pc");
    StringColumn bytes = StringColumn.create("bytecode");
    StringColumn text = StringColumn.create("instruction");
    for (int i = 0; i < program.size(); i++) {
      int pc = program.pcOf(i);
      pcs.append(pc);
      bytes.append(bytecode(pc));
      text.append(instruction(pc));
    }
    return Table.create(name, pcs, bytes, text);
  }

  /** The whole listing as text, one line per instruction. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < program.size(); i++) {
      int pc = program.pcOf(i);
      out.append(String.format("%4d: %-47s  %s%n", pc, bytecode(pc), instruction(pc)));
    }
    return out.toString();
  }

  /** As {@code Listing[hello: 2 instructions, 2 slots]} followed by the listing. */
  @Override
  public String toString() {
    return "Listing["
        + name
        + ": "
        + program.size()
        + " instructions, "
        + program.slotCount()
        + " slots]\n"
        + text();
  }

  @Override
  public String toHtml() {
    return Html.panel(
        name + ": " + program.size() + " instructions, " + program.slotCount() + " slots",
        tableHtml(-1));
  }

  /**
   * The listing as an HTML table, with the instruction at {@code highlightPc} marked (none if -1).
   */
  String tableHtml(int highlightPc) {
    StringBuilder out =
        new StringBuilder(Html.tableStart())
            .append(Html.headerRow(List.of("pc", "bytecode", "instruction")));
    for (int i = 0; i < program.size(); i++) {
      int pc = program.pcOf(i);
      boolean marked = pc == highlightPc;
      String style = marked ? "background:" + Html.ALERT + ";font-weight:bold" : "";
      out.append(marked ? "<tr data-highlight=\"true\" id=\"pc-" + pc + "\">" : "<tr>")
          .append(
              Html.cell(
                  (marked ? "▶ " : "") + pc,
                  style + (style.isEmpty() ? "" : ";") + "text-align:right"))
          .append(
              Html.cell(
                  bytecode(pc), Html.MONO + ";opacity:0.75" + (style.isEmpty() ? "" : ";" + style)))
          .append(Html.cell(instruction(pc), Html.MONO + (style.isEmpty() ? "" : ";" + style)))
          .append("</tr>");
    }
    return out.append("</table>").toString();
  }
}
