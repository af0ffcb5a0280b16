package org.csdlab.lab;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.maps.HelperSets;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.Verifier;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.csdlab.lab.display.HtmlRenderable;

/**
 * An eBPF program in the lab, ready to run in the VM (with the Linux helpers and its maps), trace,
 * verify and list:
 *
 * <pre>{@code
 * var hello = lab.ebpf().assemble("r0 = 42\nexit");
 * hello.run()        // r0 = 42 (0x2a) · 2 instructions · 0.010 ms · interpreter
 * hello.trace()      // a table of steps with the registers each one changed
 * hello.verify()     // hello: verified (2 instructions)
 * hello.listing()    // disassembly beside bytecode
 * hello.onJit().run() // the same, compiled to JVM bytecode: r0 = 42 ... · JIT
 * hello.jit()        // each eBPF instruction beside the JVM bytecode the JIT made of it
 * }</pre>
 *
 * <p>A program runs on the lab's engine ({@link Lab.Builder#engine}, {@link Engine#AUTO} unless
 * set); {@link #on(Engine)}, {@link #onJit()} and {@link #onInterpreter()} give the same program on
 * another one. Every engine gives the same r0, instruction count and errors; the {@link EbpfRun}
 * says which one ran and, when the JIT was asked for but the interpreter ran, why. Traces always
 * come from the interpreter.
 *
 * <p>As in Linux, a program the verifier refuses never runs: {@link #run()} and {@link #trace()}
 * verify it first (once; the result is kept) and throw {@link ProgramRefusedException} with the
 * verifier's message. {@link #runUnverified()} and {@link #traceUnverified()} run it anyway, for
 * experiments with what the verifier would have stopped; the VM's bounds checks and fuel limit
 * still hold there. The verifier does not prove that a program ends: a loop that never exits is
 * stopped by the fuel limit ({@link Lab.Builder#fuel}) with a {@link
 * org.csdlab.ebpf.FuelExhaustedException}.
 *
 * <p>Maps and data regions of a program from an ELF object keep their contents from one run to the
 * next.
 */
public final class EbpfProgram implements HtmlRenderable {
  private final String name;
  private final Program program;
  private final LoadedProgram loaded;
  private final long fuel;
  private final MapSet maps;
  private final Engine engine;

  /** Bytes of the context every run passes, as the verifier knows them; or unknown. */
  private final long contextBytes;

  private Vm vm;
  private Vm tracingVm;

  /** The last verdict a run asked for, and the context size it was given for. */
  private Verification verification;

  private long verifiedContextBytes;

  EbpfProgram(String name, Program program, LoadedProgram loaded, long fuel, Engine engine) {
    this(
        name,
        program,
        loaded,
        fuel,
        engine,
        loaded == null ? MapSet.of(List.of()) : loaded.mapSet(),
        VerifierOptions.UNKNOWN_CONTEXT_SIZE);
  }

  private EbpfProgram(
      String name,
      Program program,
      LoadedProgram loaded,
      long fuel,
      Engine engine,
      MapSet maps,
      long contextBytes) {
    this.contextBytes = contextBytes;
    this.name = name;
    this.program = program;
    this.loaded = loaded;
    this.fuel = fuel;
    this.engine = engine;
    this.maps = maps;
  }

  /**
   * This program on {@code engine}: {@link Engine#INTERPRETER}, {@link Engine#JIT} or {@link
   * Engine#AUTO}. It shares this program's maps and data regions: what a run on one engine leaves
   * in an ELF object's globals and maps, a run on the other sees.
   */
  public EbpfProgram on(Engine engine) {
    if (engine == null) {
      throw new IllegalArgumentException(
          name + ".on(engine): engine must be INTERPRETER, JIT or AUTO, not null");
    }
    return engine == this.engine
        ? this
        : new EbpfProgram(name, program, loaded, fuel, engine, maps, contextBytes);
  }

