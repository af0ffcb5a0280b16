package org.csdlab.lab.dataset;

import org.csdlab.fluffle.FluffleFs;

/**
 * Something a dataset can be written into as a file: a mounted flufflefs-lite, such as a lab's
 * {@code lab.fs()}.
 */
public interface FluffleFsTarget {

  /** The mounted filesystem (formatted or mounted on first use where the target does that). */
  FluffleFs fluffleFs();
}
