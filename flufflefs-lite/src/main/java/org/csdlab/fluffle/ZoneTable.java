package org.csdlab.fluffle;

import java.util.Arrays;

/**
 * The zone usage table, the one owner of what the filesystem knows about each zone: its role, its
 * valid-block count, its last write time (logical clock, for cost-benefit age), how many blocks
 * were written to it, the snapshots pinning it, whether it is a data zone (ending with a summary)
 * and whether, free, it still holds old blocks; and for each written block its owner inode and
 * {@link BlockTag}, so the cleaner knows what a block is without a search.
 *
 * <p>Its methods keep the invariants: the valid count of a zone is the number of its owned blocks,
 * and {@link #liveBlocks()} their sum; a block has at most one owner; a FREE or RESERVED zone owns
 * nothing and is not pinned; only a FREE zone holds stale blocks; roles change only along the
 * lifecycle below (mount, which rebuilds the table, sets them with {@link #assign}).
 *
 * <pre>
 *   FREE --openLog--> LOG --seal--> SEALED --reclaim--> FREE (stale until reset)
 *   FREE --reserve--> RESERVED --openLog (the metadata log moves in)--> LOG
 * </pre>
 */
final class ZoneTable {
  /** What a zone is used for. The on-disk code is the ordinal. */
  enum Role {
    SYSTEM,
    FREE,
    LOG,
    SEALED,
    RESERVED
  }

  private final int zoneCapacity;
  private final Role[] role;
  private final int[] valid;
  private final long[] modified;
  private final int[] written;
  private final int[] pins;

  /**
   * FREE zones whose old blocks are still on the device: reclaimed by a checkpoint, reset only when
   * a log takes them (see {@code Volume.takeZone}).
   */
  private final boolean[] stale;

  /** Zones of the hot or cold log, which end with a summary and so hold fewer data blocks. */
  private final boolean[] dataZone;

  private final long[][] owner;
  private final long[][] tag;
  private long liveBlocks;

  /**
   * A table of {@code zoneCount} zones, the first {@code systemZones} of them SYSTEM, the rest
   * FREE.
   */
  ZoneTable(int zoneCount, int zoneCapacity, int systemZones) {
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
    Arrays.fill(role, Role.FREE);
    Arrays.fill(role, 0, systemZones, Role.SYSTEM);
  }

  // ---------------------------------------------------------------- queries

  int zoneCount() {
    return role.length;
  }

  long liveBlocks() {
    return liveBlocks;
  }

  Role role(int zone) {
    return role[zone];
  }

  int valid(int zone) {
    return valid[zone];
  }

  long modified(int zone) {
    return modified[zone];
  }

  /** Blocks written to the zone since its last reset (its capacity once full or finished). */
  int written(int zone) {
    return written[zone];
  }

  /** How many snapshot pins hold {@code zone}. */
  int pins(int zone) {
    return pins[zone];
  }

  /** Every zone's role, a copy. */
  Role[] roles() {
    return role.clone();
  }

  boolean pinned(int zone) {
    return pins[zone] > 0;
  }

  boolean stale(int zone) {
    return stale[zone];
  }

  boolean isDataZone(int zone) {
    return dataZone[zone];
  }

  /** The inode owning block {@code offset} of the zone, or 0 if the block is not live. */
  long owner(int zone, int offset) {
    return owner[zone] == null ? 0 : owner[zone][offset];
  }

  /** What the live block {@code offset} of the zone is to its owner. */
  BlockTag tag(int zone, int offset) {
    if (owner(zone, offset) == 0) {
      throw new IllegalStateException("zone " + zone + " block " + offset + " is not live");
    }
    return new BlockTag(tag[zone][offset]);
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

  /** Sealed zones without live or pinned blocks: freed by the next checkpoint. */
  boolean reclaimable(int zone) {
    return role[zone] == Role.SEALED && valid[zone] == 0 && pins[zone] == 0;
  }

  boolean anyReclaimable() {
    for (int z = 0; z < role.length; z++) {
      if (reclaimable(z)) {
        return true;
      }
    }
    return false;
  }

  int pinnedZones() {
    int n = 0;
    for (int p : pins) {
      if (p > 0) {
        n++;
      }
    }
    return n;
  }

  /** The role of each zone as its on-disk code, for a checkpoint pack. */
  byte[] roleCodes() {
    byte[] out = new byte[role.length];
    for (int z = 0; z < role.length; z++) {
      out[z] = (byte) role[z].ordinal();
    }
    return out;
  }

  int[] validCounts() {
    return valid.clone();
  }

  long[] modifiedTimes() {
    return modified.clone();
  }

  // ---------------------------------------------------------------- blocks

  /** Records that block {@code offset} of zone {@code zone} now holds live data of (ino, tag). */
  void own(int zone, int offset, long ino, BlockTag blockTag, long now) {
    if (ino == 0) {
      throw new IllegalArgumentException("inode 0 cannot own a block");
    }
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
              + blockTag.code());
    }
    owner[zone][offset] = ino;
    tag[zone][offset] = blockTag.code();
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

