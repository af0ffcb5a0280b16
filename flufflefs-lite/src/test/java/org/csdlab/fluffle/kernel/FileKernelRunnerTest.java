package org.csdlab.fluffle.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.csdlab.ebpf.FuelExhaustedException;
import org.csdlab.ebpf.HelperException;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The file kernels on a raw device with hand-placed blocks, against answers computed in Java. */
class FileKernelRunnerTest {
  static final int BLOCK = 4096;
  static final Geometry GEOMETRY =
      Geometry.builder()
          .zoneCount(4)
          .zoneSizeBlocks(64)
          .zoneCapacityBlocks(32)
          .blockSizeBytes(BLOCK)
          .build();

  /** 10 blocks; block 3 is a hole; the last block is partly used. */
  static final int BLOCKS = 10;

  static final int HOLE_BLOCK = 3;
  static final long SIZE = (long) BLOCKS * BLOCK - 100;

  final ZnsDevice device = ZnsDevice.builder(GEOMETRY).build();
  final ComputationalStorage csd = ComputationalStorage.of(device);
  final byte[] contents = new byte[(int) SIZE];
  final KernelFile file;

  FileKernelRunnerTest() {
    Random random = new Random(7);
    List<Long> lbas = new ArrayList<>();
    device.append(GEOMETRY.zoneStartLba(1), new byte[BLOCK * 3]); // other data before the file
    for (int b = 0; b < BLOCKS; b++) {
      if (b == HOLE_BLOCK) {
        lbas.add(-1L);
        continue;
      }
      byte[] block = new byte[BLOCK];
      for (int i = 0; i < BLOCK; i += 4) {
        int v = random.nextInt() & 0x7FFFFFFF;
        block[i] = (byte) v;
        block[i + 1] = (byte) (v >>> 8);
        block[i + 2] = (byte) (v >>> 16);
        block[i + 3] = (byte) (v >>> 24);
      }
      // blocks alternate between two zones, so the file is not contiguous on the device
      lbas.add(device.append(GEOMETRY.zoneStartLba(1 + b % 2), block));
      System.arraycopy(
          block, 0, contents, b * BLOCK, (int) Math.min(BLOCK, SIZE - (long) b * BLOCK));
    }
    file = new KernelFile(12, 1, false, SIZE, lbas);
  }

  private byte[] expected(long offset, long length) {
    int from = (int) Math.min(offset, SIZE);
    int to = (int) Math.min(SIZE, offset + length);
    return Arrays.copyOfRange(contents, from, Math.max(from, to));
  }

