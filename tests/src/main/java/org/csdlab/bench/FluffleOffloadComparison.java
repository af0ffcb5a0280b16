package org.csdlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.fluffle.OpenMode;
import org.csdlab.zns.CommandKind;
import org.csdlab.zns.DeviceStats;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;
import org.csdlab.zns.timing.TimingProfile;

/**
 * Counting the u32 values above RAND_MAX/2 in a flufflefs-lite file, two ways, on a device with a
 * modeled timing profile:
 *
 * <ul>
 *   <li><b>regular read</b>: the host reads the whole file through the filesystem (1 MiB requests)
 *       and counts;
 *   <li><b>offloaded read</b>: the committed tutorial kernel {@code flfs_count_u32.o} is bound to
 *       the file ({@code fs.file(path).offload(kernel)}) and counts on the device; one read through
 *       the handle returns the 8-byte count.
 * </ul>
 *
 * For each: media bytes read, bytes that crossed the host link (the device's statistics for the
 * host reads; the kernel's answer for the offload) and the modeled device time (the device clock
 * for the host reads; the kernel run's media + compute + link time for the offload). Writing the
 * file is not measured. Prints a table:
 *
 * <pre>
 * mvn -B -q -o -Pbench -pl tests -am package -DskipTests
 * java -cp tests/target/benchmarks.jar org.csdlab.bench.FluffleOffloadComparison [MiB]
 * </pre>
 */
public final class FluffleOffloadComparison {
  static final int BLOCK = 4096;
  static final int REQUEST_BYTES = 1 << 20;
  static final String PATH = "/readings.bin";

  /** tutorials/programs/flfs_count_u32.c as committed (on the class path). */
  static final String COUNT_KERNEL = "/tutorials/programs/flfs_count_u32.o";

  /** One way of counting: the count, bytes over the host link, modeled device time. */
  public record Run(String how, long count, long mediaBytes, long hostBytes, long modeledNanos) {}

  /** Both ways over the same file, and the kernel run's own report (its time split up). */
  public record Comparison(
      TimingProfile timing, long fileBytes, Run regular, Run offloaded, CsdResult kernelRun) {}

  private FluffleOffloadComparison() {}

  /**
   * A device big enough for a file of {@code fileBytes} (at most 40% full), 16 MiB zones or
   * smaller.
   */
  static Geometry geometryFor(long fileBytes) {
    long zoneBlocks = Math.min(4096, Math.max(64, fileBytes / BLOCK / 16));
    long zones = Math.max(16, (fileBytes * 5 / 2) / (zoneBlocks * BLOCK) + 8);
    return Geometry.builder()
        .zoneCount((int) zones)
        .zoneSizeBlocks(zoneBlocks)
        .zoneCapacityBlocks(zoneBlocks)
        .blockSizeBytes(BLOCK)
        .build();
  }

  /** Writes a file of {@code fileBytes} random u32 values, then counts both ways. */
  public static Comparison compare(TimingProfile timing, long fileBytes) {
    if (fileBytes <= 0 || fileBytes % 4 != 0) {
      throw new IllegalArgumentException(
          "the file size must be a positive multiple of 4 bytes (whole u32 values), was "
              + fileBytes);
    }
    ZnsDevice device = ZnsDevice.builder(geometryFor(fileBytes)).timing(timing).build();
    try (FluffleFs fs = FluffleFs.format(device, FormatOptions.defaults())) {
      byte[] chunk = BenchData.random(REQUEST_BYTES, 17);
      try (FileHandle h = fs.open(PATH, OpenMode.CREATE)) {
        for (long off = 0; off < fileBytes; off += chunk.length) {
          h.write(off, chunk, 0, (int) Math.min(chunk.length, fileBytes - off));
        }
        h.fsync();
      }
      Run regular = regularRead(fs, device);
      CsdResult[] kernelRun = new CsdResult[1];
      Run offloaded = offloadedRead(fs, device, kernelRun);
      return new Comparison(timing, fileBytes, regular, offloaded, kernelRun[0]);
    }
  }

