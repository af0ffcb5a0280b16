package org.csdlab.fluffle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.csdlab.zns.ZoneAction;
import org.csdlab.zns.ZoneState;

/**
 * Builds a {@link Volume}: format writes a fresh image; mount reads the superblock and the latest
 * checkpoint, loads every inode, rolls forward through the metadata log after the checkpoint
 * (inodes written by fsync), rebuilds the zone usage from the block maps, and only then — when
 * everything has been checked — writes: a recovery checkpoint and the resets of zones nothing
 * references.
 */
final class Mounter {
  static final int MIN_OPEN_ZONES = 4;
  static final int MIN_ACTIVE_ZONES = 6;

  private Mounter() {}

  static Volume format(ZnsDevice device, FormatOptions options) {
    Geometry g = device.geometry();
    int n = options.zoneCount() == 0 ? g.zoneCount() : options.zoneCount();
    if (n > g.zoneCount()) {
      throw new IllegalArgumentException(
          "cannot format "
              + n
              + " zones: the device has "
              + g.zoneCount()
              + " (FormatOptions.zoneCount is at most the device's zone count)");
    }
    int reserve =
        options.reserveZones() == 0
            ? Math.max(3, (int) Math.ceil(n * 0.05))
            : options.reserveZones();
    int spare = n - Volume.SYSTEM_ZONES - Volume.LOG_ZONES - reserve;
    if (spare < 2) {
      throw new IllegalArgumentException(
          "cannot format "
              + g
              + ": flufflefs-lite needs "
              + Volume.SYSTEM_ZONES
              + " system zones, "
              + Volume.LOG_ZONES
              + " log zones, "
              + reserve
              + " reserve zones and at least 2 zones"
              + " for data, so at least "
              + (Volume.SYSTEM_ZONES + Volume.LOG_ZONES + reserve + 2)
              + " zones");
    }
    if (g.maxOpenZones() < MIN_OPEN_ZONES || g.maxActiveZones() < MIN_ACTIVE_ZONES) {
      throw new IllegalArgumentException(
          "cannot format "
              + g
              + ": flufflefs-lite needs at least "
              + MIN_OPEN_ZONES
              + " open and "
              + MIN_ACTIVE_ZONES
              + " active zones (three logs and a checkpoint zone at once)");
    }
    if (Checkpoint.maxInodes(n, g.zoneCapacityBytes()) < 16) {
      throw new IllegalArgumentException(
          "cannot format "
              + g
              + ": a zone of "
              + g.zoneCapacityBytes()
              + " bytes cannot hold a checkpoint of "
              + n
              + " zones and 16 inodes; use larger zones");
    }
    for (int z = 0; z < Volume.SYSTEM_ZONES; z++) {
      if (!usable(device.zone(z).state())) {
        throw new IllegalArgumentException(
            "cannot format: zone "
                + z
                + " is "
                + device.zone(z).state()
                + " and flufflefs-lite needs zones 0 to "
                + (Volume.SYSTEM_ZONES - 1)
                + " writable");
      }
    }
    for (int z = 0; z < n; z++) {
      ZoneState state = device.zone(z).state();
      // as a reset of every zone would: failed zones stay as they are; zones from n on are not
      // the filesystem's
      if (state != ZoneState.EMPTY && usable(state)) {
        device.manage(z, ZoneAction.RESET);
      }
    }
    Superblock sb = Superblock.of(g, n, reserve, options, Volume.now());
    device.write(0, sb.encode());
    device.manage(0, ZoneAction.FINISH);
    Volume v = new Volume(device, sb);
    v.wroteSuperblock();
    for (int z = Volume.SYSTEM_ZONES; z < n; z++) {
      if (!usable(device.zone(z).state())) {
        v.zones.assign(z, ZoneTable.Role.SYSTEM); // a failed zone is never used
      }
    }
    v.advance(v.meta);
    Inode root = new Inode(Volume.ROOT_INO, FileType.DIRECTORY, Volume.ROOT_INO, Volume.now());
    root.entriesDirty = true;
    v.adopt(root);
    v.checkpoint();
    return v;
  }

