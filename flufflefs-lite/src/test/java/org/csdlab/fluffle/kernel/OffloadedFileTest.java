package org.csdlab.fluffle.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.csdlab.ebpf.FuelExhaustedException;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.fluffle.CleaningPolicy;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.fluffle.NoSuchPathException;
import org.csdlab.fluffle.OpenMode;
import org.csdlab.fluffle.XattrException;
import org.csdlab.fluffle.XattrFlag;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.CsdKernel;
import org.junit.jupiter.api.Test;

/**
 * Kernels bound to files through the filesystem: fluent and attribute APIs, snapshots, failures.
 */
class OffloadedFileTest {
  static final String READ_STREAM = "user.process.csd_read_stream";
  static final String WRITE_EVENT = "user.process.csd_write_event";
  static final Geometry GEOMETRY =
      Geometry.builder()
          .zoneCount(16)
          .zoneSizeBlocks(64)
          .zoneCapacityBlocks(64)
          .blockSizeBytes(4096)
          .build();

  final FluffleFs fs =
      FluffleFs.format(ZnsDevice.builder(GEOMETRY).build(), FormatOptions.defaults());

  /**
   * 10 blocks of u32 values in [0, RAND_MAX] with a hole at block 3, 100 bytes short of 10 blocks.
   */
  final byte[] contents = seeded(7, 10 * 4096 - 100);

  OffloadedFileTest() {
    Arrays.fill(contents, 3 * 4096, 4 * 4096, (byte) 0);
    try (FileHandle h = fs.open("/data.bin", OpenMode.CREATE)) {
      h.write(0, Arrays.copyOf(contents, 3 * 4096));
      h.write(4 * 4096, Arrays.copyOfRange(contents, 4 * 4096, contents.length));
      h.fsync();
    }
  }

