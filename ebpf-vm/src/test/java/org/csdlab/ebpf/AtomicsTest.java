package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AtomicsTest {

  private static byte[] longAt8(long value) {
    byte[] bytes = new byte[16];
    Memory.LONG.set(bytes, 8, value);
    return bytes;
  }

  private static byte[] intAt4(int value) {
    byte[] bytes = new byte[8];
    Memory.INT.set(bytes, 4, value);
    return bytes;
  }

  @Test
  void eachOperationLeavesItsResultInMemoryAndReturnsTheOldValue() {
    long[][] cases = {
      {AtomicOp.ADD.imm(), 0x10, 0x03, 0x13},
      {AtomicOp.FETCH_ADD.imm(), 0x10, 0x03, 0x13},
      {AtomicOp.OR.imm(), 0x10, 0x03, 0x13},
      {AtomicOp.FETCH_OR.imm(), 0x10, 0x03, 0x13},
      {AtomicOp.AND.imm(), 0x13, 0x06, 0x02},
      {AtomicOp.FETCH_AND.imm(), 0x13, 0x06, 0x02},
      {AtomicOp.XOR.imm(), 0x13, 0x06, 0x15},
      {AtomicOp.FETCH_XOR.imm(), 0x13, 0x06, 0x15},
      {AtomicOp.XCHG.imm(), 0x13, 0x06, 0x06},
    };
    for (long[] c : cases) {
      byte[] bytes = longAt8(c[1]);
      assertEquals(c[1], Atomics.execute64((int) c[0], bytes, 8, c[2], 0), "op 0x" + c[0]);
      assertEquals(c[3], (long) Memory.LONG.get(bytes, 8), "op 0x" + c[0]);
    }
  }

  @Test
  void compareAndExchangeStoresOnlyWhenMemoryHoldsTheExpectedValue() {
    int op = AtomicOp.CMPXCHG.imm();
    byte[] bytes = longAt8(7);
    assertEquals(7, Atomics.execute64(op, bytes, 8, 99, 8));
    assertEquals(7, (long) Memory.LONG.get(bytes, 8));
    assertEquals(7, Atomics.execute64(op, bytes, 8, 99, 7));
    assertEquals(99, (long) Memory.LONG.get(bytes, 8));
  }

  @Test
  void theFourByteFormsCompareTheLowHalfOfR0AndReturnTheOldValueZeroExtended() {
    byte[] bytes = intAt4(-1);
    long old = Atomics.execute32(AtomicOp.CMPXCHG.imm(), bytes, 4, 5, 0x1234_5678_ffff_ffffL);
    assertEquals(0xffff_ffffL, old);
    assertEquals(5, (int) Memory.INT.get(bytes, 4));
    byte[] added = intAt4(-1);
    assertEquals(0xffff_ffffL, Atomics.execute32(AtomicOp.ADD.imm(), added, 4, 2, 0));
    assertEquals(1, (int) Memory.INT.get(added, 4));
    assertArrayEquals(new byte[4], java.util.Arrays.copyOf(added, 4), "outside the word");
  }

  @Test
  void theOldValueGoesToR0ForCompareAndExchangeToSrcForTheFetchingOnesAndNowhereElse() {
    for (AtomicOp op : AtomicOp.values()) {
      boolean inR0 = op == AtomicOp.CMPXCHG;
      boolean inSrc = op.fetches() && !inR0;
      assertEquals(inR0, Atomics.returnsOldInR0(op.imm()), op.name());
      assertEquals(inSrc, Atomics.returnsOldInSrc(op.imm()), op.name());
      long[] reg = {100, 101, 102};
      Atomics.writeBack(op.imm(), 42, reg, 2);
      assertArrayEquals(
          new long[] {inR0 ? 42 : 100, 101, inSrc ? 42 : 102}, reg, "write-back of " + op.name());
    }
    assertTrue(Atomics.returnsOldInSrc(AtomicOp.XCHG.imm()));
    assertFalse(Atomics.returnsOldInSrc(AtomicOp.ADD.imm()));
  }

  @Test
  void theRegisterFileFormWritesTheOldValueBack() {
    byte[] bytes = longAt8(40);
    long[] reg = new long[16];
    reg[3] = 2;
    int fetchAdd = AtomicOp.FETCH_ADD.imm();
    Atomics.writeBack(fetchAdd, Atomics.execute64(fetchAdd, bytes, 8, reg[3], reg[0]), reg, 3);
    assertEquals(40, reg[3]);
    assertEquals(42, (long) Memory.LONG.get(bytes, 8));
    reg[0] = 42;
    reg[4] = 7;
    int cmpxchg = AtomicOp.CMPXCHG.imm();
    Atomics.writeBack(cmpxchg, Atomics.execute64(cmpxchg, bytes, 8, reg[4], reg[0]), reg, 4);
    assertEquals(42, reg[0]);
    assertEquals(7, (long) Memory.LONG.get(bytes, 8));
  }

  @Test
  void anImmediateNamesAnOperationOnlyWhenItIsOneOfTheTen() {
    for (AtomicOp op : AtomicOp.values()) {
      assertEquals(op, AtomicOp.of(op.imm()));
    }
    for (long imm : new long[] {-1, 0x02, 0xe0, 0xf0, 0x100, 0x1_0000_0001L, Long.MIN_VALUE}) {
      assertEquals(null, AtomicOp.of(imm), "imm 0x" + Long.toHexString(imm));
    }
  }

  @Test
  void anImmediateThatNamesNoOperationIsAnInternalError() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Atomics.execute64(0xe0, new byte[8], 0, 1, 0));
    assertEquals("atomic operation 0xe0 passed validation", e.getMessage());
  }
}
