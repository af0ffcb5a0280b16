package org.csdlab.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.csdlab.fluffle.CleaningPolicy;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.fluffle.FsCounters;
import org.csdlab.fluffle.OpenMode;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * flufflefs-lite against the raw device it runs on (memory backend, instant timing), in the same
 * run. One operation moves {@code sizeBytes}:
 *
 * <ul>
 *   <li>{@code fsWrite}: a write at successive offsets of a 256 MiB file, wrapping around (so the
 *       filesystem also reclaims the zones the previous round left invalid);
 *   <li>{@code rawWrite}: a Zone Append of the same buffer to successive zones of a device of the
 *       same geometry, resetting each zone before reuse;
 *   <li>{@code fsRead}: a read at successive offsets of a 256 MiB file;
 *   <li>{@code rawRead}: a device read at successive LBAs of 256 MiB written zones.
 * </ul>
 *
 * {@link #main} prints a second table: the write amplification of random 4 KiB overwrites of a file
 * filling 50%, 75% and 80% of the filesystem, uniform and hot/cold, with greedy and cost-benefit
 * cleaning ({@code java -cp tests/target/benchmarks.jar org.csdlab.bench.FluffleBenchmark}). {@link
 * FluffleOffloadComparison} compares a regular and an offloaded read of a file.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class FluffleBenchmark {
  static final int BLOCK = 4096;
  static final long FILE_BYTES = 256L << 20;

  @Param({"131072"})
  public int sizeBytes;

  private ZnsDevice fsDevice;
  private FluffleFs fs;
  private FileHandle writeFile;
  private FileHandle readFile;
  private ZnsDevice rawDevice;
  private byte[] data;
  private byte[] buffer;
  private long fsWriteOffset;
  private long fsReadOffset;
  private int rawZone;
  private long rawReadLba;

  /** 64 zones of 16 MiB: 1 GiB, the teaching geometry. */
  static Geometry geometry() {
    return Geometry.defaults();
  }

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.random(sizeBytes, 7);
    buffer = new byte[sizeBytes];
    fsDevice = ZnsDevice.builder(geometry()).build();
    fs = FluffleFs.format(fsDevice, FormatOptions.defaults());
    writeFile = fs.open("/write.bin", OpenMode.CREATE);
    readFile = fs.open("/read.bin", OpenMode.CREATE);
    byte[] chunk = BenchData.random(1 << 20, 11);
    for (long off = 0; off < FILE_BYTES; off += chunk.length) {
      readFile.write(off, chunk);
    }
    rawDevice = ZnsDevice.builder(geometry()).build();
    long zoneBytes = geometry().zoneCapacityBytes();
    for (int z = 0; z < FILE_BYTES / zoneBytes; z++) {
      for (long off = 0; off < zoneBytes; off += chunk.length) {
        rawDevice.append(geometry().zoneStartLba(z), chunk);
      }
    }
    rawZone = (int) (FILE_BYTES / zoneBytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fs.unmount();
  }

  @Benchmark
  public FileHandle fsWrite() {
    if (fsWriteOffset + sizeBytes > FILE_BYTES) {
      fsWriteOffset = 0;
    }
    writeFile.write(fsWriteOffset, data);
    fsWriteOffset += sizeBytes;
    return writeFile;
  }

  @Benchmark
  public long rawWrite() {
    Geometry g = geometry();
    if (rawDevice.zone(rawZone).remainingBlocks() < sizeBytes / BLOCK) {
      rawZone =
          rawZone + 1 < g.zoneCount() ? rawZone + 1 : (int) (FILE_BYTES / g.zoneCapacityBytes());
      rawDevice.manage(rawZone, ZoneAction.RESET);
    }
    return rawDevice.append(g.zoneStartLba(rawZone), data);
  }

  @Benchmark
  public byte[] fsRead() {
    if (fsReadOffset + sizeBytes > FILE_BYTES) {
      fsReadOffset = 0;
    }
    readFile.read(fsReadOffset, buffer, 0, sizeBytes);
    fsReadOffset += sizeBytes;
    return buffer;
  }

  @Benchmark
  public byte[] rawRead() {
    int blocks = sizeBytes / BLOCK;
    long zoneBlocks = geometry().zoneSizeBlocks();
    if (rawReadLba % zoneBlocks + blocks > zoneBlocks) {
      // the next zone: one read may not cross a zone boundary (the device's RAZB is off)
      rawReadLba = (rawReadLba / zoneBlocks + 1) * zoneBlocks;
    }
    if ((rawReadLba + blocks) * BLOCK > FILE_BYTES) {
      rawReadLba = 0;
    }
    rawDevice.read(rawReadLba, blocks, buffer, 0);
    rawReadLba += blocks;
    return buffer;
  }

  /**
   * Write amplification of uniformly random 4 KiB overwrites at a utilisation, with a cleaning
   * policy.
   */
  public static FsCounters randomOverwrites(double utilisation, CleaningPolicy policy, long seed) {
    return overwrites(utilisation, policy, seed, 0);
  }

  /**
   * Write amplification of random 4 KiB overwrites; with {@code hotFraction > 0}, 90% of the writes
   * go to the first {@code hotFraction} of the file (a hot/cold workload).
   */
  public static FsCounters overwrites(
      double utilisation, CleaningPolicy policy, long seed, double hotFraction) {
    Geometry g =
        Geometry.builder()
            .zoneCount(64)
            .zoneSizeBlocks(256)
            .zoneCapacityBlocks(256)
            .blockSizeBytes(BLOCK)
            .build();
    try (FluffleFs fs =
            FluffleFs.format(
                ZnsDevice.builder(g).build(),
                FormatOptions.builder().cleaningPolicy(policy).build());
        FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      long blocks = (long) (fs.statfs().totalBytes() * utilisation) / BLOCK;
      byte[] chunk = BenchData.random(1 << 20, 3);
      for (long off = 0; off < blocks * BLOCK; off += chunk.length) {
        h.write(off, chunk, 0, (int) Math.min(chunk.length, blocks * BLOCK - off));
      }
      // warm up to a steady state, then measure as many overwrites again
      SplittableRandom random = new SplittableRandom(seed);
      byte[] block = BenchData.random(BLOCK, 5);
      long hot = Math.max(1, (long) (blocks * hotFraction));
      for (long i = 0; i < blocks * 2; i++) {
        h.write(pick(random, blocks, hot, hotFraction) * BLOCK, block);
      }
      FsCounters before = fs.counters();
      for (long i = 0; i < blocks * 4; i++) {
        h.write(pick(random, blocks, hot, hotFraction) * BLOCK, block);
      }
      return fs.counters().minus(before);
    }
  }

  private static long pick(SplittableRandom random, long blocks, long hot, double hotFraction) {
    if (hotFraction > 0 && random.nextInt(10) < 9) {
      return random.nextLong(hot);
    }
    return random.nextLong(blocks);
  }

  /** Prints the write-amplification table. */
  public static void main(String[] args) {
    System.out.println(
        "random 4 KiB overwrites, 64 zones × 1 MiB, after a warm-up of 2× the file in writes;"
            + " hot/cold: 90% of the writes to 10% of the file");
    System.out.println(
        "workload  utilisation  policy         WA     cleaning passes  blocks moved  zone resets");
    for (double hotFraction : new double[] {0, 0.1}) {
      for (double u : new double[] {0.5, 0.75, 0.8}) {
        for (CleaningPolicy p : CleaningPolicy.values()) {
          FsCounters c = overwrites(u, p, 42, hotFraction);
          System.out.println(
              String.format(
                  Locale.ROOT,
                  "%-8s %10.0f%%  %-13s %5.2f %17d %13d %12d",
                  hotFraction == 0 ? "uniform" : "hot/cold",
                  u * 100,
                  p,
                  c.writeAmplification(),
                  c.cleaningPasses(),
                  c.blocksMoved(),
                  c.zoneResets()));
        }
      }
    }
  }
}
