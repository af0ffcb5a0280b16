package org.csdlab.fluffle.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FileLayout;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.fluffle.OpenMode;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernels written as FluffleFS's own kernels are ({@code src/test/c}, compiled with clang): they
 * find holes as LBA 0 and a write event's LBAs after its flfs_write_call, as on FluffleFS.
 */
class FluffleFsStyleKernelTest {
  static final int BLOCK = 4096;

  static LoadedProgram fluffleRead;
  static LoadedProgram writeProbe;

  final ZnsDevice device = ZnsDevice.builder(OffloadedFileTest.GEOMETRY).build();
  final FluffleFs fs = FluffleFs.format(device, FormatOptions.defaults());

  @BeforeAll
  static void compile(@TempDir Path dir) {
    fluffleRead = Kernels.compileTestKernel("fluffle_read", dir).program(".text");
    writeProbe = Kernels.compileTestKernel("fluffle_write_probe", dir).program(".text");
  }

  private byte[] write(String path, long offset, byte[] data) {
    try (FileHandle h = fs.open(path, OpenMode.CREATE)) {
      h.write(offset, data);
    }
    return data;
  }

  private static long[] u64s(byte[] bytes) {
    long[] out = new long[bytes.length / 8];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
    return out;
  }

  @Test
  void aHoleIsLbaZeroAndAFluffleFsReadKernelAnswersMinusTwoForItAsAnIoError() {
    byte[] data = write("/sparse", BLOCK, OffloadedFileTest.seeded(3, BLOCK)); // block 0: a hole
    FileLayout layout = fs.layout("/sparse");
    long[] lbas = FlfsCall.readStream(KernelFile.of(layout), 0, 2 * BLOCK, BLOCK).lbas();
    assertEquals(0, lbas[0], "the hole, as FluffleFS marks it");
    assertEquals(layout.lbaOfBlock().get(1), lbas[1]);
    try (FileHandle h = fs.file("/sparse").offload(fluffleRead)) {
      KernelIoException e = assertThrows(KernelIoException.class, () -> h.read(0, 2 * BLOCK));
      assertTrue(e.getMessage().startsWith("I/O error: kernel"), e.getMessage());
      assertTrue(e.getMessage().contains("on /sparse returned error -2 for"), e.getMessage());
      assertArrayEquals(data, h.read(BLOCK, BLOCK), "a read starting on a written block works");
    }
    assertEquals(List.of(), fs.check().problems());
  }

  @Test
  void aFluffleFsReadKernelThatReadsALaterHoleMeetsTheConfinementAtLbaZero() {
    // FluffleFS's kernel reads every LBA of the request, a hole's LBA 0 too; on FluffleFS that is
    // the device's first sector, here it is no block of the file, so the read is an I/O error
    write("/gap", 0, OffloadedFileTest.seeded(4, BLOCK));
    write("/gap", 2 * BLOCK, OffloadedFileTest.seeded(5, BLOCK));
    try (FileHandle h = fs.file("/gap").offload(fluffleRead)) {
      KernelIoException e = assertThrows(KernelIoException.class, () -> h.read(0, 3 * BLOCK));
      assertTrue(
          e.getMessage().contains("lba 0 is outside the blocks this run may read"), e.getMessage());
    }
  }

  @Test
  void aFluffleFsReadKernelBoundToWritesTakesPrePadForItsFirstLbaAsOnFluffleFs() {
    // the read kernel looks for its LBAs right after the flfs_call, where a write event has its
    // flfs_write_call: it tests pre_pad == 0 before it checks the op, as FluffleFS's does
    write("/f", 0, new byte[BLOCK]);
    try (FileHandle h = fs.file("/f").onWrite(fluffleRead)) {
      KernelIoException atZero =
          assertThrows(KernelIoException.class, () -> h.write(0, OffloadedFileTest.seeded(1, 64)));
      assertTrue(atZero.getMessage().contains("returned error -2"), atZero.getMessage());
      KernelIoException inside =
          assertThrows(
              KernelIoException.class, () -> h.write(100, OffloadedFileTest.seeded(1, 64)));
      assertTrue(
          inside.getMessage().contains("returned error -3"),
          "pre_pad is 100, so the op check answers: " + inside.getMessage());
    }
  }

  /**
   * A handle with both kernels bound: its size is the read-stream snapshot's, but the write event
   * is told of the file as it is (post_pad from the live size, cut by another handle).
   */
  @Test
  void aWriteEventOnAHandleBoundToASnapshotIsToldTheLiveSize() throws Exception {
    write("/data.bin", 0, OffloadedFileTest.seeded(6, 3 * BLOCK - 100));
    try (FileHandle h = fs.file("/data.bin").onWrite(writeProbe)) {
      fs.setxattr(
          "/data.bin",
          OffloadedFileTest.READ_STREAM,
          Files.readAllBytes(Kernels.object("flfs_passthrough")));
      try (FileHandle cutter = fs.open("/data.bin")) {
        cutter.truncate(BLOCK + 200);
      }
      assertEquals(3 * BLOCK - 100, h.size(), "the snapshot's size");
      h.write(BLOCK + 100, new byte[8]);
      long[] found = u64s(h.lastKernelResult().returnData());
      assertEquals(100, found[0], "pre_pad");
      assertEquals(200 - 108, found[1], "post_pad: the live file's bytes after the write");
    }
  }

  @Test
  void aWriteEventKernelFindsTheWriteCallAndTheLbasAfterIt() {
    byte[] old = write("/data.bin", 0, OffloadedFileTest.seeded(6, 3 * BLOCK - 100));
    byte[] data = OffloadedFileTest.seeded(7, 5000);
    try (FileHandle h = fs.file("/data.bin").onWrite(writeProbe)) {
      h.write(BLOCK + 100, data); // bytes 4196-9195: blocks 1 and 2
      long[] found = u64s(h.lastKernelResult().returnData());
      List<Long> map = fs.layout("/data.bin").lbaOfBlock();
      Zone log = device.zone(device.geometry().zoneOf(map.get(2)));
      assertEquals(100, found[0], "pre_pad: old bytes 4096-4195 before the write in block 1");
      assertEquals(
          old.length - (BLOCK + 100 + data.length), found[1], "post_pad: old bytes after it");
      assertEquals(log.startLba(), found[2], "start_ptr");
      assertEquals(log.writePointer(), found[3], "wp_ptr");
      assertEquals(log.startLba() + log.capacityBlocks(), found[4], "end_ptr");
      assertEquals(2, found[5], "the blocks covering [offset, offset + size)");
      assertEquals(
          ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(),
          found[6],
          "the written bytes, read at the first LBA");
      assertArrayEquals(new long[] {map.get(1), map.get(2)}, Arrays.copyOfRange(found, 7, 9));
      assertEquals(9, found.length);

      long at = h.append(OffloadedFileTest.seeded(8, 3000)); // at 12188: block 2, then block 3
      long[] appended = u64s(h.lastKernelResult().returnData());
      List<Long> after = fs.layout("/data.bin").lbaOfBlock();
      assertEquals(at % BLOCK, appended[0], "pre_pad of an append: the old bytes of its block");
      assertEquals(0, appended[1], "nothing after an append");
      assertEquals(2, appended[5]);
      assertArrayEquals(
          new long[] {after.get(2), after.get(3)}, Arrays.copyOfRange(appended, 7, 9));
    }
  }
}
