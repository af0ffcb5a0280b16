package org.csdlab.fluffle.crash;

import java.util.List;
import org.csdlab.fluffle.FluffleFs;

/**
 * The filesystem's own structural check (every inode reachable, no block owned twice, usage table
 * exact).
 */
final class Invariants {
  private Invariants() {}

  static List<String> check(FluffleFs fs) {
    return fs.check().problems();
  }
}
