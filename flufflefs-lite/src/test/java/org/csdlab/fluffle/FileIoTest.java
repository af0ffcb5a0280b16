package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

class FileIoTest {
  private final ZnsDevice dev = TestDevices.memory(TestDevices.tiny512());
  private final FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());

  @Test
  void unalignedWritesAndReads() {
    byte[] expected = new byte[3000];
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      for (int i = 0; i < 40; i++) {
        int off = (i * 397) % 2900;
        byte[] data = TestDevices.random(i, 1 + (i * 31) % 100);
        h.write(off, data);
        System.arraycopy(data, 0, expected, off, data.length);
      }
      int size = (int) h.size();
      assertArrayEquals(Arrays.copyOf(expected, size), h.read(0, size));
      byte[] buf = new byte[77];
      assertEquals(77, h.read(511, buf, 0, 77));
      assertArrayEquals(Arrays.copyOfRange(expected, 511, 588), buf);
    }
  }

  @Test
  void holesReadAsZerosAndCostNoSpace() {
    long used = fs.statfs().usedBytes();
    try (FileHandle h = fs.open("/sparse", OpenMode.CREATE)) {
      h.write(1_000_000, new byte[] {7});
      assertEquals(1_000_001, h.size());
      byte[] middle = h.read(400_000, 1000);
      assertArrayEquals(new byte[1000], middle);
      assertEquals(7, h.read(1_000_000, 1)[0]);
    }
    // one data block, the inode and a few nodes of the double-indirect tree
    assertTrue(
        fs.statfs().usedBytes() - used < 10 * 512, "used " + (fs.statfs().usedBytes() - used));
    FileLayout layout = fs.layout("/sparse");
    assertEquals(1954, layout.blockCount());
    assertEquals(1, layout.lbaOfBlock().stream().filter(l -> l >= 0).count());
  }

  /**
   * One end-of-file convention: the buffer form says it with -1 (0 for an empty request), the array
   * form with an empty array, at exactly the same offsets.
   */
  @Test
  void bothReadFormsSayEndOfFileAtTheSameOffsets() {
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, new byte[10]);
      assertEquals(-1, h.read(10, new byte[4], 0, 4), "at the end");
      assertEquals(0, h.read(10, 4).length, "at the end");
      assertEquals(-1, h.read(50, new byte[4], 0, 4), "past the end");
      assertEquals(0, h.read(50, 10).length, "past the end");
      assertEquals(0, h.read(10, new byte[4], 0, 0), "an empty request at the end");
      assertEquals(0, h.read(10, 0).length, "an empty request at the end");
      assertEquals(0, h.read(3, new byte[4], 0, 0), "an empty request inside");
      assertEquals(0, h.read(3, 0).length, "an empty request inside");
      assertEquals(4, h.read(6, new byte[8], 0, 8), "the last 4 bytes");
      assertEquals(4, h.read(6, 8).length, "the last 4 bytes");
      try (Snapshot s = fs.snapshot("/f")) {
        assertEquals(-1, s.read(10, new byte[4], 0, 4), "a snapshot at its end");
        assertEquals(0, s.read(10, 4).length, "a snapshot at its end");
        assertEquals(0, s.read(10, new byte[4], 0, 0), "a snapshot, an empty request");
        assertEquals(4, s.read(6, 8).length, "a snapshot's last 4 bytes");
        assertThrows(IllegalArgumentException.class, () -> s.read(0, -1));
      }
    }
  }

  @Test
  void truncateShrinksAndExtendsWithZeros() {
    byte[] data = TestDevices.random(3, 5000);
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, data);
      h.truncate(700);
      assertEquals(700, h.size());
      h.truncate(4000);
      byte[] back = h.read(0, 4000);
      assertArrayEquals(Arrays.copyOf(data, 700), Arrays.copyOf(back, 700));
      assertArrayEquals(new byte[3300], Arrays.copyOfRange(back, 700, 4000));
      h.truncate(0);
      assertEquals(0, h.size());
      assertEquals(-1, h.read(0, new byte[1], 0, 1));
    }
    assertTrue(fs.check().ok(), fs.check().problems().toString());
    assertThrows(
        FsException.class,
        () -> {
          try (FileHandle h = fs.open("/f")) {
            h.truncate(-1);
          }
        });
  }

  @Test
  void appendReturnsTheOffsetWritten() {
    try (FileHandle h = fs.open("/log", OpenMode.CREATE)) {
      assertEquals(0, h.append("abc".getBytes()));
      assertEquals(3, h.append("defg".getBytes()));
      assertArrayEquals("abcdefg".getBytes(), h.read(0, 100));
    }
  }

  @Test
  void largeFileUsesTheIndirectTreesAndSurvivesRemount() {
    byte[] data =
        TestDevices.random(9, 200_000); // 391 blocks of 512 B: direct, single and double trees
    try (FileHandle h = fs.open("/big", OpenMode.CREATE)) {
      h.write(0, data);
      h.write(100_001, TestDevices.random(10, 3));
      System.arraycopy(TestDevices.random(10, 3), 0, data, 100_001, 3);
    }
    fs.unmount();
    try (FluffleFs again = FluffleFs.mount(dev);
        FileHandle h = again.open("/big")) {
      assertArrayEquals(data, h.read(0, data.length));
      assertTrue(again.check().ok(), again.check().problems().toString());
    }
  }

  @Test
  void layoutListsTheLbaOfEveryBlock() {
    byte[] data = TestDevices.random(4, 1300);
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, data);
    }
    FileLayout l = fs.layout("/f");
    assertEquals(3, l.blockCount());
    assertEquals(1300, l.sizeBytes());
    assertEquals(1, l.parentInode());
    assertEquals(FileType.FILE, l.type());
    byte[] block1 = dev.read(l.lbaOfBlock().get(1), 1);
    assertArrayEquals(Arrays.copyOfRange(data, 512, 1024), block1);
    assertEquals(l.lbaOfBlock().subList(1, 3), l.lbasCovering(600, 10_000));
  }

  @Test
  void sparseBlocksDeepInTheTripleIndirectTreeSurviveRemount() {
    long[] offsets = {0, 30_000, 2_000_000, 5_000_000, 40_000_000};
    try (FileHandle h = fs.open("/deep", OpenMode.CREATE)) {
      for (int i = 0; i < offsets.length; i++) {
        h.write(offsets[i], TestDevices.random(i, 700));
      }
    }
    fs.unmount();
    try (FluffleFs again = FluffleFs.mount(dev);
        FileHandle h = again.open("/deep")) {
      assertEquals(40_000_700, h.size());
      for (int i = 0; i < offsets.length; i++) {
        assertArrayEquals(TestDevices.random(i, 700), h.read(offsets[i], 700), "at " + offsets[i]);
      }
      assertArrayEquals(new byte[1000], h.read(20_000_000, 1000));
      h.truncate(3_000_000); // drops the triple-indirect nodes
      assertTrue(again.check().ok(), again.check().problems().toString());
    }
  }

  @Test
  void statfsCountsLiveBlocks() {
    FsStats before = fs.statfs();
    assertEquals(512, before.blockSizeBytes());
    assertEquals(before.totalBytes(), before.usedBytes() + before.freeBytes());
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, new byte[100 * 512]);
    }
    fs.sync();
    FsStats after = fs.statfs();
    assertTrue(after.usedBytes() - before.usedBytes() >= 100 * 512);
    assertTrue(after.usedBytes() - before.usedBytes() < 110 * 512);
    assertEquals(2, after.files());
    fs.unlink("/f");
    fs.sync();
    assertEquals(before.usedBytes(), fs.statfs().usedBytes());
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingChanges() {
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      assertThrows(IllegalArgumentException.class, () -> h.write(-1, new byte[1]));
      assertThrows(IndexOutOfBoundsException.class, () -> h.write(0, new byte[4], 2, 5));
      assertThrows(IndexOutOfBoundsException.class, () -> h.read(0, new byte[4], -1, 2));
      assertEquals(0, h.size());
    }
  }
}
