package org.csdlab.zns.csd;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link HelperRefusal}s of one run, at most {@link #limit()} kept (the first ones); later ones
 * are only counted, so a kernel that loops over refused reads cannot fill the host's memory.
 */
final class HelperRefusals {
  private final int limit;
  private final List<HelperRefusal> kept = new ArrayList<>();
  private long dropped;

  HelperRefusals(int limit) {
    this.limit = limit;
  }

  void add(HelperRefusal refusal) {
    if (kept.size() < limit) {
      kept.add(refusal);
    } else {
      dropped++;
    }
  }

  List<HelperRefusal> kept() {
    return List.copyOf(kept);
  }

  long dropped() {
    return dropped;
  }

  int limit() {
    return limit;
  }

  void clear() {
    kept.clear();
    dropped = 0;
  }
}
