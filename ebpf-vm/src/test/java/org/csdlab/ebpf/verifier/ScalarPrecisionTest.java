package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Register;
import org.junit.jupiter.api.Test;

/**
 * Precision of the value domain on the cases the Linux verifier is known for, with the log text
 * that its selftests print for the same instructions (tools/testing/selftests/bpf logs).
 */
class ScalarPrecisionTest {
  private static final Register R1 = Register.R1;
  private static final Register R2 = Register.R2;
  private static final Scalar ANY = Scalar.unknown();

  private static Scalar alu(Instruction insn, Scalar dst) {
    return ScalarAlu.apply(insn, dst, null);
  }

  private static Scalar alu(Instruction insn, Scalar dst, Scalar src) {
    return ScalarAlu.apply(insn, dst, src);
  }

  @Test
  void maskingWithAndBoundsTheValueAsTheKernelPrintsAByteLoad() {
    Scalar byteValue = alu(AluOp.AND.imm(R1, 0xff), ANY);
    assertEquals(255, byteValue.umax());
    assertEquals(
        "scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))",
        byteValue.toKernelString());
    assertEquals("scalar in [0, 255]", byteValue.toString());
  }

  @Test
  void anUnsignedCompareNarrowsBothWays() {
    Scalar byteValue = alu(AluOp.AND.imm(R1, 0xff), ANY);
    BranchOutcome outcome = ScalarBranch.narrow(JumpOp.JGT.imm(R1, 10, 3), byteValue, null);
    assertEquals(10, outcome.fallDst().umax());
    assertEquals(0, outcome.fallDst().umin());
    assertEquals(11, outcome.takenDst().umin());
    assertEquals(255, outcome.takenDst().umax());
    assertEquals(
        "scalar(smin=smin32=0,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))",
        outcome.fallDst().toKernelString());
  }

  @Test
  void aMov32ZeroesTheUpperHalfAndShiftsAreExact() {
    // the kernel's log for: w0 = w0; r0 >>= 30; r0 <<= 30 on an unknown r0
    Scalar low = alu(AluOp.MOV.reg32(R1, R1), ANY, ANY);
    assertEquals(
        "scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))", low.toKernelString());
    Scalar shifted = alu(AluOp.RSH.imm(R1, 30), low);
    assertEquals(
        "scalar(smin=smin32=0,smax=umax=smax32=umax32=3,var_off=(0x0; 0x3))",
        shifted.toKernelString());
    Scalar back = alu(AluOp.LSH.imm(R1, 30), shifted);
    assertEquals(
        "scalar(smin=0,smax=umax=umax32=0xc0000000,smax32=0x40000000,var_off=(0x0; 0xc0000000))",
        back.toKernelString());
  }

  @Test
  void aShiftIntoTheUpperHalfLeavesTheLowHalfZero() {
    // the kernel's log for: r6 &= 4095; r6 <<= 32
    Scalar masked = alu(AluOp.AND.imm(R1, 4095), ANY);
    assertEquals(
        "scalar(smin=smin32=0,smax=umax=smax32=umax32=4095,var_off=(0x0; 0xfff))",
        masked.toKernelString());
    Scalar high = alu(AluOp.LSH.imm(R1, 32), masked);
    assertEquals(
        "scalar(smin=smin32=0,smax=umax=0xfff00000000,smax32=umax32=0,var_off=(0x0; 0xfff00000000))",
        high.toKernelString());
  }

  @Test
  void a32BitCompareNarrowsThe32BitBoundsAndWhatFollowsIn64() {
    Scalar low = alu(AluOp.MOV.reg32(R1, R1), ANY, ANY);
    BranchOutcome outcome = ScalarBranch.narrow(JumpOp.JLT.imm32(R1, 10, 2), low, null);
    assertEquals(9, outcome.takenDst().u32max());
    assertEquals(9, outcome.takenDst().umax()); // the upper half is known 0
    assertEquals(10, outcome.fallDst().u32min());
    assertEquals(10, outcome.fallDst().umin());
    // on an unknown register only the low half is narrowed, and the bits it fixes
    BranchOutcome any = ScalarBranch.narrow(JumpOp.JLT.imm32(R1, 16, 2), ANY, null);
    assertEquals(15, any.takenDst().u32max());
    assertEquals(0xffffffff0000000fL, any.takenDst().umax()); // bits 4 to 31 known 0
    assertEquals(new Tnum(0, 0xffffffff0000000fL), any.takenDst().tnum());
  }

