package org.csdlab.zns.csd;

import static org.csdlab.zns.csd.CsdTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.VerificationException;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

/**
 * Entry registers, memory layout, get_call_info, void helpers, debug and return data as OpenCSD's
 * NVMe CSD has them (issue 13, points 1-3, 6 and 9).
 */
class OpenCsdAbiTest {
  private static final int MEMORY_BYTES = 8192;

  private static CsdKernel load(ZnsDevice device, String source) {
    return ComputationalStorage.builder(device)
        .memoryBytes(MEMORY_BYTES)
        .maxCallInfoBytes(MEMORY_BYTES)
        .build()
        .load(Assembler.assemble(source));
  }

  private static long[] u64s(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[bytes.length / 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = in.getLong();
    }
    return out;
  }

  /**
   * Returns, as four u64: r2 at entry, get_mem_info's pointer minus r1, its size, and the first u64
   * at r1.
   */
  private static final String LAYOUT =
      """
          r6 = r1
          *(u64 *)(r10 - 32) = r2
          r1 = *(u64 *)(r6 + 0)
          *(u64 *)(r10 - 8) = r1
          r1 = r10
          r1 += -24
          r2 = r10
          r2 += -16
          call 7
          r1 = *(u64 *)(r10 - 24)
          r1 -= r6
          *(u64 *)(r10 - 24) = r1
          r1 = r10
          r1 += -32
          r2 = 32
          call 1
          r0 = 0
          exit
          """;

  @Test
  void r1PointsAtTheKernelMemoryAndR2HoldsItsWholeSize() {
    CsdKernel kernel = load(device(), LAYOUT);
    // without call info: the memory after the call info is all of it, from r1
    assertArrayEquals(
        new long[] {MEMORY_BYTES, 0, MEMORY_BYTES, 0}, u64s(kernel.run().returnData()));
    // r1 is the kernel memory itself: its last byte is writable, the next one is not
    CsdKernel lastByte = load(device(), "r2 = 7\n*(u8 *)(r1 + 8191) = r2\nr0 = 0\nexit");
    assertEquals(0, lastByte.run().r0());
    CsdKernel pastIt = load(device(), "r2 = 7\n*(u8 *)(r1 + 8192) = r2\nr0 = 0\nexit");
    assertThrows(org.csdlab.ebpf.MemoryAccessException.class, pastIt::run);
  }

