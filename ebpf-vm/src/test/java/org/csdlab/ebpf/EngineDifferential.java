package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Runs one program on both engines and compares everything a program or its caller can observe.
 * Each engine gets a VM of its own, built from identical but separate copies of the context and of
 * every region, and its own {@link HelperFixture}, so neither run can see the other's effects:
 *
 * <pre>{@code
 * EngineComparison c =
 *     EngineDifferential.of(program)
 *         .helpers(HelperFixture.of(ConformanceHelpers::registry))
 *         .region("data", bytes)
 *         .context(memory)
 *         .fuel(10_000)
 *         .compare();
 * c.assertSame();
 * }</pre>
 *
 * <p>Compared ({@link EngineComparison#problems()}): r0 and the instructions executed, or the
 * error's class, pc, instruction, message and fields ({@link EngineRun#describe}); an error while
 * building the VM the same way; the bytes of the context and of every region after the run; the
 * helpers' side effects; whether the thread is left interrupted. Not compared: wall time, and the
 * engine itself, which {@link JitTally} counts.
 */
public final class EngineDifferential {
  private final Program program;
  private Supplier<HelperFixture> helpers = HelperFixture.none();
  private final Map<String, Region> regions = new LinkedHashMap<>();
  private byte[] context = new byte[0];
  private long fuel = Vm.DEFAULT_FUEL;
  private ToLongFunction<Vm> r1;
  private long r2;
  private boolean interrupted;
  private Supplier<String> what;

  private record Region(byte[] bytes, boolean writable) {}

  private EngineDifferential(Program program) {
    this.program = program;
    this.what = program::toString;
  }

  /** A comparison of {@code program} with no helpers, regions or context and the default fuel. */
  public static EngineDifferential of(Program program) {
    return new EngineDifferential(program);
  }

  /** How the program and its inputs are named in a failure (the program's text by default). */
  public EngineDifferential describedAs(Supplier<String> description) {
    this.what = description;
    return this;
  }

  /** Fresh helpers for each engine's run. */
  public EngineDifferential helpers(Supplier<HelperFixture> fixture) {
    this.helpers = fixture;
    return this;
  }

  /** A writable region whose initial bytes are {@code bytes} (each engine gets a copy). */
  public EngineDifferential region(String name, byte[] bytes) {
    regions.put(name, new Region(bytes.clone(), true));
    return this;
  }

  /** A read-only region whose bytes are {@code bytes} (each engine gets a copy). */
  public EngineDifferential readOnlyRegion(String name, byte[] bytes) {
    regions.put(name, new Region(bytes.clone(), false));
    return this;
  }

  /** The context bytes: r1 points to a copy of them and r2 holds their length. */
  public EngineDifferential context(byte[] bytes) {
    this.context = bytes.clone();
    return this;
  }

  /** The fuel of both VMs. */
  public EngineDifferential fuel(long maxInstructions) {
    this.fuel = maxInstructions;
    return this;
  }

  /**
   * Runs with {@link Vm#runWithArguments} instead of a context: r1 as {@code r1} computes it from
   * the VM (e.g. {@code vm -> vm.addressOf("data")}), and {@code r2}.
   */
  public EngineDifferential arguments(ToLongFunction<Vm> r1, long r2) {
    this.r1 = r1;
    this.r2 = r2;
    return this;
  }

  /**
   * Interrupts the running thread just before each run, so both engines must stop at their first
   * check (after {@link RunState#FUEL_SLICE} instructions) and consume the interrupt.
   */
  public EngineDifferential interruptedBeforeRun() {
    this.interrupted = true;
    return this;
  }

  /** Runs the program on the interpreter, then on the JIT, and compares. */
  public EngineComparison compare() {
    return new EngineComparison(what, run(Engine.INTERPRETER), run(Engine.JIT));
  }

  private EngineRun run(Engine engine) {
    byte[] contextCopy = context.clone();
    Map<String, byte[]> memory = new LinkedHashMap<>();
    memory.put(Vm.CONTEXT, contextCopy);
    HelperFixture fixture = helpers.get();
    Vm vm;
    try {
      Vm.Builder builder = Vm.builder(program).engine(engine).fuel(fuel);
      fixture.configure(builder);
      List<String> names = new ArrayList<>(regions.keySet());
      for (String name : names) {
        Region region = regions.get(name);
        byte[] copy = region.bytes().clone();
        memory.put(name, copy);
        if (region.writable()) {
          builder.region(name, copy);
        } else {
          builder.readOnlyRegion(name, copy);
        }
      }
      vm = builder.build();
    } catch (RuntimeException e) {
      return new EngineRun(
          null,
          Optional.empty(),
          "refused while building the VM: " + EngineRun.describe(e),
          null,
          e,
          memory,
          fixture.sideEffects(),
          false);
    }
    ExecutionResult result = null;
    Throwable error = null;
    boolean pending;
    try {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      result = r1 == null ? vm.run(contextCopy) : vm.runWithArguments(r1.applyAsLong(vm), r2);
    } catch (RuntimeException | StackOverflowError e) {
      error = e;
    } finally {
      pending = Thread.interrupted();
    }
    String outcome =
        result != null
            ? "r0=0x" + Long.toHexString(result.r0()) + " executed=" + result.instructionsExecuted()
            : EngineRun.describe(error);
    return new EngineRun(
        vm.engine(),
        vm.interpretedBecause(),
        outcome,
        result,
        error,
        memory,
        fixture.sideEffects(),
        pending);
  }
}
