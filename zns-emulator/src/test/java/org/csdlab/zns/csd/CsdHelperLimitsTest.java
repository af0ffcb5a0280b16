package org.csdlab.zns.csd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import org.csdlab.ebpf.BoundedLines;
import org.csdlab.ebpf.MemoryAccessException;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.zns.CommandKind;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

/** The {@code read} and {@code debug} helpers under hostile requests (issue 11). */
class CsdHelperLimitsTest {
  /** One zone of 1 GiB (4096-byte blocks), so a read of 1,073,741,823 bytes is inside it. */
  private static final Geometry ONE_GIB_ZONE =
      Geometry.builder().zoneCount(2).zoneSizeBlocks(1 << 18).blockSizeBytes(4096).build();

  /**
   * Reads {@code size} bytes from zone 0 at byte {@code offset} into the scratch memory at {@code
   * at}.
   */
  private static String readIntoScratch(long offset, long size, long at) {
    return """
                r1 = r10
                r1 += -8
                r2 = r10
                r2 += -16
                call 7
                r5 = *(u64 *)(r10 - 8)
                r5 += %d
                r1 = 0
                r2 = 0
                r3 = %d
                r4 = %d
                call 2
                exit
                """
        .formatted(at, offset, size);
  }

  @Test
  void aGigabyteReadIntoSmallMemoryStopsTheKernelBeforeReadingOrAllocating() {
    ZnsDevice device = ZnsDevice.builder(ONE_GIB_ZONE).build();
    device.append(0, new byte[4096]); // a read of sector 0 passes the write-pointer check
    CsdKernel kernel =
        ComputationalStorage.of(device)
            .load(Assembler.assemble(readIntoScratch(0, 1_073_741_823, 0)));
    // before: a 1 GiB buffer was allocated first, and OutOfMemoryError escaped CsdKernel.run
    MemoryAccessException e = assertThrows(MemoryAccessException.class, kernel::run);
    assertTrue(
        e.getMessage().contains("helper") && e.getMessage().contains("1073741823"), e.getMessage());
    assertEquals(0, device.stats().commands(CommandKind.READ));
  }

  @Test
  void aReadLargerThanAnyRegionStopsTheKernelAsABadPointer() {
    Geometry fourGib =
        Geometry.builder().zoneCount(4).zoneSizeBlocks(1 << 18).blockSizeBytes(4096).build();
    ZnsDevice device = ZnsDevice.builder(fourGib).build();
    CsdKernel kernel =
        ComputationalStorage.of(device)
            .load(
                Assembler.assemble(
                    readIntoScratch(0, 3L << 30, 0)
                        .replace("r4 = 3221225472", "r4 = 3221225472 ll"))); // a 64-bit size
    // inside the device's 4 GiB, so in_range passes; no region holds 3 GiB
    MemoryAccessException e = assertThrows(MemoryAccessException.class, kernel::run);
    assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
    assertEquals(0, device.stats().commands(CommandKind.READ));
  }

  @Test
  void unalignedReadsLargerThanTheDeviceBufferArriveWhole() {
    ZnsDevice device = ZnsDevice.builder(ONE_GIB_ZONE).build();
    byte[] data = new byte[4 << 20];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7 + (i >>> 12));
    }
    device.append(0, data);
    int offset = 100;
    int size = 3 * OpenCsdHelpers.READ_BUFFER_BYTES + 12_345;
    ComputationalStorage csd = ComputationalStorage.builder(device).memoryBytes(4 << 20).build();
    CsdKernel kernel = csd.load(Assembler.assemble(readIntoScratch(offset, size, 8)));
    CsdResult result = kernel.run();
    assertEquals(0, result.r0());
    int blocks = (offset + size + 4095) / 4096;
    assertEquals(blocks * 4096L, result.mediaBytesRead());
    assertEquals(
        4, device.stats().commands(CommandKind.READ)); // 3 MiB + a bit, through a 1 MiB buffer

    CsdKernel peek =
        csd.load(
            Assembler.assemble(
                readIntoScratch(offset, size, 8)
                    .replace(
                        "exit",
                        """
                r1 = *(u64 *)(r10 - 8)
                r1 += 8
                r2 = %d
                call 1
                r0 = 0
                exit
                """
                            .formatted(size))));
    assertArrayEquals(Arrays.copyOfRange(data, offset, offset + size), peek.run().returnData());
  }

  @Test
  void alignedReadsIntoTheScratchMemoryStillGoDirect() {
    ZnsDevice device = ZnsDevice.builder(ONE_GIB_ZONE).build();
    device.append(0, new byte[3 << 20]);
    ComputationalStorage csd = ComputationalStorage.builder(device).memoryBytes(4 << 20).build();
    assertEquals(0, csd.load(Assembler.assemble(readIntoScratch(0, 3 << 20, 0))).run().r0());
    assertEquals(1, device.stats().commands(CommandKind.READ));
  }

  /** Calls {@code debug} {@code times} times with the call information, a string. */
  private static CsdKernel debugLoop(ComputationalStorage csd, int times) {
    // built without the verifier: the loop is what is under test here, not its analysis
    return new CsdKernel(
        csd,
        "debug-loop",
        Vm.builder(
            Assembler.assemble(
                """
                r6 = r1
                r7 = 0
                loop:
                r1 = r6
                call 9
                r7 += 1
                if r7 < %d goto loop
                r0 = 0
                exit
                """
                    .formatted(times))));
  }

  private static byte[] string(int length) {
    byte[] s = new byte[length + 1];
    Arrays.fill(s, 0, length, (byte) 'x');
    return s;
  }

  @Test
  void debugOutputIsBoundedByBytesAndCountsWhatWasDropped() {
    ComputationalStorage csd =
        ComputationalStorage.of(ZnsDevice.builder(Geometry.defaults()).build());
    CsdResult result = debugLoop(csd, 2_000).run(string(4095));
    // 1 MiB of debug text: 256 lines of 4095 bytes
    assertEquals(256, result.debug().size());
    assertEquals(1_744, result.debugDropped());
    assertEquals("x".repeat(4095), result.debug().get(255));
    assertTrue(result.toString().endsWith(", 256 debug, 1744 debug dropped]"), result.toString());
  }

  @Test
  void debugLimitsAreSetOnTheBuilder() {
    ComputationalStorage csd =
        ComputationalStorage.builder(ZnsDevice.builder(Geometry.defaults()).build())
            .debugLineLimit(10)
            .debugByteLimit(1 << 20)
            .build();
    assertEquals(10, csd.debugLineLimit());
    CsdKernel kernel = debugLoop(csd, 5_000);
    CsdResult result = kernel.run(string(3));
    assertEquals(Collections.nCopies(10, "xxx"), result.debug());
    assertEquals(4_990, result.debugDropped());
    CsdResult again = kernel.run(string(3)); // each run starts with an empty log
    assertEquals(4_990, again.debugDropped());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ComputationalStorage.builder(ZnsDevice.builder(Geometry.defaults()).build())
                .debugLineLimit(-1));
  }

  @Test
  void utf8LengthCountsMultiByteCharacters() {
    assertEquals(1 + 2 + 3 + 4, BoundedLines.utf8Bytes("a\u00e9\u20ac\ud83d\ude00"));
  }
}
