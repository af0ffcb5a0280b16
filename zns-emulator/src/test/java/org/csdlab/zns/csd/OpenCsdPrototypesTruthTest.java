package org.csdlab.zns.csd;

import static org.csdlab.ebpf.PrototypeProbe.cString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.MemoryAccessException;
import org.csdlab.ebpf.PrototypeProbe;
import org.csdlab.ebpf.StoredValue;
import org.junit.jupiter.api.Test;

/**
 * The opencsd helpers' prototypes hold (flufflefs-lite's kernels run with the same set): buffers of
 * exactly the declared size in regions of their own succeed with r0 in the declared range; one byte
 * less faults.
 */
class OpenCsdPrototypesTruthTest {
  private final CsdSession session =
      new CsdSession(
          CsdTestSupport.device(),
          4096,
          ComputationalStorage.DEFAULT_DEBUG_LINES,
          ComputationalStorage.DEFAULT_DEBUG_BYTES,
          ComputationalStorage.DEFAULT_REFUSAL_LIMIT);
  private final Set<Integer> probed = new TreeSet<>();

  private long call(int id, Object... args) {
    probed.add(id);
    long r0 =
        PrototypeProbe.call(id, List.of(args), b -> b.helpers(OpenCsdHelpers.registry(session)));
    HelperPrototype p = OpenCsdHelpers.prototypes().get(id);
    assertTrue(p.returns().contains(r0), p.name() + " returned " + r0 + ", not in " + p.returns());
    return r0;
  }

  private void faults(int id, Object... args) {
    assertThrows(MemoryAccessException.class, () -> call(id, args));
  }

