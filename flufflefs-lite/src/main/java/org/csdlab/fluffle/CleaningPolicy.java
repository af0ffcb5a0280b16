package org.csdlab.fluffle;

/** How the cleaner picks victim zones. */
public enum CleaningPolicy {
  /** The zone with the fewest valid blocks: cheapest to clean now. Used whenever space is short. */
  GREEDY,
  /**
   * Sprite LFS's cost-benefit: the zone maximising {@code (1 - u) * age / (1 + u)}, where u is the
   * fraction of valid blocks and age the time since the zone was last written. Prefers old, cold
   * zones, which stay clean once cleaned.
   */
  COST_BENEFIT
}
