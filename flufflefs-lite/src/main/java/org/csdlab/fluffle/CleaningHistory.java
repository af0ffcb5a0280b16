package org.csdlab.fluffle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent cleaning passes of a mount, at most {@link #MAX_PASSES}, so a long workload costs
 * bounded memory. Written by {@link Volume#cleanPass} only.
 */
final class CleaningHistory {
  /** Passes kept; older ones are dropped (their count stays in {@link FsCounters}). */
  static final int MAX_PASSES = 4096;

  private final ArrayDeque<CleaningPass> passes = new ArrayDeque<>();
  private long count;

  /** Records a pass that freed the zones that were not free before it and are now. */
  void record(
      CleaningPolicy policy,
      ZoneTable.Role[] rolesBefore,
      ZoneTable zones,
      FsCounters before,
      FsCounters after) {
    List<Integer> freed = new ArrayList<>();
    for (int z = 0; z < rolesBefore.length; z++) {
      if (rolesBefore[z] != ZoneTable.Role.FREE && zones.role(z) == ZoneTable.Role.FREE) {
        freed.add(z);
      }
    }
    if (passes.size() == MAX_PASSES) {
      passes.removeFirst();
    }
    passes.addLast(
        new CleaningPass(
            ++count, policy, freed, after.blocksMoved() - before.blocksMoved(), after));
  }

  List<CleaningPass> passes() {
    return List.copyOf(passes);
  }
}
