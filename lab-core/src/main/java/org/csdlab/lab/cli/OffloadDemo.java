package org.csdlab.lab.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;
import org.csdlab.zns.csd.HostReadResult;
import org.csdlab.zns.timing.TimingProfile;

/**
 * The offloaded-filtering demo: u32 sensor readings on a computational-storage drive, the values
 * above RAND_MAX/2 counted twice, on the host (every byte crosses the host link) and by the
 * tutorial kernel {@code count_u32} on the drive (only the count crosses it).
 */
final class OffloadDemo {
  /** C's RAND_MAX on Linux; readings are uniform in [0, RAND_MAX], as OpenCSD's experiments use. */
  static final long RAND_MAX = 0x7FFF_FFFFL;
  private static final int CHUNK_BYTES = 1 << 20;

  /** One way of counting: its answer and what it cost. */
  record Scan(String where, long count, long hostLinkBytes, long modeledNanos, long wallNanos) {
  }

  /** Both ways, over the same data. */
  record Comparison(long datasetBytes, int zones, long seed, Scan host, Scan drive) {
  }

  private final ComputationalStorage csd;
  private final boolean progress;

  OffloadDemo(boolean progress) {
    this.csd = ComputationalStorage.of(
        ZnsDevice.builder(Geometry.defaults()).timing(TimingProfile.teaching()).build());
    this.progress = progress;
  }

  /** Writes {@code bytes} of readings (whole zones) with {@code seed}, then counts both ways. */
  Comparison run(long bytes, long seed) {
    Geometry g = csd.device().geometry();
    long zoneBytes = g.zoneCapacityBytes();
    if (bytes <= 0 || bytes % zoneBytes != 0 || bytes / zoneBytes > g.zoneCount()) {
      throw new CliException("the dataset size must be a whole number of " + ByteSize.format(zoneBytes)
          + " zones, at most " + g.zoneCount() + " (" + ByteSize.format(zoneBytes * g.zoneCount()) + "), got "
          + ByteSize.format(bytes));
    }
    int zones = Math.toIntExact(bytes / zoneBytes);
    generate(zones, seed);
    return new Comparison(bytes, zones, seed, countOnHost(zones), countOnDrive(zones));
  }

  private void generate(int zones, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    Geometry g = csd.device().geometry();
    try (Progress bar = Progress.of("generate", zones * g.zoneCapacityBytes(), progress)) {
      for (int zone = 0; zone < zones; zone++) {
        for (long done = 0; done < g.zoneCapacityBytes(); done += CHUNK_BYTES) {
          chunk.clear();
          while (chunk.hasRemaining()) {
            chunk.putInt(random.nextInt() & (int) RAND_MAX);
          }
          csd.device().append(g.zoneStartLba(zone), chunk.array());
          bar.step(CHUNK_BYTES);
        }
      }
    }
  }

  private Scan countOnHost(int zones) {
    long count = 0;
    long linkBytes = 0;
    long modeled = 0;
    long start = System.nanoTime();
    try (Progress bar = Progress.of("host  ", zones * csd.device().geometry().zoneCapacityBytes(), progress)) {
      for (int zone = 0; zone < zones; zone++) {
        HostReadResult read = csd.hostReadZone(zone);
        ByteBuffer values = ByteBuffer.wrap(read.data()).order(ByteOrder.LITTLE_ENDIAN);
        while (values.hasRemaining()) {
          if (Integer.toUnsignedLong(values.getInt()) > RAND_MAX / 2) {
            count++;
          }
        }
        linkBytes += read.hostBytes();
        modeled += read.modeledNanos();
        bar.step(read.hostBytes());
      }
    }
    return new Scan("host", count, linkBytes, modeled, System.nanoTime() - start);
  }

  private Scan countOnDrive(int zones) {
    CsdKernel kernel = csd.load(TutorialKernels.load("count_u32"));
    long count = 0;
    long linkBytes = 0;
    long modeled = 0;
    long start = System.nanoTime();
    ByteBuffer callInfo = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    try (Progress bar = Progress.of("drive ", zones * csd.device().geometry().zoneCapacityBytes(), progress)) {
      for (int zone = 0; zone < zones; zone++) {
        CsdResult result = kernel.run(callInfo.putLong(0, zone).array());
        if (result.r0() != 0) {
          throw new IllegalStateException("count_u32 failed on zone " + zone + " with " + result.r0());
        }
        count += result.returnedLong();
        linkBytes += result.hostBytes();
        modeled += result.modeledNanos();
        bar.step(result.mediaBytesRead());
      }
    }
    return new Scan("drive", count, linkBytes, modeled, System.nanoTime() - start);
  }
}
