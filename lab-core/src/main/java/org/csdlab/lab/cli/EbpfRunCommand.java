package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.FuelExhaustedException;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.maps.HelperSets;
import org.csdlab.ebpf.maps.LinuxHelpers;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.Verifier;
import org.csdlab.ebpf.verifier.VerifierError;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.csdlab.lab.io.InputFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code csdlab ebpf run FILE}: runs a program on the VM and prints r0, the work done and the time.
 */
@Command(
    name = "run",
    description = "Run an eBPF program on the VM (interpreter) and print r0.",
    footer = {
      "",
      "The memory (--mem or --mem-hex) is the context: r1 holds its address, r2 its length.",
      "",
      "Examples:",
      "  csdlab ebpf run prog.s --mem-hex '2a 00 00 00 00 00 00 00' --trace",
      "  csdlab ebpf run prog.o --section xdp --mem packet.bin --fuel 1000000"
    })
final class EbpfRunCommand implements Callable<Integer> {
  /** Helper sets a program run on its own may call. */
  enum Helpers {
    /** The Linux helpers (maps, ktime_get_ns, trace_printk, ...). */
    LINUX,
    /** The helpers of the eBPF conformance suites. */
    CONFORMANCE
  }

  @Spec CommandSpec spec;

  @Mixin ProgramOptions program;

  /** Where the context memory comes from: a file or hex text, not both. */
  static final class Memory {
    @Option(
        names = {"-m", "--mem"},
        paramLabel = "MEMFILE",
        description = "Context memory: the bytes of MEMFILE.")
    Path file;

    @Option(
        names = "--mem-hex",
        paramLabel = "HEX",
        description = "Context memory as hex bytes, e.g. '2a 00 00 00'.")
    String hex;

    /**
     * The bytes of {@code --mem-hex}, read before any work: text that is not hex is a usage error.
     */
    byte[] hexBytes(CommandSpec spec) {
      try {
        return Hex.parse(hex, "--mem-hex");
      } catch (IllegalArgumentException e) {
        throw BadArgument.of(spec, "--mem-hex", e.getMessage());
      }
    }
  }

  @ArgGroup(exclusive = true)
  Memory memory;

  @Option(
      names = {"-t", "--trace"},
      description = "Print each instruction executed and the registers it changed.")
  boolean trace;

  @Option(
      names = "--trace-limit",
      paramLabel = "STEPS",
      defaultValue = "" + Vm.DEFAULT_TRACE_LIMIT,
      description =
          "Most steps the trace keeps, 1 to "
              + Vm.MAX_TRACE_LIMIT
              + " (default: ${DEFAULT-VALUE}).")
  int traceLimit;

  @Option(
      names = "--fuel",
      paramLabel = "N",
      defaultValue = "" + Vm.DEFAULT_FUEL,
      description = "Stop after N instructions, at least 1 (default: ${DEFAULT-VALUE}).")
  long fuel;

  @Option(
      names = "--helpers",
      paramLabel = "SET",
      defaultValue = "linux",
      description =
          "Helpers the program may call: linux or conformance (default: ${DEFAULT-VALUE}).")
  Helpers helpers;

  @Option(
      names = "--unverified",
      description =
          "Run the program even if the verifier refuses it, for an experiment "
              + "(the VM still checks every memory access and the fuel limit).")
  boolean unverified;

  @Override
  public Integer call() {
    if (fuel <= 0) {
      throw BadArgument.of(spec, "--fuel", "--fuel must be at least 1, got " + fuel);
    }
    if (traceLimit <= 0 || traceLimit > Vm.MAX_TRACE_LIMIT) {
      throw BadArgument.of(
          spec,
          "--trace-limit",
          "--trace-limit must be from 1 to " + Vm.MAX_TRACE_LIMIT + ", got " + traceLimit);
    }
    byte[] hexContext = memory == null || memory.hex == null ? null : memory.hexBytes(spec);
    LoadedProgram loaded = program.load();
    byte[] context =
        memory == null
            ? new byte[0]
            : hexContext != null ? hexContext : InputFile.memory(memory.file).readBytes();
    MapSet maps = loaded.mapSet();
    // Maps come with the Linux helpers that use them; trace_printk's lines are kept to print them.
    LinuxHelpers linux =
        loaded.maps().isEmpty() && helpers == Helpers.CONFORMANCE ? null : new LinuxHelpers(maps);
    HelperRegistry registry = linux == null ? HelperSets.conformance() : linux.registry();
    if (!unverified) {
      requireVerified(loaded, registry, context.length);
    }
    Vm.Builder builder = maps.configure(loaded.vmBuilder()).helpers(registry);
    Vm vm = builder.fuel(fuel).trace(trace).traceLimit(traceLimit).build();
    ExecutionResult result;
    try {
      result = vm.run(context);
    } catch (FuelExhaustedException e) {
      throw e.withLimitAdvice("--fuel N (now " + fuel + ")");
    }
    PrintWriter out = spec.commandLine().getOut();
    result.trace().ifPresent(t -> out.print(t.listing()));
    if (linux != null && (!linux.printed().isEmpty() || linux.droppedLines() > 0)) {
      out.println("trace_printk:");
      linux.printedText().lines().forEach(line -> out.println("  " + line));
    }
    out.printf(Locale.ROOT, "r0 = %d (0x%x)%n", result.r0(), result.r0());
    out.printf(Locale.ROOT, "instructions executed: %,d%n", result.instructionsExecuted());
    out.printf(
        Locale.ROOT,
        "time: %.3f ms (wall clock, interpreter%s)%n",
        result.wallNanos() / 1e6,
        trace ? ", tracing" : "");
    return 0;
  }

  /** In eBPF a program the verifier refuses never runs: the refusal, with its listing, instead. */
  private void requireVerified(LoadedProgram loaded, HelperRegistry registry, int contextBytes) {
    VerificationResult verdict =
        Verifier.verify(
            loaded.program(),
            VerifierOptions.defaults()
                .withDeclarationsOf(loaded)
                .withHelpers(registry)
                .withContext(contextBytes, true));
    if (verdict.ok()) {
      return;
    }
    VerifierError error = verdict.primaryError().orElseThrow();
    PrintWriter out = spec.commandLine().getOut();
    EbpfVerifyCommand.printRefusal(out, loaded.program(), error);
    out.flush();
    throw new CliException(
        loaded.name()
            + " did not run: the verifier refuses it ("
            + error.code()
            + " at pc "
            + error.pc()
            + "); add --unverified to run it anyway for an experiment");
  }
}
