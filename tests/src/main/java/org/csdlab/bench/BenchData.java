package org.csdlab.bench;

import java.util.SplittableRandom;

/** Deterministic benchmark buffers. */
public final class BenchData {
  /** The benchmark buffer size: 64 MiB. */
  public static final int DEFAULT_SIZE_BYTES = 64 << 20;

  /** The seed of the benchmark buffer. */
  public static final long DEFAULT_SEED = 42;

  private BenchData() {}

  /**
   * {@code sizeBytes} pseudo-random bytes from {@code SplittableRandom(seed)}: each {@code
   * nextLong()} fills 8 bytes, little-endian, so the content is the same on every JDK.
   */
  public static byte[] random(int sizeBytes, long seed) {
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
    }
    SplittableRandom random = new SplittableRandom(seed);
    byte[] data = new byte[sizeBytes];
    for (int i = 0; i < sizeBytes; i += 8) {
      long word = random.nextLong();
      for (int j = 0; j < 8 && i + j < sizeBytes; j++) {
        data[i + j] = (byte) (word >>> (8 * j));
      }
    }
    return data;
  }
}
