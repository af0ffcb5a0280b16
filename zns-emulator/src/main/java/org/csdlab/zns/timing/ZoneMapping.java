package org.csdlab.zns.timing;

/** How a zone's pages are laid out on the dies of the drive. */
public enum ZoneMapping {
  /**
   * Every zone is striped page by page over all dies, channel first: page {@code p} of any zone
   * lives on die {@code p % dies}, and die {@code d} sits on channel {@code d % channels}. Large
   * transfers in one zone use the whole drive in parallel.
   */
  STRIPED,
  /**
   * Every zone lives on a single die, {@code zone % dies}; zones on different dies work in
   * parallel, two zones on the same die queue behind each other.
   */
  ONE_DIE_PER_ZONE
}
