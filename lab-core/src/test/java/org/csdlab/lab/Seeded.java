package org.csdlab.lab;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.csdlab.zns.Geometry;

/** Seeded test data and the reference answers computed plainly in Java. */
final class Seeded {
  private Seeded() {}

  /**
   * A small geometry so the interpreter scans test data quickly: 16 zones of 64 blocks of 4 KiB
   * (256 KiB).
   */
  static Geometry smallGeometry() {
    return Geometry.builder().zoneCount(16).zoneSizeBlocks(64).build();
  }

  /** A lab on {@link #smallGeometry()} with the teaching timing. */
  static Lab smallLab() {
    return Lab.builder().geometry(smallGeometry()).build();
  }

  /** {@code count} u32 readings in [0, RAND_MAX], as little-endian bytes, from {@code seed}. */
  static byte[] readings(int count, long seed) {
    Random random = new Random(seed);
    ByteBuffer out = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      out.putInt(random.nextInt() & 0x7FFF_FFFF);
    }
    return out.array();
  }

  /** {@code bytes} bytes, each {@code value}. */
  static byte[] filled(int bytes, int value) {
    byte[] data = new byte[bytes];
    java.util.Arrays.fill(data, (byte) value);
    return data;
  }

  /** How many u32 values of {@code data} are above {@code threshold}. */
  static long countAbove(byte[] data, long threshold) {
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long count = 0;
    for (int at = 0; at + 4 <= data.length; at += 4) {
      if (Integer.toUnsignedLong(in.getInt(at)) > threshold) {
        count++;
      }
    }
    return count;
  }
}
