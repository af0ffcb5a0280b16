package org.csdlab.fluffle.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long seeded random workloads with forced cleaning, crashed at a sample of their commands:
 * overwrites fill the small device several times over, so cleaning moves live blocks while
 * files are synced and renamed.
 */
class RandomWorkloadCrashTest {
  static final List<String> NAMES = List.of("/f1", "/f2", "/f3", "/d/g1", "/d/g2");

  /** {@code length} operations valid in turn, drawn with {@code seed}; about one in eight is a cleaning pass. */
  static List<CrashOp> workload(long seed, int length) {
    Random random = new Random(seed);
    FsModel model = new FsModel(CrashHarness.GEOMETRY.blockSizeBytes());
    List<CrashOp> out = new ArrayList<>();
    while (out.size() < length) {
      String path = NAMES.get(random.nextInt(NAMES.size()));
      String other = NAMES.get(random.nextInt(NAMES.size()));
      CrashOp op = switch (random.nextInt(12)) {
        case 0 -> new CrashOp.Mkdir("/d");
        case 1 -> new CrashOp.Create(path);
        case 2, 3, 4 -> new CrashOp.Write(path, random.nextInt(12) * 4096L + random.nextInt(2) * random.nextInt(4096),
            1 + random.nextInt(8 * 4096), random.nextLong());
        case 5 -> new CrashOp.Truncate(path, random.nextInt(16 * 4096));
        case 6 -> new CrashOp.Unlink(path);
        case 7 -> new CrashOp.Rename(path, other);
        case 8, 9 -> new CrashOp.Fsync(path);
        case 10 -> new CrashOp.Sync();
        default -> new CrashOp.Clean();
      };
      if (!op.validIn(model) && op instanceof CrashOp.Write w && !model.exists(w.path())
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
    assertTrue(recording.counters.cleaningPasses() > 0 && recording.counters.blocksMoved() > 0
        && recording.counters.zoneResets() > 0, "cleaning moved live blocks and reset zones: " + recording.counters);
    List<String> violations = CrashHarness.explore(recording, new CrashHarness.Plan(150, 3, 0));
    assertEquals(List.of(), violations.subList(0, Math.min(10, violations.size())),
        violations.size() + " violations; the first 10 are shown");
  }
}
