package org.csdlab.fluffle.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.zns.DeviceJournal;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;

/**
 * A CrashMonkey-style harness: runs a workload with the device journaled, rebuilds the device as a
 * power cut after each prefix of its commands would leave it (and with a multi-block write torn at
 * each block boundary), mounts it, and checks the recovered filesystem against the workload's
 * model. Recovery itself is journaled too: a crash during recovery, then another mount, must give
 * the state the first recovery gave.
 */
final class CrashHarness {
  /**
   * A small device, so that cleaning and space pressure come quickly: 24 zones of 32 blocks of 4
   * KiB (3 MiB).
   */
  static final Geometry GEOMETRY =
      Geometry.builder()
          .zoneCount(24)
          .zoneSizeBlocks(32)
          .zoneCapacityBlocks(32)
          .blockSizeBytes(4096)
          .maxOpenZones(14)
          .maxActiveZones(14)
          .build();

  /**
   * 24 zones of 16 blocks of 4 KiB (1.5 MiB): a zone fills after 15 data blocks, so a workload of
   * small overwrites cleans all the time and the reserve is often all that is free.
   */
  static final Geometry SMALL_ZONES =
      Geometry.builder()
          .zoneCount(24)
          .zoneSizeBlocks(16)
          .zoneCapacityBlocks(16)
          .blockSizeBytes(4096)
          .maxOpenZones(14)
          .maxActiveZones(14)
          .build();

  /**
   * Which crash points to visit: at most {@code maxCrashPoints} from the start of operation {@code
   * firstOp} on (earlier operations set the stage), and for each at most {@code maxRecoveryPoints}
   * crashes during its recovery; with {@code everyPointOfCleaningAndSync}, also every crash point
   * inside a cleaning pass or a sync (a checkpoint switch), however many. For each crash during
   * recovery, at most {@code maxNestedRecoveryPoints} crashes during the recovery that follows it
   * (a recovery cut short twice).
   */
  record Plan(
      int maxCrashPoints,
      int maxRecoveryPoints,
      int firstOp,
      boolean everyPointOfCleaningAndSync,
      int maxNestedRecoveryPoints) {
    Plan(int maxCrashPoints, int maxRecoveryPoints, int firstOp) {
      this(maxCrashPoints, maxRecoveryPoints, firstOp, false);
    }

    Plan(
        int maxCrashPoints,
        int maxRecoveryPoints,
        int firstOp,
        boolean everyPointOfCleaningAndSync) {
      this(maxCrashPoints, maxRecoveryPoints, firstOp, everyPointOfCleaningAndSync, 0);
    }
  }

  /**
   * A crash point: the first {@code commands} journal entries, the last one cut to {@code
   * tornBlocks} if torn.
   */
  record CrashPoint(int commands, int tornBlocks) {
    boolean torn() {
      return tornBlocks >= 0;
    }

    ZnsDevice replay(DeviceJournal journal) {
      return torn() ? journal.replayTorn(commands, tornBlocks) : journal.replay(commands);
    }

    @Override
    public String toString() {
      return torn()
          ? "after "
              + (commands - 1)
              + " commands + "
              + tornBlocks
              + " blocks of command "
              + (commands - 1)
          : "after " + commands + " commands";
    }

    /** Every prefix, and every block boundary of every multi-block write. */
    static List<CrashPoint> all(DeviceJournal journal) {
      return all(journal, 0);
    }

    /**
     * Every prefix of at least {@code from} commands, and the block boundaries of the writes after
     * them.
     */
    static List<CrashPoint> all(DeviceJournal journal, int from) {
      List<CrashPoint> out = new ArrayList<>();
      for (int n = from; n <= journal.size(); n++) {
        out.add(new CrashPoint(n, -1));
        if (n > from) {
          for (int k = 1; k < journal.blocksOf(n - 1); k++) {
            out.add(new CrashPoint(n, k));
          }
        }
      }
      return out;
    }

    /** At most {@code limit} of {@link #all}, always the first and last, the rest evenly spread. */
    static List<CrashPoint> sample(DeviceJournal journal, int limit) {
      return sample(journal, 0, limit);
    }

