package org.csdlab.fluffle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Verifies the structural invariants of a volume (an fsck over the in-memory state). */
final class Checker {
  private final Volume v;
  private final List<String> problems = new ArrayList<>();
  private final Map<Long, String> owners = new HashMap<>();
  private final int[] referenced;

  /** LBA of every live file data block → {inode, block index}. */
  private final Map<Long, long[]> dataBlocks = new HashMap<>();

  Checker(Volume v) {
    this.v = v;
    this.referenced = new int[v.zoneCount];
  }

  CheckReport run() {
    Set<Long> reachable = new HashSet<>();
    ArrayDeque<Long> todo = new ArrayDeque<>();
    todo.add(Volume.ROOT_INO);
    while (!todo.isEmpty()) {
      long ino = todo.poll();
      Inode f = v.inode(ino);
      if (f == null) {
        problems.add("inode " + ino + " is named by a directory but does not exist");
        continue;
      }
      if (!reachable.add(ino)) {
        problems.add("inode " + ino + " is reachable by more than one name");
        continue;
      }
      if (f.isDirectory()) {
        for (var e : f.entries.entrySet()) {
          Inode child = v.inode(e.getValue());
          if (child != null && child.parent != ino) {
            problems.add(
                "inode "
                    + child.ino
                    + " (\""
                    + e.getKey()
                    + "\") says its parent is "
                    + child.parent
                    + " but directory "
                    + ino
                    + " holds it");
          }
          todo.add(e.getValue());
        }
      }
    }
    for (Inode f : v.inodes()) {
      if (!reachable.contains(f.ino)) {
        problems.add("inode " + f.ino + " is not reachable from the root");
      }
      if (f.lba >= 0 || !f.dirty) {
        reference(f.lba, "inode block of " + f.ino); // a new inode gets its block at the next write
      }
      for (var e : f.nodeLba.entrySet()) {
        reference(e.getValue(), "node " + Long.toHexString(e.getKey()) + " of inode " + f.ino);
      }
      for (long i = 0; i < f.blockSlots(); i++) {
        if (f.block(i) >= 0) {
          reference(f.block(i), "block " + i + " of inode " + f.ino);
          if (!f.isDirectory()) {
            dataBlocks.put(f.block(i), new long[] {f.ino, i});
          }
          if (!f.isDirectory() && i * v.blockSize >= f.sizeBytes) {
            problems.add("inode " + f.ino + " maps block " + i + " past its size " + f.sizeBytes);
          }
        }
      }
    }
    long live = 0;
    for (int z = 0; z < referenced.length; z++) {
      live += referenced[z];
      if (referenced[z] != v.zones.valid(z)) {
        problems.add(
            "zone "
                + z
                + ": the usage table says "
                + v.zones.valid(z)
                + " valid blocks, "
                + referenced[z]
                + " are referenced");
      }
    }
    if (live != v.zones.liveBlocks()) {
      problems.add(
          "live block total " + v.zones.liveBlocks() + " differs from the " + live + " referenced");
    }
    checkSummaries();
    return new CheckReport(v.inodeCount(), live, problems);
  }

  /**
   * Every live data block in a zone with an on-disk summary (and in the zone an open data log is
   * filling) must be named there with its inode and block index.
   */
  private void checkSummaries() {
    for (int z = Volume.SYSTEM_ZONES; z < v.zoneCount; z++) {
      long[] inos;
      long[] indexes;
      String where;
      Volume.Log open = z == v.hot.zone() ? v.hot : z == v.cold.zone() ? v.cold : null;
      if (open != null && open.summaryInos != null && v.zones.written(z) < v.zoneCapacity) {
        inos = open.summaryInos;
        indexes = open.summaryIndexes;
        where = "the summary the " + open.name + " log keeps for zone " + z;
      } else {
        ZoneSummary.Entries e = v.readSummary(z, false);
        if (e == null) {
          continue;
        }
        inos = e.inos();
        indexes = e.indexes();
        where = "the on-disk summary of zone " + z;
      }
      long start = v.geometry.zoneStartLba(z);
      for (int off = 0; off < v.zoneCapacity; off++) {
        long[] owner = dataBlocks.get(start + off);
        if (owner == null) {
          continue;
        }
        if (off >= inos.length) {
          problems.add(
              "block "
                  + owner[1]
                  + " of inode "
                  + owner[0]
                  + " is at lba "
                  + (start + off)
                  + ", in the summary area of zone "
                  + z);
        } else if (inos[off] != owner[0] || indexes[off] != owner[1]) {
          problems.add(
              where
                  + " says lba "
                  + (start + off)
                  + " is block "
                  + indexes[off]
                  + " of inode "
                  + inos[off]
                  + ", but it is block "
                  + owner[1]
                  + " of inode "
                  + owner[0]);
        }
      }
    }
  }

  private void reference(long lba, String what) {
    if (lba < 0) {
      problems.add(what + " was never written");
      return;
    }
    String before = owners.put(lba, what);
    if (before != null) {
      problems.add("lba " + lba + " is used twice: " + before + " and " + what);
    }
    int z = v.geometry.zoneOf(lba);
    int off = (int) (lba - v.geometry.zoneStartLba(z));
    referenced[z]++;
    ZoneTable.Role role = v.zones.role(z);
    if (role == ZoneTable.Role.FREE || role == ZoneTable.Role.RESERVED || z < Volume.SYSTEM_ZONES) {
      problems.add(what + " is at lba " + lba + " in zone " + z + ", which is " + role);
    } else if (off >= v.zones.written(z)) {
      problems.add(what + " is at lba " + lba + ", past the written part of zone " + z);
    }
  }
}
