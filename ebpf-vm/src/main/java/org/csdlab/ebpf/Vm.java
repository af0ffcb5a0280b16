package org.csdlab.ebpf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A configured eBPF virtual machine for one program: its helpers, extra memory regions, fuel limit
 * and tracing. Build it fluently and run it as often as needed:
 *
 * <pre>{@code
 * HelperPrototype doubleIt = new HelperPrototype(1, "double_it", List.of(ArgType.ANYTHING), ReturnType.SCALAR);
 * Vm vm = Vm.builder(program).helper(doubleIt, (ctx, a, b, c, d, e) -> 2 * a).fuel(10_000).build();
 * ExecutionResult result = vm.run(new byte[] {1, 2, 3});   // r1 = address of the bytes, r2 = 3
 * }</pre>
 *
 * Each run gets a fresh zeroed stack of {@link #MAX_CALL_DEPTH} frames of {@link
 * #STACK_FRAME_BYTES} bytes; r10 points to the top of the current frame. Context bytes are used in
 * place, so the caller sees what the program wrote. A {@code Vm} may run on several threads at once
 * as long as they pass different contexts and regions are not written.
 */
public final class Vm {
  /** Stack bytes of one call frame. */
  public static final int STACK_FRAME_BYTES = 512;

  /**
   * Most frames that may be live at once (the program's own frame included), so local calls nest at
   * most {@code MAX_CALL_DEPTH - 1} deep; the verifier refuses deeper chains by the same limit.
   */
  public static final int MAX_CALL_DEPTH = 8;

  /** Instructions a run may execute unless the builder says otherwise. */
  public static final long DEFAULT_FUEL = 100_000_000L;

  /** Steps a trace records unless the builder says otherwise. */
  public static final int DEFAULT_TRACE_LIMIT = 10_000;

  /**
   * Most steps a trace may be asked to record (a step takes about 60 bytes, 400 if it changes every
   * register).
   */
  public static final int MAX_TRACE_LIMIT = 1_000_000;

  /** Name of the stack region. */
  public static final String STACK = "stack";

  /** Name of the context region that r1 points to. */
  public static final String CONTEXT = "context";

  private static final int HELPER_TABLE_LIMIT = 1 << 16;

  private final Program program;
  private final Interpreter interpreter;
  private final ExecutionEngine engine;
  private final String interpretedBecause;
  private final HelperRegistry helpers;
  private final Helper[] helperTable;
  private final Map<String, Region> regions;
  private final long fuel;
  private final boolean trace;
  private final int traceLimit;

  private record Region(byte[] bytes, boolean writable) {}

  private Vm(Builder builder) {
    this.program = builder.program;
    this.interpreter = new Interpreter(program);
    this.helpers = builder.helpers;
    this.helperTable = tableOf(helpers);
    this.regions = new LinkedHashMap<>(builder.regions);
    this.fuel = builder.fuel;
    this.trace = builder.trace;
    this.traceLimit = builder.traceLimit;
    EngineChoice choice =
        EngineChoice.choose(builder.engine, program, trace, interpreter, builder.jitOptions);
    this.engine = choice.engine();
    this.interpretedBecause = choice.interpretedBecause();
  }

  /** A builder for a VM that runs {@code program}. */
  public static Builder builder(Program program) {
    return new Builder(program);
  }

  /** A VM with no helpers, no extra regions and the default fuel. */
  public static Vm of(Program program) {
    return builder(program).build();
  }

  /** Runs with no context: r1 = 0 and r2 = 0. */
  public ExecutionResult run() {
    return run(new byte[0]);
  }

  /**
   * Runs with {@code context} as the context region: r1 holds its address (0 when it is empty) and
   * r2 its length.
   */
  public ExecutionResult run(byte[] context) {
    return execute(context, null);
  }

  /**
   * Runs with no context and the entry registers r1 = {@code r1}, r2 = {@code r2}, as uBPF's {@code
   * ubpf_exec(vm, mem, mem_len)} passes a memory of the caller's: e.g. the {@link #addressOf
   * address} of a region and its size.
   */
  public ExecutionResult runWithArguments(long r1, long r2) {
    return execute(new byte[0], new long[] {r1, r2});
  }

  private ExecutionResult execute(byte[] context, long[] arguments) {
    Memory.Layout layout = new Memory.Layout();
    long stack = layout.add(STACK, new byte[STACK_FRAME_BYTES * MAX_CALL_DEPTH], true);
    long contextAddress = layout.add(CONTEXT, context, true);
    regions.forEach((name, region) -> layout.add(name, region.bytes(), region.writable()));
    Memory memory = layout.build();

    long[] registers = new long[Register.COUNT];
    registers[1] = arguments != null ? arguments[0] : context.length == 0 ? 0 : contextAddress;
    registers[2] = arguments != null ? arguments[1] : context.length;
    registers[10] = stack + (long) STACK_FRAME_BYTES * MAX_CALL_DEPTH;
    Tracer tracer = trace ? new Tracer(program, traceLimit) : null;
    RunState run = new RunState(program, registers, memory, helperTable, helpers, fuel, tracer);
    long start = System.nanoTime();
    long r0 = engine.execute(run);
    long wallNanos = System.nanoTime() - start;
    return new ExecutionResult(
        r0,
        run.executed,
        wallNanos,
        tracer == null ? Optional.empty() : Optional.of(tracer.finish(registers)));
  }

  /** The program this VM runs. */
  public Program program() {
    return program;
  }

  /** The engine that runs this VM's program: {@link Engine#INTERPRETER} or {@link Engine#JIT}. */
  public Engine engine() {
    return engine == interpreter ? Engine.INTERPRETER : Engine.JIT;
  }

  /**
   * Why the program runs on the interpreter although the builder asked for {@link Engine#JIT} or
   * {@link Engine#AUTO} (tracing, no loop, or what stopped the compiler); empty when it runs
   * compiled or the interpreter was asked for.
   */
  public Optional<String> interpretedBecause() {
    return Optional.ofNullable(interpretedBecause);
  }

  /** The helpers available to the program. */
  public HelperRegistry helpers() {
    return helpers;
  }

  /** The most instructions one run may execute. */
  public long fuel() {
    return fuel;
  }

  /** The address at which region {@code name} appears to the program. */
  public long addressOf(String name) {
    if (STACK.equals(name)) {
      return Memory.baseOf(0);
    }
    if (CONTEXT.equals(name)) {
      return Memory.baseOf(1);
    }
    int index = 2;
    for (String regionName : regions.keySet()) {
      if (regionName.equals(name)) {
        return Memory.baseOf(index);
      }
      index++;
    }
    throw new IllegalArgumentException(
        "no memory region named '"
            + name
            + "'; regions: "
            + STACK
            + ", "
            + CONTEXT
            + (regions.isEmpty() ? "" : ", " + String.join(", ", regions.keySet())));
  }

  @Override
  public String toString() {
    return "Vm["
        + program
        + ", "
        + helpers.entries().size()
        + " helpers, fuel="
        + fuel
        + (regions.isEmpty() ? "" : ", regions=" + regions.keySet())
        + (trace ? ", tracing" : "")
        + ", "
        + engine().name().toLowerCase(java.util.Locale.ROOT)
        + "]";
  }

  private static Helper[] tableOf(HelperRegistry helpers) {
    int size = 0;
    for (int id : helpers.entries().keySet()) {
      if (id >= 0 && id < HELPER_TABLE_LIMIT) {
        size = Math.max(size, id + 1);
      }
    }
    Helper[] table = new Helper[size];
    helpers
        .entries()
        .forEach(
            (id, entry) -> {
              if (id >= 0 && id < HELPER_TABLE_LIMIT) {
                table[id] = entry.function();
              }
            });
    return table;
  }

  /** Configures a {@link Vm}; every setter returns this builder. */
  public static final class Builder {
    private final Program program;
    private HelperRegistry helpers = HelperRegistry.empty();
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private long fuel = DEFAULT_FUEL;
    private boolean trace;
    private int traceLimit = DEFAULT_TRACE_LIMIT;
    private Engine engine = Engine.AUTO;
    private JitOptions jitOptions = JitOptions.forThisJvm();

    private Builder(Program program) {
      if (program == null) {
        throw new IllegalArgumentException("a Vm needs a program");
      }
      this.program = program;
    }

    /** Adds every helper of {@code registry}. */
    public Builder helpers(HelperRegistry registry) {
      this.helpers = helpers.with(registry);
      return this;
    }

    /** Adds one helper under its prototype's id. */
    public Builder helper(HelperPrototype prototype, Helper function) {
      this.helpers = helpers.with(prototype, function);
      return this;
    }

    /** Adds a writable region backed by {@code bytes} (used in place, not copied). */
    public Builder region(String name, byte[] bytes) {
      return addRegion(name, bytes, true);
    }

    /** Adds a region that programs may read but not write. */
    public Builder readOnlyRegion(String name, byte[] bytes) {
      return addRegion(name, bytes, false);
    }

    private Builder addRegion(String name, byte[] bytes, boolean writable) {
      if (name == null
          || name.isBlank()
          || STACK.equals(name)
          || CONTEXT.equals(name)
          || regions.containsKey(name)) {
        throw new IllegalArgumentException(
            "region name '"
                + name
                + "' is blank, reserved ("
                + STACK
                + ", "
                + CONTEXT
                + ") or already used");
      }
      if (bytes == null) {
        throw new IllegalArgumentException("region '" + name + "' needs its bytes");
      }
      regions.put(name, new Region(bytes, writable));
      return this;
    }

    /**
     * The most instructions one run may execute before it fails with {@link
     * FuelExhaustedException}.
     */
    public Builder fuel(long maxInstructions) {
      if (maxInstructions <= 0) {
        throw new IllegalArgumentException("fuel must be positive, got " + maxInstructions);
      }
      this.fuel = maxInstructions;
      return this;
    }

    /**
     * How to execute the program (default {@link Engine#AUTO}); tracing always uses the
     * interpreter.
     */
    /** The JIT's JVM-dependent choices (tests force each form); this JVM's by default. */
    Builder jitOptions(JitOptions options) {
      this.jitOptions = options;
      return this;
    }

    public Builder engine(Engine engine) {
      if (engine == null) {
        throw new IllegalArgumentException("engine must be INTERPRETER, JIT or AUTO, not null");
      }
      this.engine = engine;
      return this;
    }

    /** Records a step-by-step trace of each run. */
    public Builder trace(boolean on) {
      this.trace = on;
      return this;
    }

    /**
     * Records at most {@code steps} trace steps per run (at most {@value #MAX_TRACE_LIMIT}); later
     * steps are counted.
     */
    public Builder traceLimit(int steps) {
      if (steps <= 0 || steps > MAX_TRACE_LIMIT) {
        throw new IllegalArgumentException(
            "trace limit must be between 1 and "
                + MAX_TRACE_LIMIT
                + " steps (Vm.MAX_TRACE_LIMIT), got "
                + steps);
      }
      this.traceLimit = steps;
      return this;
    }

    /**
     * The VM; fails with {@link HelperException} when the program calls a helper id not registered.
     */
    public Vm build() {
      for (int i = 0; i < program.size(); i++) {
        Instruction insn = program.instructions().get(i);
        if (Opcode.of(insn) == Opcode.CALL_HELPER && helpers.find(insn.imm()) == null) {
          throw new HelperException(
              program.pcOf(i),
              insn,
              insn.imm(),
              "the program calls helper "
                  + insn.imm()
                  + ", which is not registered; registered: "
                  + helpers);
        }
      }
      return new Vm(this);
    }
  }
}