  /** The zone now holds {@code blocks} written blocks (it only grows until a reset). */
  void wrote(int zone, int blocks) {
    if (blocks < written[zone] || blocks > zoneCapacity) {
      throw new IllegalStateException(
          "zone "
              + zone
              + ": written blocks go from "
              + written[zone]
              + " to "
              + blocks
              + " (capacity "
              + zoneCapacity
              + ")");
    }
    written[zone] = blocks;
  }

  /** The zone is full (written to the end, or finished): nothing more can be appended. */
  void filled(int zone) {
    written[zone] = zoneCapacity;
  }

  /** The device reset the zone: nothing is written in it. It must own nothing. */
  void wasReset(int zone) {
    if (valid[zone] != 0) {
      throw new IllegalStateException(
          "zone " + zone + " was reset with " + valid[zone] + " live blocks");
    }
    owner[zone] = null;
    tag[zone] = null;
    written[zone] = 0;
    stale[zone] = false;
  }

  /** A snapshot pins (+1) or unpins (-1) a block of the zone. */
  void pin(int zone, int delta) {
    pins[zone] += delta;
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * A log takes the zone: a FREE one already reset (or never written), or the RESERVED next zone of
   * the metadata log.
   */
  void openLog(int zone, boolean data, long now) {
    if (role[zone] == Role.FREE && stale[zone]) {
      throw new IllegalStateException("zone " + zone + " must be reset before a log takes it");
    }
    if (role[zone] != Role.FREE && role[zone] != Role.RESERVED) {
      throw new IllegalStateException("zone " + zone + " is " + role[zone] + ", not free");
    }
    role[zone] = Role.LOG;
    dataZone[zone] = data;
    modified[zone] = now;
  }

  /**
   * The metadata log keeps a FREE (already reset) zone as the one it moves to next, from time
   * {@code now}.
   */
  void reserve(int zone, long now) {
    if (role[zone] != Role.FREE || stale[zone]) {
      throw new IllegalStateException(
          "zone "
              + zone
              + " is "
              + role[zone]
              + (stale[zone] ? " (not reset)" : "")
              + ", not free");
    }
    role[zone] = Role.RESERVED;
    dataZone[zone] = false;
    modified[zone] = now;
  }

  /** A log leaves the zone: it keeps what was written to it. */
  void seal(int zone) {
    role[zone] = Role.SEALED;
  }

  /**
   * A checkpoint no longer references anything in the {@link #reclaimable} zone: it is FREE from
   * now on, stale until the device resets it.
   */
  void reclaim(int zone) {
    if (!reclaimable(zone)) {
      throw new IllegalStateException(
          "zone " + zone + " is not reclaimable: " + role[zone] + ", " + valid[zone] + " valid");
    }
    freeStale(zone);
  }

  /** The zone holds file data, so its last blocks are its summary. */
  void markDataZone(int zone) {
    dataZone[zone] = true;
  }

  // ---------------------------------------------------------------- mount

  /**
   * Mount: the zone's role and last write time from the checkpoint, its written blocks from the
   * device.
   */
  void restore(int zone, Role r, long modifiedTime, int writtenBlocks) {
    role[zone] = r;
    modified[zone] = modifiedTime;
    written[zone] = writtenBlocks;
  }

  /**
   * Mount: the role reconciled with the device and with what is live. A FREE or RESERVED zone must
   * own nothing.
   */
  void assign(int zone, Role r) {
    if ((r == Role.FREE || r == Role.RESERVED) && valid[zone] != 0) {
      throw new IllegalStateException(
          "zone " + zone + " cannot be " + r + ": it holds " + valid[zone] + " live blocks");
    }
    role[zone] = r;
  }

  /** Mount: a zone holding only old blocks nothing will read again is free, stale until reset. */
  void freeStale(int zone) {
    if (valid[zone] != 0 || pins[zone] != 0) {
      throw new IllegalStateException(
          "zone " + zone + " holds " + valid[zone] + " live blocks and cannot be freed");
    }
    owner[zone] = null;
    tag[zone] = null;
    written[zone] = 0;
    role[zone] = Role.FREE;
    stale[zone] = true;
  }
}
