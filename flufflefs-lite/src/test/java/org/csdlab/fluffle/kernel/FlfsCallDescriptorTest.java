package org.csdlab.fluffle.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlfsCallDescriptorTest {
  @Test
  void layoutIsFluffleFsPackedFlfsCall() {
    FlfsCall call =
        new FlfsCall(FlfsOp.WRITE_EVENT, 0x1122, 0x3344, 7, 1, false, 0x5566, new long[] {9, -1});
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
          9, 0, 0, 0, 0, 0, 0, 0, // lbas[0]
          -1, -1, -1, -1, -1, -1, -1, -1, // lbas[1] = FLFS_HOLE
        },
        bytes);
    assertEquals(call, FlfsCallDescriptor.decode(bytes));
  }

  @Test
  void coveringListsTheBlocksOfTheRequestWithHolesPastTheMap() {
    KernelFile file = new KernelFile(5, 1, false, 10_000, List.of(100L, -1L, 300L));
    FlfsCall call = FlfsCall.covering(FlfsOp.READ_STREAM, file, 4000, 5000, 4096);
    assertArrayEquals(new long[] {100, -1, 300}, call.lbas());
    assertEquals(5000, call.size());
    FlfsCall clipped = FlfsCall.covering(FlfsOp.READ_STREAM, file, 9000, 5000, 4096);
    assertEquals(1000, clipped.size());
    assertArrayEquals(new long[] {300}, clipped.lbas());
    FlfsCall write = FlfsCall.covering(FlfsOp.WRITE_EVENT, file, 12288, 8192, 4096);
    assertArrayEquals(new long[] {-1, -1}, write.lbas(), "blocks past the map are holes");
    assertEquals(0, FlfsCall.covering(FlfsOp.READ_STREAM, file, 20_000, 10, 4096).lbas().length);
  }

  @Test
  void badLengthsAndFieldsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> FlfsCallDescriptor.decode(new byte[51]));
    assertThrows(IllegalArgumentException.class, () -> FlfsCallDescriptor.decode(new byte[53]));
    byte[] bytes = new byte[52];
    bytes[0] = 2;
    assertThrows(IllegalArgumentException.class, () -> FlfsCallDescriptor.decode(bytes));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FlfsCall.covering(
                FlfsOp.READ_STREAM, new KernelFile(1, 1, false, 0, List.of()), -1, 1, 4096));
  }
}