    /** As {@link #sample(DeviceJournal, int)}, from {@code from} commands on. */
    static List<CrashPoint> sample(DeviceJournal journal, int from, int limit) {
      List<CrashPoint> all = all(journal, from);
      if (all.size() <= limit) {
        return all;
      }
      List<CrashPoint> out = new ArrayList<>();
      for (int i = 0; i < limit; i++) {
        out.add(all.get((int) ((long) i * (all.size() - 1) / (limit - 1))));
      }
      return out;
    }
  }

  private CrashHarness() {}

  static ZnsDevice device() {
    return ZnsDevice.builder(GEOMETRY).deallocatedErrors(true).build();
  }

  static FluffleFs format(ZnsDevice device) {
    return FluffleFs.format(device, FormatOptions.defaults());
  }

  /** What exploring a workload found: how many crash points were mounted, and every violation. */
  record Findings(int crashPoints, int recoveryCrashes, List<String> violations) {
    static Findings none() {
      return new Findings(0, 0, List.of());
    }

    Findings plus(Findings other) {
      List<String> all = new ArrayList<>(violations);
      all.addAll(other.violations);
      return new Findings(
          crashPoints + other.crashPoints, recoveryCrashes + other.recoveryCrashes, all);
    }

    /** The first {@code n} violations (what an assertion shows). */
    List<String> first(int n) {
      return violations.subList(0, Math.min(n, violations.size()));
    }
  }

  /**
   * Every violation the workload's crash points show, each line naming the workload and the point.
   */
  static Findings explore(List<CrashOp> ops, Plan plan) {
    return explore(Recording.run(device(), ops), plan);
  }

  /** As {@link #explore(List, Plan)}, for a workload already recorded. */
  static Findings explore(Recording recording, Plan plan) {
    List<CrashOp> ops = recording.ops;
    String workload = ops.size() <= 12 ? ops.toString() : "[" + ops.size() + " operations]";
    CrashChecker checker = new CrashChecker(recording, GEOMETRY.blockSizeBytes());
    List<String> out = new ArrayList<>();
    for (String problem : recording.liveProblems) {
      out.add(workload + ": " + problem);
    }
    int from = recording.begin[plan.firstOp()];
    java.util.Set<CrashPoint> points =
        new java.util.LinkedHashSet<>(
            CrashPoint.sample(recording.journal, from, plan.maxCrashPoints()));
    if (plan.everyPointOfCleaningAndSync()) {
      for (int i = 0; i < ops.size(); i++) {
        if (ops.get(i) instanceof CrashOp.Clean || ops.get(i) instanceof CrashOp.Sync) {
          for (CrashPoint p : CrashPoint.all(recording.journal, recording.begin[i])) {
            if (p.commands() <= recording.end[i]) {
              points.add(p);
            }
          }
        }
      }
    }
    int[] recoveryCrashes = {0};
    for (CrashPoint point : points) {
      for (String v : crashAt(recording, checker, point, plan, recoveryCrashes)) {
        out.add(workload + " crash " + point + " " + recording.describe(point) + ": " + v);
      }
    }
    return new Findings(points.size(), recoveryCrashes[0], out);
  }

  private static List<String> crashAt(
      Recording recording,
      CrashChecker checker,
      CrashPoint point,
      Plan plan,
      int[] recoveryCrashes) {
    int whole = point.torn() ? point.commands() - 1 : point.commands();
    int completed = recording.completedAt(whole);
    int inFlight = recording.inFlightAt(whole, point.torn());
    ZnsDevice crashed = point.replay(recording.journal);
    DeviceJournal recovery = DeviceJournal.attach(crashed);
    FluffleFs fs;
    try {
      fs = FluffleFs.mount(crashed);
    } catch (RuntimeException e) {
      return List.of(mountFailure(e));
    }
    int mountCommands = recovery.size();
    List<String> out = new ArrayList<>(Invariants.check(fs));
    Map<String, Observed> tree;
    try {
      tree = Observed.readTree(fs);
    } catch (RuntimeException e) {
      return List.of("reading the recovered tree failed: " + e);
    }
    out.addAll(checker.check(tree, completed, inFlight));
    if (completed == recording.ops.size() + 1) {
      // a clean unmount: everything is there, exactly
      FsModel last = recording.models.get(recording.ops.size());
      Map<String, FsModel.Node> expected = last.tree();
      if (!expected.keySet().equals(tree.keySet())) {
        out.add(
            "after a clean unmount the tree is "
                + tree.keySet()
                + ", expected "
                + expected.keySet());
      }
      for (Map.Entry<String, FsModel.Node> e : expected.entrySet()) {
        Observed o = tree.get(e.getKey());
        if (o != null
            && !e.getValue().directory()
            && !java.util.Arrays.equals(last.content(e.getValue().id()), o.content())) {
          out.add(
              "after a clean unmount "
                  + o
                  + " does not hold what was written ("
                  + last.content(e.getValue().id()).length
                  + " bytes expected)");
        }
      }
    }
    fs.unmount();
    recovery.detach();
    out.addAll(
        recoveryIsIdempotent(
            recovery, mountCommands, Observed.summary(tree), plan, recoveryCrashes));
    return out;
  }

