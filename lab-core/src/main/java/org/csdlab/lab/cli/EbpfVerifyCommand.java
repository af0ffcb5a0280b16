package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Disassembler;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.maps.HelperSets;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.Verifier;
import org.csdlab.ebpf.verifier.VerifierError;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.csdlab.zns.csd.OpenCsdHelpers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code csdlab ebpf verify FILE}: runs the verifier; prints OK, or the refusal with the
 * instruction it points at (exit status 1).
 */
@Command(
    name = "verify",
    description = "Check an eBPF program with the verifier before it runs.",
    footer = {
      "",
      "Exit status: 0 when the verifier accepts the program, 1 when it refuses it.",
      "",
      "Examples:",
      "  csdlab ebpf verify prog.s",
      "  csdlab ebpf verify tutorials/programs/count_u32.o --helpers opencsd"
    })
final class EbpfVerifyCommand implements Callable<Integer> {
  /** Helper prototypes the verifier checks calls against. */
  enum Helpers {
    /** The Linux helpers. */
    LINUX,
    /** OpenCSD's on-drive helpers (kernels for the computational storage device). */
    OPENCSD,
    /**
     * The helpers of the eBPF conformance suites, as {@code ebpf run --helpers conformance} runs
     * them.
     */
    CONFORMANCE;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Instructions shown before and after the one the verifier refused. */
  private static final int CONTEXT_LINES = 3;

  @Spec CommandSpec spec;

  @Mixin ProgramOptions program;

  @Option(
      names = "--helpers",
      paramLabel = "SET",
      defaultValue = "linux",
      description = "Helper prototypes: linux, opencsd or conformance (default: ${DEFAULT-VALUE}).")
  Helpers helpers;

  @Option(
      names = "--log",
      description = "Print the verifier's log: the register types at each instruction.")
  boolean log;

  @Option(
      names = "--max-processed-instructions",
      paramLabel = "N",
      defaultValue = "" + VerifierOptions.DEFAULT_MAX_PROCESSED_INSTRUCTIONS,
      description =
          "Refuse as too complex after the analysis processed N instructions (default: ${DEFAULT-VALUE}).")
  long maxProcessedInstructions;

  @Option(
      names = "--max-stored-states",
      paramLabel = "N",
      defaultValue = "" + VerifierOptions.DEFAULT_MAX_STORED_STATES,
      description =
          "Refuse as too complex once the analysis would keep more than N states (default: ${DEFAULT-VALUE}).")
  int maxStoredStates;

  @Override
  public Integer call() {
    if (maxProcessedInstructions <= 0) {
      throw BadArgument.of(
          spec,
          "--max-processed-instructions",
          "--max-processed-instructions must be at least 1, got " + maxProcessedInstructions);
    }
    if (maxStoredStates <= 0) {
      throw BadArgument.of(
          spec,
          "--max-stored-states",
          "--max-stored-states must be at least 1, got " + maxStoredStates);
    }
    LoadedProgram loaded = program.load();
    VerifierOptions options =
        VerifierOptions.defaults()
            .withDeclarationsOf(loaded)
            .withLog(log)
            .withMaxProcessedInstructions(maxProcessedInstructions)
            .withMaxStoredStates(maxStoredStates);
    options =
        switch (helpers) {
          case LINUX -> options;
          case OPENCSD -> options.withHelpers(OpenCsdHelpers.prototypes());
          case CONFORMANCE -> options.withHelpers(HelperSets.conformance());
        };
    VerificationResult result = Verifier.verify(loaded.program(), options);
    PrintWriter out = spec.commandLine().getOut();
    if (log && result.log() != null) {
      out.print(result.log().endsWith("\n") ? result.log() : result.log() + "\n");
    }
    Program p = loaded.program();
    if (result.ok()) {
      out.printf(
          Locale.ROOT,
          "OK: %s, %d instructions, accepted (helpers: %s)%n",
          loaded.name(),
          p.size(),
          helpers);
      return 0;
    }
    VerifierError error = forTheCommandLine(result, options);
    printRefusal(out, p, error);
    if (error.code() == ErrorCode.UNKNOWN_HELPER && helpers == Helpers.LINUX) {
      out.println(
          "Kernels for the computational storage drive call the opencsd helpers: add --helpers opencsd");
    }
    return 1;
  }

  /**
   * The refusal with the verifier's advice to supply options replaced by this command's options.
   */
  private VerifierError forTheCommandLine(VerificationResult result, VerifierOptions options) {
    VerifierError error = result.primaryError().orElseThrow();
    if (error.code() == ErrorCode.TOO_COMPLEX) {
      boolean instructions = result.cost().instructionsOverBudget();
      return error.withFix(
          String.format(
              Locale.ROOT,
              "%s, or raise the budget with %s N (now %d)",
              Verifier.SIMPLER_CALLS_FIX,
              instructions ? "--max-processed-instructions" : "--max-stored-states",
              instructions ? maxProcessedInstructions : maxStoredStates));
    }
    if (error.code() == ErrorCode.UNKNOWN_HELPER) {
      return error.withFix(
          "call a helper of the set --helpers "
              + helpers
              + " knows ("
              + new TreeSet<>(options.helpers().keySet())
              + "), or choose another set with --helpers (linux, opencsd or"
              + " conformance)");
    }
    return error;
  }

  /**
   * How both {@code ebpf verify} and {@code ebpf run} show a refusal: its message, then the
   * listing.
   */
  static void printRefusal(PrintWriter out, Program program, VerifierError error) {
    out.println("REFUSED: " + error.message());
    out.print(around(program, error.pc()));
  }

  /** The listing around slot {@code pc}, the refused instruction marked with {@code >}. */
  private static String around(Program program, int pc) {
    Disassembler disassembler = Disassembler.llvm();
    StringBuilder text = new StringBuilder();
    int at = -1;
    for (int i = 0; i < program.size(); i++) {
      if (program.pcOf(i) <= pc) {
        at = i;
      }
    }
    for (int i = Math.max(0, at - CONTEXT_LINES);
        i <= Math.min(program.size() - 1, at + CONTEXT_LINES);
        i++) {
      int slot = program.pcOf(i);
      text.append(
          String.format(
              Locale.ROOT,
              "%s %4d: %s%n",
              i == at ? ">" : " ",
              slot,
              disassembler.instruction(program.instructions().get(i))));
    }
    return text.toString();
  }
}
