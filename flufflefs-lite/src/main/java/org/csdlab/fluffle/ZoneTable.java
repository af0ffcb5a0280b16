package org.csdlab.fluffle;

/**
 * The zone usage table and zone summary: for each zone its role, valid-block count, last write time
 * (logical clock, for cost-benefit age) and blocks written; for each written block its owner inode
 * and tag, so the cleaner knows what a block is without a search.
 *
 * <p>Tags: a block index (file data or directory entries) is {@code >= 0}; {@link #TAG_INODE} is an
 * inode block; {@code -2 - key} is the indirect node {@code key}. Owner 0 means "not live".
 */
final class ZoneTable {
  static final long TAG_INODE = -1;

  /** What a zone is used for. The on-disk code is the ordinal. */
  enum Role {
    SYSTEM,
    FREE,
    LOG,
    SEALED,
    RESERVED
  }

  private final int zoneCapacity;
  final Role[] role;
  final int[] valid;
  final long[] modified;
  final int[] written;
  final int[] pins;

  /**
   * FREE zones whose old blocks are still on the device: reclaimed by a checkpoint, reset only when
   * a log takes them (see {@code Volume.takeZone}).
   */
  final boolean[] stale;

  /** Zones of the hot or cold log, which end with a summary and so hold fewer data blocks. */
  final boolean[] dataZone;

  private final long[][] owner;
  private final long[][] tag;
  private long liveBlocks;

  ZoneTable(int zoneCount, int zoneCapacity) {
    this.zoneCapacity = zoneCapacity;
    role = new Role[zoneCount];
    valid = new int[zoneCount];
    modified = new long[zoneCount];
    written = new int[zoneCount];
    pins = new int[zoneCount];
    stale = new boolean[zoneCount];
    dataZone = new boolean[zoneCount];
    owner = new long[zoneCount][];
    tag = new long[zoneCount][];
    java.util.Arrays.fill(role, Role.FREE);
  }

  static long nodeTag(long key) {
    return -2 - key;
  }

  static long keyOfTag(long tag) {
    return -2 - tag;
  }

  int zoneCount() {
    return role.length;
  }

  long liveBlocks() {
    return liveBlocks;
  }

  /** Records that block {@code offset} of zone {@code zone} now holds live data of (ino, tag). */
  void own(int zone, int offset, long ino, long tagValue, long now) {
    if (owner[zone] == null) {
      owner[zone] = new long[zoneCapacity];
      tag[zone] = new long[zoneCapacity];
    }
    if (owner[zone][offset] != 0) {
      throw new IllegalStateException(
          "zone "
              + zone
              + " block "
              + offset
              + " is already owned by inode "
              + owner[zone][offset]
              + " tag "
              + tag[zone][offset]
              + "; cannot give it to inode "
              + ino
              + " tag "
              + tagValue);
    }
    owner[zone][offset] = ino;
    tag[zone][offset] = tagValue;
    valid[zone]++;
    liveBlocks++;
    modified[zone] = Math.max(modified[zone], now);
  }

  /** The block is no longer live (superseded or freed). */
  void release(int zone, int offset) {
    if (owner[zone] != null && owner[zone][offset] != 0) {
      owner[zone][offset] = 0;
      valid[zone]--;
      liveBlocks--;
    }
  }

  long owner(int zone, int offset) {
    return owner[zone] == null ? 0 : owner[zone][offset];
  }

  long tag(int zone, int offset) {
    return tag[zone][offset];
  }

  /** Forgets every owner of the zone (after a reset). */
  void clear(int zone) {
    liveBlocks -= valid[zone];
    valid[zone] = 0;
    owner[zone] = null;
    tag[zone] = null;
    written[zone] = 0;
  }

  int count(Role r) {
    int n = 0;
    for (Role x : role) {
      if (x == r) {
        n++;
      }
    }
    return n;
  }

  /** The lowest-numbered free zone, or -1. */
  int firstFree() {
    for (int z = 0; z < role.length; z++) {
      if (role[z] == Role.FREE) {
        return z;
      }
    }
    return -1;
  }

  /** Sealed zones without live or pinned blocks: reset at the next checkpoint. */
  boolean reclaimable(int zone) {
    return role[zone] == Role.SEALED && valid[zone] == 0 && pins[zone] == 0;
  }
}
