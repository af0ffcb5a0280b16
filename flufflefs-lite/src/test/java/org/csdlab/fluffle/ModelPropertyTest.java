package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;

/** Random operation sequences against an in-memory model of files and directories. */
class ModelPropertyTest {

  @Property(tries = 40)
  void randomOperationsMatchTheModel(@ForAll long seed) {
    run(seed, TestDevices.tiny512(), 160);
  }

  @Property(tries = 10)
  void randomOperationsMatchTheModelOn4kBlocks(@ForAll long seed) {
    run(seed, TestDevices.small(), 120);
  }

  private static void run(long seed, Geometry g, int steps) {
    Random rnd = new Random(seed);
    ZnsDevice dev = TestDevices.memory(g);
    FluffleFs fs =
        FluffleFs.format(
            dev,
            FormatOptions.builder()
                .cleaningPolicy(
                    rnd.nextBoolean() ? CleaningPolicy.GREEDY : CleaningPolicy.COST_BENEFIT)
                .build());
    TreeMap<String, byte[]> files = new TreeMap<>();
    TreeSet<String> dirs = new TreeSet<>(List.of("/"));
    int maxWrite = g.blockSizeBytes() * 20;
    for (int step = 0; step < steps; step++) {
      int op = rnd.nextInt(100);
      String dir = pick(rnd, new ArrayList<>(dirs));
      String fresh = (dir.equals("/") ? "" : dir) + "/n" + rnd.nextInt(12);
      if (op < 12) { // create a file
        if (files.containsKey(fresh) || dirs.contains(fresh)) {
          assertThrows(PathExistsException.class, () -> fs.create(fresh));
        } else {
          fs.create(fresh);
          files.put(fresh, new byte[0]);
        }
      } else if (op < 18) { // mkdir
        if (files.containsKey(fresh) || dirs.contains(fresh)) {
          assertThrows(PathExistsException.class, () -> fs.mkdir(fresh));
        } else {
          fs.mkdir(fresh);
          dirs.add(fresh);
        }
      } else if (op < 50 && !files.isEmpty()) { // write
        String f = pick(rnd, new ArrayList<>(files.keySet()));
        byte[] old = files.get(f);
        long off = rnd.nextInt(Math.max(1, old.length + maxWrite / 2));
        byte[] data = TestDevices.random(rnd.nextLong(), rnd.nextInt(maxWrite));
        try (FileHandle h = fs.open(f)) {
          h.write(off, data);
        }
        files.put(f, written(old, off, data));
      } else if (op < 58 && !files.isEmpty()) { // truncate
        String f = pick(rnd, new ArrayList<>(files.keySet()));
        int size = rnd.nextInt(files.get(f).length + maxWrite);
        try (FileHandle h = fs.open(f)) {
          h.truncate(size);
        }
        files.put(f, Arrays.copyOf(files.get(f), size));
      } else if (op < 64 && !files.isEmpty()) { // unlink
        String f = pick(rnd, new ArrayList<>(files.keySet()));
        fs.unlink(f);
        files.remove(f);
      } else if (op < 72 && !files.isEmpty()) { // rename a file, maybe over another
        String f = pick(rnd, new ArrayList<>(files.keySet()));
        String to = rnd.nextBoolean() ? pick(rnd, new ArrayList<>(files.keySet())) : fresh;
        if (dirs.contains(to)) {
          assertThrows(IsADirectoryException.class, () -> fs.rename(f, to));
        } else {
          fs.rename(f, to);
          byte[] content = files.remove(f);
          files.put(to, content);
        }
      } else if (op < 76 && dirs.size() > 1) { // rmdir
        String d = pick(rnd, new ArrayList<>(dirs.tailSet("/", false)));
        boolean empty =
            files.keySet().stream().noneMatch(p -> p.startsWith(d + "/"))
                && dirs.stream().noneMatch(p -> p.startsWith(d + "/"));
        if (empty) {
          fs.rmdir(d);
          dirs.remove(d);
        } else {
          assertThrows(DirectoryNotEmptyException.class, () -> fs.rmdir(d));
        }
      } else if (op < 82) { // remount
        fs.unmount();
        FluffleFs again = FluffleFs.mount(dev);
        // swap by re-running on the new instance
        verify(again, files, dirs);
        runRest(rnd, again, dev, files, dirs, steps - step - 1, maxWrite);
        return;
      } else if (op < 88) {
        fs.clean(rnd.nextBoolean() ? CleaningPolicy.GREEDY : CleaningPolicy.COST_BENEFIT);
      } else if (op < 92) {
        fs.sync();
      }
      if (step % 20 == 0) {
        verify(fs, files, dirs);
      }
    }
    verify(fs, files, dirs);
    fs.unmount();
    verify(FluffleFs.mount(dev), files, dirs);
  }

  /** Continues with a remounted filesystem (a fresh seed stream keeps the run deterministic). */
  private static void runRest(
      Random rnd,
      FluffleFs fs,
      ZnsDevice dev,
      TreeMap<String, byte[]> files,
      TreeSet<String> dirs,
      int steps,
      int maxWrite) {
    for (int step = 0; step < steps; step++) {
      if (files.isEmpty() || rnd.nextInt(4) == 0) {
        String f = "/r" + rnd.nextInt(8);
        if (!files.containsKey(f) && !dirs.contains(f)) {
          fs.create(f);
          files.put(f, new byte[0]);
        }
        continue;
      }
      String f = pick(rnd, new ArrayList<>(files.keySet()));
      byte[] old = files.get(f);
      long off = rnd.nextInt(Math.max(1, old.length + maxWrite / 2));
      byte[] data = TestDevices.random(rnd.nextLong(), rnd.nextInt(maxWrite));
      try (FileHandle h = fs.open(f)) {
        h.write(off, data);
        if (rnd.nextBoolean()) {
          h.fsync();
        }
      }
      files.put(f, written(old, off, data));
    }
    verify(fs, files, dirs);
    fs.unmount();
    verify(FluffleFs.mount(dev), files, dirs);
  }

  private static void verify(FluffleFs fs, TreeMap<String, byte[]> files, TreeSet<String> dirs) {
    CheckReport report = fs.check();
    assertTrue(report.ok(), report.problems().toString());
    for (String d : dirs) {
      List<String> expected = new ArrayList<>();
      String prefix = d.equals("/") ? "/" : d + "/";
      for (String p : files.keySet()) {
        if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
          expected.add(p.substring(prefix.length()));
        }
      }
      for (String p : dirs) {
        if (!p.equals("/") && p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
          expected.add(p.substring(prefix.length()));
        }
      }
      expected.sort(null);
      assertEquals(expected, fs.list(d), "listing of " + d);
    }
    for (var e : files.entrySet()) {
      try (FileHandle h = fs.open(e.getKey())) {
        assertEquals(e.getValue().length, h.size(), "size of " + e.getKey());
        assertArrayEquals(
            e.getValue(), h.read(0, e.getValue().length), "contents of " + e.getKey());
      }
    }
  }

  /**
   * The model's file after writing {@code data} at {@code off}: as POSIX pwrite, a write of no
   * bytes changes nothing, even past the end (it does not extend the file).
   */
  private static byte[] written(byte[] old, long off, byte[] data) {
    if (data.length == 0) {
      return old;
    }
    byte[] now = Arrays.copyOf(old, (int) Math.max(old.length, off + data.length));
    System.arraycopy(data, 0, now, (int) off, data.length);
    return now;
  }

  private static String pick(Random rnd, List<String> from) {
    return from.get(rnd.nextInt(from.size()));
  }
}
