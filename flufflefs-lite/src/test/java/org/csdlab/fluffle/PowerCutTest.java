package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Power cuts on a file-backed device, then a reopen and mount. */
class PowerCutTest {
  @TempDir Path dir;

  @Test
  void fsyncedDataSurvivesAndUnsyncedMayNot() {
    Path file = dir.resolve("dev.img");
    Geometry g = TestDevices.small();
    byte[] synced = TestDevices.random(1, 50_000);
    try (ZnsDevice dev = TestDevices.file(g, file)) {
      FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
      try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
        h.write(0, synced);
        h.fsync(); // a new name: commits with a checkpoint
      }
      try (FileHandle h = fs.open("/f")) {
        h.write(50_000, TestDevices.random(2, 10_000));
        h.fsync(); // roll-forward record only
        System.arraycopy(
            TestDevices.random(2, 10_000),
            0,
            synced = Arrays.copyOf(synced, 60_000),
            50_000,
            10_000);
        h.write(0, new byte[4096]); // never synced
      }
      dev.faults().powerCutAfter(0);
      assertThrows(FsIoException.class, fs::sync);
      assertThrows(FsException.class, () -> fs.create("/g"));
    }
    try (ZnsDevice dev = ZnsDevice.open(file);
        FluffleFs fs = FluffleFs.mount(dev);
        FileHandle h = fs.open("/f")) {
      assertEquals(60_000, h.size());
      byte[] back = h.read(0, 60_000);
      assertArrayEquals(
          Arrays.copyOfRange(synced, 4096, 60_000), Arrays.copyOfRange(back, 4096, 60_000));
      assertTrue(fs.check().ok(), fs.check().problems().toString());
    }
  }

  /**
   * A workload of overwrites, appends, truncates and fsyncs (with cleaning forced by the small
   * device) cut after every possible number of device commands: after remount the file is the last
   * fsynced version or the one being fsynced, and the structure is consistent; mounting again
   * (recovery is idempotent) gives the same contents.
   */
  @Test
  void everyCutPointRecoversTheLastFsyncedVersion() {
    Geometry g = TestDevices.tiny512();
    int cuts = 0;
    for (long cut = 1; ; cut++) {
      Path file = dir.resolve("cut" + cut + ".img");
      List<byte[]> versions = new ArrayList<>();
      int lastDurable;
      int[] durable = {-1};
      boolean finished = false;
      try (ZnsDevice dev = TestDevices.file(g, file)) {
        FluffleFs fs = FluffleFs.format(dev, FormatOptions.builder().reserveZones(2).build());
        fs.create("/f");
        fs.create("/other");
        fs.sync();
        dev.faults().powerCutAfter(cut);
        try {
          workload(fs, versions, durable);
          finished = true;
        } catch (FsIoException e) {
          // the cut came during the workload: durable[0] is the last version whose fsync returned
        }
        lastDurable = durable[0];
      }
      if (finished) {
        break;
      }
      cuts++;
      byte[] first;
      try (ZnsDevice dev = ZnsDevice.open(file);
          FluffleFs fs = FluffleFs.mount(dev)) {
        assertTrue(fs.check().ok(), "cut " + cut + ": " + fs.check().problems());
        first = contents(fs, "/f");
        boolean matches = false;
        for (int v = Math.max(0, lastDurable); v < versions.size(); v++) {
          matches |= Arrays.equals(versions.get(v), first);
        }
        if (lastDurable < 0) {
          matches |= first.length == 0;
        }
        if (!matches) {
          fail(
              "cut "
                  + cut
                  + ": /f ("
                  + first.length
                  + " bytes) is none of versions "
                  + lastDurable
                  + ".."
                  + (versions.size() - 1));
        }
        assertEquals(0, contents(fs, "/other").length % 1000, "cut " + cut);
      }
      try (ZnsDevice dev = ZnsDevice.open(file);
          FluffleFs fs = FluffleFs.mount(dev)) {
        assertArrayEquals(first, contents(fs, "/f"), "cut " + cut + ": a second mount changed /f");
      }
    }
    assertTrue(cuts > 40, "only " + cuts + " cut points");
  }

  /**
   * Recovery is idempotent: a power cut after any number of commands of a recovering mount, then
   * another mount, gives what an undisturbed recovery gives.
   */
  @Test
  void aCrashDuringRecoveryThenAnotherMountGivesTheSameState() throws Exception {
    Geometry g = TestDevices.tiny512();
    Path image = dir.resolve("crashed.img");
    byte[] expected;
    try (ZnsDevice dev = TestDevices.file(g, image)) {
      FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
      fs.mkdir("/d");
      try (FileHandle h = fs.open("/d/f", OpenMode.CREATE)) {
        h.write(0, TestDevices.random(1, 20_000));
        h.fsync();
        h.write(5_000, TestDevices.random(2, 40_000)); // grows into the double-indirect tree
        h.fsync(); // roll-forward only
        h.truncate(30_001);
        h.fsync();
      }
      expected = Arrays.copyOf(TestDevices.random(1, 20_000), 45_000);
      System.arraycopy(TestDevices.random(2, 40_000), 0, expected, 5_000, 40_000);
      expected = Arrays.copyOf(expected, 30_001);
      dev.faults().powerCutAfter(0);
    }
    int interrupted = 0;
    for (long cut = 0; ; cut++) {
      Path copy = dir.resolve("recover" + cut + ".img");
      java.nio.file.Files.copy(image, copy);
      boolean completed;
      try (ZnsDevice dev = ZnsDevice.open(copy)) {
        dev.faults().powerCutAfter(cut);
        try {
          FluffleFs.mount(dev);
          completed = true;
        } catch (FsIoException e) {
          completed = false;
          interrupted++;
        }
      }
      try (ZnsDevice dev = ZnsDevice.open(copy);
          FluffleFs fs = FluffleFs.mount(dev)) {
        assertArrayEquals(expected, contents(fs, "/d/f"), "cut " + cut);
        assertTrue(fs.check().ok(), "cut " + cut + ": " + fs.check().problems());
      }
      if (completed) {
        break;
      }
    }
    assertTrue(interrupted > 5, "only " + interrupted + " interrupted recoveries");
  }

  /** A rename cut at any point leaves the file under exactly one of its two names. */
  @Test
  void renameIsAtomicAcrossPowerCuts() {
    Geometry g = TestDevices.tiny512();
    byte[] content = TestDevices.random(8, 3000);
    int cuts = 0;
    for (long cut = 0; ; cut++) {
      Path file = dir.resolve("rename" + cut + ".img");
      boolean finished = false;
      try (ZnsDevice dev = TestDevices.file(g, file)) {
        FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
        fs.mkdir("/x");
        fs.mkdir("/y");
        try (FileHandle h = fs.open("/x/a", OpenMode.CREATE)) {
          h.write(0, content);
        }
        fs.create("/y/b");
        fs.sync();
        dev.faults().powerCutAfter(cut);
        try {
          fs.rename("/x/a", "/y/b"); // replaces /y/b
          try (FileHandle other = fs.open("/y/b")) {
            other.fsync(); // names changed: commits with a checkpoint
          }
          finished = true;
        } catch (FsIoException e) {
          cuts++;
        }
      }
      try (ZnsDevice dev = ZnsDevice.open(file);
          FluffleFs fs = FluffleFs.mount(dev)) {
        boolean old = fs.exists("/x/a");
        assertTrue(fs.exists("/y/b"), "cut " + cut);
        assertTrue(
            old != (fs.stat("/y/b").sizeBytes() == 3000),
            "cut " + cut + ": the file has both or no names");
        assertTrue(fs.check().ok(), fs.check().problems().toString());
        assertArrayEquals(content, contents(fs, old ? "/x/a" : "/y/b"));
        if (finished) {
          assertTrue(!old, "a completed rename must survive");
          break;
        }
      }
    }
    assertTrue(cuts > 3, "only " + cuts + " cut points");
  }

  /**
   * Runs the workload; {@code durable[0]} is the index of the last version whose fsync returned.
   */
  private static void workload(FluffleFs fs, List<byte[]> versions, int[] durable) {
    Random rnd = new Random(42);
    byte[] content = new byte[0];
    try (FileHandle h = fs.open("/f");
        FileHandle o = fs.open("/other")) {
      for (int round = 0; round < 20; round++) {
        int kind = round % 4;
        if (kind == 0) {
          byte[] data = TestDevices.random(round, 6000 + rnd.nextInt(6000));
          long off = rnd.nextInt(Math.max(1, content.length));
          content = Arrays.copyOf(content, (int) Math.max(content.length, off + data.length));
          System.arraycopy(data, 0, content, (int) off, data.length);
          h.write(off, data);
        } else if (kind == 1) {
          byte[] data = TestDevices.random(100 + round, 3000);
          h.append(data);
          int at = content.length;
          content = Arrays.copyOf(content, at + data.length);
          System.arraycopy(data, 0, content, at, data.length);
        } else if (kind == 2) {
          int size = content.length / 2 + 77;
          h.truncate(size);
          content = Arrays.copyOf(content, size);
        } else {
          o.write(o.size(), new byte[1000]);
          o.fsync();
          fs.clean(CleaningPolicy.GREEDY);
        }
        versions.add(content.clone());
        h.fsync();
        durable[0] = versions.size() - 1;
      }
    }
  }

  private static byte[] contents(FluffleFs fs, String path) {
    try (FileHandle h = fs.open(path)) {
      return h.read(0, (int) h.size());
    }
  }
}
