package org.csdlab.fluffle.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongPredicate;
import org.csdlab.zns.Zone;
import org.csdlab.zns.ZoneState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlfsCallDescriptorTest {
  static final FlfsWriteCall WRITE_CALL = new FlfsWriteCall(0x11, 0x22, 0x300, 0x345, 0x400);

  @Test
  void aReadStreamIsFluffleFsPackedFlfsCallThenTheLbasWithHolesAsZero() {
    FlfsCall call =
        new FlfsCall(
            FlfsOp.READ_STREAM, 0x1122, 0x3344, 7, 1, false, 0x5566, null, new long[] {9, 0});
    byte[] bytes = FlfsCallDescriptor.encode(call);
    assertArrayEquals(
        new byte[] {
          0, 0, 0, 0, // op = FLFS_READ_STREAM
          0x22, 0x11, 0, 0, 0, 0, 0, 0, // dims.size
          0x44, 0x33, 0, 0, 0, 0, 0, 0, // dims.offset
          7, 0, 0, 0, 0, 0, 0, 0, // ino.inode
          1, 0, 0, 0, 0, 0, 0, 0, // ino.parent
          0, 0, 0, 0, // ino.type = FLFS_FILE
          0, 0, 0, 0, // padding of struct inode
          0x66, 0x55, 0, 0, 0, 0, 0, 0, // ino.size
          9, 0, 0, 0, 0, 0, 0, 0, // lbas[0], at byte 52
          0, 0, 0, 0, 0, 0, 0, 0, // lbas[1] = FLFS_HOLE (0)
        },
        bytes);
    assertEquals(call, FlfsCallDescriptor.decode(bytes));
  }

  @Test
  void aWriteEventHasTheFortyByteFlfsWriteCallBetweenTheHeaderAndTheLbas() {
    FlfsCall call =
        new FlfsCall(
            FlfsOp.WRITE_EVENT, 0x1122, 0x3344, 7, 1, false, 0x5566, WRITE_CALL, new long[] {9});
    byte[] bytes = FlfsCallDescriptor.encode(call);
    assertArrayEquals(
        new byte[] {
          1, 0, 0, 0, // op = FLFS_WRITE_EVENT
          0x22, 0x11, 0, 0, 0, 0, 0, 0, // dims.size
          0x44, 0x33, 0, 0, 0, 0, 0, 0, // dims.offset
          7, 0, 0, 0, 0, 0, 0, 0, // ino.inode
          1, 0, 0, 0, 0, 0, 0, 0, // ino.parent
          0, 0, 0, 0, // ino.type = FLFS_FILE
          0, 0, 0, 0, // padding of struct inode
          0x66, 0x55, 0, 0, 0, 0, 0, 0, // ino.size
          0x11, 0, 0, 0, 0, 0, 0, 0, // pre_pad, at byte 52
          0x22, 0, 0, 0, 0, 0, 0, 0, // post_pad
          0, 3, 0, 0, 0, 0, 0, 0, // start_ptr
          0x45, 3, 0, 0, 0, 0, 0, 0, // wp_ptr
          0, 4, 0, 0, 0, 0, 0, 0, // end_ptr
          9, 0, 0, 0, 0, 0, 0, 0, // lbas[0], at byte 92 = 52 + 40 (find_data_lba, write = true)
        },
        bytes);
    assertEquals(92, FlfsCallDescriptor.lbasOffset(FlfsOp.WRITE_EVENT));
    assertEquals(52, FlfsCallDescriptor.lbasOffset(FlfsOp.READ_STREAM));
    assertEquals(call, FlfsCallDescriptor.decode(bytes));
    assertEquals(WRITE_CALL, FlfsCallDescriptor.decode(bytes).writeCall());
  }

  @Test
  void readStreamListsTheBlocksOfTheRequestWithHolesAsLbaZero() {
    KernelFile file = new KernelFile(5, 1, false, 10_000, List.of(100L, -1L, 300L));
    FlfsCall call = FlfsCall.readStream(file, 4000, 5000, 4096);
    assertArrayEquals(new long[] {100, FlfsCall.HOLE, 300}, call.lbas());
    assertEquals(0, FlfsCall.HOLE, "FluffleFS marks a hole with LBA 0");
    assertEquals(5000, call.size());
    FlfsCall clipped = FlfsCall.readStream(file, 9000, 5000, 4096);
    assertEquals(1000, clipped.size());
    assertArrayEquals(new long[] {300}, clipped.lbas());
    assertEquals(0, FlfsCall.readStream(file, 20_000, 10, 4096).lbas().length);
    FlfsCall write = FlfsCall.writeEvent(file, 12288, 8192, 4096, WRITE_CALL);
    assertArrayEquals(new long[] {0, 0}, write.lbas(), "blocks past the map are holes");
    assertEquals(WRITE_CALL, write.writeCall());
  }

  @Test
  void aHoleIsNoBlockAKernelMayRead() {
    LongPredicate readable =
        new FlfsCall(FlfsOp.READ_STREAM, 12288, 0, 5, 1, false, 12288, null, new long[] {100, 0, 7})
            .readableLbas();
    assertTrue(readable.test(100));
    assertTrue(readable.test(7));
    assertFalse(readable.test(0), "LBA 0 is a hole here (and the superblock on the device)");
    assertFalse(readable.test(101));
  }

  @Test
  void aFileBlockAtLbaZeroIsRefusedSinceItWouldLookLikeAHole() {
    KernelFile impossible = new KernelFile(5, 1, false, 8192, List.of(0L, 9L));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FlfsCall.readStream(impossible, 0, 8192, 4096));
    assertEquals(
        "block 0 of inode 5 is at LBA 0, where flufflefs-lite keeps its superblock; a kernel would"
            + " take it for a hole (FLFS_HOLE is LBA 0)",
        e.getMessage());
  }

  @Test
  void badLengthsAndFieldsAreRefused() {
    assertEquals(
        "flfs_call of 51 bytes: it must be the 52-byte flfs_call",
        assertThrows(IllegalArgumentException.class, () -> FlfsCallDescriptor.decode(new byte[51]))
            .getMessage());
    assertEquals(
        "flfs_call of 53 bytes: it must be the 52-byte flfs_call followed by whole 8-byte LBAs",
        assertThrows(IllegalArgumentException.class, () -> FlfsCallDescriptor.decode(new byte[53]))
            .getMessage());
    byte[] writeWithoutWriteCall = new byte[60];
    writeWithoutWriteCall[0] = 1;
    assertEquals(
        "flfs_call of 60 bytes: it must be the 52-byte flfs_call and the 40-byte flfs_write_call"
            + " of a write event followed by whole 8-byte LBAs",
        assertThrows(
                IllegalArgumentException.class,
                () -> FlfsCallDescriptor.decode(writeWithoutWriteCall))
            .getMessage());
    byte[] badOp = new byte[52];
    badOp[0] = 2;
    assertThrows(IllegalArgumentException.class, () -> FlfsCallDescriptor.decode(badOp));
    byte[] negativeLba = new byte[60];
    java.util.Arrays.fill(negativeLba, 52, 60, (byte) -1);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FlfsCallDescriptor.decode(negativeLba))
            .getMessage()
            .contains("lbas[0] = -1 is not an LBA (a hole is 0, FLFS_HOLE)"));
    assertThrows(
        IllegalArgumentException.class,
        () -> FlfsCall.readStream(new KernelFile(1, 1, false, 0, List.of()), -1, 1, 4096));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new FlfsCall(FlfsOp.WRITE_EVENT, 1, 0, 1, 1, false, 1, null, new long[1]))
            .getMessage()
            .contains("a WRITE_EVENT call carries an flfs_write_call and a READ_STREAM call none"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FlfsCall(FlfsOp.READ_STREAM, 1, 0, 1, 1, false, 1, WRITE_CALL, new long[] {9}));
    assertThrows(IllegalArgumentException.class, () -> new FlfsWriteCall(0, 0, 10, 9, 20));
  }

  /**
   * Pads for a write into 4096-byte blocks of a file of {@code sizeBefore} bytes: what the file
   * held in the write's first block before it, and in its last block after it.
   */
  @ParameterizedTest
  @CsvSource({
    // offset, size, size before, pre_pad, post_pad
    "0, 4096, 0, 0, 0", // a first whole block
    "0, 8192, 20000, 0, 0", // whole blocks over old data
    "100, 50, 20000, 100, 3946", // inside one block of old data
    "4196, 5000, 20000, 100, 3092", // over two blocks' insides
    "4196, 5000, 6000, 100, 0", // past the old end: nothing after the write was there
    "6000, 100, 5000, 904, 0", // a gap: only bytes 4096-4999 of the first block were data
    "9000, 100, 5000, 0, 0", // into a block wholly past the old end
    "5000, 10, 5000, 904, 0" // an append at the end
  })
  void padsAreTheOldFileBytesBesideTheWriteInItsFirstAndLastBlocks(
      long offset, long size, long sizeBefore, long prePad, long postPad) {
    Zone zone = new Zone(3, ZoneState.IMPLICITLY_OPENED, 192, 60, 200, 64);
    FlfsWriteCall w = FlfsWriteCall.of(offset, size, sizeBefore, 4096, zone);
    assertEquals(prePad, w.prePadBytes(), "pre_pad");
    assertEquals(postPad, w.postPadBytes(), "post_pad");
    assertEquals(new FlfsWriteCall(prePad, postPad, 192, 200, 252), w);
  }

  @Test
  void aFullLogZoneHasItsWritePointerAtItsEnd() {
    Zone full = new Zone(3, ZoneState.FULL, 192, 60, 252, 64);
    assertEquals(new FlfsWriteCall(0, 0, 192, 252, 252), FlfsWriteCall.of(0, 4096, 0, 4096, full));
  }
}
