package org.csdlab.ebpf.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.HelperException;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.MemoryAccessException;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

class ConformanceHelpersTest {

  private static ExecutionResult run(String source, byte[] context) {
    Program program = Assembler.assemble(source);
    return Vm.builder(program)
        .helpers(ConformanceHelpers.registry())
        .fuel(10_000)
        .build()
        .run(context);
  }

  @Test
  void registryHoldsTheSixUbpfTestHelpersById() {
    Map<Integer, String> names = new TreeMap<>();
    HelperRegistry registry = ConformanceHelpers.registry();
    registry.entries().forEach((id, entry) -> names.put(id, entry.name()));
    assertEquals(
        Map.of(0, "gather_bytes", 1, "memfrob", 2, "no_op", 3, "sqrti", 4, "strcmp", 5, "unwind"),
        names);
  }

  @Test
  void gatherBytesTakesTheLowByteOfEachArgument() {
    assertEquals(
        0x0102030405L, ConformanceHelpers.gatherBytes(0x1101, 0xff02, -253, 0x7fffffff04L, 5));
    assertEquals(0xffffffffffL, ConformanceHelpers.gatherBytes(-1, -1, -1, -1, -1));
  }

  @Test
  void sqrtiOfEdgeValues() {
    assertEquals(0, ConformanceHelpers.sqrti(0));
    assertEquals(1, ConformanceHelpers.sqrti(3));
    assertEquals(2, ConformanceHelpers.sqrti(4));
    assertEquals(0xffffffffL, ConformanceHelpers.sqrti(-1)); // 2^64 - 1
    assertEquals(0xffffffffL, ConformanceHelpers.sqrti(0xfffffffe00000001L)); // (2^32 - 1)^2
    assertEquals(0xfffffffeL, ConformanceHelpers.sqrti(0xfffffffe00000000L)); // one below it
    assertEquals(3037000499L, ConformanceHelpers.sqrti(Long.MIN_VALUE)); // 2^63
  }

  @Test
  void sqrtiIsExactAroundEverySquareNearTheTop() {
    for (long root = 0xffffffffL; root > 0xffffffffL - 5000; root--) {
      long square = root * root;
      assertEquals(root, ConformanceHelpers.sqrti(square), () -> Long.toUnsignedString(square));
      assertEquals(
          root - 1, ConformanceHelpers.sqrti(square - 1), () -> Long.toUnsignedString(square - 1));
    }
    for (long root = (1L << 26) - 100; root < (1L << 26) + 100; root++) {
      assertEquals(root, ConformanceHelpers.sqrti(root * root));
      assertEquals(root - 1, ConformanceHelpers.sqrti(root * root - 1));
    }
  }

  @Test
  void sqrtiIsTheFloorForRandomValues() {
    Random random = new Random(20240607);
    for (int i = 0; i < 100_000; i++) {
      long value = random.nextLong() >>> random.nextInt(64);
      BigInteger v = new BigInteger(Long.toUnsignedString(value));
      BigInteger root = BigInteger.valueOf(ConformanceHelpers.sqrti(value));
      assertTrue(root.multiply(root).compareTo(v) <= 0, () -> "too large for " + v);
      BigInteger next = root.add(BigInteger.ONE);
      assertTrue(next.multiply(next).compareTo(v) > 0, () -> "too small for " + v);
    }
  }

  @Test
  void memfrobXorsTheContextInPlace() {
    byte[] context = {1, 2, 3, 4, 42};
    ExecutionResult result = run("call 1\nexit", context);
    assertEquals(0, result.r0());
    assertArrayEquals(new byte[] {0x2b, 0x28, 0x29, 0x2e, 0}, context);
  }

  @Test
  void memfrobPastTheRegionFaultsWithoutChangingIt() {
    byte[] context = {1, 2, 3};
    MemoryAccessException e =
        assertThrows(MemoryAccessException.class, () -> run("add %r2, 1\ncall 1\nexit", context));
    assertEquals(1, e.pc());
    assertTrue(e.getMessage().contains("helper read of 4 bytes"), e.getMessage());
    assertArrayEquals(new byte[] {1, 2, 3}, context);
  }

  @Test
  void memfrobOfAnImpossibleLengthIsAHelperError() {
    HelperException e =
        assertThrows(HelperException.class, () -> run("mov %r2, -1\ncall 1\nexit", new byte[] {1}));
    assertEquals(1, e.helperId());
    assertTrue(e.getMessage().contains("memfrob length 18446744073709551615"), e.getMessage());
  }

  @Test
  void strcmpComparesUnsignedBytesUpToTheFirstNul() {
    byte[] context = {'a', 'b', 0, 'a', 'c', 0, (byte) 0xff, 0, 'a', 'b', 0, 'x'};
    String compare = "mov %%r6, %%r1\nadd %%r1, %d\nmov %%r2, %%r6\nadd %%r2, %d\ncall 4\nexit";
    assertTrue(run(String.format(compare, 0, 3), context).r0() < 0); // "ab" < "ac"
    assertTrue(run(String.format(compare, 3, 0), context).r0() > 0); // "ac" > "ab"
    assertEquals(
        0,
        run(String.format(compare, 0, 8), context).r0()); // "ab" == "ab", bytes after NUL ignored
    assertTrue(run(String.format(compare, 6, 0), context).r0() > 0); // 0xff > 'a' unsigned
    assertTrue(run(String.format(compare, 2, 0), context).r0() < 0); // "" < "ab"
  }

  @Test
  void unwindOfZeroStopsTheProgramWithR0Zero() {
    ExecutionResult stopped = run("mov %r0, 9\nmov %r1, 0\ncall 5\nmov %r0, 7\nexit", new byte[0]);
    assertEquals(0, stopped.r0());
    assertEquals(3, stopped.instructionsExecuted());
    assertEquals(8, run("mov %r1, 1\ncall 5\nadd %r0, 7\nexit", new byte[0]).r0());
  }

  @Test
  void noOpReturnsZero() {
    assertEquals(0, run("mov %r0, 5\ncall 2\nexit", new byte[0]).r0());
  }
}
