package org.csdlab.fluffle;

import java.util.List;

/**
 * What {@link FluffleFs#check()} found: structural invariants that do not hold. Empty when the
 * filesystem is consistent: every inode reachable from the root, no block referenced twice, the
 * zone usage table equal to the blocks actually referenced, every referenced block inside the
 * written part of a data zone.
 *
 * @param inodes inodes checked
 * @param liveBlocks blocks referenced
 * @param problems one sentence per violated invariant
 */
public record CheckReport(long inodes, long liveBlocks, List<String> problems) {

  /** Copies the list. */
  public CheckReport {
    problems = List.copyOf(problems);
  }

  /** True if no invariant is violated. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
