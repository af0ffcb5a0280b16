package org.csdlab.ebpf.verifier;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairs the scalar links of two states being compared (the kernel's {@code check_ids}): ids are
 * drawn fresh as the exploration goes, so two states are alike when their links have the same
 * shape, whatever the numbers.
 */
final class LinkMap {
  private final Map<Integer, Integer> toMine = new HashMap<>();
  private final Map<Integer, Integer> toTheirs = new HashMap<>();

  /**
   * For a subset test: true when the link {@code theirs} of the explored state holds in this one,
   * i.e. every holder of {@code theirs} seen so far is, here, a holder of one same link {@code
   * mine}. The explored state's paths assumed its linked values equal; this state may link more.
   */
  boolean covers(int mine, int theirs) {
    if (theirs == 0) {
      return true;
    }
    Integer seen = toMine.putIfAbsent(theirs, mine);
    return seen == null || (seen == mine && mine != 0);
  }

  /** For an equality test: true while the links pair one to one. */
  boolean matches(int mine, int theirs) {
    if (mine == 0 || theirs == 0) {
      return mine == theirs;
    }
    Integer a = toMine.putIfAbsent(theirs, mine);
    Integer b = toTheirs.putIfAbsent(mine, theirs);
    return (a == null || a == mine) && (b == null || b == theirs);
  }
}
