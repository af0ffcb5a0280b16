package org.csdlab.ebpf.verifier;

import java.util.OptionalLong;

/**
 * A tristate number: a 64-bit value in which each bit is known 0, known 1 or unknown, the
 * verifier's view of which bits a register may hold. A bit set in {@code mask} is unknown; the
 * other bits are those of {@code value}. So {@code (value; mask)} stands for every {@code x} with
 * {@code (x & ~mask) == value}.
 *
 * <p>The operations over-approximate: the result of {@code a.add(b)} contains {@code x + y} for
 * every {@code x} in {@code a} and {@code y} in {@code b}. They follow the ideas of the Linux
 * kernel's tnum library (Edward Cree's tristate numbers; the multiplication of Harishankar
 * Vishwanathan et al., "Sound, Precise, and Fast Abstract Interpretation with Tristate Numbers").
 *
 * @param value the known 1 bits
 * @param mask the unknown bits; never overlaps {@code value}
 */
public record Tnum(long value, long mask) {

  /** Every 64-bit value. */
  public static final Tnum UNKNOWN = new Tnum(0, -1L);

  private static final long LOW32 = 0xffffffffL;

  /** Checks that no bit is both known 1 and unknown. */
  public Tnum {
    if ((value & mask) != 0) {
      throw new IllegalArgumentException(
          "tnum value 0x"
              + Long.toHexString(value)
              + " and mask 0x"
              + Long.toHexString(mask)
              + " overlap: a bit cannot be both known and unknown");
    }
  }

  /**
   * The smallest value of this tnum that is at least {@code lo} (unsigned), or {@link
   * OptionalLong#empty()} when every value is below it: a range and a tnum can each allow values
   * without sharing one ({@code [3, 4]} and {@code (1; 4)}, which is 1 or 5).
   */
  public OptionalLong smallestAtLeast(long lo) {
    long x = value | (lo & mask);
    long differing = x ^ lo;
    if (differing == 0) {
      return OptionalLong.of(x);
    }
    int highest = 63 - Long.numberOfLeadingZeros(differing);
    long below = highest == 63 ? Long.MAX_VALUE : (1L << highest) - 1;
    if (((x >>> highest) & 1) == 1) {
      // x passes lo at a known bit: the unknown bits below it may all be 0
      return OptionalLong.of(x & ~(mask & below));
    }
    // x falls short at a known 0 bit: raise the lowest unknown 0 bit above it
    long above = highest == 63 ? 0 : -1L << (highest + 1);
    long raisable = mask & ~x & above;
    if (raisable == 0) {
      return OptionalLong.empty();
    }
    long bit = Long.lowestOneBit(raisable);
    return OptionalLong.of((x | bit) & ~(mask & (bit - 1)));
  }

  /**
   * The largest value of this tnum that is at most {@code hi} (unsigned), or {@link
   * OptionalLong#empty()} when every value is above it.
   */
  public OptionalLong largestAtMost(long hi) {
    // complementing reverses the unsigned order and maps this tnum's values to (~value & ~mask;
    // mask)
    OptionalLong complement = new Tnum(~value & ~mask, mask).smallestAtLeast(~hi);
    return complement.isPresent() ? OptionalLong.of(~complement.getAsLong()) : complement;
  }

  /** The single value {@code v}. */
  public static Tnum constant(long v) {
    return new Tnum(v, 0);
  }

  /**
   * The smallest tnum holding every unsigned value from {@code umin} to {@code umax}: the bits
   * above the highest bit in which the two ends differ are known, the rest unknown. {@code umin}
   * must not exceed {@code umax} (unsigned).
   */
  public static Tnum range(long umin, long umax) {
    if (Long.compareUnsigned(umin, umax) > 0) {
      throw new IllegalArgumentException(
          "range umin="
              + Long.toUnsignedString(umin)
              + " exceeds umax="
              + Long.toUnsignedString(umax));
    }
    long differing = umin ^ umax;
    if (differing == 0) {
      return constant(umin);
    }
    int unknownBits = 64 - Long.numberOfLeadingZeros(differing);
    if (unknownBits == 64) {
      return UNKNOWN;
    }
    long low = (1L << unknownBits) - 1;
    return new Tnum(umin & ~low, low);
  }

