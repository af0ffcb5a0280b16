package org.csdlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.RegType;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.VerifierError;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;

/**
 * What the verifier said about a program: passed, or refused with the instruction at fault. A
 * refusal renders as the listing with that instruction highlighted, the error code, the rule, the
 * ranges at the refused instruction and the branch outcomes of the path that reaches it (when the
 * verifier gives them), and the fix.
 *
 * @param name the program's name
 * @param program the program verified
 * @param result the verifier's result
 */
public record Verification(String name, Program program, VerificationResult result)
    implements HtmlRenderable {

  /** True when the verifier accepted the program. */
  public boolean ok() {
    return result.ok();
  }

  /** The refusal, if any. */
  public Optional<VerifierError> error() {
    return result.primaryError();
  }

  /** The refusal's stable code, or null when the program passed. */
  public ErrorCode code() {
    return result.code();
  }

  /** The per-instruction log, when it was asked for (else empty). */
  public String log() {
    return result.log() == null ? "" : result.log();
  }

  /**
   * As {@code hello: verified (2 instructions)} or {@code hello: refused: UNINIT_REG at 3 'r0 +=
   * r2': ...}.
   */
  @Override
  public String toString() {
    return ok()
        ? name + ": verified (" + program.size() + " instructions)"
        : name + ": refused: " + result.primaryError().orElseThrow().message();
  }

  @Override
  public String toHtml() {
    Listing listing = new Listing(name, program);
    if (ok()) {
      return Html.panel(
          "✔ " + name + ": verified (" + program.size() + " instructions)",
          listing.tableHtml(-1) + logHtml());
    }
    VerifierError error = result.primaryError().orElseThrow();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("error", error.code().name()));
    rows.add(
        List.of(
            "at",
            "pc " + error.pc() + (error.instruction() == null ? "" : ": " + error.instruction())));
    rows.add(List.of("rule", error.rule()));
    if (!error.registers().isEmpty()) {
      StringBuilder registers = new StringBuilder();
      for (Map.Entry<Integer, RegType> e : error.registers().entrySet()) {
        registers
            .append(registers.length() == 0 ? "" : ", ")
            .append('r')
            .append(e.getKey())
            .append(" = ")
            .append(e.getValue());
      }
      rows.add(List.of("registers", registers.toString()));
    }
    if (error.state() != null && !error.state().isEmpty()) {
      rows.add(List.of("ranges at pc " + error.pc(), error.state()));
    }
    if (error.path() != null) {
      rows.add(List.of("path (branch outcomes)", error.path()));
    }
    if (error.fix() != null) {
      rows.add(List.of("fix", error.fix()));
    }
    int highlight = program.isInstructionStart(error.pc()) ? error.pc() : -1;
    return Html.panel(
        "✘ " + name + ": refused by the verifier (" + error.code() + " at pc " + error.pc() + ")",
        "<div data-error-code=\""
            + error.code()
            + "\">"
            + Html.table(List.of("", ""), rows)
            + "</div>"
            + listing.tableHtml(highlight)
            + logHtml());
  }

  /** Lines of the log a rendering shows at most; {@link #log()} has them all. */
  static final int LOG_LINES_SHOWN = 2_000;

  /** The log, collapsed under a line that counts it, or nothing when it was not kept. */
  private String logHtml() {
    String log = log();
    if (log.isEmpty()) {
      return "";
    }
    List<String> lines = log.lines().toList();
    String shown =
        lines.size() <= LOG_LINES_SHOWN
            ? log
            : String.join("\n", lines.subList(0, LOG_LINES_SHOWN))
                + "\n... "
                + (lines.size() - LOG_LINES_SHOWN)
                + " more lines in log()";
    return Html.details("verifier log (" + lines.size() + " lines)", Html.pre(shown));
  }
}