  @Test
  void callInfoIsAtTheStartOfTheMemoryAndMemInfoGivesWhatFollowsIt() {
    CsdKernel kernel = load(device(), LAYOUT);
    byte[] info = new byte[24];
    ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1234);
    // r2 is still the whole size; get_mem_info gives start + 24 and size - 24
    assertArrayEquals(
        new long[] {MEMORY_BYTES, 24, MEMORY_BYTES - 24, 0x1234},
        u64s(kernel.run(info).returnData()));
    // call info exactly the memory's size leaves nothing after it
    assertArrayEquals(
        new long[] {MEMORY_BYTES, MEMORY_BYTES, 0, 0},
        u64s(kernel.run(new byte[MEMORY_BYTES]).returnData()));
  }

  @Test
  void callInfoLargerThanTheMemoryIsRefusedBeforeTheRun() {
    ZnsDevice device = device();
    CsdKernel kernel = load(device, "r0 = 0\nexit");
    CallInfoTooLargeException e =
        assertThrows(CallInfoTooLargeException.class, () -> kernel.run(new byte[MEMORY_BYTES + 1]));
    assertEquals(MEMORY_BYTES + 1, e.callInfoBytes());
    assertEquals(MEMORY_BYTES, e.memoryBytes());
    assertTrue(
        e.getMessage()
            .startsWith(
                "call information of 8193 bytes does not fit the kernel memory of 8192 bytes"),
        e.getMessage());
  }

  @Test
  void callInfoOverTheDrivesLimitIsRefusedBeforeTheRunAndTheDefaultLimitIsHalfTheMemory() {
    ComputationalStorage csd =
        ComputationalStorage.builder(device()).memoryBytes(MEMORY_BYTES).build();
    assertEquals(MEMORY_BYTES / 2, csd.maxCallInfoBytes());
    CsdKernel kernel = csd.load(Assembler.assemble("r0 = 0\nexit"));
    assertEquals(0, kernel.run(new byte[MEMORY_BYTES / 2]).r0());
    CallInfoTooLargeException e =
        assertThrows(
            CallInfoTooLargeException.class, () -> kernel.run(new byte[MEMORY_BYTES / 2 + 1]));
    assertEquals(MEMORY_BYTES / 2 + 1, e.callInfoBytes());
    assertEquals(MEMORY_BYTES / 2, e.maxCallInfoBytes());
    assertEquals(
        "call information of 4097 bytes is more than the 4096 bytes this drive's kernels are"
            + " verified for (the kernel memory of 8192 bytes less the call information is what"
            + " get_mem_info gives them); pass less, or build the drive with"
            + " ComputationalStorage.builder(device).maxCallInfoBytes(n)",
        e.getMessage());
    IllegalArgumentException over =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ComputationalStorage.builder(device())
                    .memoryBytes(4096)
                    .maxCallInfoBytes(4097)
                    .build());
    assertEquals(
        "call information of at most 4097 bytes does not fit the kernel memory of 4096 bytes;"
            + " raise memoryBytes(n) or lower maxCallInfoBytes(n)",
        over.getMessage());
  }

  @Test
  void theMemoryIsZeroedAtEachRunWhateverTheLastRunLeftThere() {
    // returns the u64 at r1 + 8, then writes 0xff there
    CsdKernel kernel =
        load(
            device(),
            """
            r0 = *(u64 *)(r1 + 8)
            r2 = 0xff
            *(u64 *)(r1 + 8) = r2
            exit
            """);
    assertEquals(0, kernel.run().r0());
    assertEquals(0, kernel.run().r0(), "the 0xff of the last run is gone");
    assertEquals(9, kernel.run(longs(1, 9)).r0());
    assertEquals(0, kernel.run(longs(1)).r0(), "the longer call info of the last run is gone");
  }

  /** Stores 0x55 in *call, calls get_call_info, returns *call minus r1. */
  private static final String CALL_INFO =
      """
          r6 = r1
          r1 = 0x55
          *(u64 *)(r10 - 8) = r1
          r1 = r10
          r1 += -8
          call 8
          r0 = *(u64 *)(r10 - 8)
          r0 -= r6
          exit
          """;

  @Test
  void getCallInfoPointsAtTheMemoryStartOrLeavesTheCallersValue() {
    ZnsDevice device = device();
    CsdKernel kernel = load(device, CALL_INFO);
    assertEquals(0, kernel.run(u64(3)).r0(), "*call = the start of the kernel memory, r1");
    CsdResult none = kernel.run();
    long memoryStart = -none.r0() + 0x55;
    assertEquals(
        kernel.vm().addressOf(ComputationalStorage.MEMORY_REGION),
        memoryStart,
        "*call is still 0x55");
  }

  @Test
  void readingR0AfterAVoidHelperIsRefusedNamingTheHelper() {
    ComputationalStorage csd = ComputationalStorage.of(device());
    VerificationException atExit =
        assertThrows(
            VerificationException.class,
            () ->
                csd.load(
                    Assembler.assemble("*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\ncall 8\nexit")));
    assertEquals(ErrorCode.UNINIT_REG, atExit.code());
    assertTrue(
        atExit
            .getMessage()
            .contains(
                "r0 (the return value) is read at exit after the call of get_call_info at pc 3,"
                    + " which returns nothing (void)"),
        atExit.getMessage());
    VerificationException used =
        assertThrows(
            VerificationException.class,
            () ->
                csd.load(
                    Assembler.assemble(
                        """
                        r1 = r10
                        r1 += -8
                        r2 = r10
                        r2 += -16
                        call 7
                        if r0 != 0 goto out
                        r0 = 1
                        out:
                        exit
                        """)));
    assertTrue(
        used.getMessage()
            .contains("r0 is read after the call of get_mem_info at pc 4, which returns nothing"),
        used.getMessage());
    for (int id :
        List.of(
            OpenCsdHelpers.RETURN_DATA,
            OpenCsdHelpers.GET_MEM_INFO,
            OpenCsdHelpers.GET_CALL_INFO,
            OpenCsdHelpers.DEBUG)) {
      assertEquals(
          org.csdlab.ebpf.ReturnType.VOID, OpenCsdHelpers.prototypes().get(id).ret(), "" + id);
    }
    for (int id :
        List.of(
            OpenCsdHelpers.READ,
            OpenCsdHelpers.WRITE,
            OpenCsdHelpers.GET_SECTOR_SIZE,
            OpenCsdHelpers.GET_ZONE_CAPACITY,
            OpenCsdHelpers.GET_ZONE_SIZE)) {
      assertEquals(
          org.csdlab.ebpf.ReturnType.SCALAR, OpenCsdHelpers.prototypes().get(id).ret(), "" + id);
    }
  }

  @Test
  void debugStillRuns() {
    CsdKernel kernel =
        load(
            device(),
            """
            r2 = 0x6b6f
            *(u64 *)(r10 - 8) = r2
            r1 = r10
            r1 += -8
            call 9
            r0 = 0
            exit
            """);
    assertEquals(List.of("ok"), kernel.run().debug());
  }

  /** Returns 8 bytes with return_data when the call info's first u64 is not 0; exits with it. */
  private static final String MAYBE_RETURN =
      """
          r6 = *(u64 *)(r1 + 0)
          if r6 == 0 goto out
          r1 = r10
          r1 += -8
          *(u64 *)(r10 - 8) = r6
          r2 = 8
          call 1
          out:
          r0 = r6
          exit
          """;

  @Test
  void everyRunStartsWithNoReturnDataEvenAfterAFailedOne() {
    CsdKernel kernel = load(device(), MAYBE_RETURN);
    CsdResult returned = kernel.run(u64(7));
    assertArrayEquals(u64(7), returned.returnData());
    assertEquals(0, kernel.run(u64(0)).returnData().length, "nothing is left from the last run");
    // a run that fails after return_data keeps its own return data; the next run starts empty
    CsdResult failed = kernel.run(u64(-1));
    assertArrayEquals(u64(-1), failed.returnData());
    assertEquals(0, kernel.run(u64(0)).hostBytes());
  }

  @Test
  void openCsdsRunValueIsTheReturnSizeOrTheNegativeExitValue() {
    CsdKernel kernel = load(device(), MAYBE_RETURN);
    CsdResult ok = kernel.run(u64(7));
    assertEquals(7, ok.r0());
    assertEquals(8, ok.openCsdRunValue(), "r0 >= 0: the return-data size");
    CsdResult failed = kernel.run(u64(-1));
    assertEquals(-1, failed.r0());
    assertEquals(-1, failed.openCsdRunValue(), "(int) r0 < 0: r0");
    CsdResult highBits = kernel.run(u64(0x1_0000_0000L));
    assertEquals(0x1_0000_0000L, highBits.r0());
    assertEquals(8, highBits.openCsdRunValue(), "OpenCSD looks only at (int) r0");
  }

  private static byte[] longs(long... values) {
    ByteBuffer out = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      out.putLong(v);
    }
    return out.array();
  }
}
