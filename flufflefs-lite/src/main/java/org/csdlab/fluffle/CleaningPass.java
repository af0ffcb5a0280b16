package org.csdlab.fluffle;

import java.util.List;

/**
 * One cleaning pass, as {@link FluffleFs#cleaningPasses()} lists them: asked for with {@link
 * FluffleFs#clean}, run in the background when free zones run low, or forced (greedy) when a write
 * needs room.
 *
 * @param number the pass's number since this mount, from 1
 * @param policy the policy that chose its victims
 * @param zonesFreed zones that became free with the pass's checkpoint (its victims, and any other
 *     zone left with nothing live)
 * @param blocksMoved live blocks the pass copied
 * @param after the filesystem's counters when the pass ended
 */
public record CleaningPass(
    long number,
    CleaningPolicy policy,
    List<Integer> zonesFreed,
    long blocksMoved,
    FsCounters after) {

  /** Copies the list. */
  public CleaningPass {
    zonesFreed = List.copyOf(zonesFreed);
  }

  /** Write amplification since format when the pass ended. */
  public double writeAmplification() {
    return after.writeAmplification();
  }
}