  /**
   * A crash at any point of recovery, then a mount, gives the state recovery gave; so does a crash
   * during that second recovery (at most {@code plan.maxNestedRecoveryPoints()} of them), then a
   * third mount.
   */
  private static List<String> recoveryIsIdempotent(
      DeviceJournal recovery,
      int mountCommands,
      Map<String, String> recovered,
      Plan plan,
      int[] recoveryCrashes) {
    return recoveryIsIdempotent(
        recovery, mountCommands, recovered, plan.maxRecoveryPoints(), plan, 1, recoveryCrashes);
  }

  private static List<String> recoveryIsIdempotent(
      DeviceJournal recovery,
      int mountCommands,
      Map<String, String> recovered,
      int maxPoints,
      Plan plan,
      int depth,
      int[] recoveryCrashes) {
    List<String> out = new ArrayList<>();
    List<CrashPoint> points = new ArrayList<>();
    for (CrashPoint p : CrashPoint.all(recovery)) {
      if (p.commands() <= mountCommands) {
        points.add(p);
      }
    }
    points.add(new CrashPoint(recovery.size(), -1)); // after the unmount too
    if (maxPoints <= 0) {
      return out;
    }
    int step = Math.max(1, points.size() / maxPoints);
    String during = depth == 1 ? "a crash during recovery " : "a second crash, during recovery ";
    for (int i = 0; i < points.size(); i += step) {
      CrashPoint p = points.get(i);
      recoveryCrashes[0]++;
      ZnsDevice cut = p.replay(recovery);
      DeviceJournal again =
          depth < 2 && plan.maxNestedRecoveryPoints() > 0 ? DeviceJournal.attach(cut) : null;
      FluffleFs fs;
      try {
        fs = FluffleFs.mount(cut);
      } catch (RuntimeException e) {
        out.add(during + p + " then a mount: " + mountFailure(e));
        continue;
      }
      int againCommands = again == null ? 0 : again.size();
      try {
        for (String problem : Invariants.check(fs)) {
          out.add(during + p + " then a mount: " + problem);
        }
        Map<String, String> state = Observed.summary(Observed.readTree(fs));
        if (!state.equals(recovered)) {
          out.add(
              "recovery is not idempotent: "
                  + during
                  + p
                  + " then a mount gives "
                  + state
                  + ", the first recovery gave "
                  + recovered);
        }
        fs.unmount();
      } catch (RuntimeException e) {
        out.add(during + p + " then a mount, reading the tree or unmounting fails: " + e);
        continue;
      }
      if (again != null) {
        again.detach();
        for (String v :
            recoveryIsIdempotent(
                again,
                againCommands,
                recovered,
                plan.maxNestedRecoveryPoints(),
                plan,
                depth + 1,
                recoveryCrashes)) {
          out.add(during + p + ", then " + v);
        }
      }
    }
    return out;
  }

  /** A refused mount names its reason; one that throws anything but an FsException is a bug. */
  private static String mountFailure(RuntimeException e) {
    return e instanceof org.csdlab.fluffle.FsException
        ? "mount failed: " + e
        : "mount threw " + e + ", not an FsException";
  }
}
