package org.csdlab.zns.csd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.csdlab.ebpf.testing.ClangBpf;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.timing.TimingProfile;

/** Devices, datasets and kernels shared by the CSD tests. */
final class CsdTestSupport {
  /** 4 zones of 64 sectors, capacity 32, 4 KiB sectors: a zone holds 128 KiB. */
  static final Geometry GEOMETRY =
      Geometry.builder()
          .zoneCount(4)
          .zoneSizeBlocks(64)
          .zoneCapacityBlocks(32)
          .blockSizeBytes(4096)
          .build();

  static final long RAND_MAX_HALF = 0x3FFFFFFFL;

  /** The C headers of the lab's kernels. */
  static final Path INCLUDE = Path.of("..", "tutorials", "include");

  private CsdTestSupport() {}

  /**
   * Compiles the C kernel {@code source} as tutorials/programs/Makefile does and returns the
   * object's bytes; skipped without clang, except under CI=true, where a missing clang fails.
   */
  static byte[] compileC(Path source, Path dir) throws IOException {
    return ClangBpf.compile(source, INCLUDE, dir);
  }

  /** Compiles the C kernel text {@code source} (named {@code name}) as {@link #compileC} does. */
  static byte[] compileC(String name, String source, Path dir) throws IOException {
    Path file = dir.resolve(name + ".c");
    Files.writeString(file, source);
    return compileC(file, dir);
  }

  static ZnsDevice device() {
    return ZnsDevice.builder(GEOMETRY).timing(TimingProfile.teaching()).build();
  }

  /** {@code blocks} sectors of seeded u32 values in [0, RAND_MAX], as C's rand() makes them. */
  static byte[] dataset(long seed, int blocks) {
    Random random = new Random(seed);
    ByteBuffer buffer =
        ByteBuffer.allocate(blocks * GEOMETRY.blockSizeBytes()).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      buffer.putInt(random.nextInt() & 0x7FFFFFFF);
    }
    return buffer.array();
  }

  /** The answer computed on the host: u32 values greater than RAND_MAX/2. */
  static long countAboveHalf(byte[] data) {
    ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long count = 0;
    while (buffer.hasRemaining()) {
      if (Integer.toUnsignedLong(buffer.getInt()) > RAND_MAX_HALF) {
        count++;
      }
    }
    return count;
  }

  static byte[] u64(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  /**
   * Counts the u32 values above RAND_MAX/2 in zone {@code zone}, reading it sector by sector into
   * the kernel memory with helper 2, and returns the count (u64) with return_data. r0 is 0, or -1
   * when a read is refused (e.g. at or above the zone's write pointer).
   */
  static String countKernel(int zone) {
    return """
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
                    r1 = %d
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
                """
        .formatted(zone);
  }
}