  @Test
  void addingBoundedRangesKeepsTheBounds() {
    Scalar byteValue = alu(AluOp.AND.imm(R1, 0xff), ANY);
    Scalar sum = alu(AluOp.ADD.reg(R1, R2), byteValue, byteValue);
    assertEquals(0, sum.umin());
    assertEquals(510, sum.umax());
    assertEquals(510, sum.smax());
    assertEquals(new Tnum(0, 0x1ff), sum.tnum());
    Scalar plusOne = alu(AluOp.ADD.imm(R1, 1), byteValue);
    assertEquals("scalar in [1, 256]", plusOne.toString());
  }

  @Test
  void constantsFoldThroughEveryOperation() {
    Scalar five = Scalar.constant(5);
    assertEquals(Scalar.constant(8), alu(AluOp.ADD.imm(R1, 3), five));
    assertEquals(Scalar.constant(35), alu(AluOp.MUL.imm(R1, 7), five));
    assertEquals(Scalar.constant(-5), alu(AluOp.NEG.imm(R1, 0), five));
    assertEquals(Scalar.constant(0xfffffffbL), alu(AluOp.NEG.imm32(R1, 0), five));
    assertEquals(Scalar.constant(1), alu(AluOp.DIV.imm(R1, 3), five));
    assertEquals(Scalar.constant(2), alu(AluOp.MOD.imm(R1, 3), five));
    assertEquals(Scalar.constant(-2), alu(AluOp.SDIV.imm(R1, 2), Scalar.constant(-5)));
    assertEquals(Scalar.constant(0x0500), alu(Instruction.byteSwap(R1, 16), five));
    assertEquals("scalar 8", alu(AluOp.ADD.imm(R1, 3), five).toString());
    assertEquals("8", alu(AluOp.ADD.imm(R1, 3), five).toKernelString());
  }

  @Test
  void divisionByZeroGivesZeroAndModuloByZeroLeavesDst() {
    Scalar byteValue = alu(AluOp.AND.imm(R1, 0xff), ANY);
    assertEquals(Scalar.constant(0), alu(AluOp.DIV.reg(R1, R2), byteValue, Scalar.constant(0)));
    assertEquals(byteValue, alu(AluOp.MOD.reg(R1, R2), byteValue, Scalar.constant(0)));
    assertEquals(Scalar.constant(0), alu(AluOp.SDIV.reg32(R1, R2), byteValue, Scalar.constant(0)));
  }

  @Test
  void moduloByAConstantBoundsTheResult() {
    assertEquals(9, alu(AluOp.MOD.imm(R1, 10), ANY).umax());
    Scalar small = alu(AluOp.AND.imm(R1, 7), ANY);
    assertEquals(small, alu(AluOp.MOD.imm(R1, 10), small)); // every value already below 10
  }

  @Test
  void tnumMultiplicationAndShiftsAreExactOnKnownBits() {
    assertEquals(new Tnum(0, 0xc), new Tnum(0, 0x3).mul(Tnum.constant(4)));
    assertEquals(Tnum.constant(42), Tnum.constant(6).mul(Tnum.constant(7)));
    assertEquals(new Tnum(0x10, 0x0f), Tnum.range(16, 31));
    assertEquals(new Tnum(0x80, 0x7f), new Tnum(0x100, 0xfe).shr(1));
    assertEquals(new Tnum(0xffffffffffffff80L, 0x7fL), new Tnum(0x80, 0x7f).signExtend(8));
    Scalar product = alu(AluOp.MUL.imm(R1, 4), alu(AluOp.AND.imm(R1, 3), ANY));
    assertEquals(
        "scalar(smin=smin32=0,smax=umax=smax32=umax32=12,var_off=(0x0; 0xc))",
        product.toKernelString());
  }

  @Test
  void signExtendingMovesKeepSmallSignedRanges() {
    Scalar byteValue = alu(AluOp.AND.imm(R1, 0xff), ANY);
    Scalar extended = alu(AluOp.MOVSX8.reg(R1, R2), ANY, byteValue);
    assertEquals(-128, extended.smin());
    assertEquals(127, extended.smax());
    Scalar small = alu(AluOp.AND.imm(R1, 0x7f), ANY);
    assertEquals(small, alu(AluOp.MOVSX8.reg(R1, R2), ANY, small));
    Scalar low = alu(AluOp.MOVSX8.reg32(R1, R2), ANY, byteValue);
    assertEquals(0, low.umin());
    assertEquals(0xffffffffL, low.umax());
    assertEquals(-128, low.s32min());
  }