  private static Run regularRead(FluffleFs fs, ZnsDevice device) {
    DeviceStats before = device.stats();
    long clockBefore = device.modeledNanos();
    long count = 0;
    byte[] buf = new byte[REQUEST_BYTES];
    try (FileHandle h = fs.open(PATH)) {
      long size = h.size();
      for (long off = 0; off < size; off += buf.length) {
        int n = h.read(off, buf, 0, buf.length);
        count += countAboveHalf(buf, n);
      }
    }
    DeviceStats after = device.stats();
    long read = after.bytes(CommandKind.READ) - before.bytes(CommandKind.READ);
    return new Run(
        "regular read",
        count,
        read,
        after.hostLinkBytes() - before.hostLinkBytes(),
        device.modeledNanos() - clockBefore);
  }

  private static Run offloadedRead(FluffleFs fs, ZnsDevice device, CsdResult[] kernelRun) {
    // the file-bound kernel's own CSD, without the default fuel limit (a 256 MiB count runs
    // hundreds of millions of instructions)
    CsdKernel kernel =
        ComputationalStorage.builder(device)
            .fuel(Long.MAX_VALUE)
            .build()
            .load(ElfObject.parse(committedObject(COUNT_KERNEL)).program(".text"));
    try (FileHandle h = fs.file(PATH).offload(kernel)) {
      byte[] answer = h.read(0, (int) Math.min(Integer.MAX_VALUE, h.size()));
      CsdResult result = h.lastKernelResult();
      kernelRun[0] = result;
      if (result.r0() != 0 || answer.length != 8) {
        throw new IllegalStateException("the count kernel failed: " + result);
      }
      long count = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN).getLong();
      // the kernel's media reads stay inside the device: only its answer crosses the host link
      return new Run(
          "offloaded read",
          count,
          result.mediaBytesRead(),
          result.hostBytes(),
          result.modeledNanos());
    }
  }

  /**
   * The little-endian u32 values in {@code buf[0, n)} above RAND_MAX/2 (0x3FFFFFFF), as the kernel
   * counts.
   */
  static long countAboveHalf(byte[] buf, int n) {
    ByteBuffer values = ByteBuffer.wrap(buf, 0, n / 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
    long count = 0;
    while (values.hasRemaining()) {
      if (Integer.toUnsignedLong(values.getInt()) > 0x3FFFFFFFL) {
        count++;
      }
    }
    return count;
  }

  static byte[] committedObject(String resource) {
    try (InputStream in = FluffleOffloadComparison.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the class path; rebuild the tests module");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Prints the table for a 256 MiB file (or the size in MiB given) with the teaching and tlc-zns
   * profiles.
   */
  public static void main(String[] args) {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 256;
    System.out.println(
        "count of u32 > RAND_MAX/2 in a "
            + mib
            + " MiB flufflefs-lite file: host reads (1 MiB"
            + " requests) vs flfs_count_u32.o bound to the file");
    System.out.println(
        "profile    how                   count   media bytes read    bytes to host  modeled device time");
    for (TimingProfile timing :
        new TimingProfile[] {TimingProfile.teaching(), TimingProfile.tlcZns()}) {
      Comparison c = compare(timing, mib << 20);
      for (Run r : new Run[] {c.regular(), c.offloaded()}) {
        System.out.println(
            String.format(
                Locale.ROOT,
                "%-10s %-15s %12d %18d %16d %16.3f ms",
                timing.name(),
                r.how(),
                r.count(),
                r.mediaBytes(),
                r.hostBytes(),
                r.modeledNanos() / 1e6));
      }
      CsdResult k = c.kernelRun();
      System.out.println(
          String.format(
              Locale.ROOT,
              "%-10s offload: media %.3f ms + compute %.3f ms (%d eBPF instructions) + link %.3f ms;"
                  + " %.3g of the bytes, %.3f of the time of the regular read",
              timing.name(),
              k.mediaNanos() / 1e6,
              k.computeNanos() / 1e6,
              k.instructionsExecuted(),
              k.linkNanos() / 1e6,
              (double) c.offloaded().hostBytes() / c.regular().hostBytes(),
              (double) c.offloaded().modeledNanos() / c.regular().modeledNanos()));
    }
  }
}
