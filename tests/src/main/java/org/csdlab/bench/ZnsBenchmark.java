package org.csdlab.bench;

import java.util.concurrent.TimeUnit;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZoneAction;
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
 * Throughput of the ZNS emulator's memory backend (instant timing profile) against a plain {@link
 * System#arraycopy} of the same size over the same amount of memory, in the same run. One operation
 * moves {@code sizeBytes}:
 *
 * <ul>
 *   <li>{@code append}: a Zone Append of {@code sizeBytes} to a 64 MiB zone; when the zone is full
 *       it is reset and filled again (the reset, and the memory the sparse backend allocates again
 *       afterwards, are part of the cost);
 *   <li>{@code copyIn}: the baseline for append, copying the same buffer into a 64 MiB array at
 *       successive offsets;
 *   <li>{@code read}: a read of {@code sizeBytes} from a full 64 MiB zone at successive offsets
 *       into a buffer the caller owns ({@link ZnsDevice#read(long, int, byte[], int)});
 *   <li>{@code copyOut}: the baseline for read, copying from a 64 MiB array at successive offsets.
 * </ul>
 *
 * {@link BenchReport} prints MB/s per case and the ratio to its baseline.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class ZnsBenchmark {
  static final int BLOCK = 4096;
  static final int ZONE_BYTES = 64 << 20;
  static final int ZONES = 4;

  @Param({"4096", "131072"})
  public int sizeBytes;

  private ZnsDevice appendDevice;
  private ZnsDevice readDevice;
  private long zoneBlocks;
  // one zone each, so the device touches as much memory (64 MiB) as the copy baselines
  private long appendedBytes;
  private long readOffsetBlocks;
  private byte[] data;
  private byte[] buffer;
  private byte[] memory;
  private int copyInOffset;
  private int copyOutOffset;

  @Setup(Level.Trial)
  public void setUp() {
    zoneBlocks = ZONE_BYTES / BLOCK;
    Geometry geometry =
        Geometry.builder()
            .zoneCount(ZONES)
            .zoneSizeBlocks(zoneBlocks)
            .zoneCapacityBlocks(zoneBlocks)
            .blockSizeBytes(BLOCK)
            .maxOpenZones(ZONES)
            .maxActiveZones(ZONES)
            .build();
    appendDevice = ZnsDevice.builder(geometry).build();
    readDevice = ZnsDevice.builder(geometry).build();
    data = BenchData.random(sizeBytes, 7);
    buffer = new byte[sizeBytes];
    byte[] chunk = BenchData.random(1 << 20, 11);
    for (int i = 0; i < ZONE_BYTES / chunk.length; i++) {
      readDevice.append(0, chunk);
    }
    memory = BenchData.random(ZONE_BYTES, 13);
  }

  @Benchmark
  public long append() {
    if (appendedBytes + sizeBytes > ZONE_BYTES) {
      appendDevice.manage(0, ZoneAction.RESET);
      appendedBytes = 0;
    }
    appendedBytes += sizeBytes;
    return appendDevice.append(0, data);
  }

  @Benchmark
  public byte[] copyIn() {
    if (copyInOffset + sizeBytes > ZONE_BYTES) {
      copyInOffset = 0;
    }
    System.arraycopy(data, 0, memory, copyInOffset, sizeBytes);
    copyInOffset += sizeBytes;
    return memory;
  }

  @Benchmark
  public byte[] read() {
    int blocks = sizeBytes / BLOCK;
    if (readOffsetBlocks + blocks > zoneBlocks) {
      readOffsetBlocks = 0;
    }
    readDevice.read(readOffsetBlocks, blocks, buffer, 0);
    readOffsetBlocks += blocks;
    return buffer;
  }

  @Benchmark
  public byte[] copyOut() {
    if (copyOutOffset + sizeBytes > ZONE_BYTES) {
      copyOutOffset = 0;
    }
    System.arraycopy(memory, copyOutOffset, buffer, 0, sizeBytes);
    copyOutOffset += sizeBytes;
    return buffer;
  }
}
