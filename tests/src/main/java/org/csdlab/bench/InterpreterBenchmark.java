package org.csdlab.bench;

import java.util.concurrent.TimeUnit;
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
 * Interpreter throughput: one benchmark operation runs one {@link BenchProgram} over the whole
 * buffer on a default {@link Vm} (bounds checks and fuel on). Besides runs per second, the
 * auxiliary counter {@code instructions} gives executed eBPF instructions per second.
 *
 * <p>Three forks by default: how the JIT compiles the interpreter differs from one JVM to the next
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
public class InterpreterBenchmark {
  /** Enough for any program here over 64 MiB, so fuel is checked but never runs out. */
  static final long FUEL = 100_000_000_000L;

  @Param({"count_above", "fnv1a", "popcount", "nested_loop"})
  public String program;

  @Param({"67108864"})
  public int sizeBytes;

  @Param({"42"})
  public long seed;

  private Vm vm;
  private byte[] data;

  /** Counts executed eBPF instructions; JMH reports it per second beside the runs. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long instructions;

    @Setup(Level.Iteration)
    public void reset() {
      instructions = 0;
    }
  }

  /** Loads the program, makes the buffer and checks the VM's answer against Java's. */
  @Setup(Level.Trial)
  public void setUp() {
    BenchProgram benchProgram = BenchProgram.named(program);
    data = BenchData.random(sizeBytes, seed);
    vm = Vm.builder(Program.decode(benchProgram.bytecode())).fuel(FUEL).build();
    ExecutionResult first = vm.run(data);
    long expected = benchProgram.reference(data);
    if (first.r0() != expected) {
      throw new IllegalStateException(
          program
              + ": the VM returned r0=0x"
              + Long.toHexString(first.r0())
              + " but the Java reference computes 0x"
              + Long.toHexString(expected));
    }
  }

  /** One run of the program over the whole buffer; returns r0. */
  @Benchmark
  public long run(Counters counters) {
    ExecutionResult result = vm.run(data);
    counters.instructions += result.instructionsExecuted();
    return result.r0();
  }
}
