package org.csdlab.fluffle.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.zns.DeviceJournal;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cleaning-heavy workloads on small zones ({@link CrashHarness#SMALL_ZONES}), crashed during the
 * workload and again during the recovery, and during the recovery after that: the reported case
 * (recovery cut short left a device whose next mount found no free zone for the metadata log) and
 * its class. Figures for a larger run: {@code mvn -o -B -q -pl flufflefs-lite -am test
 * -Dtest=CleaningRecoveryCrashTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcrash.cleaningRecovery.points=100000}; each test prints its figures.
 */
class CleaningRecoveryCrashTest {
  static final int FILE_A_BYTES = 450 * 1024;
  static final int FILE_B_BYTES = 150 * 1024;

  /** Crash points per workload; more with {@code -Dcrash.cleaningRecovery.points=N}. */
  static final int CRASH_POINTS = Integer.getInteger("crash.cleaningRecovery.points", 160);

  /**
   * Two files of 450 KB and 150 KB, fsynced, then {@code overwrites} random overwrites of 1 B to 8
   * KiB (three in four to the larger file), with a fsync of the file written after every tenth.
   */
  static List<CrashOp> overwrites(long seed, int overwrites) {
    Random random = new Random(seed);
    List<CrashOp> ops = new ArrayList<>();
    ops.add(new CrashOp.Create("/a"));
    ops.add(new CrashOp.Create("/b"));
    ops.add(new CrashOp.Write("/a", 0, FILE_A_BYTES, 1));
    ops.add(new CrashOp.Write("/b", 0, FILE_B_BYTES, 2));
    ops.add(new CrashOp.Fsync("/a"));
    ops.add(new CrashOp.Fsync("/b"));
    for (int i = 0; i < overwrites; i++) {
      boolean a = random.nextInt(4) != 0;
      int size = a ? FILE_A_BYTES : FILE_B_BYTES;
      int length = 1 + random.nextInt(8192);
      long offset = random.nextInt(size - length);
      ops.add(new CrashOp.Write(a ? "/a" : "/b", offset, length, random.nextLong()));
      if (i % 10 == 9) {
        ops.add(new CrashOp.Fsync(a ? "/a" : "/b"));
      }
    }
    return ops;
  }

  static Recording record(long seed) {
    return Recording.run(
        ZnsDevice.builder(CrashHarness.SMALL_ZONES).deallocatedErrors(true).build(),
        overwrites(seed, 260));
  }

  /**
   * The reported case: after a crash 219 commands into the workload, recovery is cut short after
   * its fifth command; the next mount used to fail with "the metadata log found no free zone (0
   * free, reserve 3)", thrown as a raw IllegalStateException.
   */
  @Test
  void recoveryCutAfterItsFifthCommandCompletesOnTheNextMount() {
    Recording recording = record(3);
    ZnsDevice crashed = recording.journal.replay(219);
    DeviceJournal recovery = DeviceJournal.attach(crashed);
    FluffleFs first = FluffleFs.mount(crashed);
    Map<String, String> recovered = Observed.summary(Observed.readTree(first));
    first.unmount();
    recovery.detach();
    assertTrue(recovery.size() > 5, "recovery wrote " + recovery.size() + " commands");

    FluffleFs second = FluffleFs.mount(recovery.replay(5));

    assertEquals(recovered, Observed.summary(Observed.readTree(second)));
    assertEquals(List.of(), second.check().problems());
    second.unmount();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 3})
  void aCleaningHeavyWorkloadSurvivesCrashesDuringRecovery(long seed) {
    Recording recording = record(seed);
    assertTrue(
        recording.counters.cleaningPasses() > 20 && recording.counters.blocksMoved() > 200,
        "the workload cleans all the time: " + recording.counters);
    CrashHarness.Findings findings =
        CrashHarness.explore(
            recording, new CrashHarness.Plan(CRASH_POINTS, Integer.MAX_VALUE, 0, false, 3));
    System.out.println(
        "cleaning-heavy workload seed "
            + seed
            + " ("
            + recording.ops.size()
            + " operations, "
            + recording.journal.size()
            + " device commands, "
            + recording.counters
            + "): "
            + findings.crashPoints()
            + " crash points, "
            + findings.recoveryCrashes()
            + " recovery-crash points, "
            + findings.violations().size()
            + " violations");
    assertTrue(findings.crashPoints() >= Math.min(CRASH_POINTS, 160), "" + findings.crashPoints());
    assertTrue(findings.recoveryCrashes() > findings.crashPoints() * 5, "" + findings);
    assertEquals(
        List.of(),
        findings.first(10),
        findings.violations().size() + " violations; the first 10 are shown");
  }
}