  /**
   * This program, declaring that every run passes a context of exactly {@code bytes} bytes: the
   * verifier checks its accesses to the context against that size, and a run with another size is
   * refused before it starts. It shares this program's maps and data regions.
   */
  public EbpfProgram withContextBytes(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException(
          name + ".withContextBytes(" + bytes + "): a context has at least 0 bytes");
    }
    return new EbpfProgram(name, program, loaded, fuel, engine, maps, bytes);
  }

  /**
   * This program with new, empty maps of {@code definitions} in place of its own: the {@code i}-th
   * map's handle is {@link MapSet#handleOf}{@code (i)} ({@code 0x4d500000 + i}), which the program
   * loads as a 64-bit constant (for the first, {@code r1 = 0x4d500000 ll}) where C would write
   * {@code &map}. The verifier knows each map's key and value sizes.
   *
   * @throws org.csdlab.ebpf.MemoryBudgetException the maps exceed the default memory budget
   * @throws IllegalStateException the program came from an ELF object with maps of its own, which
   *     its map references already point to
   */
  public EbpfProgram withMaps(MapDefinition... definitions) {
    if (loaded != null && !loaded.maps().isEmpty()) {
      throw new IllegalStateException(
          name
              + ".withMaps: the program has the "
              + loaded.maps().size()
              + " maps of its ELF object, which its map references point to; give maps to an"
              + " assembled program");
    }
    return new EbpfProgram(
        name, program, loaded, fuel, engine, MapSet.of(List.of(definitions)), contextBytes);
  }

  /** This program's maps, with what its runs left in them. */
  public MapSet maps() {
    return maps;
  }

  /** The context size declared by {@link #withContextBytes}, or -1 when none was. */
  public long contextBytes() {
    return contextBytes;
  }

  /** This program on the interpreter: {@code on(Engine.INTERPRETER)}. */
  public EbpfProgram onInterpreter() {
    return on(Engine.INTERPRETER);
  }

  /**
   * This program compiled to JVM bytecode: {@code on(Engine.JIT)}. A program the JIT cannot compile
   * still runs, on the interpreter, and its run says why ({@link EbpfRun#interpretedBecause()}).
   */
  public EbpfProgram onJit() {
    return on(Engine.JIT);
  }

  /** The engine asked for: the lab's, or the one given to {@link #on(Engine)}. */
  public Engine engine() {
    return engine;
  }

  /**
   * What the JIT makes of this program: each eBPF instruction beside the JVM bytecode compiled for
   * it, the code each function starts with and the JIT's own support code, with the compile time
   * and size. Compiles the program for the view (whatever engine it runs on); a program the JIT
   * cannot compile shows why.
   */
  public JitTable jit() {
    return new JitTable(name, program.jit());
  }

  /** The program's name: its ELF section or function, or the name given. */
  public String name() {
    return name;
  }

  /** The instructions. */
  public Program program() {
    return program;
  }

  /** The program with its data regions and maps, when it came from an ELF object. */
  public Optional<LoadedProgram> loaded() {
    return Optional.ofNullable(loaded);
  }

  /** Number of instructions (LDDW counted once). */
  public int size() {
    return program.size();
  }

  /** The little-endian bytecode. */
  public byte[] bytecode() {
    return program.encode();
  }

  /**
   * Verifies (see {@link #verify()}), then runs with no context (r1 = r2 = 0).
   *
   * @throws ProgramRefusedException the verifier refuses the program; it did not run
   * @throws org.csdlab.ebpf.FuelExhaustedException the program ran out of fuel
   */
  public EbpfRun run() {
    return run(new byte[0]);
  }

  /**
   * Verifies, then runs with {@code context} as the context region (r1 points to it, r2 holds its
   * length).
   *
   * @throws ProgramRefusedException the verifier refuses the program; it did not run
   */
  public synchronized EbpfRun run(byte[] context) {
    checkContext("run", context);
    checkVerified("run", context.length);
    return runUnverified(context);
  }

  /**
   * Runs with no context without asking the verifier, for experiments with programs it refuses. The
   * VM still checks every memory access and stops after the fuel limit.
   */
  public EbpfRun runUnverified() {
    return runUnverified(new byte[0]);
  }

  /** Runs with {@code context} without asking the verifier; see {@link #runUnverified()}. */
  public synchronized EbpfRun runUnverified(byte[] context) {
    long vmBuildNanos = 0;
    if (vm == null) {
      // the first run builds the VM, which compiles the program when the JIT runs it
      long start = System.nanoTime();
      vm = vmBuilder().engine(engine).build();
      vmBuildNanos = System.nanoTime() - start;
    }
    ExecutionResult result = LabFuel.advising(() -> vm.run(context));
    return EbpfRun.of(name, result, context.length, vmBuildNanos, engine, vm);
  }

  /**
   * Verifies, then runs with no context, recording every step.
   *
   * @throws ProgramRefusedException the verifier refuses the program; it did not run
   */
  public TraceTable trace() {
    return trace(new byte[0]);
  }

  /**
   * Verifies, then runs with {@code context}, recording every step (at most {@link
   * Vm#DEFAULT_TRACE_LIMIT}).
   *
   * @throws ProgramRefusedException the verifier refuses the program; it did not run
   */
  public synchronized TraceTable trace(byte[] context) {
    checkContext("trace", context);
    checkVerified("trace", context.length);
    return traceUnverified(context);
  }

  /**
   * Runs with no context without asking the verifier, recording every step; see {@link
   * #runUnverified()}.
   */
  public TraceTable traceUnverified() {
    return traceUnverified(new byte[0]);
  }

  /** Runs with {@code context} without asking the verifier, recording every step. */
  public synchronized TraceTable traceUnverified(byte[] context) {
    if (tracingVm == null) {
      tracingVm = vmBuilder().trace(true).build();
    }
    return new TraceTable(name, LabFuel.advising(() -> tracingVm.run(context)));
  }

  private void checkContext(String action, byte[] context) {
    if (contextBytes != VerifierOptions.UNKNOWN_CONTEXT_SIZE && context.length != contextBytes) {
      throw new IllegalArgumentException(
          name
              + "."
              + action
              + ": the context has "
              + context.length
              + " bytes, but the program was verified for the "
              + contextBytes
              + " it declared (withContextBytes)");
    }
  }

  private void checkVerified(String action, long contextBytes) {
    if (verification == null || verifiedContextBytes != contextBytes) {
      verification = verifyFor(contextBytes);
      verifiedContextBytes = contextBytes;
    }
    if (!verification.ok()) {
      throw new ProgramRefusedException(action, verification);
    }
  }

  private Vm.Builder vmBuilder() {
    Vm.Builder builder =
        loaded == null ? Vm.builder(program) : loaded.configure(Vm.builder(program));
    return maps.configure(builder).helpers(HelperSets.linux(maps)).fuel(fuel);
  }

  /**
   * What the verifier says, with the Linux helpers, the program's maps, the ELF object's regions
   * and a context of the size {@link #withContextBytes} declared, else of the 0 bytes {@link
   * #run()} passes: the verdict {@code run()} acts on. ({@link #run(byte[])} asks for the verdict
   * for its context's length.) The verdict keeps the verifier's log. Never throws for a refusal.
   */
  public Verification verify() {
    return verifyFor(contextBytes == VerifierOptions.UNKNOWN_CONTEXT_SIZE ? 0 : contextBytes);
  }

  private Verification verifyFor(long contextBytes) {
    VerifierOptions options =
        VerifierOptions.defaults().withMaps(maps).withContext(contextBytes, true).withLog(true);
    if (loaded != null) {
      options = options.withRegionsOf(loaded);
    }
    return new Verification(
        name, program, forTheWorkbench(Verifier.verify(program, options), options));
  }

  /** The verifier's advice to supply options, replaced by what a workbench user calls. */
  private static VerificationResult forTheWorkbench(
      VerificationResult result, VerifierOptions options) {
    if (result.code() == ErrorCode.TOO_COMPLEX) {
      String budget =
          result.cost().instructionsOverBudget()
              ? "withMaxProcessedInstructions"
              : "withMaxStoredStates";
      return result.withFix(
          Verifier.SIMPLER_CALLS_FIX
              + ", or see the verdict under a larger budget with"
              + " verify(VerifierOptions.defaults()."
              + budget
              + "(n)); runUnverified() runs it without the verifier");
    }
    if (result.code() == ErrorCode.UNKNOWN_HELPER) {
      return result.withFix(
          "call one of the workbench's Linux helpers ("
              + new TreeSet<>(options.helpers().keySet())
              + "); a kernel that calls the drive's opencsd helpers is verified and run on the drive by lab.csd().load(...)");
    }
    return result;
  }

  /** What the verifier says with {@code options}. */
  public Verification verify(VerifierOptions options) {
    return new Verification(name, program, Verifier.verify(program, options));
  }

  /** Disassembly in LLVM syntax beside the bytecode. */
  public Listing listing() {
    return new Listing(name, program);
  }

  /** Disassembly in {@code syntax} beside the bytecode. */
  public Listing listing(Syntax syntax) {
    return new Listing(name, program, syntax);
  }

  /** As {@code EbpfProgram[hello: 2 instructions]}. */
  @Override
  public String toString() {
    return "EbpfProgram["
        + name
        + ": "
        + program.size()
        + " instructions"
        + (engine == Engine.AUTO ? "" : ", on " + EbpfRun.engineName(engine))
        + (loaded == null
            ? ""
            : ", from ELF" + (loaded.maps().isEmpty() ? "" : ", " + loaded.maps().size() + " maps"))
        + "]";
  }

  /** The listing. */
  @Override
  public String toHtml() {
    return listing().toHtml();
  }
}