  /** True when every bit is known. */
  public boolean isConstant() {
    return mask == 0;
  }

  /** True when no bit is known. */
  public boolean isUnknown() {
    return mask == -1L;
  }

  /** True when {@code v} is one of the values this tnum stands for. */
  public boolean contains(long v) {
    return (v & ~mask) == value;
  }

  /** True when every value of this tnum is a value of {@code o}. */
  public boolean isSubsetOf(Tnum o) {
    return (mask & ~o.mask) == 0 && (value & ~o.mask) == o.value;
  }

  /** The smallest unsigned value: every unknown bit 0. */
  public long umin() {
    return value;
  }

  /** The largest unsigned value: every unknown bit 1. */
  public long umax() {
    return value | mask;
  }

  /** Sum: the carries out of unknown bits make every bit they can reach unknown. */
  public Tnum add(Tnum o) {
    long maskSum = mask + o.mask;
    long valueSum = value + o.value;
    long carries = (maskSum + valueSum) ^ valueSum;
    long unknown = carries | mask | o.mask;
    return new Tnum(valueSum & ~unknown, unknown);
  }

  /** Difference: like {@link #add}, with the borrows of the extreme operands. */
  public Tnum sub(Tnum o) {
    long difference = value - o.value;
    long highest = difference + mask;
    long lowest = difference - o.mask;
    long unknown = (highest ^ lowest) | mask | o.mask;
    return new Tnum(difference & ~unknown, unknown);
  }

  /** Two's-complement negation, {@code 0 - this}. */
  public Tnum neg() {
    return constant(0).sub(this);
  }

  /** Bitwise and: a bit is known 0 when either side's is, known 1 when both are. */
  public Tnum and(Tnum o) {
    long maybeOne = (value | mask) & (o.value | o.mask);
    long known = value & o.value;
    return new Tnum(known, maybeOne & ~known);
  }

  /** Bitwise or: a bit is known 1 when either side's is, known 0 when both are. */
  public Tnum or(Tnum o) {
    long known = value | o.value;
    return new Tnum(known, (mask | o.mask) & ~known);
  }

  /** Bitwise exclusive or: a bit is known when both sides' are. */
  public Tnum xor(Tnum o) {
    long unknown = mask | o.mask;
    return new Tnum((value ^ o.value) & ~unknown, unknown);
  }

  /**
   * Product, by long multiplication: each bit of this tnum adds the other operand shifted to its
   * place when the bit is known 1, or an unknown of that operand's possible bits when it is
   * unknown; the known product of the values is exact.
   */
  public Tnum mul(Tnum o) {
    long knownProduct = value * o.value;
    Tnum unknownPart = constant(0);
    Tnum multiplier = this;
    Tnum multiplicand = o;
    while (multiplier.value != 0 || multiplier.mask != 0) {
      if ((multiplier.value & 1) != 0) {
        unknownPart = unknownPart.add(new Tnum(0, multiplicand.mask));
      } else if ((multiplier.mask & 1) != 0) {
        unknownPart = unknownPart.add(new Tnum(0, multiplicand.value | multiplicand.mask));
      }
      multiplier = multiplier.shr(1);
      multiplicand = multiplicand.shl(1);
    }
    return constant(knownProduct).add(unknownPart);
  }

  /** Left shift by {@code n} (0 to 63): exact, the new low bits known 0. */
  public Tnum shl(int n) {
    checkShift(n, 64);
    return new Tnum(value << n, mask << n);
  }

