package org.csdlab.lab.dataset;

/**
 * The SplitMix64 generator (Steele, Lea, Flood 2014; the seeding generator of xoshiro): the n-th
 * output is {@code mix(base + n * GOLDEN_GAMMA)}, so any position of a dataset can be generated
 * without the ones before it, in bulk, at a few nanoseconds per 64 bits.
 */
final class SplitMix64 {
  static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private SplitMix64() {}

  /** The SplitMix64 output function (a bijection on longs). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The state a dataset's outputs start from: its seed mixed with its generator's salt. */
  static long base(long seed, long salt) {
    return mix(seed ^ salt);
  }

  /** Output number {@code n} (from 1) of the generator started at {@code base}. */
  static long output(long base, long n) {
    return mix(base + n * GOLDEN_GAMMA);
  }

  /**
   * The threshold on a uniform 32-bit value below which an event of probability {@code p} happens:
   * {@code round(p * 2^32)}, so p = 0.5 is exactly half of the values.
   */
  static long threshold(double p) {
    return Math.round(p * 4294967296.0);
  }
}
