package org.csdlab.lab;

import java.util.List;
import java.util.Locale;
import org.csdlab.ebpf.JitListing;
import org.csdlab.ebpf.asm.Disassembler;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;

/**
 * What the JIT made of a workbench program ({@link EbpfProgram#jit()}), for reading: in a notebook
 * a two-column table, each eBPF instruction (pc, text) beside the JVM bytecode compiled for it,
 * with each function's header, the code it starts with (setup) and the JIT's support code (fuel
 * refill, fault handlers) on rows of their own, and the compile time and bytecode size above; in
 * JShell the {@link JitListing}'s text.
 *
 * @param name the program's name
 * @param listing the JIT's listing, read back from the class it generated
 */
public record JitTable(String name, JitListing listing) implements HtmlRenderable {

  /** Every compiled step, function by function, in the order the JIT compiled them. */
  public List<JitListing.Step> steps() {
    return listing.functions().stream().flatMap(function -> function.steps().stream()).toList();
  }

  /**
   * The step of the instruction at slot {@code pc}.
   *
   * @throws IllegalArgumentException no instruction starts at {@code pc}, or the program was not
   *     compiled
   */
  public JitListing.Step step(int pc) {
    if (!listing.compiled()) {
      throw new IllegalArgumentException(
          name + " was not compiled (" + listing.refusal() + "), so it has no step at pc " + pc);
    }
    return steps().stream()
        .filter(step -> step.pc() == pc)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    name
                        + ": no instruction starts at pc "
                        + pc
                        + " (slots 0 to "
                        + (listing.program().slotCount() - 1)
                        + ")"));
  }

  /** The JIT listing's text: a headline, then each instruction followed by its JVM bytecode. */
  @Override
  public String toString() {
    return listing.toString();
  }

  @Override
  public String toHtml() {
    if (!listing.compiled()) {
      return Html.panel(
          name + ": not compiled, it runs on the interpreter",
          Html.pre(listing.refusal()) + new Listing(name, listing.program()).tableHtml(-1));
    }
    StringBuilder out =
        new StringBuilder(
            Html.table(
                List.of("eBPF instructions", "JVM bytecode", "methods", "compile time"),
                List.of(
                    List.of(
                        String.valueOf(listing.program().size()),
                        listing.bytecodeBytes() + " bytes",
                        String.valueOf(listing.functions().size()),
                        String.format(Locale.ROOT, "%.1f ms", listing.compileNanos() / 1e6)))));
    out.append(Html.tableStart())
        .append(Html.headerRow(List.of("pc", "eBPF instruction", "JVM bytecode")));
    Disassembler llvm = Disassembler.of(Syntax.LLVM);
    for (JitListing.Function function : listing.functions()) {
      out.append("<tr data-function=\"")
          .append(function.entryPc())
          .append("\"><th colspan=\"3\" style=\"")
          .append(Html.cellStyle())
          .append(";background:")
          .append(Html.SHADE)
          .append("\">")
          .append(
              Html.escape(
                  "function at pc "
                      + function.entryPc()
                      + ": a static method of "
                      + function.bytecodeBytes()
                      + " bytes"))
          .append("</th></tr>");
      out.append(
          part(
              "setup",
              "setup: the registers loaded from the run state into locals",
              function.setup()));
      for (JitListing.Step step : function.steps()) {
        out.append("<tr data-pc=\"")
            .append(step.pc())
            .append("\">")
            .append(Html.cell(step.pc(), "text-align:right"))
            .append(Html.cell(llvm.instruction(step.instruction()), Html.MONO))
            .append(bytecodeCell(step.bytecode()))
            .append("</tr>");
      }
      out.append(
          part(
              "support",
              "the JIT's support code: fuel refill, fault handlers, registers written back",
              function.support()));
    }
    out.append("</table>");
    return Html.panel(
        name
            + ": "
            + listing.program().size()
            + " eBPF instructions → "
            + listing.bytecodeBytes()
            + " bytes of JVM bytecode",
        out.toString());
  }

  /** A row of the JIT's own code that belongs to no instruction, labelled with {@code label}. */
  private static String part(String kind, String label, List<String> bytecode) {
    return "<tr data-part=\""
        + kind
        + "\">"
        + Html.cell("", "")
        + Html.cell(label, "font-style:italic")
        + bytecodeCell(bytecode)
        + "</tr>";
  }

  private static String bytecodeCell(List<String> bytecode) {
    return Html.cell(String.join("\n", bytecode), Html.MONO + ";white-space:pre");
  }
}
