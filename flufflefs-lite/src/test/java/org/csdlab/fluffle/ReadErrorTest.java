package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

/**
 * One unreadable block fails only the reads that need it, with an I/O error naming the file and the
 * LBA; the rest of the filesystem goes on. Failures that endanger metadata or durability stop it,
 * and the message says which.
 */
class ReadErrorTest {
  private final ZnsDevice device = TestDevices.memory(TestDevices.small());
  private final FluffleFs fs = FluffleFs.format(device);
  private final byte[] bad = TestDevices.random(1, 5 * 4096);
  private final byte[] good = TestDevices.random(2, 3 * 4096);

  private long unreadableBlockOfBad() {
    for (String path : new String[] {"/bad", "/good"}) {
      try (FileHandle h = fs.open(path, OpenMode.CREATE)) {
        h.write(0, path.equals("/bad") ? bad : good);
        h.fsync();
      }
    }
    long lba = fs.layout("/bad").lbaOfBlock().get(2);
    device.faults().failReads(lba);
    return lba;
  }

  @Test
  void anUnreadableDataBlockFailsOnlyTheReadThatNeedsIt() {
    long lba = unreadableBlockOfBad();
    try (FileHandle h = fs.open("/bad")) {
      FsIoException e = assertThrows(FsIoException.class, () -> h.read(0, bad.length));
      assertEquals("/bad", e.path());
      assertEquals(lba, e.lba());
      assertTrue(
          e.getMessage()
              .startsWith("cannot read /bad: block 2 of the file (lba " + lba + ") is unreadable"),
          e.getMessage());
      // the blocks around it still read, through the same handle
      assertArrayEquals(Arrays.copyOf(bad, 2 * 4096), h.read(0, 2 * 4096));
      assertArrayEquals(Arrays.copyOfRange(bad, 3 * 4096, bad.length), h.read(3 * 4096, 2 * 4096));
    }
    try (FileHandle h = fs.open("/good")) {
      assertArrayEquals(good, h.read(0, good.length));
      h.write(0, new byte[] {7});
      h.fsync();
    }
    fs.create("/new");
    fs.sync();
    assertTrue(fs.isMounted());
    assertEquals(java.util.List.of("bad", "good", "new"), fs.list("/"));
  }

  @Test
  void aWriteThatMustMergeAnUnreadableBlockFailsAndChangesNothing() {
    long lba = unreadableBlockOfBad();
    try (FileHandle h = fs.open("/bad")) {
      FsIoException e =
          assertThrows(FsIoException.class, () -> h.write(2 * 4096 + 10, new byte[5]));
      assertEquals(lba, e.lba());
      assertEquals(bad.length, h.size());
    }
    assertEquals(lba, (long) fs.layout("/bad").lbaOfBlock().get(2));
    try (FileHandle h = fs.open("/good")) {
      assertArrayEquals(good, h.read(0, good.length));
    }
  }

  @Test
  void aSnapshotReadOfAnUnreadableBlockFailsOnlyThatRead() {
    long lba = unreadableBlockOfBad();
    try (Snapshot s = fs.snapshot("/bad")) {
      FsIoException e = assertThrows(FsIoException.class, () -> s.read(2 * 4096, 10));
      assertEquals(lba, e.lba());
      assertArrayEquals(Arrays.copyOf(bad, 10), s.read(0, 10));
    }
    try (FileHandle h = fs.open("/good")) {
      assertArrayEquals(good, h.read(0, good.length));
    }
  }

  @Test
  void aFailedWriteStopsTheFilesystemAndSaysDurabilityIsAtStake() {
    unreadableBlockOfBad();
    device.faults().powerCutAfter(0);
    try (FileHandle h = fs.open("/good")) {
      FsIoException first = assertThrows(FsIoException.class, () -> h.write(0, good));
      assertTrue(
          first.getMessage().contains("what was not synced may be lost"), first.getMessage());
      assertEquals(-1, first.lba());
      FsException next = assertThrows(FsException.class, () -> h.read(0, 1));
      assertTrue(
          next.getMessage()
              .startsWith(
                  "the filesystem stopped: a device write failed, which endangers durability"),
          next.getMessage());
    }
  }
}