  static Volume mount(ZnsDevice device) {
    Geometry g = device.geometry();
    Zone zone0 = device.zone(0);
    if (zone0.writtenBlocks() == 0) {
      throw new NotFluffleFsException(
          "",
          "the device holds no flufflefs-lite image: zone 0 is empty ("
              + zone0
              + "); format it with FluffleFs.format(device, options)");
    }
    Superblock sb = Superblock.decode(device.read(0, 1), g);
    Volume v = new Volume(device, sb);
    Checkpoint cp = latestCheckpoint(v);
    for (int i = 0; i < cp.inodeNumbers().length; i++) {
      long ino = cp.inodeNumbers()[i];
      v.adopt(v.loadInode(ino, cp.inodeLbas()[i]));
    }
    java.util.Set<Integer> held = new java.util.HashSet<>();
    rollForward(v, cp, held);
    checkNamespace(v);
    rebuildUsage(v);
    reconcileZones(v, held);
    checkSummaries(v);
    // everything is checked: from here on the mount writes
    for (int z = Volume.SYSTEM_ZONES; z < v.zoneCount; z++) {
      ZoneState s = device.zone(z).state();
      if (v.zones.role(z) == ZoneTable.Role.SEALED && v.zones.valid(z) > 0 && s != ZoneState.FULL) {
        // full, it gives back its active resource
        if (v.zones.isDataZone(z)) {
          v.completeDataZone(z);
        } else {
          device.manage(z, ZoneAction.FINISH); // metadata is read only where the maps point
          v.zones.filled(z);
        }
      }
    }
    if (v.meta.nextZone() < 0) {
      if (v.zones.firstFree() < 0) {
        throw new CorruptImageException("", "no free zone is left for the metadata log");
      }
      v.reserveMetaNextZone();
    }
    v.checkpoint();
    v.resetStaleZones();
    return v;
  }

  private static boolean usable(ZoneState s) {
    return s != ZoneState.READ_ONLY && s != ZoneState.OFFLINE;
  }

  /** The checkpoint pack with the highest sequence number in either checkpoint zone. */
  private static Checkpoint latestCheckpoint(Volume v) {
    Checkpoint best = null;
    int bestZone = -1;
    for (int z = 1; z <= 2; z++) {
      Zone zone = v.device.zone(z);
      int written = (int) Math.min(zone.writtenBlocks(), v.zoneCapacity);
      if (written <= 0) {
        continue;
      }
      byte[] area = v.readBlocks(zone.startLba(), written);
      for (int from = 0; from < area.length; ) {
        int blocks = Checkpoint.packBlocksAt(area, from, v.blockSize);
        Checkpoint cp =
            blocks == 0 ? null : Checkpoint.decode(area, from, v.zoneCount, v.blockSize);
        if (cp != null && (best == null || cp.seq() > best.seq())) {
          best = cp;
          bestZone = z;
        }
        from += Math.max(1, blocks) * v.blockSize;
      }
      v.zones.wrote(z, written);
    }
    if (best == null) {
      throw new CorruptImageException(
          "",
          "no valid checkpoint in zones 1 and 2 (every pack is missing or fails its"
              + " crc32c); the image cannot be mounted");
    }
    int n = v.zoneCount;
    checkZone(best.metaZone(), n, false, "metadata log zone");
    checkZone(best.metaNextZone(), n, true, "metadata log next zone");
    checkZone(best.hotZone(), n, true, "hot log zone");
    checkZone(best.coldZone(), n, true, "cleaner log zone");
    v.restoreFrom(best, bestZone);
    return best;
  }

  private static void checkZone(int zone, int zones, boolean mayBeNone, String what) {
    if ((zone == -1 && mayBeNone) || (zone >= Volume.SYSTEM_ZONES && zone < zones)) {
      return;
    }
    throw new CorruptImageException("", "checkpoint: " + what + " " + zone + " is not a data zone");
  }

