package org.csdlab.fluffle.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every workload of one to three operations on a fresh filesystem, drawn from create, mkdir, write,
 * truncate, unlink, rename, fsync and sync, crashed at every command and every block boundary of
 * every multi-block write.
 */
class ShortWorkloadCrashTest {
  static final List<CrashOp> ALPHABET =
      List.of(
          new CrashOp.Create("/a"),
          new CrashOp.Create("/b"),
          new CrashOp.Mkdir("/d"),
          new CrashOp.Create("/d/c"),
          new CrashOp.Write("/a", 0, 9000, 1),
          new CrashOp.Write("/a", 5000, 7000, 2),
          new CrashOp.Truncate("/a", 1000),
          new CrashOp.Truncate("/a", 20000),
          new CrashOp.Unlink("/a"),
          new CrashOp.Rename("/a", "/b"),
          new CrashOp.Rename("/a", "/d/c"),
          new CrashOp.Rename("/d", "/e"),
          new CrashOp.Fsync("/a"),
          new CrashOp.Sync());

  /**
   * Every sequence of 1 to {@code maxLength} operations of the alphabet that is valid from an empty
   * tree.
   */
  static List<List<CrashOp>> workloads(int maxLength) {
    List<List<CrashOp>> out = new ArrayList<>();
    extend(new ArrayList<>(), new FsModel(CrashHarness.GEOMETRY.blockSizeBytes()), maxLength, out);
    return out;
  }

  private static void extend(
      List<CrashOp> prefix, FsModel model, int maxLength, List<List<CrashOp>> out) {
    if (prefix.size() == maxLength) {
      return;
    }
    for (CrashOp op : ALPHABET) {
      if (op.validIn(model)) {
        List<CrashOp> next = new ArrayList<>(prefix);
        next.add(op);
        out.add(next);
        FsModel after = model.copy();
        op.applyTo(after);
        extend(next, after, maxLength, out);
      }
    }
  }

  @Test
  void theWorkloadsCoverEveryKindOfOperation() {
    List<List<CrashOp>> all = workloads(3);
    for (Class<?> kind :
        List.of(
            CrashOp.Create.class,
            CrashOp.Mkdir.class,
            CrashOp.Write.class,
            CrashOp.Truncate.class,
            CrashOp.Unlink.class,
            CrashOp.Rename.class,
            CrashOp.Fsync.class,
            CrashOp.Sync.class)) {
      assertTrue(
          all.stream().anyMatch(w -> w.stream().anyMatch(kind::isInstance)), kind.getSimpleName());
    }
    assertTrue(
        all.contains(
            List.of(
                new CrashOp.Create("/a"),
                new CrashOp.Write("/a", 0, 9000, 1),
                new CrashOp.Fsync("/a"))));
  }

  @Test
  void everyShortWorkloadSurvivesACrashAtEveryPoint() {
    CrashHarness.Findings findings = CrashHarness.Findings.none();
    CrashHarness.Plan plan = new CrashHarness.Plan(Integer.MAX_VALUE, Integer.MAX_VALUE, 0);
    List<List<CrashOp>> workloads = workloads(3);
    for (List<CrashOp> workload : workloads) {
      findings = findings.plus(CrashHarness.explore(workload, plan));
    }
    System.out.println(
        workloads.size()
            + " workloads of 1-3 operations: "
            + findings.crashPoints()
            + " crash points, "
            + findings.recoveryCrashes()
            + " crashes during recovery");
    assertTrue(
        workloads.size() > 150 && findings.crashPoints() > 1000,
        workloads.size() + " workloads, " + findings.crashPoints() + " crash points");
    assertEquals(
        List.of(),
        findings.first(20),
        findings.violations().size() + " violations; the first 20 are shown");
  }

  /**
   * Synced files /a (9000 bytes), /b (3000 bytes) and /d/c: the stage for replacing renames,
   * unlinks of durable files.
   */
  static final List<CrashOp> POPULATED =
      List.of(
          new CrashOp.Mkdir("/d"),
          new CrashOp.Create("/a"),
          new CrashOp.Write("/a", 0, 9000, 11),
          new CrashOp.Create("/b"),
          new CrashOp.Write("/b", 0, 3000, 12),
          new CrashOp.Create("/d/c"),
          new CrashOp.Sync());

  static final List<CrashOp> ON_POPULATED =
      List.of(
          new CrashOp.Write("/a", 4096, 4096, 13),
          new CrashOp.Write("/b", 2000, 9000, 14),
          new CrashOp.Truncate("/a", 0),
          new CrashOp.Truncate("/b", 12000),
          new CrashOp.Rename("/a", "/b"),
          new CrashOp.Rename("/b", "/d/c"),
          new CrashOp.Rename("/a", "/e"),
          new CrashOp.Rename("/d", "/e"),
          new CrashOp.Mkdir("/e"),
          new CrashOp.Unlink("/a"),
          new CrashOp.Unlink("/d/c"),
          new CrashOp.Rmdir("/d"),
          new CrashOp.Create("/d/f"),
          new CrashOp.Fsync("/a"),
          new CrashOp.Fsync("/b"),
          new CrashOp.Sync());

  @Test
  void everyOneOrTwoOperationsOnASyncedTreeSurviveACrashAtEveryPoint() {
    FsModel base = new FsModel(CrashHarness.GEOMETRY.blockSizeBytes());
    POPULATED.forEach(op -> op.applyTo(base));
    CrashHarness.Findings findings = CrashHarness.Findings.none();
    CrashHarness.Plan plan =
        new CrashHarness.Plan(Integer.MAX_VALUE, Integer.MAX_VALUE, POPULATED.size());
    int workloads = 0;
    for (CrashOp first : ON_POPULATED) {
      if (!first.validIn(base)) {
        continue;
      }
      FsModel afterFirst = base.copy();
      first.applyTo(afterFirst);
      List<List<CrashOp>> tails = new ArrayList<>();
      tails.add(List.of(first));
      for (CrashOp second : ON_POPULATED) {
        if (second.validIn(afterFirst)) {
          tails.add(List.of(first, second));
        }
      }
      for (List<CrashOp> tail : tails) {
        List<CrashOp> workload = new ArrayList<>(POPULATED);
        workload.addAll(tail);
        findings = findings.plus(CrashHarness.explore(workload, plan));
        workloads++;
      }
    }
    System.out.println(
        workloads
            + " workloads on a synced tree: "
            + findings.crashPoints()
            + " crash points, "
            + findings.recoveryCrashes()
            + " crashes during recovery");
    assertTrue(
        workloads > 100 && findings.crashPoints() > 500,
        workloads + " workloads, " + findings.crashPoints() + " crash points");
    assertEquals(
        List.of(),
        findings.first(20),
        findings.violations().size() + " violations; the first 20 are shown");
  }
}
