package org.csdlab.bench;

import java.util.concurrent.TimeUnit;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * eBPF throughput on each engine: one benchmark operation runs one {@link BenchProgram} over the
 * whole buffer on a {@link Vm} built with {@code engine} (bounds checks and fuel on). Besides runs
 * per second, the auxiliary counter {@code instructions} gives executed eBPF instructions per
 * second, and {@code compiledRuns} counts the runs the JIT really executed: 0 for {@code
 * engine=JIT} means the VM fell back to the interpreter (the setup prints why). {@link
 * NativeBenchmark} times the same C sources compiled by gcc over the same buffer.
 *
 * <p>Three forks by default: how HotSpot compiles the interpreter differs from one JVM to the next
 * (by up to 2x on {@code nested_loop}), and the error bars should show it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class EbpfBenchmark {
  /** Enough for any program here over 64 MiB, so fuel is checked but never runs out. */
  static final long FUEL = 100_000_000_000L;

  @Param({"count_above", "fnv1a", "popcount", "nested_loop"})
  public String program;

  /** An {@link Engine} name; AUTO is left out, as it picks one of these two. */
  @Param({"INTERPRETER", "JIT"})
  public String engine;

  @Param({"67108864"})
  public int sizeBytes;

  @Param({"42"})
  public long seed;

  private Vm vm;
  private byte[] data;
  private boolean compiled;

  /** Counts executed eBPF instructions and JIT runs; JMH reports them per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long instructions;
    public long compiledRuns;

    @Setup(Level.Iteration)
    public void reset() {
      instructions = 0;
      compiledRuns = 0;
    }
  }

  /**
   * Loads the program on the engine, makes the buffer and checks the VM's answer against Java's.
   */
  @Setup(Level.Trial)
  public void setUp() {
    BenchProgram benchProgram = BenchProgram.named(program);
    data = BenchData.random(sizeBytes, seed);
    vm =
        Vm.builder(Program.decode(benchProgram.bytecode()))
            .fuel(FUEL)
            .engine(engineNamed(engine))
            .build();
    compiled = vm.engine() == Engine.JIT;
    // JMH shows the forked JVM's output: a JIT request that runs interpreted says so here.
    System.out.println(
        program
            + ": engine="
            + engine
            + " runs on "
            + vm.engine()
            + vm.interpretedBecause().map(reason -> " (" + reason + ")").orElse(""));
    benchProgram.checkAnswer(vm.engine().toString(), vm.run(data).r0(), data);
  }

  /**
   * The {@link Engine} a benchmark's {@code engine} parameter names (case-insensitive).
   *
   * @throws IllegalArgumentException naming the engines when there is no such one
   */
  static Engine engineNamed(String name) {
    for (Engine engine : Engine.values()) {
      if (engine.name().equalsIgnoreCase(name)) {
        return engine;
      }
    }
    throw new IllegalArgumentException(
        "no engine named '" + name + "'; engines: " + java.util.Arrays.toString(Engine.values()));
  }

  /** One run of the program over the whole buffer; returns r0. */
  @Benchmark
  public long run(Counters counters) {
    ExecutionResult result = vm.run(data);
    counters.instructions += result.instructionsExecuted();
    if (compiled) {
      counters.compiledRuns++;
    }
    return result.r0();
  }
}
