package org.csdlab.ebpf.conformance;

import static org.csdlab.ebpf.PrototypeProbe.cString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.MemoryAccessException;
import org.csdlab.ebpf.PrototypeProbe;
import org.junit.jupiter.api.Test;

/**
 * The conformance helpers' prototypes hold: buffers of exactly the declared size in regions of
 * their own succeed with r0 in the declared range; one byte less faults.
 */
class ConformancePrototypesTruthTest {
  private final Set<Integer> probed = new TreeSet<>();

  private long call(int id, Object... args) {
    probed.add(id);
    long r0 = PrototypeProbe.call(id, List.of(args), b -> b.helpers(ConformanceHelpers.registry()));
    HelperPrototype p = ConformanceHelpers.registry().prototypes().get(id);
    assertTrue(p.returns().contains(r0), p.name() + " returned " + r0 + ", not in " + p.returns());
    return r0;
  }

  @Test
  void memfrobRewritesExactlyItsSizeArgumentsBytes() {
    byte[] buffer = {1, 2, 3, 4, 5};
    assertEquals(0, call(ConformanceHelpers.MEMFROB, buffer, 5L));
    assertArrayEquals(new byte[] {1 ^ 42, 2 ^ 42, 3 ^ 42, 4 ^ 42, 5 ^ 42}, buffer);
    assertThrows(
        MemoryAccessException.class, () -> call(ConformanceHelpers.MEMFROB, new byte[4], 5L));
    assertEquals(0, call(ConformanceHelpers.MEMFROB, 0L, 0L)); // SIZE_OR_ZERO
  }

  @Test
  void strcmpReadsEachStringUpToItsNul() {
    assertEquals(0, call(ConformanceHelpers.STRCMP, cString("ab"), cString("ab")));
    assertEquals(-1, call(ConformanceHelpers.STRCMP, cString("ab"), cString("ac")));
    assertEquals(0xff, call(ConformanceHelpers.STRCMP, new byte[] {(byte) 0xff, 0}, cString("")));
    // a string ends at its region's end when it has no NUL there: no byte past it is read
    assertEquals(0, call(ConformanceHelpers.STRCMP, new byte[] {'a', 'b'}, new byte[] {'a', 'b'}));
    assertEquals('b', call(ConformanceHelpers.STRCMP, new byte[] {'a', 'b'}, new byte[] {'a'}));
    // a first byte in no region faults (PTR_TO_STRING: the verifier checks that byte)
    assertThrows(
        MemoryAccessException.class,
        () -> call(ConformanceHelpers.STRCMP, new byte[0], cString("a")));
  }

  @Test
  void scalarHelpersReturnWithinTheirRanges() {
    assertEquals(0xff_ffff_ffffL, call(ConformanceHelpers.GATHER_BYTES, -1L, -1L, -1L, -1L, -1L));
    assertEquals(0, call(ConformanceHelpers.NO_OP));
    assertEquals(0xffff_ffffL, call(ConformanceHelpers.SQRTI, -1L));
    assertEquals(7, call(ConformanceHelpers.UNWIND, 7L));
  }

  @Test
  void everyConformanceHelperIsProbed() {
    memfrobRewritesExactlyItsSizeArgumentsBytes();
    strcmpReadsEachStringUpToItsNul();
    scalarHelpersReturnWithinTheirRanges();
    assertEquals(ConformanceHelpers.registry().prototypes().keySet(), probed);
  }
}