  private static long u64(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  @Test
  void writeStoresItsU64AndReadsItsSizeArgumentsBytesAndReadFillsThem() {
    byte[] data = new byte[16];
    Arrays.fill(data, (byte) 0x5a);
    faults(OpenCsdHelpers.WRITE, 0L, new byte[7], 0L, 16L, data);
    faults(OpenCsdHelpers.WRITE, 0L, new byte[8], 0L, 16L, new byte[15]);
    byte[] sector = {-1, -1, -1, -1, -1, -1, -1, -1};
    assertEquals(0, call(OpenCsdHelpers.WRITE, 0L, sector, 0L, 16L, data));
    assertEquals(0, u64(sector)); // the write pointer before the append: the zone was empty

    faults(OpenCsdHelpers.READ, 0L, 0L, 0L, 16L, new byte[15]);
    byte[] into = new byte[16];
    assertEquals(0, call(OpenCsdHelpers.READ, 0L, 0L, 0L, 16L, into));
    assertArrayEquals(data, into);
    // SIZE_OR_ZERO: no buffer is touched for 0 bytes
    assertEquals(0, call(OpenCsdHelpers.READ, 0L, 0L, 0L, 0L, 0L));
  }

  @Test
  void returnDataAndDebugReadOnlyTheirBytes() {
    byte[] out = {1, 2, 3, 4};
    call(OpenCsdHelpers.RETURN_DATA, out, 4L);
    assertArrayEquals(out, session.returnData);
    faults(OpenCsdHelpers.RETURN_DATA, new byte[3], 4L);
    call(OpenCsdHelpers.RETURN_DATA, 0L, 0L); // SIZE_OR_ZERO
    call(OpenCsdHelpers.DEBUG, cString("hello"));
    assertEquals(List.of("hello"), session.debug.lines());
    // no NUL before the region's end: the string ends there (never read past it)
    call(OpenCsdHelpers.DEBUG, new byte[] {'h', 'i'});
    assertEquals(List.of("hello", "hi"), session.debug.lines());
    // a string of 5000 bytes is recorded cut at MAX_DEBUG_BYTES
    byte[] longString = new byte[5000];
    Arrays.fill(longString, (byte) 'a');
    call(OpenCsdHelpers.DEBUG, longString);
    assertEquals(OpenCsdHelpers.MAX_DEBUG_BYTES, session.debug.lines().get(2).length());
    // a first byte in no region faults (PTR_TO_STRING: the verifier checks that byte)
    faults(OpenCsdHelpers.DEBUG, new byte[0]);
  }

  @Test
  void memInfoAndCallInfoStoreOneU64Each() {
    byte[] memPtr = new byte[8];
    byte[] memSize = new byte[8];
    call(OpenCsdHelpers.GET_MEM_INFO, memPtr, memSize);
    assertEquals(4096, u64(memSize));
    faults(OpenCsdHelpers.GET_MEM_INFO, new byte[7], new byte[8]);
    faults(OpenCsdHelpers.GET_MEM_INFO, new byte[8], new byte[7]);

    // no call information: *call is left as it was (hence PTR_TO_LONG_UPDATED: initialise it)
    byte[] call = {7, 0, 0, 0, 0, 0, 0, 0};
    call(OpenCsdHelpers.GET_CALL_INFO, call);
    assertEquals(7, u64(call));
    session.callInfoBytes = 16;
    session.memoryAddress = () -> 0x1234_0000L;
    call(OpenCsdHelpers.GET_CALL_INFO, call);
    assertEquals(0x1234_0000L, u64(call));
    faults(OpenCsdHelpers.GET_CALL_INFO, new byte[7]);
  }

  /** The drive's facts for the session: 4096 bytes of memory, at most 2048 of call information. */
  private static final Map<Integer, HelperPrototype> FACTS =
      OpenCsdHelpers.prototypesFor(CsdTestSupport.GEOMETRY, 4096, 2048);

  @Test
  void memInfoStoresAPointerAndSizeWithinTheDrivesStoredValuesForEveryCallInfoSize() {
    StoredValue.Pointer pointer =
        (StoredValue.Pointer) FACTS.get(OpenCsdHelpers.GET_MEM_INFO).stored(0);
    StoredValue.Word size = (StoredValue.Word) FACTS.get(OpenCsdHelpers.GET_MEM_INFO).stored(1);
    assertTrue(pointer.intoContext());
    assertEquals(new StoredValue.Pointer(null, -1, 0, 2048, true), pointer);
    assertEquals(new HelperPrototype.ReturnRange(2048, 4096), size.range());
    long base = 0x1234_0000L;
    session.memoryAddress = () -> base;
    for (int callInfo : new int[] {0, 16, 2047, 2048}) {
      session.callInfoBytes = callInfo;
      byte[] memPtr = new byte[8];
      byte[] memSize = new byte[8];
      call(OpenCsdHelpers.GET_MEM_INFO, memPtr, memSize);
      long offset = u64(memPtr) - base;
      assertTrue(
          offset >= pointer.minOffsetBytes() && offset <= pointer.maxOffsetBytes(),
          "offset " + offset + " for " + callInfo + " bytes of call information");
      assertTrue(size.range().contains(u64(memSize)), "size " + u64(memSize));
      // what the pointer may reach by the verifier's rule (context size less the largest offset)
      // lies inside what the helper says is there
      assertTrue(4096 - pointer.maxOffsetBytes() <= u64(memSize));
    }
    StoredValue.Pointer callPtr =
        (StoredValue.Pointer) FACTS.get(OpenCsdHelpers.GET_CALL_INFO).stored(0);
    assertEquals(new StoredValue.Pointer(null, -1, 0, 0, true), callPtr);
    session.callInfoBytes = 16;
    byte[] call = new byte[8];
    call(OpenCsdHelpers.GET_CALL_INFO, call);
    assertEquals(base + callPtr.minOffsetBytes(), u64(call));
  }

  @Test
  void aDrivesGeometryHelpersReturnExactlyItsFacts() {
    for (int id :
        new int[] {
          OpenCsdHelpers.GET_SECTOR_SIZE,
          OpenCsdHelpers.GET_ZONE_CAPACITY,
          OpenCsdHelpers.GET_ZONE_SIZE
        }) {
      HelperPrototype.ReturnRange fact = FACTS.get(id).returns();
      assertEquals(fact.min(), fact.max(), FACTS.get(id).name() + " is one value");
      assertEquals(fact.min(), call(id), FACTS.get(id).name());
    }
    assertEquals(
        HelperPrototype.ReturnRange.exactly(4096),
        FACTS.get(OpenCsdHelpers.GET_SECTOR_SIZE).returns());
  }

  @Test
  void geometryHelpersReturnWithinTheirRanges() {
    assertEquals(CsdTestSupport.GEOMETRY.blockSizeBytes(), call(OpenCsdHelpers.GET_SECTOR_SIZE));
    assertEquals(
        CsdTestSupport.GEOMETRY.zoneCapacityBlocks(), call(OpenCsdHelpers.GET_ZONE_CAPACITY));
    assertEquals(CsdTestSupport.GEOMETRY.zoneSizeBlocks(), call(OpenCsdHelpers.GET_ZONE_SIZE));
  }

  @Test
  void everyOpenCsdHelperIsProbed() {
    writeStoresItsU64AndReadsItsSizeArgumentsBytesAndReadFillsThem();
    returnDataAndDebugReadOnlyTheirBytes();
    memInfoAndCallInfoStoreOneU64Each();
    geometryHelpersReturnWithinTheirRanges();
    memInfoStoresAPointerAndSizeWithinTheDrivesStoredValuesForEveryCallInfoSize();
    aDrivesGeometryHelpersReturnExactlyItsFacts();
    assertEquals(OpenCsdHelpers.prototypes().keySet(), probed);
  }
}
