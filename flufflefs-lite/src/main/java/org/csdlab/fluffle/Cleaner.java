package org.csdlab.fluffle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The segment cleaner: picks victim zones by policy, copies their live data to the cleaner log and
 * their live directory blocks to the metadata log, marks their live inodes and nodes for rewriting,
 * and checkpoints, after which the victims hold nothing live and are reset.
 */
final class Cleaner {
  private final Volume v;

  Cleaner(Volume v) {
    this.v = v;
  }

  /**
   * One cleaning pass: picks victims by {@code policy}, copies their live data blocks to the
   * cleaner log, marks their live metadata for rewriting, then checkpoints (which resets them).
   *
   * @return false if no zone could be cleaned
   */
  boolean pass(CleaningPolicy policy) {
    List<Integer> victims = chooseVictims(policy);
    if (victims.isEmpty()) {
      return false;
    }
    v.whileCleaning(
        () -> {
          for (int z : victims) {
            evacuate(z);
          }
        });
    return true;
  }

  private List<Integer> chooseVictims(CleaningPolicy policy) {
    List<Integer> candidates = new ArrayList<>();
    for (int z = Volume.SYSTEM_ZONES; z < v.zones.zoneCount(); z++) {
      if (v.zones.role(z) == ZoneTable.Role.SEALED
          && !v.zones.pinned(z)
          && v.zones.valid(z) < v.capacityOf(z)) {
        candidates.add(z);
      }
    }
    Comparator<Integer> byValid = Comparator.comparingInt(v.zones::valid);
    Comparator<Integer> order =
        policy == CleaningPolicy.GREEDY
            ? byValid
            : Comparator.comparingDouble((Integer z) -> -costBenefit(z)).thenComparing(byValid);
    candidates.sort(order.thenComparingInt(z -> z));
    List<Integer> victims = new ArrayList<>();
    long moved = 0;
    for (int z : candidates) {
      if (!victims.isEmpty()
          && (moved + v.zones.valid(z) > v.dataCapacity || victims.size() >= 4)) {
        break;
      }
      victims.add(z);
      moved += v.zones.valid(z);
    }
    return victims;
  }

  /** Sprite LFS's benefit/cost of cleaning zone {@code z}: (1 - u) · age / (1 + u). */
  double costBenefit(int z) {
    double u = (double) v.zones.valid(z) / v.capacityOf(z);
    double age = Math.max(1, v.clock() - v.zones.modified(z));
    return (1 - u) * age / (1 + u);
  }

  /** A moved node changes its LBA, so every node above it (which holds that LBA) changes too. */
  private void markNodeAndAncestors(Inode f, long key) {
    int t = BlockTree.tree(key);
    long index = BlockTree.index(key);
    for (int d = BlockTree.depth(key); d >= 0; d--, index /= v.tree.fanout) {
      f.dirtyNodes.add(BlockTree.key(t, d, index));
    }
  }

  /**
   * Moves what is live in zone {@code z}. A data zone with a valid on-disk summary is read the
   * Sprite LFS way: each entry names the block's inode and file block index, and the block is live
   * only if that inode still maps the index to it. Metadata zones (whose blocks name their owner in
   * their own header) and data zones without a valid summary use the zone table.
   */
  private void evacuate(int z) {
    long start = v.geometry.zoneStartLba(z);
    List<Integer> data = new ArrayList<>();
    List<Long> dataOwners = new ArrayList<>();
    List<Long> dataIndexes = new ArrayList<>();
    List<Integer> dentries = new ArrayList<>();
    ZoneSummary.Entries summary = v.readSummary(z);
    if (summary != null) {
      for (int off = 0; off < summary.inos().length; off++) {
        long ino = summary.inos()[off];
        long index = summary.indexes()[off];
        Inode f = ino == 0 ? null : v.inode(ino);
        if (f == null || f.isDirectory() || index < 0 || f.block(index) != start + off) {
          continue; // overwritten, truncated or deleted since: dead
        }
        f.dirty = true;
        data.add(off);
        dataOwners.add(ino);
        dataIndexes.add(index);
      }
      if (data.size() != v.zones.valid(z)) {
        throw new IllegalStateException(
            "the summary of zone "
                + z
                + " names "
                + data.size()
                + " live blocks but the zone usage table counts "
                + v.zones.valid(z));
      }
    } else {
      for (int off = 0; off < v.zones.written(z); off++) {
        long owner = v.zones.owner(z, off);
        if (owner == 0) {
          continue;
        }
        BlockTag tag = v.zones.tag(z, off);
        Inode f = v.inode(owner);
        if (f == null) {
          throw new IllegalStateException(
              "zone "
                  + z
                  + " block "
                  + off
                  + " is owned by inode "
                  + owner
                  + ", which does not exist");
        }
        f.dirty = true;
        if (tag.isInode()) {
          continue; // rewritten by the checkpoint
        } else if (tag.isNode()) {
          markNodeAndAncestors(f, tag.nodeKey());
        } else if (f.isDirectory()) {
          dentries.add(off);
        } else {
          data.add(off);
          dataOwners.add(owner);
          dataIndexes.add(tag.index());
        }
      }
    }
    moveDirectoryBlocks(z, dentries);
    for (int i = 0; i < data.size(); ) {
      int n = Math.min(data.size() - i, v.dataCapacity);
      byte[] buf = new byte[n * v.blockSize];
      long[] owners = new long[n];
      long[] tags = new long[n];
      for (int k = 0; k < n; ) {
        int off = data.get(i + k);
        int run = 1;
        while (k + run < n && data.get(i + k + run) == off + run) {
          run++;
        }
        v.readBlocks(start + off, run, buf, k * v.blockSize);
        for (int r = 0; r < run; r++) {
          owners[k + r] = dataOwners.get(i + k + r);
          tags[k + r] = dataIndexes.get(i + k + r);
        }
        k += run;
      }
      long[] lbas = v.appendData(v.cold, buf, n, owners, tags);
      for (int k = 0; k < n; k++) {
        v.setBlock(v.inode(owners[k]), tags[k], lbas[k]);
      }
      v.moved(n);
      i += n;
    }
  }

  /**
   * Copies live directory blocks to the metadata log as they are (cheaper than rewriting the
   * directory).
   */
  private void moveDirectoryBlocks(int z, List<Integer> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    long start = v.geometry.zoneStartLba(z);
    List<byte[]> images = new ArrayList<>();
    long[] owners = new long[offsets.size()];
    BlockTag[] tags = new BlockTag[offsets.size()];
    for (int i = 0; i < offsets.size(); i++) {
      int off = offsets.get(i);
      images.add(v.readBlocks(start + off, 1));
      owners[i] = v.zones.owner(z, off);
      tags[i] = v.zones.tag(z, off);
    }
    long[] lbas = v.appendMeta(images, 0, owners, tags);
    for (int i = 0; i < lbas.length; i++) {
      v.setBlock(v.inode(owners[i]), tags[i].index(), lbas[i]);
    }
    v.moved(lbas.length);
  }
}
