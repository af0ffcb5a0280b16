package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

/** Which writes leave a register certainly below 2^63, as the JIT's selections rely on. */
class JitOperandFactsTest {
  /** The facts at the jump ending "{@code setup}; if r5 > r6 goto +0; exit". */
  private static boolean bothBelow(String setup) {
    Program program = Assembler.assemble(setup + "\nif r5 > r6 goto +1\nr0 = 1\nr0 = 0\nexit\n");
    int jump = program.pcOf(program.size() - 4);
    return JitOperandFacts.bothBelow2To63(program, 0, jump);
  }

  @Test
  void zeroExtendingWritesAndNonNegativeImmediatesAreBelow() {
    assertEquals(true, bothBelow("r5 = *(u32 *)(r1 + 0)\nr6 = *(u8 *)(r1 + 4)"));
    assertEquals(true, bothBelow("r5 = *(u16 *)(r1 + 0)\nr6 = 7"));
    assertEquals(true, bothBelow("w5 = w1\nw6 = w2\nw6 *= w5"));
    assertEquals(true, bothBelow("r5 = r1\nr5 &= 255\nr6 = r1\nr6 >>= 1"));
    assertEquals(true, bothBelow("r5 = 0x7fffffffffffffff ll\nr6 = be32 r6"));
    assertEquals(true, bothBelow("r5 = *(u32 *)(r1 + 0)\nr6 = r5"));
  }

  @Test
  void anythingThatMayHaveTheTopBitSetIsNot() {
    assertEquals(false, bothBelow("r5 = *(u64 *)(r1 + 0)\nr6 = 7"), "a 64-bit load");
    assertEquals(false, bothBelow("r5 = *(s32 *)(r1 + 0)\nr6 = 7"), "a sign-extending load");
    assertEquals(false, bothBelow("r5 = -1\nr6 = 7"), "a negative immediate");
    assertEquals(false, bothBelow("r5 = r1\nr5 &= -2\nr6 = 7"), "AND with a negative mask");
    assertEquals(false, bothBelow("r5 = r1\nr5 >>= 0\nr6 = 7"), "a shift by zero");
    assertEquals(false, bothBelow("w5 = w1\nr5 += 1\nr6 = 7"), "64-bit arithmetic after");
    assertEquals(false, bothBelow("r5 = (s8) r1\nr6 = 7"), "a sign-extending move");
    assertEquals(false, bothBelow("r5 = be64 r5\nr6 = 7"), "a 64-bit byte swap");
    assertEquals(false, bothBelow("r6 = 7"), "r5 not written in the block");
    assertEquals(
        false,
        bothBelow("w5 = w1\nr6 = 7\nr5 = atomic_fetch_add((u64 *)(r10 - 8), r5)"),
        "a fetching atomic writes its source");
  }
}