  /**
   * Applies the inodes fsync wrote after the checkpoint, in log order, following the metadata log
   * across zones; stops at the first block that is not the next one of the log (stale, torn or
   * never written). Adds to {@code held} the zones another mount of this device would read again
   * although nothing recovered lives in them: the zones of the log it follows, and those of the
   * checkpointed inode blocks and indirect nodes a fsynced inode replaces.
   */
  private static void rollForward(Volume v, Checkpoint cp, java.util.Set<Integer> held) {
    int zone = cp.metaZone();
    long lba = cp.metaNextLba();
    long seq = cp.nextMetaSeq();
    int next = cp.metaNextZone();
    while (true) {
      held.add(zone);
      long start = v.geometry.zoneStartLba(zone);
      if (lba - start >= v.zoneCapacity) {
        if (next < 0 || next == zone) {
          break;
        }
        zone = next;
        lba = v.geometry.zoneStartLba(zone);
        continue;
      }
      if (lba - v.geometry.zoneStartLba(zone) >= v.device.zone(zone).writtenBlocks()) {
        break;
      }
      byte[] block = v.readBlocks(lba, 1);
      if (!NodeBlock.isValid(block)) {
        break;
      }
      ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getLong(NodeBlock.SEQ_OFFSET) != seq) {
        break;
      }
      if (zone != v.meta.zone()) {
        v.metaLogMovedTo(zone);
      }
      next = b.getInt(NodeBlock.NEXT_ZONE_OFFSET);
      if (next != v.meta.nextZone()) {
        if (next < Volume.SYSTEM_ZONES || next >= v.zoneCount) {
          break;
        }
        v.metaLogNextZone(next);
      }
      seq++;
      if (b.get(NodeBlock.KIND_OFFSET) == NodeBlock.KIND_INODE
          && (b.get(NodeBlock.FLAGS_OFFSET) & NodeBlock.FLAG_FSYNC) != 0) {
        long ino = b.getLong(NodeBlock.INO_OFFSET);
        Inode old = v.inode(ino);
        if (old != null && !old.isDirectory()) {
          held.add(v.geometry.zoneOf(old.lba));
          for (long nodeLba : old.nodeLba.values()) {
            held.add(v.geometry.zoneOf(nodeLba));
          }
          Inode recovered = v.loadInode(ino, lba);
          recovered.parent = old.parent;
          v.adopt(recovered);
        }
      }
      lba++;
    }
    v.metaLogResumesAt(seq);
  }

  private static void checkNamespace(Volume v) {
    Inode root = v.inode(Volume.ROOT_INO);
    if (root == null || !root.isDirectory()) {
      throw new CorruptImageException("", "the checkpoint has no root directory (inode 1)");
    }
    for (Inode dir : v.inodes()) {
      if (!dir.isDirectory()) {
        continue;
      }
      for (var e : dir.entries.entrySet()) {
        if (v.inode(e.getValue()) == null) {
          throw new CorruptImageException(
              "/" + e.getKey(),
              "directory inode "
                  + dir.ino
                  + " names \""
                  + e.getKey()
                  + "\" as inode "
                  + e.getValue()
                  + ", which the checkpoint does not hold");
        }
      }
    }
  }

  /** The zone usage table and summary from what the inodes actually reference. */
  private static void rebuildUsage(Volume v) {
    for (Inode f : v.inodes()) {
      own(v, f.lba, f.ino, BlockTag.INODE);
      for (var e : f.nodeLba.entrySet()) {
        own(v, e.getValue(), f.ino, BlockTag.node(e.getKey()));
      }
      for (long i = 0; i < f.blockSlots(); i++) {
        if (f.block(i) >= 0) {
          own(v, f.block(i), f.ino, BlockTag.block(i));
          if (!f.isDirectory()) {
            // file data lives only in hot/cold log zones
            v.zones.markDataZone(v.geometry.zoneOf(f.block(i)));
          }
        }
      }
    }
  }

  private static void own(Volume v, long lba, long ino, BlockTag tag) {
    int z = v.geometry.zoneOf(lba);
    int off = (int) (lba - v.geometry.zoneStartLba(z));
    if (v.zones.owner(z, off) != 0) {
      throw new CorruptImageException(
          "",
          "lba "
              + lba
              + " is referenced by inode "
              + v.zones.owner(z, off)
              + " and by inode "
              + ino);
    }
    v.zones.own(z, off, ino, tag, v.zones.modified(z));
  }

  /**
   * Every data zone's on-disk summary (where it has a valid one) must name the inode and block
   * index that the block maps give each of its live blocks; a torn or missing summary is no summary
   * and is not checked.
   */
  private static void checkSummaries(Volume v) {
    for (int z = Volume.SYSTEM_ZONES; z < v.zoneCount; z++) {
      if (!v.zones.isDataZone(z) || v.zones.valid(z) == 0) {
        continue;
      }
      ZoneSummary.Entries e = v.readSummary(z, false);
      for (int off = 0; e != null && off < v.dataCapacity; off++) {
        long owner = v.zones.owner(z, off);
        if (owner != 0
            && (e.inos()[off] != owner || e.indexes()[off] != v.zones.tag(z, off).code())) {
          throw new CorruptImageException(
              "",
              "the summary of zone "
                  + z
                  + " says lba "
                  + (v.geometry.zoneStartLba(z) + off)
                  + " is block "
                  + e.indexes()[off]
                  + " of inode "
                  + e.inos()[off]
                  + ", but inode "
                  + owner
                  + " maps its block "
                  + v.zones.tag(z, off).code()
                  + " there");
        }
      }
    }
  }

  /**
   * Gives every data zone a role that matches the device and what is live in it. A zone that holds
   * old blocks but nothing live, and that no later mount of this device reads ({@code held}), is
   * free at once (reset when a log takes it): recovery then has at least the free zones the
   * filesystem had when it crashed, so its checkpoint always finds room, however often recovery
   * itself is cut short.
   */
  private static void reconcileZones(Volume v, java.util.Set<Integer> held) {
    for (int z = Volume.SYSTEM_ZONES; z < v.zoneCount; z++) {
      Zone dz = v.device.zone(z);
      ZoneState s = dz.state();
      int written = v.zones.written(z);
      boolean writable =
          s != ZoneState.FULL
              && s != ZoneState.READ_ONLY
              && s != ZoneState.OFFLINE
              && written < v.zoneCapacity;
      if (s == ZoneState.READ_ONLY || s == ZoneState.OFFLINE) {
        v.zones.assign(z, ZoneTable.Role.SYSTEM); // unusable; what it held is read where possible
      } else if (z == v.meta.zone()) {
        v.zones.assign(z, ZoneTable.Role.LOG);
      } else if (z == v.meta.nextZone()) {
        v.zones.assign(z, written == 0 ? ZoneTable.Role.RESERVED : ZoneTable.Role.SEALED);
      } else if ((z == v.hot.zone() || z == v.cold.zone()) && writable) {
        v.zones.assign(z, ZoneTable.Role.LOG);
      } else if (v.zones.valid(z) == 0 && written == 0) {
        v.zones.assign(z, ZoneTable.Role.FREE);
      } else if (v.zones.valid(z) == 0 && !held.contains(z)) {
        v.zones.freeStale(z);
      } else {
        v.zones.assign(z, ZoneTable.Role.SEALED);
      }
      if (z == v.meta.nextZone() && v.zones.role(z) != ZoneTable.Role.RESERVED) {
        v.dropMetaNextZone();
      }
      if (z == v.hot.zone() && v.zones.role(z) != ZoneTable.Role.LOG) {
        v.dropLogZone(v.hot);
      }
      if (z == v.cold.zone() && v.zones.role(z) != ZoneTable.Role.LOG) {
        v.dropLogZone(v.cold);
      }
    }
    if (v.meta.zone() >= 0 && v.zones.role(v.meta.zone()) != ZoneTable.Role.LOG) {
      throw new CorruptImageException(
          "", "the metadata log zone " + v.meta.zone() + " cannot be written");
    }
  }
}
