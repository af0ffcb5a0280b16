package org.csdlab.fluffle;

/**
 * What a live block is to its owner inode: block {@code index} of its data or directory entries,
 * its inode block, or its indirect node {@code key} ({@link BlockTree} keys). Stored in the zone
 * table as one {@code long}: an index is itself ({@code >= 0}), the inode block is -1, node {@code
 * key} is {@code -2 - key}.
 */
record BlockTag(long code) {
  static final BlockTag INODE = new BlockTag(-1);

  /** Block {@code index} of a file's data or a directory's entries. */
  static BlockTag block(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("a block index is >= 0, was " + index);
    }
    return new BlockTag(index);
  }

  /** The indirect node {@code key}. */
  static BlockTag node(long key) {
    if (key < 0) {
      throw new IllegalArgumentException("a node key is >= 0, was " + key);
    }
    return new BlockTag(-2 - key);
  }

  boolean isInode() {
    return code == -1;
  }

  boolean isNode() {
    return code < -1;
  }

  boolean isBlock() {
    return code >= 0;
  }

  /** The block index (data or directory entries); only for {@link #isBlock()}. */
  long index() {
    if (!isBlock()) {
      throw new IllegalStateException(this + " is not a file block");
    }
    return code;
  }

  /** The indirect node key; only for {@link #isNode()}. */
  long nodeKey() {
    if (!isNode()) {
      throw new IllegalStateException(this + " is not an indirect node");
    }
    return -2 - code;
  }

  @Override
  public String toString() {
    return isInode() ? "inode block" : isNode() ? "node " + nodeKey() : "block " + code;
  }
}
