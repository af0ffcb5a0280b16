package org.csdlab.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.csdlab.ebpf.asm.Assembler;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting the u32 values above RAND_MAX/2 over a 256 MiB zone through the computational
 * storage device (interpreter, instant timing): one operation runs the kernel over the whole
 * zone, reading it sector by sector (4 KiB) with helper 2. The auxiliary counters {@code bytes}
 * and {@code instructions} report media bytes and eBPF instructions per second, to set beside
 * the bare interpreter figures of {@link InterpreterBenchmark}.
 *
 * <pre>
 * mvn -B -q -Pbench -pl tests -am package -DskipTests
 * java -jar tests/target/benchmarks.jar CsdBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class CsdBenchmark {
    static final int BLOCK = 4096;
    static final int ZONE_BYTES = 256 << 20;

    /** The kernel, in assembly (the same loop as tutorials/programs/count_u32.c). */
    static final String COUNT_KERNEL = """
                r1 = r10
                r1 += -16
                r2 = r10
                r2 += -8
                call 7
                r6 = *(u64 *)(r10 - 16)
                call 4
                r7 = r0
                call 5
                r8 = r0
                r9 = 0
                r1 = 0
                *(u64 *)(r10 - 24) = r1
            sectors:
                if r9 >= r8 goto done
                r1 = 0
                r2 = r9
                r3 = 0
                r4 = r7
                r5 = r6
                call 2
                if r0 != 0 goto fail
                r1 = r6
                r2 = r6
                r2 += r7
                r3 = *(u64 *)(r10 - 24)
            words:
                if r1 >= r2 goto words_done
                r4 = *(u32 *)(r1 + 0)
                r1 += 4
                if r4 <= 0x3fffffff goto words
                r3 += 1
                goto words
            words_done:
                *(u64 *)(r10 - 24) = r3
                r9 += 1
                goto sectors
            done:
                r1 = r10
                r1 += -24
                r2 = 8
                call 1
                r0 = 0
                exit
            fail:
                exit
            """;

    private CsdKernel kernel;
    private long expected;

    /** Per-second rates JMH reports beside the score. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rates {
        /** Media bytes the kernel read. */
        public long bytes;
        /** eBPF instructions executed. */
        public long instructions;
    }

    @Setup(Level.Trial)
    public void setUp() {
        long zoneBlocks = ZONE_BYTES / BLOCK;
        Geometry geometry = Geometry.builder().zoneCount(1).zoneSizeBlocks(zoneBlocks)
                .zoneCapacityBlocks(zoneBlocks).blockSizeBytes(BLOCK).build();
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
        kernel = ComputationalStorage.builder(device).fuel(Long.MAX_VALUE).build()
                .load(Assembler.assemble(COUNT_KERNEL));
    }

    @Benchmark
    public long countU32(Rates rates) {
        CsdResult result = kernel.run();
        long count = result.returnedLong();
        if (result.r0() != 0 || count != expected) {
            throw new IllegalStateException("wrong count " + count + ", expected " + expected + ": " + result);
        }
        rates.bytes += result.mediaBytesRead();
        rates.instructions += result.instructionsExecuted();
        return count;
    }
}
