package org.csdlab.fluffle.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long seeded random workloads with forced cleaning, crashed at a sample of their commands and at
 * every command (and block boundary) of every cleaning pass and sync: overwrites fill the small
 * device several times over, so cleaning moves live blocks while files are synced, renamed and
 * pinned by snapshots.
 */
class RandomWorkloadCrashTest {
  static final List<String> NAMES = List.of("/f1", "/f2", "/f3", "/d/g1", "/d/g2");

  /**
   * {@code length} operations valid in turn, drawn with {@code seed}; about one in seven is a
   * cleaning pass.
   */
  static List<CrashOp> workload(long seed, int length) {
    return workload(seed, length, 12, 8);
  }

  /**
   * As {@link #workload(long, int)}, with writes starting in the first {@code offsetBlocks} blocks
   * of a file and up to {@code lengthBlocks} blocks long.
   */
  static List<CrashOp> workload(long seed, int length, int offsetBlocks, int lengthBlocks) {
    Random random = new Random(seed);
    FsModel model = new FsModel(CrashHarness.GEOMETRY.blockSizeBytes());
    List<CrashOp> out = new ArrayList<>();
    while (out.size() < length) {
      String path = NAMES.get(random.nextInt(NAMES.size()));
      String other = NAMES.get(random.nextInt(NAMES.size()));
      CrashOp op =
          switch (random.nextInt(13)) {
            case 0 -> new CrashOp.Mkdir("/d");
            case 1 -> new CrashOp.Create(path);
            case 2, 3, 4 ->
                new CrashOp.Write(
                    path,
                    random.nextInt(offsetBlocks) * 4096L + random.nextInt(2) * random.nextInt(4096),
                    1 + random.nextInt(lengthBlocks * 4096),
                    random.nextLong());
            case 5 ->
                new CrashOp.Truncate(path, random.nextInt((offsetBlocks + lengthBlocks) * 4096));
            case 6 -> new CrashOp.Unlink(path);
            case 7 -> new CrashOp.Rename(path, other);
            case 8, 9 -> new CrashOp.Fsync(path);
            case 10 -> new CrashOp.Sync();
            case 11 -> new CrashOp.Pin(path);
            default -> new CrashOp.Clean();
          };
      if (!op.validIn(model)
          && op instanceof CrashOp.Write w
          && !model.exists(w.path())
          && model.isDirectory(FsModel.parent(w.path()))) {
        op = new CrashOp.Create(w.path());
      }
      if (op.validIn(model)) {
        out.add(op);
        op.applyTo(model);
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void aLongRandomWorkloadWithCleaningSurvivesCrashes(long seed) {
    Recording recording = Recording.run(CrashHarness.device(), workload(seed, 300));
    assertTrue(
        recording.counters.cleaningPasses() > 0
            && recording.counters.blocksMoved() > 0
            && recording.counters.zoneResets() > 0,
        "cleaning moved live blocks and reset zones: " + recording.counters);
    CrashHarness.Findings findings =
        CrashHarness.explore(recording, new CrashHarness.Plan(100, Integer.MAX_VALUE, 0, true));
    assertTrue(findings.crashPoints() > 100, "crash points: " + findings.crashPoints());
    assertEquals(
        List.of(),
        findings.first(10),
        findings.violations().size() + " violations; the first 10 are shown");
  }

  /**
   * Files that together outgrow the device: four files of up to 1 MiB on a 3 MiB device, with
   * fsyncs, unlinks, overwrites and a new file that needs the space the unlinks freed. The cleaner
   * runs on its own when space is short, writes that do not fit are refused with "no space left"
   * and change nothing, and crashes anywhere lose nothing fsynced.
   */
  @Test
  void aWorkloadThatFillsTheDeviceSurvivesCrashes() {
    List<CrashOp> ops = new ArrayList<>();
    for (int f = 1; f <= 4; f++) {
      ops.add(new CrashOp.Create("/big" + f));
    }
    long seed = 1000;
    for (int chunk = 0; chunk < 8; chunk++) {
      for (int f = 1; f <= 4; f++) {
        ops.add(new CrashOp.Write("/big" + f, chunk * 131072L, 131072, seed++));
        if (chunk % 2 == 1) {
          ops.add(new CrashOp.Fsync("/big" + f));
        }
      }
    }
    ops.add(new CrashOp.Unlink("/big1"));
    for (int chunk = 0; chunk < 8; chunk++) {
      ops.add(new CrashOp.Write("/big2", chunk * 131072L, 131072, seed++));
      ops.add(new CrashOp.Fsync("/big2"));
    }
    // every zone now holds some of each file: freeing two files leaves every zone part garbage,
    // so a new file only fits once the cleaner compacts zones
    ops.add(new CrashOp.Unlink("/big3"));
    ops.add(new CrashOp.Create("/big5"));
    for (int chunk = 0; chunk < 8; chunk++) {
      ops.add(new CrashOp.Write("/big5", chunk * 131072L, 131072, seed++));
      ops.add(new CrashOp.Fsync("/big5"));
    }
    ops.add(new CrashOp.Sync());
    Recording recording = Recording.run(CrashHarness.device(), ops);
    assertTrue(
        recording.refusedForSpace > 0, "some writes were refused for space: " + recording.counters);
    assertTrue(
        recording.counters.cleaningPasses() > 0,
        "the cleaner ran on its own: " + recording.counters);
    CrashHarness.Findings findings =
        CrashHarness.explore(recording, new CrashHarness.Plan(150, Integer.MAX_VALUE, 0, true));
    assertTrue(findings.crashPoints() > 150, "crash points: " + findings.crashPoints());
    assertEquals(
        List.of(),
        findings.first(10),
        findings.violations().size() + " violations; the first 10 are shown");
  }
}
