package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** statfs on a full device: what is used never passes the total, however the device filled. */
class SpaceAccountingTest {
  private static void assertWithinTotal(FluffleFs fs, String when) {
    FsStats s = fs.statfs();
    assertTrue(
        s.usedBytes() <= s.totalBytes(),
        when + ": " + s.usedBytes() + " of " + s.totalBytes() + " bytes used (" + s + ")");
  }

  /**
   * Files created on a nearly full device are each admitted, but their inode blocks are only
   * written by the next checkpoint: the admission has to count them before they exist, or the
   * checkpoint takes live data past the total ("884 of 882 blocks are live").
   */
  @Test
  void statfsNeverReportsMoreUsedThanTotalOnAFullDevice() {
    FluffleFs fs = FluffleFs.format(TestDevices.memory(TestDevices.tiny512()));
    try (FileHandle h = fs.open("/fill", OpenMode.CREATE)) {
      for (int chunk = 4096; chunk >= 512; chunk /= 2) {
        try {
          while (true) {
            h.append(new byte[chunk]);
          }
        } catch (NoSpaceException full) {
          // a smaller chunk may still fit
        }
      }
    }
    assertWithinTotal(fs, "after filling");
    int created = 0;
    try {
      for (; created < 1000; created++) {
        fs.create("/n" + created);
        assertWithinTotal(fs, "after creating " + (created + 1) + " files");
      }
    } catch (NoSpaceException full) {
      // the device is full for inodes too
    }
    assertTrue(created > 0, "a file could still be created on the full device");
    fs.sync();
    assertWithinTotal(fs, "after sync with " + created + " new files");
    assertThrows(NoSpaceException.class, () -> fs.create("/one-more"));
    assertWithinTotal(fs, "after a refused create");
    assertTrue(fs.check().ok(), fs.check().problems().toString());
  }
}