  /** Logical right shift by {@code n} (0 to 63): exact, the new high bits known 0. */
  public Tnum shr(int n) {
    checkShift(n, 64);
    return new Tnum(value >>> n, mask >>> n);
  }

  /**
   * Arithmetic right shift by {@code n} of a {@code widthBits}-wide value (64, or 32 for the low
   * half, whose result has its upper half known 0): exact, the sign bit copied whether known or
   * not.
   */
  public Tnum sar(int n, int widthBits) {
    if (widthBits == 32) {
      checkShift(n, 32);
      return new Tnum(((int) value >> n) & LOW32, ((int) mask >> n) & LOW32);
    }
    if (widthBits != 64) {
      throw new IllegalArgumentException(
          "arithmetic shift width " + widthBits + " is not 32 or 64");
    }
    checkShift(n, 64);
    return new Tnum(value >> n, mask >> n);
  }

  /** The low 32 bits, the upper half known 0 (what a 32-bit operation leaves in a register). */
  public Tnum subreg() {
    return new Tnum(value & LOW32, mask & LOW32);
  }

  /** The upper 32 bits of this tnum with the low 32 bits of {@code low}. */
  public Tnum withSubreg(Tnum low) {
    return new Tnum((value & ~LOW32) | (low.value & LOW32), (mask & ~LOW32) | (low.mask & LOW32));
  }

  /** The least tnum holding every value of both: a bit stays known where both agree. */
  public Tnum union(Tnum o) {
    long unknown = mask | o.mask | (value ^ o.value);
    return new Tnum(value & o.value & ~unknown, unknown);
  }

  /**
   * The values of both: a bit is known when either side knows it. Meaningful only when the two
   * share a value (a bit known 1 on one side and 0 on the other has no value in common; the result
   * then is some tnum that {@link #isDisjoint} would have flagged).
   */
  public Tnum intersect(Tnum o) {
    long unknown = mask & o.mask;
    return new Tnum((value | o.value) & ~unknown, unknown);
  }

  /** True when no value belongs to both: some bit is known on both sides with different values. */
  public boolean isDisjoint(Tnum o) {
    return ((value ^ o.value) & ~mask & ~o.mask) != 0;
  }

  /** Byte-order reversal of the low {@code widthBits} (16, 32 or 64), the rest known 0. */
  public Tnum byteSwap(int widthBits) {
    return switch (widthBits) {
      case 16 ->
          new Tnum(
              Short.reverseBytes((short) value) & 0xffffL,
              Short.reverseBytes((short) mask) & 0xffffL);
      case 32 ->
          new Tnum(
              Integer.reverseBytes((int) value) & LOW32, Integer.reverseBytes((int) mask) & LOW32);
      case 64 -> new Tnum(Long.reverseBytes(value), Long.reverseBytes(mask));
      default ->
          throw new IllegalArgumentException(
              "byte swap width " + widthBits + " is not 16, 32 or 64");
    };
  }

  /** The low {@code widthBits} (1 to 64), the rest known 0. */
  public Tnum truncate(int widthBits) {
    if (widthBits == 64) {
      return this;
    }
    long keep = (1L << widthBits) - 1;
    return new Tnum(value & keep, mask & keep);
  }

  /** The low {@code widthBits} sign-extended to 64 bits (exact on every bit). */
  public Tnum signExtend(int widthBits) {
    int shift = 64 - widthBits;
    return shl(shift).sar(shift, 64);
  }

  private static void checkShift(int n, int widthBits) {
    if (n < 0 || n >= widthBits) {
      throw new IllegalArgumentException(
          "shift by "
              + n
              + " is outside 0.."
              + (widthBits - 1)
              + " for a "
              + widthBits
              + "-bit value");
    }
  }

  /** As the kernel prints it: {@code (0x0; 0xff)}. */
  @Override
  public String toString() {
    return "(0x" + Long.toHexString(value) + "; 0x" + Long.toHexString(mask) + ")";
  }
}
