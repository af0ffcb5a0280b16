package org.csdlab.lab.dataset;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian u32 sensor readings in [0, RAND_MAX], RAND_MAX = 2³¹−1 as glibc's {@code rand()}
 * (the values OpenCSD's experiments fill zones with). Each value is "above" (greater than
 * RAND_MAX/2 = 0x3FFFFFFF) with probability {@code selectivity}, and then uniform in [0x40000000,
 * 0x7FFFFFFF], otherwise uniform in [0, 0x3FFFFFFF]; with the default selectivity 0.5 that is
 * exactly uniform in [0, RAND_MAX].
 *
 * <p>Value i is taken from SplitMix64 output i+1: its bits 32..63 decide above or below, its bits
 * 0..29 are the value within the half.
 */
final class U32Readings implements Cursor {
  static final long SALT = 0x7533_3272_6561_6431L; // "u32read1"
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final long base;
  private final long threshold;
  private long index;

  U32Readings(long seed, double selectivity) {
    this.base = SplitMix64.base(seed, SALT);
    this.threshold = SplitMix64.threshold(selectivity);
  }

  @Override
  public void fill(byte[] buffer, int offset, int length) {
    long n = index;
    long t = threshold;
    long b = base;
    int end = offset + length;
    for (int at = offset; at < end; at += 4) {
      long z = SplitMix64.output(b, ++n);
      // (z >>> 32) - t is negative exactly when the value is above RAND_MAX/2: its sign bit is bit
      // 30.
      int above = (int) (((z >>> 32) - t) >>> 63) << 30;
      INT_LE.set(buffer, at, above | (int) (z & 0x3FFF_FFFF));
    }
    index = n;
  }
}
