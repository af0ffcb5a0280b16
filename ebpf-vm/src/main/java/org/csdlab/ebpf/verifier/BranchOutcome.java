package org.csdlab.ebpf.verifier;

/**
 * What a conditional jump tells about its operands on each way out: the scalars of dst and src when
 * the jump is taken and when it falls through. A way no pair of values can take has null for both
 * of its scalars.
 *
 * @param takenDst dst when the jump is taken, or null when it cannot be
 * @param takenSrc src (the immediate for IMM forms) when the jump is taken, or null
 * @param fallDst dst when the jump falls through, or null when it cannot
 * @param fallSrc src when the jump falls through, or null
 */
public record BranchOutcome(Scalar takenDst, Scalar takenSrc, Scalar fallDst, Scalar fallSrc) {

  /** True when some pair of values takes the jump. */
  public boolean canTake() {
    return takenDst != null;
  }

  /** True when some pair of values falls through. */
  public boolean canFall() {
    return fallDst != null;
  }
}
