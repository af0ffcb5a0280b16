package org.csdlab.fluffle;

/**
 * The shape of a file's block map, as in ext2 and F2FS: the inode holds {@link #direct} block
 * pointers and the roots of three trees of indirect nodes (single, double, triple), each node
 * holding {@link #fanout} pointers. Updating one block rewrites only the nodes on its path and the
 * inode, never a chain.
 *
 * <p>A node is named by a key {@code tree << 56 | depth << 48 | index}: tree 1 to 3, depth 0 for
 * the root, index among the nodes of that depth. Node (t, d, k) has children (t, d + 1, k·F + j); a
 * leaf (d = t − 1) points at blocks {@code base(t) + k·F + j}.
 */
final class BlockTree {
  final int direct;
  final int fanout;
  private final long[] base = new long[4];
  final long maxBlocks;

  BlockTree(int blockSize) {
    this.direct = (blockSize - NodeBlock.POINTERS_OFFSET) / 8 - 3;
    this.fanout = (blockSize - NodeBlock.HEADER_LENGTH) / 8;
    long f = fanout;
    base[1] = direct;
    base[2] = base[1] + f;
    base[3] = base[2] + f * f;
    this.maxBlocks = Math.min(base[3] + f * f * f, Integer.MAX_VALUE - 8);
  }

  static long key(int tree, int depth, long index) {
    return ((long) tree << 56) | ((long) depth << 48) | index;
  }

  static int tree(long key) {
    return (int) (key >>> 56);
  }

  static int depth(long key) {
    return (int) ((key >>> 48) & 0xFF);
  }

  static long index(long key) {
    return key & 0xFFFF_FFFF_FFFFL;
  }

  /** Levels above the leaves: 0 for a leaf. */
  static int height(long key) {
    return tree(key) - 1 - depth(key);
  }

  long base(int tree) {
    return base[tree];
  }

  /** 0 for a direct block, else the tree (1 to 3) holding block {@code block}. */
  int treeOf(long block) {
    if (block < base[1]) {
      return 0;
    }
    if (block < base[2]) {
      return 1;
    }
    return block < base[3] ? 2 : 3;
  }

  /** Blocks below one node at {@code depth} of {@code tree}. */
  long span(int tree, int depth) {
    long s = 1;
    for (int i = depth; i < tree; i++) {
      s *= fanout;
    }
    return s;
  }

  /**
   * The key of the leaf over {@code block}, -1 for a direct block: blocks under one leaf share
   * their whole {@link #path}.
   */
  long leafOf(long block) {
    int t = treeOf(block);
    return t == 0 ? -1 : key(t, t - 1, (block - base[t]) / fanout);
  }

  /** Keys of the nodes from the root to the leaf over {@code block}; empty for a direct block. */
  long[] path(long block) {
    int t = treeOf(block);
    long[] keys = new long[t];
    long rel = block - base[t];
    for (int d = 0; d < t; d++) {
      keys[d] = key(t, d, rel / span(t, d));
    }
    return keys;
  }

  /** The first block below node {@code key}. */
  long firstBlock(long key) {
    int t = tree(key);
    return base[t] + index(key) * span(t, depth(key));
  }
}
