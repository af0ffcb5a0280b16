package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.csdlab.zns.ZnsDevice;

/**
 * Random creates, writes, unlinks and syncs on a small device kept near full: a refused operation
 * (no space) changes nothing, everything else matches the model, and the structure stays consistent
 * across remounts.
 */
class FullDevicePropertyTest {

  @Property(tries = 25)
  void aNearlyFullFilesystemKeepsWorking(@ForAll long seed) {
    Random rnd = new Random(seed);
    ZnsDevice dev = TestDevices.memory(TestDevices.tiny512());
    FluffleFs fs =
        FluffleFs.format(
            dev,
            FormatOptions.builder()
                .cleaningPolicy(
                    rnd.nextBoolean() ? CleaningPolicy.GREEDY : CleaningPolicy.COST_BENEFIT)
                .build());
    TreeMap<String, byte[]> files = new TreeMap<>();
    int refused = 0;
    for (int step = 0; step < 1200; step++) {
      int op = rnd.nextInt(100);
      try {
        if (op < 15 || files.isEmpty()) {
          String f = "/f" + rnd.nextInt(300);
          if (!files.containsKey(f)) {
            fs.create(f);
            files.put(f, new byte[0]);
          }
        } else if (op < 80) {
          String f = new ArrayList<>(files.keySet()).get(rnd.nextInt(files.size()));
          byte[] old = files.get(f);
          int off = rnd.nextInt(old.length + 1);
          byte[] data = TestDevices.random(rnd.nextLong(), 1 + rnd.nextInt(6000));
          try (FileHandle h = fs.open(f)) {
            h.write(off, data);
            if (rnd.nextInt(5) == 0) {
              h.fsync();
            }
          }
          byte[] now = Arrays.copyOf(old, Math.max(old.length, off + data.length));
          System.arraycopy(data, 0, now, off, data.length);
          files.put(f, now);
        } else if (op < 83) {
          String f = new ArrayList<>(files.keySet()).get(rnd.nextInt(files.size()));
          fs.unlink(f);
          files.remove(f);
        } else if (op < 95) {
          fs.sync();
        } else {
          fs.unmount();
          fs = FluffleFs.mount(dev);
        }
      } catch (NoSpaceException e) {
        refused++;
      }
      FsStats space = fs.statfs();
      assertTrue(
          space.usedBytes() <= space.totalBytes(), "step " + step + ": used > total in " + space);
    }
    assertTrue(refused > 0, "the device never filled up");
    verify(fs, files);
    fs.unmount();
    verify(FluffleFs.mount(dev), files);
  }

  private static void verify(FluffleFs fs, TreeMap<String, byte[]> files) {
    CheckReport report = fs.check();
    assertTrue(report.ok(), report.problems().toString());
    assertEquals(
        new ArrayList<>(files.keySet()).stream().map(p -> p.substring(1)).toList(), fs.list("/"));
    for (var e : files.entrySet()) {
      try (FileHandle h = fs.open(e.getKey())) {
        assertArrayEquals(e.getValue(), h.read(0, e.getValue().length + 1), e.getKey());
      }
    }
  }
}
