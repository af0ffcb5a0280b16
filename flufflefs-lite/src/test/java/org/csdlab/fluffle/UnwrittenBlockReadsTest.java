package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.csdlab.zns.DeviceJournal;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.csdlab.zns.ZoneState;
import org.junit.jupiter.api.Test;

/**
 * The filesystem never reads a block that was never written: not the summary slot of a data zone
 * finished before its summary, not the unwritten tail of a checkpoint zone. The devices have DULBE
 * set ({@code deallocatedErrors(true)}), as a real drive may, so such a read fails with Deallocated
 * or Unwritten Logical Block (02/87h) and the filesystem call that issued it fails: through the
 * live run, mounts after crashes (replays keep the setting), and the mount after such a recovery.
 */
class UnwrittenBlockReadsTest {
  static final Geometry SMALL_ZONES =
      Geometry.builder()
          .zoneCount(24)
          .zoneSizeBlocks(16)
          .zoneCapacityBlocks(16)
          .blockSizeBytes(4096)
          .maxOpenZones(14)
          .maxActiveZones(14)
          .build();

  /** Overwrites with fsyncs and syncs: zones fill, the cleaner runs, checkpoint zones switch. */
  private static void workload(FluffleFs fs) {
    Random random = new Random(5);
    for (String path : List.of("/a", "/b")) {
      try (FileHandle h = fs.open(path, OpenMode.CREATE)) {
        h.write(0, TestDevices.random(random.nextLong(), 200 * 1024));
        h.fsync();
      }
    }
    for (int i = 0; i < 150; i++) {
      try (FileHandle h = fs.open(i % 3 == 0 ? "/b" : "/a")) {
        h.write(random.nextInt(190 * 1024), TestDevices.random(random.nextLong(), 6000));
        if (i % 7 == 0) {
          h.fsync();
        }
      }
      if (i % 25 == 0) {
        fs.sync();
      }
    }
  }

  @Test
  void noReadTouchesABlockNeverWrittenThroughCrashesAndRecoveries() {
    ZnsDevice device = ZnsDevice.builder(SMALL_ZONES).deallocatedErrors(true).build();
    DeviceJournal journal = DeviceJournal.attach(device);
    FluffleFs fs = FluffleFs.format(device);
    workload(fs);
    fs.unmount();
    FluffleFs.mount(device).unmount();
    journal.detach();
    assertTrue(journal.size() > 300, "the workload wrote " + journal.size() + " commands");

    int crashes = 0;
    for (int n = 0; n <= journal.size(); n += 7, crashes++) {
      ZnsDevice crashed = journal.replay(n);
      assertTrue(crashed.deallocatedErrors(), "a replay keeps DULBE");
      FluffleFs recovered;
      try {
        recovered = FluffleFs.mount(crashed);
      } catch (NotFluffleFsException | CorruptImageException beforeFormat) {
        assertTrue(n < 12, "after " + n + " commands: " + beforeFormat);
        continue; // the crash fell inside format
      }
      recovered.unmount();
      FluffleFs again = FluffleFs.mount(crashed); // reads what recovery finished
      assertEquals(List.of(), again.check().problems(), "after " + n + " commands");
      again.unmount();
    }
    assertTrue(crashes > 40, crashes + " crash points");
  }

  /**
   * Packs of two blocks in zones of 15: from an empty zone, the seventh pack leaves one block that
   * the eighth does not fit in. That zone used to be finished, and mount then read its unwritten
   * last block; it is now left closed, and mount reads it up to its write pointer.
   */
  @Test
  void aCheckpointZoneLeftForTheOtherIsNotFinished() {
    Geometry oddZones =
        Geometry.builder()
            .zoneCount(60)
            .zoneSizeBlocks(16)
            .zoneCapacityBlocks(15)
            .blockSizeBytes(4096)
            .maxOpenZones(14)
            .maxActiveZones(14)
            .build();
    ZnsDevice device = ZnsDevice.builder(oddZones).deallocatedErrors(true).build();
    FluffleFs fs = FluffleFs.format(device);
    for (int i = 0; i < 200; i++) {
      fs.create("/f" + i); // 200 inodes: a pack of 60 zones and 200 inodes takes two blocks
    }
    List<String> leftWithATail = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long[] before = {0, device.zone(1).writtenBlocks(), device.zone(2).writtenBlocks()};
      fs.sync(); // each sync appends a pack to the current checkpoint zone
      for (int z = 1; z <= 2; z++) {
        if (device.zone(z).writtenBlocks() < before[z]) { // reset: the pack moved here
          Zone left = device.zone(3 - z);
          if (left.state() != ZoneState.FULL) {
            leftWithATail.add(left.toString());
          }
          assertTrue(
              left.state() == ZoneState.CLOSED || left.state() == ZoneState.FULL, left.toString());
        }
      }
    }
    fs.unmount();
    try (FluffleFs again = FluffleFs.mount(device)) { // DULBE: reading a finished tail would fail
      assertEquals(200, again.list("/").size());
    }
    assertTrue(
        !leftWithATail.isEmpty(),
        "a checkpoint zone was left with its unwritten tail, closed (zones: "
            + device.zone(1)
            + ", "
            + device.zone(2)
            + ")");
  }
}