  private CsdResult read(CsdKernel kernel, long offset, long length) {
    return FileKernelRunner.run(
        kernel, "/data.bin", FlfsCall.readStream(file, offset, length, BLOCK));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 40860",
    "100, 5000",
    "4090, 10",
    "12000, 4096",
    "40000, 4096",
    "40870, 5",
    "0, 1"
  })
  void passthroughReturnsTheRequestedBytes(long offset, long length) {
    CsdResult result = read(Kernels.load(csd, "flfs_passthrough"), offset, length);
    assertArrayEquals(expected(offset, length), result.returnData(), result.toString());
  }

  @ParameterizedTest
  @CsvSource({"0, 40860", "4, 5000", "8192, 8192", "12288, 4096", "40000, 4096"})
  void countU32MatchesTheHostCount(long offset, long length) {
    CsdResult result = read(Kernels.load(csd, "flfs_count_u32"), offset, length);
    assertEquals(
        Kernels.countAboveHalf(expected(offset, length)), result.returnedLong(), result.toString());
  }

  @ParameterizedTest
  @CsvSource({"0, 40860", "1, 5000", "12000, 4096", "40859, 1"})
  void entropyHistogramMatchesTheHostHistogram(long offset, long length) {
    CsdResult result = read(Kernels.load(csd, "flfs_entropy"), offset, length);
    assertArrayEquals(
        Kernels.histogram(expected(offset, length)), result.returnData(), result.toString());
  }

  @Test
  void aKernelMovesOnlyItsAnswerOverTheLink() {
    CsdResult result = read(Kernels.load(csd, "flfs_count_u32"), 0, SIZE);
    assertEquals(8, result.hostBytes());
    assertEquals(
        (long) (BLOCKS - 1) * BLOCK, result.mediaBytesRead(), "every block but the hole, once");
  }

  @Test
  void aReadOutsideTheFilesBlocksIsAnIoError() {
    // reads sector 0 of zone 1: a block of other data, not the file's
    CsdKernel snoop = csd.load(Kernels.snoop(1));
    KernelIoException e = assertThrows(KernelIoException.class, () -> read(snoop, 0, 100));
    assertTrue(e.getMessage().startsWith("I/O error: kernel"), e.getMessage());
    assertTrue(e.getMessage().contains("/data.bin"), e.getMessage());
    assertTrue(
        e.getMessage().contains("lba " + GEOMETRY.zoneStartLba(1) + " is outside the blocks"),
        e.getMessage());
    assertInstanceOf(HelperException.class, e.getCause());
    assertEquals("/data.bin", e.path());
  }

  @Test
  void aKernelPassingOnAHelpersMinusOneNamesTheRefusedCall() {
    // reads at an offset past the sector's end, which OpenCSD's read refuses with -1, and exits
    // with that -1
    CsdKernel passOn =
        csd.load(
            Assembler.assemble(
                Kernels.MEMORY_ON_STACK
                    + """
        r1 = 0
        r2 = 0
        r3 = 4096
        r4 = 8
        r5 = *(u64 *)(r10 - 16)
        call 2
        exit
        """));
    KernelIoException e = assertThrows(KernelIoException.class, () -> read(passOn, 0, 100));
    assertTrue(e.getMessage().contains("returned error -1 for"), e.getMessage());
    assertTrue(
        e.getMessage().contains("; 1 helper call returned -1, the first: read zone 0 sector 0"),
        e.getMessage());
    assertTrue(e.getMessage().contains("offset 4096"), e.getMessage());
  }

  @Test
  void aHoleIsLbaZeroInTheCallAndNoBlockTheKernelMayRead() {
    FlfsCall call = FlfsCall.readStream(file, 0, SIZE, BLOCK);
    assertEquals(FlfsCall.HOLE, call.lbas()[HOLE_BLOCK]);
    assertEquals(0, call.lbas()[HOLE_BLOCK], "LBA 0, as FluffleFS marks a hole");
    // reads sector 0 of zone 0: LBA 0, the hole's LBA in the call
    CsdKernel readsLbaZero = csd.load(Kernels.snoop(0));
    KernelIoException e =
        assertThrows(
            KernelIoException.class, () -> FileKernelRunner.run(readsLbaZero, "/data.bin", call));
    assertTrue(
        e.getMessage().contains("lba 0 is outside the blocks this run may read"), e.getMessage());
  }

  @Test
  void runningOutOfFuelIsAnIoError() {
    ComputationalStorage small = ComputationalStorage.builder(device).fuel(2_000).build();
    KernelIoException e =
        assertThrows(
            KernelIoException.class, () -> read(Kernels.load(small, "flfs_count_u32"), 0, SIZE));
    assertTrue(e.getMessage().contains("ran out of fuel after 2000 instructions"), e.getMessage());
    assertInstanceOf(FuelExhaustedException.class, e.getCause());
  }

  @Test
  void aNegativeReturnIsAnIoErrorNamingTheErrno() {
    KernelIoException e =
        assertThrows(
            KernelIoException.class, () -> read(Kernels.load(csd, "flfs_count_u32"), 2, 100));
    assertTrue(e.getMessage().contains("returned error -22 (EINVAL)"), e.getMessage());
  }

  @Test
  void aReadPastTheEndIsEmpty() {
    CsdResult result = read(Kernels.load(csd, "flfs_passthrough"), SIZE + 10, 100);
    assertEquals(0, result.returnData().length);
  }

  @Test
  void consecutiveBlocksAreReadInRunsThatStopAtZoneEndsAndTheMemorySize() {
    // zones of 8 blocks with no gap between them: the file's 20 blocks run on across two zone ends
    Geometry tight =
        Geometry.builder()
            .zoneCount(4)
            .zoneSizeBlocks(8)
            .zoneCapacityBlocks(8)
            .blockSizeBytes(BLOCK)
            .build();
    ZnsDevice dev = ZnsDevice.builder(tight).build();
    byte[] data = new byte[20 * BLOCK - 10];
    new Random(9).nextBytes(data);
    List<Long> lbas = new ArrayList<>();
    dev.append(0, new byte[2 * BLOCK]);
    for (int b = 0; b < 20; b++) {
      long zoneStart = tight.zoneStartLba((2 + b) / 8);
      byte[] block = Arrays.copyOfRange(data, b * BLOCK, Math.min(data.length, (b + 1) * BLOCK));
      lbas.add(dev.append(zoneStart, Arrays.copyOf(block, BLOCK)));
    }
    assertEquals(
        List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L),
        lbas.subList(0, 7),
        "contiguous across the zone 0 end");
    KernelFile contiguous = new KernelFile(3, 1, false, data.length, lbas);
    // memory for 3 blocks and the histogram: runs are cut at 3 blocks, and at zone ends
    ComputationalStorage small =
        ComputationalStorage.builder(dev).memoryBytes(3 * BLOCK + 1024).build();
    for (long[] range :
        new long[][] {{0, data.length}, {100, 50_000}, {4 * BLOCK + 8, 9 * BLOCK}}) {
      byte[] want =
          Arrays.copyOfRange(
              data, (int) range[0], (int) Math.min(data.length, range[0] + range[1]));
      FlfsCall call = FlfsCall.readStream(contiguous, range[0], range[1], BLOCK);
      assertArrayEquals(
          Kernels.histogram(want),
          FileKernelRunner.run(Kernels.load(small, "flfs_entropy"), "/c", call).returnData(),
          Arrays.toString(range));
      if (range[0] % 4 == 0) {
        assertEquals(
            Kernels.countAboveHalf(want),
            FileKernelRunner.run(Kernels.load(small, "flfs_count_u32"), "/c", call).returnedLong(),
            Arrays.toString(range));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"flfs_passthrough", "flfs_count_u32", "flfs_entropy"})
  void committedObjectMatchesItsSource(String name, @TempDir Path dir) {
    byte[] compiled = Kernels.compile(name, dir);
    assertEquals(
        ElfObject.read(Kernels.object(name)).program(".text").program(),
        ElfObject.parse(compiled).program(".text").program());
  }
}
