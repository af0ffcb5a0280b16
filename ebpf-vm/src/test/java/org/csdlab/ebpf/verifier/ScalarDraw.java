package org.csdlab.ebpf.verifier;

import java.util.Random;

/** Random abstract values built around given concrete members, for the domain's properties. */
final class ScalarDraw {
  private static final long[] EDGES = {
    0,
    1,
    -1,
    2,
    7,
    8,
    10,
    255,
    256,
    4095,
    0x7fff,
    0x8000,
    0xffff,
    0x7fffffffL,
    0x80000000L,
    0xffffffffL,
    0x100000000L,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    Integer.MIN_VALUE,
    -2,
    -256
  };

  private ScalarDraw() {}

  /** A value that is often an edge case, a small number or a mask, else any long. */
  static long interesting(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> EDGES[random.nextInt(EDGES.length)];
      case 1 -> random.nextInt(512) - 256;
      case 2 -> (1L << random.nextInt(64)) - random.nextInt(3);
      case 3 -> random.nextLong() >>> random.nextInt(64);
      default -> random.nextLong();
    };
  }

  /** A value close to {@code x}, or sharing many of its bits, or any. */
  static long near(Random random, long x) {
    return switch (random.nextInt(4)) {
      case 0 -> x + random.nextInt(64) - 32;
      case 1 -> x ^ (1L << random.nextInt(64));
      case 2 -> x ^ (random.nextLong() & ((1L << random.nextInt(64)) - 1));
      default -> interesting(random);
    };
  }

  /** A tnum holding {@code x}: some of its bits made unknown. */
  static Tnum tnumAround(Random random, long x) {
    long mask =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> (1L << random.nextInt(64)) - 1;
          case 2 -> random.nextLong();
          default -> random.nextLong() & random.nextLong();
        };
    return new Tnum(x & ~mask, mask);
  }

  /**
   * A scalar holding every one of {@code members}: the tightest facts about them, each loosened at
   * random or dropped, then combined (so sync is exercised on every mix of facts).
   */
  static Scalar around(Random random, long... members) {
    Tnum t = tnumAround(random, members[0]);
    long smin = members[0];
    long smax = members[0];
    long umin = members[0];
    long umax = members[0];
    int s32min = (int) members[0];
    int s32max = (int) members[0];
    long u32min = members[0] & 0xffffffffL;
    long u32max = u32min;
    for (long m : members) {
      t = t.union(Tnum.constant(m));
      smin = Math.min(smin, m);
      smax = Math.max(smax, m);
      umin = Scalar.minUnsigned(umin, m);
      umax = Scalar.maxUnsigned(umax, m);
      s32min = Math.min(s32min, (int) m);
      s32max = Math.max(s32max, (int) m);
      u32min = Math.min(u32min, m & 0xffffffffL);
      u32max = Math.max(u32max, m & 0xffffffffL);
    }
    Scalar s = Scalar.unknown();
    if (random.nextInt(3) > 0) {
      s = s.intersect(Scalar.fromTnum(t));
    }
    if (random.nextInt(3) > 0) {
      s =
          s.intersect(
              Scalar.signedRange(
                  loosenDown(random, smin, Long.MIN_VALUE),
                  loosenUp(random, smax, Long.MAX_VALUE)));
    }
    if (random.nextInt(3) > 0 && s != null) {
      long lo =
          random.nextBoolean()
              ? umin
              : Long.compareUnsigned(umin, 16) < 0 ? 0 : umin - random.nextInt(16);
      long hi =
          random.nextBoolean()
              ? umax
              : Long.compareUnsigned(umax, -17L) > 0 ? -1L : umax + random.nextInt(16);
      s = s.intersect(Scalar.unsignedRange(lo, hi));
    }
    if (random.nextInt(3) > 0 && s != null) {
      WordView low =
          new WordView(
              32,
              Tnum.UNKNOWN.subreg(),
              loosenDown(random, s32min, Integer.MIN_VALUE),
              loosenUp(random, s32max, Integer.MAX_VALUE),
              random.nextBoolean() ? u32min : 0,
              random.nextBoolean() ? u32max : 0xffffffffL);
      s = s.restrict(low);
    }
    if (s == null) {
      throw new AssertionError("facts drawn around members hold them, yet sync found them empty");
    }
    return s;
  }

  private static long loosenDown(Random random, long v, long floor) {
    int k = random.nextInt(4);
    if (k == 0) {
      return floor;
    }
    long d = random.nextInt(16) * (long) k;
    return v - d > v || v - d < floor ? floor : v - d;
  }

  private static long loosenUp(Random random, long v, long ceiling) {
    int k = random.nextInt(4);
    if (k == 0) {
      return ceiling;
    }
    long d = random.nextInt(16) * (long) k;
    return v + d < v || v + d > ceiling ? ceiling : v + d;
  }

  /**
   * Some member of {@code s}, tried from its tnum and its ends; {@code known} (a member) when none
   * of those tries is one.
   */
  static long member(Random random, Scalar s, long known) {
    for (int attempt = 0; attempt < 64; attempt++) {
      long candidate =
          switch (attempt % 4) {
            case 0 -> s.tnum().value() | (random.nextLong() & s.tnum().mask());
            case 1 -> s.umin() + random.nextInt(4);
            case 2 -> s.smax() - random.nextInt(4);
            default -> s.smin() + random.nextInt(4);
          };
      if (s.contains(candidate)) {
        return candidate;
      }
    }
    return known;
  }
}