  @Test
  void anImpossibleOutcomeIsNullAndOnlyThen() {
    Scalar five = Scalar.constant(5);
    BranchOutcome outcome = ScalarBranch.narrow(JumpOp.JGT.imm(R1, 10, 1), five, null);
    assertNull(outcome.takenDst());
    assertNull(outcome.takenSrc());
    assertEquals(five, outcome.fallDst());
    Scalar byteValue = alu(AluOp.AND.imm(R1, 0xff), ANY);
    assertNull(ScalarBranch.narrow(JumpOp.JEQ.imm(R1, 256, 1), byteValue, null).takenDst());
    assertNull(ScalarBranch.narrow(JumpOp.JSET.imm(R1, 0x100, 1), byteValue, null).takenDst());
    assertTrue(ScalarBranch.narrow(JumpOp.JSET.imm(R1, 0x80, 1), byteValue, null).canTake());
  }

  @Test
  void aRegisterCompareNarrowsBothOperands() {
    Scalar byteValue = alu(AluOp.AND.imm(R1, 0xff), ANY);
    Scalar bound = Scalar.unsignedRange(10, 20);
    BranchOutcome less = ScalarBranch.narrow(JumpOp.JLT.reg(R1, R2, 1), byteValue, bound);
    assertEquals(19, less.takenDst().umax());
    assertEquals(10, less.takenSrc().umin());
    assertEquals(10, less.fallDst().umin());
    BranchOutcome equal = ScalarBranch.narrow(JumpOp.JEQ.reg(R1, R2, 1), byteValue, bound);
    assertEquals(equal.takenDst(), equal.takenSrc());
    assertEquals(10, equal.takenDst().umin());
    assertEquals(20, equal.takenDst().umax());
    BranchOutcome signed = ScalarBranch.narrow(JumpOp.JSGT.imm(R1, -1, 1), ANY, null);
    assertEquals(0, signed.takenDst().smin());
    assertEquals(Long.MAX_VALUE, signed.takenDst().umax());
    assertEquals(Long.MIN_VALUE, signed.fallDst().umin());
  }

  @Test
  void kernelNumberFormats() {
    assertEquals("-1", Scalar.constant(-1).toKernelString());
    assertEquals("0xffff", Scalar.constant(0xffff).toKernelString());
    assertEquals("scalar()", ANY.toKernelString());
    assertEquals("any scalar", ANY.toString());
    assertEquals(
        "scalar(smin=umin=smin32=umin32=1,smax=umax=smax32=umax32=0xffff,var_off=(0x0; 0xffff))",
        Scalar.unsignedRange(1, 65535).toKernelString());
    assertEquals(
        "scalar(smin=smin32=-5,smax=smax32=5)", Scalar.signedRange(-5, 5).toKernelString());
  }

  @Test
  void joinIsTheLeastBoundOfBoth() {
    Scalar joined = Scalar.constant(3).join(Scalar.constant(5));
    assertEquals(3, joined.umin());
    assertEquals(5, joined.umax());
    assertEquals(new Tnum(1, 6), joined.tnum());
    assertTrue(Scalar.constant(3).isSubsetOf(joined));
    assertTrue(joined.isSubsetOf(ANY));
    assertTrue(!ANY.isSubsetOf(joined));
  }

  @Test
  void aTnumsNearestValuesToABoundAreFoundExhaustivelyOverSixBitsAtBothEnds() {
    for (int shift : new int[] {0, 29, 58}) {
      for (int mask = 0; mask < 64; mask++) {
        for (int value = 0; value < 64; value++) {
          if ((value & mask) != 0) {
            continue;
          }
          Tnum t = new Tnum((long) value << shift, (long) mask << shift);
          for (int lo = 0; lo < 64; lo++) {
            long bound = (long) lo << shift;
            java.util.OptionalLong smallest = java.util.OptionalLong.empty();
            java.util.OptionalLong largest = java.util.OptionalLong.empty();
            for (int x = 0; x < 64; x++) {
              long member = (long) x << shift;
              if ((x & ~mask) != value) {
                continue;
              }
              if (Long.compareUnsigned(member, bound) >= 0 && smallest.isEmpty()) {
                smallest = java.util.OptionalLong.of(member);
              }
              if (Long.compareUnsigned(member, bound) <= 0) {
                largest = java.util.OptionalLong.of(member);
              }
            }
            String what = t + " against " + Long.toUnsignedString(bound);
            assertEquals(smallest, t.smallestAtLeast(bound), what);
            assertEquals(largest, t.largestAtMost(bound), what);
          }
        }
      }
    }
  }

  @Test
  void boundsAndATnumWithNoValueInCommonAreNoScalar() {
    // (1; 4) is 1 or 5; [3, 4] holds neither
    assertNull(Scalar.of(new Tnum(1, 4), 3, 4, 3, 4, null));
    assertEquals(5, Scalar.of(new Tnum(1, 4), 3, 5, 3, 5, null).constantValue());
  }
}
