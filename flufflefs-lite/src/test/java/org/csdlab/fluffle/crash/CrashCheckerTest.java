package org.csdlab.fluffle.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.csdlab.fluffle.FluffleFs;
import org.junit.jupiter.api.Test;

/**
 * The checker sees each kind of damage a crash could do (so a clean harness run means something).
 */
class CrashCheckerTest {
  static final CrashOp CREATE = new CrashOp.Create("/a");
  static final CrashOp WRITE = new CrashOp.Write("/a", 0, 9000, 1);
  static final CrashOp FSYNC = new CrashOp.Fsync("/a");

  /** The tree a mount gives after the workload and its clean unmount: the model's final state. */
  private static Map<String, Observed> treeAfter(Recording r, int ops) {
    assertEquals(r.ops.size(), ops);
    FluffleFs fs = FluffleFs.mount(r.journal.replay(r.journal.size()));
    Map<String, Observed> tree = Observed.readTree(fs);
    fs.unmount();
    return new TreeMap<>(tree);
  }

  private static List<String> check(Recording r, Map<String, Observed> tree, int completed) {
    return new CrashChecker(r, CrashHarness.GEOMETRY.blockSizeBytes()).check(tree, completed, -1);
  }

  private static void assertFinds(List<String> violations, String expected) {
    assertTrue(
        violations.stream().anyMatch(v -> v.contains(expected)),
        "expected '" + expected + "' in " + violations);
  }

  @Test
  void aRecoveredFsyncedFileIsClean() {
    Recording r = Recording.run(CrashHarness.device(), List.of(CREATE, WRITE, FSYNC));
    assertEquals(List.of(), check(r, treeAfter(r, 3), 3));
  }

  @Test
  void aMissingOrShortenedFsyncedFileIsReported() {
    Recording r = Recording.run(CrashHarness.device(), List.of(CREATE, WRITE, FSYNC));
    Map<String, Observed> tree = treeAfter(r, 3);
    Observed a = tree.remove("/a");
    assertFinds(check(r, tree, 3), "file /a (durable since operation 2, fsync /a) is missing");
    tree.put("/a", new Observed("/a", false, a.inode(), 0, new byte[0], List.of()));
    assertFinds(check(r, tree, 3), "lost its durable contents: size 0, expected 9000");
  }

  @Test
  void bytesNeverWrittenToABlockAreReported() {
    Recording r = Recording.run(CrashHarness.device(), List.of(CREATE, WRITE));
    Map<String, Observed> tree = treeAfter(r, 2);
    Observed a = tree.get("/a");
    byte[] foreign = a.content().clone();
    Arrays.fill(foreign, 4096, 4100, (byte) 0x5A);
    tree.put("/a", new Observed("/a", false, a.inode(), a.size(), foreign, a.lbas()));
    assertFinds(check(r, tree, 2), "block 1 holds bytes never written to it");
  }

  @Test
  void aSizeTheFileNeverHadIsReported() {
    Recording r = Recording.run(CrashHarness.device(), List.of(CREATE, WRITE));
    Map<String, Observed> tree = treeAfter(r, 2);
    Observed a = tree.get("/a");
    tree.put(
        "/a",
        new Observed("/a", false, a.inode(), 5000, Arrays.copyOf(a.content(), 5000), a.lbas()));
    assertFinds(check(r, tree, 2), "never had size 5000");
  }

  @Test
  void twoNamesForOneFileAndBlocksOwnedTwiceAreReported() {
    Recording r =
        Recording.run(
            CrashHarness.device(), List.of(CREATE, WRITE, FSYNC, new CrashOp.Rename("/a", "/b")));
    Map<String, Observed> tree = treeAfter(r, 4);
    assertEquals(List.of(), check(r, tree, 4));
    Observed b = tree.get("/b");
    tree.put("/a", new Observed("/a", false, b.inode(), b.size(), b.content(), b.lbas()));
    List<String> violations = check(r, tree, 4);
    assertFinds(violations, "has two names");
    assertFinds(violations, "is owned twice");
  }

  @Test
  void aRenameThatLosesBothNamesIsReported() {
    Recording r =
        Recording.run(
            CrashHarness.device(), List.of(CREATE, WRITE, FSYNC, new CrashOp.Rename("/a", "/b")));
    Map<String, Observed> tree = treeAfter(r, 4);
    tree.remove("/b");
    tree.remove("/a");
    assertFinds(
        new CrashChecker(r, CrashHarness.GEOMETRY.blockSizeBytes()).check(tree, 3, 3),
        "is missing");
  }

  @Test
  void aFileNoOperationCreatedIsReported() {
    Recording r = Recording.run(CrashHarness.device(), List.of(CREATE));
    Map<String, Observed> tree = treeAfter(r, 1);
    tree.put("/ghost", new Observed("/ghost", false, 999, 0, new byte[0], List.of()));
    assertFinds(check(r, tree, 1), "no operation created inode 999");
  }

  @Test
  void crashPointsCoverEveryPrefixAndEveryBlockBoundary() {
    Recording r = Recording.run(CrashHarness.device(), List.of(CREATE, WRITE, FSYNC));
    List<CrashHarness.CrashPoint> points = CrashHarness.CrashPoint.all(r.journal);
    int torn = 0;
    for (int i = 0; i < r.journal.size(); i++) {
      torn += Math.max(0, r.journal.blocksOf(i) - 1);
    }
    assertEquals(r.journal.size() + 1 + torn, points.size());
    assertTrue(torn > 0, "the 9000-byte write spans blocks: " + r.journal.entries());
    List<CrashHarness.CrashPoint> sample = CrashHarness.CrashPoint.sample(r.journal, 3);
    assertEquals(3, sample.size());
    assertEquals(points.get(0), sample.get(0));
    assertEquals(points.get(points.size() - 1), sample.get(2));
  }
}
