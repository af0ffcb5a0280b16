package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CleaningTest {
  private static final int MIB = 1 << 20;

  @Test
  void overwritingAFileOfHalfTheDeviceKeepsWorking() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small()); // 16 MiB
    int size = 8 * MIB;
    byte[] content = new byte[size];
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
        FileHandle h = fs.open("/half", OpenMode.CREATE)) {
      for (int pass = 0; pass < 12; pass++) {
        byte[] chunk = TestDevices.random(pass, 128 * 1024);
        for (int off = 0; off < size; off += chunk.length) {
          chunk[0] = (byte) (off >> 17);
          h.write(off, chunk);
          System.arraycopy(chunk, 0, content, off, chunk.length);
        }
        h.fsync();
      }
      assertArrayEquals(content, h.read(0, size));
      FsCounters c = fs.counters();
      assertEquals(12L * size, c.hostBytesWritten());
      assertTrue(c.zoneResets() > 12 * 8 * MIB / (128 * 4096) / 2, "resets " + c.zoneResets());
      assertTrue(
          c.writeAmplification() >= 1.0 && c.writeAmplification() < 1.5,
          "WA " + c.writeAmplification());
      assertTrue(fs.check().ok(), fs.check().problems().toString());
    }
    try (FluffleFs fs = FluffleFs.mount(dev);
        FileHandle h = fs.open("/half")) {
      assertArrayEquals(content, h.read(0, size));
    }
  }

  @Test
  void zonesFreedByACheckpointAreResetWhenALogTakesThemOrAtMount() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small()); // 512 KiB zones
    byte[] second = TestDevices.random(2, 2 * MIB);
    FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
    FileHandle h = fs.open("/f", OpenMode.CREATE);
    h.write(0, TestDevices.random(1, 2 * MIB));
    h.fsync();
    h.write(0, second); // the first version's four zones now hold nothing live
    fs.open("/g", OpenMode.CREATE).close(); // a name changed: the next fsync writes a checkpoint
    long resets = dev.stats().zoneResets();
    h.fsync();
    assertEquals(
        resets, dev.stats().zoneResets(), "the checkpoint frees the zones without resetting them");
    // power cut: the freed zones still hold the first version
    try (FluffleFs again = FluffleFs.mount(dev);
        FileHandle r = again.open("/f")) {
      assertTrue(
          dev.stats().zoneResets() >= resets + 4, "mount resets the zones holding nothing live");
      assertArrayEquals(second, r.read(0, 2 * MIB));
      assertTrue(again.check().ok(), again.check().problems().toString());
      byte[] third = TestDevices.random(3, 2 * MIB);
      r.write(0, third);
      again.open("/h", OpenMode.CREATE).close();
      r.fsync();
      long freed = dev.stats().zoneResets();
      byte[] fourth = TestDevices.random(4, 2 * MIB);
      r.write(2 * MIB, fourth); // the hot log takes the freed zones, resetting each first
      assertTrue(
          dev.stats().zoneResets() > freed, "a freed zone is reset before it is written again");
      assertArrayEquals(third, r.read(0, 2 * MIB));
      assertArrayEquals(fourth, r.read(2 * MIB, 2 * MIB));
      assertTrue(again.check().ok(), again.check().problems().toString());
    }
    try (FluffleFs again = FluffleFs.mount(dev);
        FileHandle r = again.open("/f")) {
      assertEquals(4 * MIB, r.size());
      assertArrayEquals(TestDevices.random(4, 2 * MIB), r.read(2 * MIB, 2 * MIB));
    }
  }

  @ParameterizedTest
  @EnumSource(CleaningPolicy.class)
  void randomOverwritesAtHighUtilisationForceCleaning(CleaningPolicy policy) {
    ZnsDevice dev = TestDevices.memory(TestDevices.small());
    int blocks = 2200; // ~75% of what live data may occupy
    byte[] content = TestDevices.random(1, blocks * 4096);
    try (FluffleFs fs =
            FluffleFs.format(dev, FormatOptions.builder().cleaningPolicy(policy).build());
        FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, content);
      FsCounters before = fs.counters();
      Random rnd = new Random(7);
      for (int i = 0; i < 12_000; i++) {
        int b = rnd.nextInt(blocks);
        byte[] data = TestDevices.random(i, 4096);
        h.write((long) b * 4096, data);
        System.arraycopy(data, 0, content, b * 4096, 4096);
      }
      FsCounters run = fs.counters().minus(before);
      assertTrue(run.cleaningPasses() > 0, policy + ": no cleaning");
      assertTrue(run.blocksMoved() > 0);
      assertTrue(run.writeAmplification() > 1.0, policy + " WA " + run.writeAmplification());
      assertEquals(12_000L * 4096, run.hostBytesWritten());
      assertEquals(run.deviceBytesWritten() > run.hostBytesWritten(), true);
      assertArrayEquals(content, h.read(0, content.length));
      assertTrue(fs.check().ok(), fs.check().problems().toString());
    }
    try (FluffleFs fs = FluffleFs.mount(dev);
        FileHandle h = fs.open("/f")) {
      assertArrayEquals(content, h.read(0, content.length));
    }
  }

  @Test
  void noSpaceFailsCleanlyAndTheFilesystemStaysUsable() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small());
    FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
    byte[] chunk = TestDevices.random(3, 256 * 1024);
    int written = 0;
    try (FileHandle h = fs.open("/fill", OpenMode.CREATE)) {
      NoSpaceException e =
          assertThrows(
              NoSpaceException.class,
              () -> {
                for (int i = 0; ; i++) {
                  h.write((long) i * chunk.length, chunk);
                }
              });
      assertEquals("/fill", e.path());
      assertTrue(e.getMessage().contains("no space left"), e.getMessage());
      written = (int) h.size();
      assertEquals(0, written % chunk.length, "a refused write changed the size");
      assertTrue(written > 8 * MIB, "only " + written + " bytes fit");
      assertTrue(fs.statfs().freeBytes() < chunk.length + 64 * 4096);
      // overwrites of existing data keep working at full utilisation: the reserve lets the cleaner
      // progress
      Random rnd = new Random(5);
      for (int i = 0; i < 4000; i++) {
        h.write((long) rnd.nextInt(written / 4096) * 4096, TestDevices.random(i, 4096));
      }
    }
    assertThrows(
        NoSpaceException.class,
        () -> {
          try (FileHandle h = fs.open("/more", OpenMode.CREATE)) {
            h.write(0, chunk);
          }
        });
    assertTrue(fs.check().ok(), fs.check().problems().toString());
    try (FileHandle h = fs.open("/fill")) {
      // a write of several zones refused part-way keeps a size that covers exactly what was written
      assertThrows(NoSpaceException.class, () -> h.write(0, new byte[12 * MIB]));
      assertTrue(h.size() >= written);
      written = (int) h.size();
    }
    assertTrue(fs.check().ok(), fs.check().problems().toString());
    fs.unmount();
    try (FluffleFs again = FluffleFs.mount(dev)) {
      assertEquals(written, again.stat("/fill").sizeBytes());
      again.unlink("/fill");
      try (FileHandle h = again.open("/more", OpenMode.CREATE)) {
        for (int i = 0; i < 16; i++) {
          h.write((long) i * chunk.length, chunk);
        }
      }
      assertTrue(again.check().ok());
    }
  }

  @Test
  void manySmallFilesUntilFullThenChurn() {
    ZnsDevice dev = TestDevices.memory(TestDevices.tiny512());
    FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
    fs.mkdir("/d");
    int files = 0;
    try {
      for (; ; files++) {
        try (FileHandle h = fs.open("/d/f" + files, OpenMode.CREATE)) {
          h.write(0, TestDevices.random(files, 700));
        }
      }
    } catch (NoSpaceException e) {
      assertTrue(files > 100, "only " + files + " files");
    }
    assertTrue(fs.check().ok(), fs.check().problems().toString());
    for (int f = 0; f < 10; f++) {
      fs.unlink("/d/f" + f); // some headroom for the churn's unlink + create
    }
    int named = fs.list("/d").size(); // the file whose first write failed exists, empty
    Random rnd = new Random(3);
    for (int i = 0; i < 1500; i++) {
      int f = 10 + rnd.nextInt(files - 10);
      try (FileHandle h = fs.open("/d/f" + f)) {
        h.write(rnd.nextInt(600), TestDevices.random(i, 100));
        if (i % 50 == 0) {
          h.fsync();
        }
      }
      if (i % 100 == 0) {
        fs.unlink("/d/f" + f);
        fs.create("/d/f" + f);
      }
    }
    assertTrue(fs.check().ok(), fs.check().problems().toString());
    fs.unmount();
    try (FluffleFs again = FluffleFs.mount(dev)) {
      assertEquals(named, again.list("/d").size());
      assertTrue(again.check().ok());
    }
  }

  @Test
  void aSnapshotKeepsTheOldContentsWhileTheFileIsRewritten() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small());
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
        FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      byte[] old = TestDevices.random(1, 2 * MIB);
      h.write(0, old);
      Snapshot snap = fs.snapshot("/f");
      assertEquals(512, snap.layout().blockCount());
      for (int pass = 0; pass < 10; pass++) {
        h.write(0, TestDevices.random(10 + pass, 2 * MIB));
        h.write(4 * MIB, TestDevices.random(20 + pass, 2 * MIB));
        fs.clean(CleaningPolicy.GREEDY);
      }
      assertArrayEquals(old, snap.read(0, 2 * MIB));
      assertFalse(fs.check().problems().size() > 0);
      long used = fs.statfs().usedBytes();
      snap.close();
      assertFalse(snap.isOpen());
      assertThrows(FsException.class, () -> snap.read(0, 1));
      // the pinned zones are reclaimed once released
      long resetsBefore = fs.counters().zoneResets();
      fs.sync();
      assertTrue(fs.counters().zoneResets() > resetsBefore);
      assertEquals(used, fs.statfs().usedBytes());
    }
  }

  @Test
  void cleanReportsWhetherThereWasAnythingToClean() {
    try (FluffleFs fs =
        FluffleFs.format(TestDevices.memory(TestDevices.small()), FormatOptions.defaults())) {
      assertFalse(fs.clean(CleaningPolicy.GREEDY));
      try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
        h.write(0, new byte[300 * 4096]);
        h.write(0, new byte[20 * 4096]); // garbage in a sealed zone
      }
      assertTrue(fs.clean(CleaningPolicy.COST_BENEFIT));
      assertEquals(1, fs.counters().cleaningPasses());
      assertTrue(fs.check().ok());
    }
  }

  @ParameterizedTest
  @EnumSource(CleaningPolicy.class)
  void greedyTakesTheEmptiestZoneCostBenefitTheOldest(CleaningPolicy policy) {
    try (FluffleFs fs =
        FluffleFs.format(TestDevices.memory(TestDevices.small()), FormatOptions.defaults())) {
      int zone = fs.volume().dataCapacity * 4096; // data blocks of a zone, before its summary
      try (FileHandle cold = fs.open("/cold", OpenMode.CREATE);
          FileHandle hot = fs.open("/hot", OpenMode.CREATE)) {
        cold.write(0, new byte[2 * zone]);
        hot.write(0, new byte[6 * zone]);
        try (FileHandle pad = fs.open("/pad", OpenMode.CREATE)) {
          pad.write(0, new byte[4096]); // moves the hot log on, sealing the hot file's last zone
        }
        cold.truncate(2 * zone - 10 * 4096); // 10 garbage blocks in an old zone
        hot.truncate(6 * zone - 12 * 4096); // 12 garbage blocks in a young zone
      }
      fs.sync();
      FileLayout cold = fs.layout("/cold");
      FileLayout hot = fs.layout("/hot");
      assertTrue(fs.clean(policy));
      boolean coldMoved = !cold.lbaOfBlock().equals(fs.layout("/cold").lbaOfBlock());
      boolean hotMoved = !hot.lbaOfBlock().equals(fs.layout("/hot").lbaOfBlock());
      assertEquals(
          policy == CleaningPolicy.COST_BENEFIT, coldMoved, policy + " moved the old zone");
      assertEquals(policy == CleaningPolicy.GREEDY, hotMoved, policy + " moved the young zone");
      assertTrue(fs.check().ok());
    }
  }
}
