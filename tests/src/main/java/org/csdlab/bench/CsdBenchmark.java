package org.csdlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;
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
 * Counting the u32 values above RAND_MAX/2 over a 256 MiB zone through the computational storage
 * device (instant timing), on the engine {@link #engine} names: one operation runs the committed
 * tutorial kernel {@code count_u32.o} (eight values a round, no branch on the data) over the whole
 * zone, reading it sector by sector (4 KiB) with helper 2. The auxiliary counters {@code bytes} and
 * {@code instructions} report media bytes and eBPF instructions per second, to set beside the bare
 * VM figures of {@link EbpfBenchmark}.
 *
 * <pre>
 * mvn -B -q -Pbench -pl tests -am package -DskipTests
 * java -jar tests/target/benchmarks.jar --jdk /usr/lib/jvm/java-17-openjdk-amd64 \
 *     --jdk /usr/lib/jvm/temurin-25-jdk-amd64 CsdBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class CsdBenchmark {
  static final int BLOCK = 4096;
  static final int ZONE_BYTES = 256 << 20;

  /** The tutorial kernel tutorials/programs/count_u32.c, as committed (on the class path). */
  static final String COUNT_KERNEL = "/tutorials/programs/count_u32.o";

  /** An {@link Engine} name. */
  @Param({"INTERPRETER", "JIT"})
  public String engine;

  private CsdKernel kernel;
  private long expected;
  private boolean compiled;

  /** Per-second rates JMH reports beside the score. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Rates {
    /** Media bytes the kernel read. */
    public long bytes;

    /** eBPF instructions executed. */
    public long instructions;

    /** Runs the JIT executed (0 when the kernel's VM interprets). */
    public long compiledRuns;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      instructions = 0;
      compiledRuns = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    long zoneBlocks = ZONE_BYTES / BLOCK;
    // zone 1 only keeps zone 0's last sector from being the device's last one, which the opencsd
    // read refuses (OpenCSD's in_range: a range may not reach the device's end)
    Geometry geometry =
        Geometry.builder()
            .zoneCount(2)
            .zoneSizeBlocks(zoneBlocks)
            .zoneCapacityBlocks(zoneBlocks)
            .blockSizeBytes(BLOCK)
            .build();
    ZnsDevice device = ZnsDevice.builder(geometry).build();
    byte[] chunk = BenchData.random(1 << 20, 17);
    ByteBuffer values = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    long perChunk = 0;
    while (values.hasRemaining()) {
      if (Integer.toUnsignedLong(values.getInt()) > 0x3FFFFFFFL) {
        perChunk++;
      }
    }
    for (int i = 0; i < ZONE_BYTES / chunk.length; i++) {
      device.append(0, chunk);
    }
    expected = perChunk * (ZONE_BYTES / chunk.length);
    kernel =
        ComputationalStorage.builder(device)
            .fuel(Long.MAX_VALUE)
            .engine(EbpfBenchmark.engineNamed(engine))
            .build()
            .load(ElfObject.parse(committedObject(COUNT_KERNEL)).program(".text"));
    compiled = kernel.vm().engine() == Engine.JIT;
    // JMH shows the forked JVM's output: a JIT request that runs interpreted says so here.
    System.out.println(
        "count_u32.o: engine="
            + engine
            + " runs on "
            + kernel.vm().engine()
            + kernel.vm().interpretedBecause().map(reason -> " (" + reason + ")").orElse(""));
  }

  private static byte[] committedObject(String resource) {
    try (InputStream in = CsdBenchmark.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the class path; rebuild the tests module");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  public long countU32(Rates rates) {
    CsdResult result = kernel.run();
    long count = result.returnedLong();
    if (result.r0() != 0 || count != expected) {
      throw new IllegalStateException(
          "wrong count " + count + ", expected " + expected + ": " + result);
    }
    rates.bytes += result.mediaBytesRead();
    rates.instructions += result.instructionsExecuted();
    if (compiled) {
      rates.compiledRuns++;
    }
    return count;
  }
}
