package org.csdlab.fluffle.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every workload of one to three operations on a fresh filesystem, drawn from create, mkdir,
 * write, truncate, unlink, rename, fsync and sync, crashed at every command and every block
 * boundary of every multi-block write.
 */
class ShortWorkloadCrashTest {
  static final List<CrashOp> ALPHABET = List.of(
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
      new CrashOp.Fsync("/a"),
      new CrashOp.Sync());

  /** Every sequence of 1 to {@code maxLength} operations of the alphabet that is valid from an empty tree. */
  static List<List<CrashOp>> workloads(int maxLength) {
    List<List<CrashOp>> out = new ArrayList<>();
    extend(new ArrayList<>(), new FsModel(CrashHarness.GEOMETRY.blockSizeBytes()), maxLength, out);
    return out;
  }

  private static void extend(List<CrashOp> prefix, FsModel model, int maxLength, List<List<CrashOp>> out) {
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
    for (Class<?> kind : List.of(CrashOp.Create.class, CrashOp.Mkdir.class, CrashOp.Write.class,
        CrashOp.Truncate.class, CrashOp.Unlink.class, CrashOp.Rename.class, CrashOp.Fsync.class, CrashOp.Sync.class)) {
      assertTrue(all.stream().anyMatch(w -> w.stream().anyMatch(kind::isInstance)), kind.getSimpleName());
    }
    assertTrue(all.contains(List.of(new CrashOp.Create("/a"), new CrashOp.Write("/a", 0, 9000, 1),
        new CrashOp.Fsync("/a"))));
  }

  @Test
  void everyShortWorkloadSurvivesACrashAtEveryPoint() {
    List<String> violations = new ArrayList<>();
    CrashHarness.Plan plan = new CrashHarness.Plan(Integer.MAX_VALUE, 4, 0);
    for (List<CrashOp> workload : workloads(3)) {
      violations.addAll(CrashHarness.explore(workload, plan));
    }
    assertEquals(List.of(), violations.subList(0, Math.min(20, violations.size())),
        violations.size() + " violations; the first 20 are shown");
  }
}
