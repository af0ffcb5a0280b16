package org.csdlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The native baseline of {@link EbpfBenchmark}: the C source of each {@link BenchProgram}, compiled
 * with {@code gcc -O2} ({@link NativeKernels}), over the same buffer (same size and seed). Runs in
 * the same JMH run as the VM benchmarks, so the report can set each engine beside native code. One
 * fork is enough: no JVM JIT compiles the kernel, so forks agree.
 *
 * <p>Without the library the setup fails with how to build it; the benchmark never skips quietly.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
// --enable-native-access: JDK 24 and later warn about System.load without it (JDK 17 accepts it)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class NativeBenchmark {
  @Param({"count_above", "fnv1a", "popcount", "nested_loop"})
  public String program;

  @Param({"67108864"})
  public int sizeBytes;

  @Param({"42"})
  public long seed;

  private NativeKernels kernels;
  private BenchProgram benchProgram;
  private byte[] data;

  /** Loads the library, makes the buffer and checks the native answer against Java's. */
  @Setup
  public void setUp() {
    kernels = NativeKernels.load();
    benchProgram = BenchProgram.named(program);
    data = BenchData.random(sizeBytes, seed);
    // JMH shows the forked JVM's output: which library this run times.
    System.out.println(program + ": native code from " + kernels.library());
    benchProgram.checkAnswer("native code", kernels.run(benchProgram, data), data);
  }

  /** One run of the C function over the whole buffer; returns its answer. */
  @Benchmark
  public long run() {
    return kernels.run(benchProgram, data);
  }
}