  static byte[] seeded(long seed, int length) {
    Random random = new Random(seed);
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.remaining() >= 4) {
      b.putInt(random.nextInt() & 0x7FFFFFFF);
    }
    return b.array();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static long u64(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private void copyIntoFs(String name, String path) throws Exception {
    byte[] object = Files.readAllBytes(Kernels.object(name));
    try (FileHandle h = fs.open(path, OpenMode.CREATE)) {
      h.write(0, object);
    }
  }

  @Test
  void theExampleKernelsAnswerAsTheHostDoes() {
    assertTrue(fs.layout("/data.bin").lbaOfBlock().get(3) < 0, "block 3 is a hole");
    try (FileHandle h = fs.file("/data.bin").offload(Kernels.object("flfs_passthrough"))) {
      assertArrayEquals(contents, h.read(0, contents.length));
      assertArrayEquals(Arrays.copyOfRange(contents, 5000, 9000), h.read(5000, 4000));
      assertEquals(4000, h.lastKernelResult().hostBytes());
      byte[] buf = new byte[100];
      assertEquals(100, h.read(4090, buf, 0, 100));
      assertArrayEquals(Arrays.copyOfRange(contents, 4090, 4190), buf);
    }
    try (FileHandle h = fs.file("/data.bin").offload(Kernels.object("flfs_count_u32"))) {
      assertEquals(Kernels.countAboveHalf(contents), u64(h.read(0, contents.length)));
      assertEquals(
          Kernels.countAboveHalf(Arrays.copyOfRange(contents, 8192, 20000)),
          u64(h.read(8192, 20000 - 8192)));
      assertEquals(8, h.lastKernelResult().hostBytes());
    }
    try (FileHandle h = fs.file("/data.bin").offload(Kernels.object("flfs_entropy"))) {
      assertArrayEquals(Kernels.histogram(contents), h.read(0, contents.length));
    }
  }

  @Test
  void setxattrBindsAKernelFromAPathAnInodeNumberOrElfBytes() throws Exception {
    fs.mkdir("/kernels");
    copyIntoFs("flfs_count_u32", "/kernels/count.o");
    long expected = Kernels.countAboveHalf(contents);
    try (FileHandle h = fs.open("/data.bin")) {
      fs.setxattr("/data.bin", READ_STREAM, utf8("/kernels/count.o"));
      assertArrayEquals(utf8("/kernels/count.o"), fs.getxattr("/data.bin", READ_STREAM));
      assertEquals(expected, u64(h.read(0, contents.length)));

      long inode = fs.stat("/kernels/count.o").inode();
      fs.setxattr("/data.bin", READ_STREAM, utf8(Long.toString(inode)));
      assertEquals(
          Long.toString(inode),
          new String(fs.getxattr("/data.bin", READ_STREAM), StandardCharsets.UTF_8),
          "FluffleFS's form: the decimal inode string that was set");
      assertEquals(expected, u64(h.read(0, contents.length)));
      fs.setxattr("/data.bin", READ_STREAM, utf8(inode + "\n")); // as `echo` would give it
      assertArrayEquals(utf8(inode + "\n"), fs.getxattr("/data.bin", READ_STREAM));

      byte[] elf = Files.readAllBytes(Kernels.object("flfs_passthrough"));
      fs.setxattr("/data.bin", READ_STREAM, elf);
      assertArrayEquals(elf, fs.getxattr("/data.bin", READ_STREAM), "the ELF object's bytes");
      assertArrayEquals(contents, h.read(0, contents.length));
      byte[] value = fs.getxattr("/data.bin", READ_STREAM);
      value[0] = 0;
      assertArrayEquals(elf, fs.getxattr("/data.bin", READ_STREAM), "a copy each time");

      fs.removexattr("/data.bin", READ_STREAM);
      assertArrayEquals(Arrays.copyOf(contents, 10), h.read(0, 10), "a plain read again");
    }
  }

  @Test
  void xattrErrorsFollowFluffleFs() throws Exception {
    copyIntoFs("flfs_count_u32", "/count.o");
    byte[] kernel = "/count.o".getBytes(StandardCharsets.UTF_8);
    assertThrows(NoSuchPathException.class, () -> fs.setxattr("/missing", READ_STREAM, kernel));
    XattrException notOpen =
        assertThrows(XattrException.class, () -> fs.setxattr("/data.bin", READ_STREAM, kernel));
    assertEquals(XattrException.Reason.NO_DATA, notOpen.reason());
    assertTrue(
        notOpen.getMessage().contains("no handle is open on /data.bin"), notOpen.getMessage());
    try (FileHandle h = fs.open("/data.bin")) {
      XattrException unknown =
          assertThrows(XattrException.class, () -> fs.setxattr("/data.bin", "user.other", kernel));
      assertEquals(XattrException.Reason.NOT_SUPPORTED, unknown.reason());
      assertEquals(
          XattrException.Reason.NO_DATA,
          assertThrows(XattrException.class, () -> fs.getxattr("/data.bin", "user.other"))
              .reason());
      assertEquals(
          XattrException.Reason.NO_DATA,
          assertThrows(XattrException.class, () -> fs.getxattr("/data.bin", READ_STREAM)).reason());
      assertEquals(
          XattrException.Reason.NO_DATA,
          assertThrows(
                  XattrException.class,
                  () -> fs.setxattr("/data.bin", READ_STREAM, kernel, XattrFlag.REPLACE))
              .reason());
      assertThrows(
          NoSuchPathException.class,
          () -> fs.setxattr("/data.bin", READ_STREAM, "/nope.o".getBytes(StandardCharsets.UTF_8)));
      XattrException notElf =
          assertThrows(
              XattrException.class,
              () ->
                  fs.setxattr(
                      "/data.bin", READ_STREAM, "/data.bin".getBytes(StandardCharsets.UTF_8)));
      assertEquals(XattrException.Reason.NOT_A_KERNEL, notElf.reason());
      assertArrayEquals(
          Arrays.copyOf(contents, 16), h.read(0, 16), "nothing was bound by the refusals");

      fs.setxattr("/data.bin", READ_STREAM, kernel, XattrFlag.CREATE);
      assertEquals(
          XattrException.Reason.EXISTS,
          assertThrows(
                  XattrException.class,
                  () -> fs.setxattr("/data.bin", READ_STREAM, kernel, XattrFlag.CREATE))
              .reason());
      fs.setxattr("/data.bin", READ_STREAM, kernel, XattrFlag.REPLACE);
    }
    assertEquals(
        XattrException.Reason.NO_DATA,
        assertThrows(XattrException.class, () -> fs.getxattr("/data.bin", READ_STREAM)).reason(),
        "closing the handle released the kernel");
  }

  @Test
  void anOffloadedReadSeesTheFileAsItWasWhenBoundWhileAnotherHandleOverwritesAndTheCleanerRuns() {
    try (FileHandle offloaded = fs.file("/data.bin").offload(Kernels.object("flfs_passthrough"))) {
      List<Long> before = fs.layout("/data.bin").lbaOfBlock();
      // overwrite the whole file many times, so the old blocks become garbage the cleaner wants
      for (int round = 0; round < 30; round++) {
        try (FileHandle writer = fs.open("/data.bin")) {
          writer.write(0, seeded(100 + round, contents.length + 4096));
          writer.fsync();
        }
        fs.clean(CleaningPolicy.GREEDY);
      }
      while (fs.clean(CleaningPolicy.GREEDY)) {
        // clean until nothing is left to reclaim
      }
      assertTrue(fs.counters().zoneResets() > 0, "the cleaner reset zones: " + fs.counters());
      assertNotEquals(before, fs.layout("/data.bin").lbaOfBlock());
      assertArrayEquals(
          contents, offloaded.read(0, contents.length + 4096), "the snapshot's bytes, at its size");
      assertEquals(List.of(), fs.check().problems());
    }
    try (FileHandle fresh = fs.file("/data.bin").offload(Kernels.object("flfs_passthrough"))) {
      assertArrayEquals(seeded(129, contents.length + 4096), fresh.read(0, contents.length + 4096));
    }
  }

  @Test
  void anOffloadedReadStillSeesAFileUnlinkedAfterBindingAndItsBlocksAreFreedAtClose() {
    try (FileHandle offloaded = fs.file("/data.bin").offload(Kernels.object("flfs_count_u32"))) {
      fs.unlink("/data.bin");
      for (int i = 0; i < 40; i++) {
        try (FileHandle filler = fs.open("/filler", OpenMode.CREATE)) {
          filler.write(0, seeded(i, 64 * 1024));
        }
        fs.clean(CleaningPolicy.GREEDY);
      }
      assertEquals(Kernels.countAboveHalf(contents), u64(offloaded.read(0, contents.length)));
      assertEquals(List.of(), fs.check().problems());
    }
    while (fs.clean(CleaningPolicy.GREEDY)) {
      // the released blocks can now be reclaimed
    }
    assertEquals(
        List.of(), fs.check().problems(), "the released snapshot left nothing pinned or leaked");
  }

  @Test
  void aKernelReadingOutsideTheFileIsAnIoErrorAndTheFilesystemGoesOn() {
    // reads LBA 0 (zone 0, sector 0: the superblock), which is not a block of the file
    LoadedProgram snoop = Kernels.snoop(0);
    try (FileHandle h = fs.file("/data.bin").offload(snoop)) {
      KernelIoException e = assertThrows(KernelIoException.class, () -> h.read(0, 100));
      assertTrue(
          e.getMessage().contains("lba 0 is outside the blocks this run may read"), e.getMessage());
      assertEquals("/data.bin", e.path());
    }
    try (FileHandle h = fs.open("/data.bin")) {
      h.write(0, new byte[] {1, 2, 3});
      assertArrayEquals(new byte[] {1, 2, 3}, h.read(0, 3));
    }
    assertEquals(List.of(), fs.check().problems());
  }

  @Test
  void runningOutOfFuelIsAnIoErrorAndTheFilesystemGoesOn() {
    var kernel =
        ComputationalStorage.builder(fs.device())
            .fuel(5_000)
            .build()
            .load(
                org.csdlab.ebpf.elf.ElfObject.read(Kernels.object("flfs_count_u32"))
                    .program(".text"));
    try (FileHandle h = fs.file("/data.bin").offload(kernel)) {
      KernelIoException e = assertThrows(KernelIoException.class, () -> h.read(0, contents.length));
      assertInstanceOf(FuelExhaustedException.class, e.getCause());
      assertTrue(
          e.getMessage().contains("ran out of fuel after 5000 instructions"), e.getMessage());
      assertEquals(
          Kernels.countAboveHalf(Arrays.copyOf(contents, 64)),
          u64(h.read(0, 64)),
          "a small read fits the fuel");
    }
    assertEquals(List.of(), fs.check().problems());
  }

  @Test
  void aWriteEventKernelSeesExactlyTheBlocksJustWritten() {
    byte[] data = seeded(42, 8192);
    try (FileHandle h = fs.file("/data.bin").onWrite(Kernels.object("flfs_count_u32"))) {
      h.write(4096 * 5, data);
      assertEquals(Kernels.countAboveHalf(data), u64(h.lastKernelResult().returnData()));
      assertEquals(8192, h.lastKernelResult().mediaBytesRead(), "two blocks, the two written");
      long at = h.append(Arrays.copyOf(data, 4096));
      assertEquals(contents.length, at);
      assertEquals(
          Kernels.countAboveHalf(Arrays.copyOf(data, 4096)),
          u64(h.lastKernelResult().returnData()));
    }
  }

  @Test
  void aFailingWriteEventKernelReportsAnIoErrorAfterTheWrite() throws Exception {
    copyIntoFs("flfs_count_u32", "/count.o");
    try (FileHandle h = fs.open("/data.bin")) {
      // an unaligned write: the count kernel refuses offsets that are not word-aligned
      long inode = fs.stat("/count.o").inode();
      fs.setxattr("/data.bin", WRITE_EVENT, utf8(Long.toString(inode)));
      assertArrayEquals(utf8(Long.toString(inode)), fs.getxattr("/data.bin", WRITE_EVENT));
      fs.setxattr("/data.bin", WRITE_EVENT, utf8("/count.o"));
      assertArrayEquals(utf8("/count.o"), fs.getxattr("/data.bin", WRITE_EVENT));
      KernelIoException e =
          assertThrows(KernelIoException.class, () -> h.write(2, new byte[] {9, 9}));
      assertTrue(e.getMessage().contains("returned error -22 (EINVAL)"), e.getMessage());
      fs.removexattr("/data.bin", WRITE_EVENT);
      assertArrayEquals(new byte[] {9, 9}, h.read(2, 2), "the write happened");
    }
    assertEquals(List.of(), fs.check().problems());
  }

  /** Hands back the 16 bytes "0123456789abcdef" whatever the request; r0 = 0. */
  static final LoadedProgram SIXTEEN_BYTES =
      new LoadedProgram(
          "sixteen",
          Assembler.assemble(
              """
      r1 = 0x3736353433323130 ll
      *(u64 *)(r10 - 16) = r1
      r1 = 0x6665646362613938 ll
      *(u64 *)(r10 - 8) = r1
      r1 = r10
      r1 += -16
      r2 = 16
      call 1
      r0 = 0
      exit
      """),
          List.of());

  @Test
  void anOffloadedReadIsCutToTheRequestAsFluffleFsFuseReadCutsIt() {
    byte[] sixteen = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    try (FileHandle h = fs.file("/data.bin").offload(SIXTEEN_BYTES)) {
      assertArrayEquals(
          Arrays.copyOf(sixteen, 10), h.read(0, 10), "more than asked: min(result, size)");
      assertArrayEquals(sixteen, h.lastKernelResult().returnData(), "the whole answer stays here");
      assertArrayEquals(sixteen, h.read(0, 4096), "less than asked: a short read");
      byte[] buf = new byte[100];
      assertEquals(16, h.read(5, buf, 0, 100));
      assertArrayEquals(sixteen, Arrays.copyOf(buf, 16));
      assertEquals(
          4, h.read(contents.length - 4, buf, 0, 100), "cut to the bytes left in the file");
      assertArrayEquals(Arrays.copyOf(sixteen, 4), Arrays.copyOf(buf, 4));
      var before = h.lastKernelResult();
      assertEquals(-1, h.read(contents.length, buf, 0, 100), "at the end: no kernel, end of file");
      assertEquals(0, h.read(contents.length + 10, 100).length);
      assertEquals(0, h.read(0, 0).length, "an empty request runs no kernel");
      assertSame(before, h.lastKernelResult(), "none of the three ran the kernel");
    }
  }

  @Test
  void theHistogramOfASmallReadIsCutToTheReadAndWholeInTheResult() {
    try (FileHandle h = fs.file("/data.bin").offload(Kernels.object("flfs_entropy"))) {
      byte[] cut = h.read(0, 100);
      assertEquals(100, cut.length);
      byte[] whole = Kernels.histogram(Arrays.copyOf(contents, 100));
      assertArrayEquals(Arrays.copyOf(whole, 100), cut);
      assertArrayEquals(whole, h.lastKernelResult().returnData());
    }
  }

  @Test
  void aFluentBindingReportsTheNameItWasBoundUnder() {
    try (FileHandle h = fs.file("/data.bin").offload(Kernels.object("flfs_count_u32"))) {
      assertArrayEquals(
          utf8(Kernels.object("flfs_count_u32").toString()),
          fs.getxattr("/data.bin", READ_STREAM),
          "the object file's path");
    }
    CsdKernel count = Kernels.load(fs.csd(), "flfs_count_u32");
    try (FileHandle h = fs.file("/data.bin").offload(count, "count")) {
      assertArrayEquals(utf8("count"), fs.getxattr("/data.bin", READ_STREAM));
    }
    try (FileHandle h = fs.file("/data.bin").offload(count)) {
      assertArrayEquals(utf8(count.toString()), fs.getxattr("/data.bin", READ_STREAM));
    }
    try (FileHandle h = fs.file("/data.bin").onWrite(count, "on-write count")) {
      assertArrayEquals(utf8("on-write count"), fs.getxattr("/data.bin", WRITE_EVENT));
    }
  }

  @Test
  void aHandleBoundToASnapshotReportsTheSnapshotsSizeAndStatWhileThePathShowsTheLiveFile() {
    long modifiedAtBind = fs.stat("/data.bin").modifiedNanos();
    try (FileHandle h = fs.file("/data.bin").offload(Kernels.object("flfs_passthrough"))) {
      try (FileHandle writer = fs.open("/data.bin")) {
        writer.append(new byte[3 * 4096]);
      }
      long live = contents.length + 3 * 4096;
      assertEquals(contents.length, h.size(), "the snapshot's size");
      assertEquals(contents.length, h.stat().sizeBytes());
      assertEquals(modifiedAtBind, h.stat().modifiedNanos());
      assertEquals(fs.stat("/data.bin").inode(), h.stat().inode());
      assertEquals("/data.bin", h.stat().path());
      assertEquals(live, fs.stat("/data.bin").sizeBytes(), "stat(path): the live file");
      try (FileHandle fresh = fs.open("/data.bin")) {
        assertEquals(live, fresh.size());
        assertEquals(live, fresh.stat().sizeBytes());
      }
      h.truncate(100); // through the bound handle: the live file changes, the snapshot does not
      assertEquals(100, fs.stat("/data.bin").sizeBytes());
      assertEquals(contents.length, h.size());
      assertArrayEquals(contents, h.read(0, (int) h.size()), "reads of the whole snapshot");
      assertEquals(-1, h.read(h.size(), new byte[1], 0, 1), "its end is the snapshot's");
      fs.removexattr("/data.bin", READ_STREAM);
      assertEquals(100, h.size(), "unbound, the handle sees the live file again");
      assertEquals(100, h.stat().sizeBytes());
    }
  }

  @Test
  void aKernelBoundHandleSaysEndOfFileInBothFormsAsAPlainHandle() {
    try (FileHandle h = fs.file("/data.bin").offload(SIXTEEN_BYTES)) {
      byte[] buf = new byte[100];
      int end = contents.length;
      assertEquals(-1, h.read(end, buf, 0, 100), "at the end");
      assertEquals(0, h.read(end, 100).length, "at the end");
      assertEquals(-1, h.read(end + 10, buf, 0, 100), "past the end");
      assertEquals(0, h.read(end + 10, 100).length, "past the end");
      assertEquals(0, h.read(end, buf, 0, 0), "an empty request at the end, as a plain handle");
      assertEquals(0, h.read(end, 0).length, "an empty request at the end");
      assertEquals(0, h.read(5, buf, 0, 0), "an empty request inside");
      assertEquals(0, h.read(5, 0).length, "an empty request inside");
      assertEquals(4, h.read(end - 4, buf, 0, 100), "the last 4 bytes");
      assertEquals(4, h.read(end - 4, 100).length, "the last 4 bytes");
    }
  }
}
