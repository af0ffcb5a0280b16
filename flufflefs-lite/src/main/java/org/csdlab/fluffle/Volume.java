package org.csdlab.fluffle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZoneAction;

/**
 * The filesystem's state and the operations on blocks: the three logs, space accounting, file data,
 * block maps and checkpoints. {@link InodeStore} writes and reads inodes, {@link Cleaner} cleans
 * zones, {@link FluffleFs} adds paths and locking on top, {@link Mounter} builds a volume from the
 * device.
 */
final class Volume {
  static final long ROOT_INO = 1;

  /** Zones before the data zones: superblock, checkpoint A, checkpoint B. */
  static final int SYSTEM_ZONES = 3;

  /** Zones that may be partly used by the logs at any time: metadata, its next zone, hot, cold. */
  static final int LOG_ZONES = 4;

  /** A log: the zone it appends to (and, for the metadata log, the zone it will use next). */
  static final class Log {
    final String name;
    final boolean mayUseReserve;
    int zone = -1;
    int nextZone = -1;

    /** Data logs: owner and block index of each data block of the current zone, for its summary. */
    long[] summaryInos;

    long[] summaryIndexes;

    Log(String name, boolean mayUseReserve) {
      this.name = name;
      this.mayUseReserve = mayUseReserve;
    }
  }

  final ZnsDevice device;
  final Geometry geometry;
  final Superblock superblock;
  final int blockSize;

  /** Zones the filesystem uses: 0 to zoneCount - 1 (the rest of the device is left alone). */
  final int zoneCount;

  final int zoneCapacity;
  final BlockTree tree;
  final ZoneTable zones;

  /** Layout of the summary at the end of every data zone. */
  final ZoneSummary summary;

  /** Data blocks a hot or cold log zone holds before its summary. */
  final int dataCapacity;

  final Map<Long, Inode> inodes = new HashMap<>();
  final Log meta = new Log("metadata", true);
  final Log hot = new Log("hot data", false);
  final Log cold = new Log("cleaner", true);
  final long maxInodes;
  private final Cleaner cleaner = new Cleaner(this);
  final CleaningHistory cleaningHistory = new CleaningHistory();
  private final InodeStore inodeStore = new InodeStore(this);
  long nextIno = ROOT_INO + 1;
  long metaSeq = 1;
  long clock;
  long checkpointSeq;
  int checkpointZone = 1;
  long hostBytes;
  long deviceBytes;
  long zoneResets;
  long cleaningPasses;
  long blocksMoved;

  /** Zone summaries read from the device by the cleaner (not persisted). */
  long summaryReads;

  /** Names changed since the last checkpoint: fsync must then write a checkpoint. */
  boolean namespaceDirty;

  /** Inside a cleaning pass, whose metadata may use the reserve. */
  boolean cleaning;

  private int changesSinceCount;

  Volume(ZnsDevice device, Superblock superblock) {
    this.device = device;
    this.geometry = device.geometry();
    this.superblock = superblock;
    this.blockSize = geometry.blockSizeBytes();
    this.zoneCount = superblock.zoneCount();
    this.zoneCapacity = (int) geometry.zoneCapacityBlocks();
    this.tree = new BlockTree(blockSize);
    this.summary = new ZoneSummary(blockSize, zoneCapacity);
    this.dataCapacity = summary.dataBlocksPerZone;
    this.zones = new ZoneTable(zoneCount, zoneCapacity);
    this.maxInodes = Checkpoint.maxInodes(zoneCount, geometry.zoneCapacityBytes());
    for (int z = 0; z < SYSTEM_ZONES; z++) {
      zones.role[z] = ZoneTable.Role.SYSTEM;
    }
  }

  // ---------------------------------------------------------------- space

  /** Blocks live data may occupy: data zones minus reserve minus the zones the logs hold open. */
  long limitBlocks() {
    return (long) (zoneCount - SYSTEM_ZONES - superblock.reserveZones() - LOG_ZONES) * dataCapacity;
  }

  /** Free zones beyond the cleaner's reserve. */
  int spareFreeZones() {
    return Math.max(0, zones.count(ZoneTable.Role.FREE) - superblock.reserveZones());
  }

  /** Refuses (changing nothing) when {@code newBlocks} more live blocks would pass the limit. */
  void admit(String path, long newBlocks) {
    long live = zones.liveBlocks();
    if (live + newBlocks > limitBlocks()) {
      throw new NoSpaceException(
          path,
          "no space left on the filesystem: "
              + live
              + " of "
              + limitBlocks()
              + " blocks are live and this operation needs "
              + newBlocks
              + " more; delete or truncate files"
              + " ("
              + superblock.reserveZones()
              + " zones are kept for the cleaner)");
    }
  }

  /** Metadata blocks that writing {@code blocks} data blocks may add. */
  long metadataSlack(long blocks) {
    return blocks / tree.fanout + 4;
  }

  int room(Log log) {
    if (log.zone < 0) {
      return 0;
    }
    return Math.max(0, (log == meta ? zoneCapacity : dataCapacity) - zones.written[log.zone]);
  }

  /**
   * Makes sure the hot log can take {@code blocks} blocks without eating into the reserve, cleaning
   * if needed (cost-benefit or the configured policy in the background, greedy when short). Changes
   * no file.
   */
  void ensureHotSpace(String path, long blocks) {
    if (room(hot) < blocks && spareFreeZones() < superblock.backgroundFreeZones()) {
      // background cleaning, at most once per hot zone filled
      cleanPass(superblock.cleaningPolicy());
    }
    int attempts = 0;
    while (room(hot) + (long) spareFreeZones() * dataCapacity < blocks) {
      if (anyReclaimable()) {
        checkpoint();
        continue;
      }
      if (attempts++ > 2 * zoneCount || !cleanPass(CleaningPolicy.GREEDY)) {
        throw new NoSpaceException(
            path,
            "no space left on the filesystem: the cleaner cannot free a zone for "
                + blocks
                + " blocks ("
                + zones.liveBlocks()
                + " blocks live, "
                + pinnedZones()
                + " zones held by snapshots); delete files or close snapshots");
      }
    }
  }

  /**
   * Metadata blocks a checkpoint would write now (dirty inodes, indirect nodes and directory
   * blocks).
   */
  long pendingMetadataBlocks() {
    long n = 0;
    int payload = blockSize - NodeBlock.HEADER_LENGTH;
    for (Inode f : inodes.values()) {
      if (f.dirty || f.entriesDirty || !f.dirtyNodes.isEmpty()) {
        n += 1 + f.dirtyNodes.size();
        if (f.entriesDirty) {
          n += (f.sizeBytes + 32L * f.entries.size()) / payload + 2;
        }
      }
    }
    return n;
  }

  /**
   * After every change: once the pending metadata could no longer be absorbed by the reserve in a
   * cleaning pass, checkpoint it.
   */
  void afterChange() {
    long budget = Math.max(8, (long) superblock.reserveZones() * zoneCapacity / 4);
    // one change dirties at most a few blocks besides a directory, so the (whole-volume) count
    // is needed only every few changes
    if (cleaning || ++changesSinceCount * 8L < budget / 2) {
      return;
    }
    changesSinceCount = 0;
    if (pendingMetadataBlocks() > budget) {
      checkpoint();
    }
  }

  /**
   * Before metadata is written outside the cleaner: if it would eat into the reserve, a greedy
   * cleaning pass runs first (its checkpoint may use the reserve, then frees zones).
   */
  void ensureMetadataSpace() {
    if (cleaning) {
      return;
    }
    int attempts = 0;
    while (room(meta) + (long) spareFreeZones() * zoneCapacity < pendingMetadataBlocks() + 2
        && attempts++ < zoneCount) {
      if (!cleanPass(CleaningPolicy.GREEDY)) {
        return; // nothing to clean: the reserve takes it
      }
    }
  }

  private boolean anyReclaimable() {
    for (int z = 0; z < zones.zoneCount(); z++) {
      if (zones.reclaimable(z)) {
        return true;
      }
    }
    return false;
  }

  private int pinnedZones() {
    int n = 0;
    for (int p : zones.pins) {
      if (p > 0) {
        n++;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- logs

  private int takeZone(Log log) {
    int free = zones.count(ZoneTable.Role.FREE);
    if (free == 0 || (!log.mayUseReserve && free <= superblock.reserveZones())) {
      throw new IllegalStateException(
          "the "
              + log.name
              + " log found no free zone ("
              + free
              + " free, reserve "
              + superblock.reserveZones()
              + ")");
    }
    int z = zones.firstFree();
    if (zones.stale[z]) {
      resetZone(z);
    }
    zones.role[z] = ZoneTable.Role.LOG;
    zones.dataZone[z] = false;
    zones.modified[z] = clock;
    return z;
  }

  /** Moves a full log to its next zone. */
  void advance(Log log) {
    if (log != meta && log.zone >= 0 && zones.written[log.zone] == dataCapacity) {
      writeSummary(log); // a zone filled before a crash, whose summary was not yet appended
    }
    if (log.zone >= 0) {
      zones.role[log.zone] = ZoneTable.Role.SEALED;
    }
    if (log == meta) {
      if (log.nextZone < 0) {
        log.nextZone = takeZone(log);
      }
      log.zone = log.nextZone;
      zones.role[log.zone] = ZoneTable.Role.LOG;
      log.nextZone = takeZone(log);
      zones.role[log.nextZone] = ZoneTable.Role.RESERVED;
    } else {
      log.zone = takeZone(log);
      zones.dataZone[log.zone] = true;
      log.summaryInos = new long[dataCapacity];
      log.summaryIndexes = new long[dataCapacity];
    }
  }

  /** Blocks zone {@code z} can hold live: a data zone's summary takes its last blocks. */
  int capacityOf(int z) {
    return zones.dataZone[z] ? dataCapacity : zoneCapacity;
  }

  /** Appends the summary of a data log's full zone after its data blocks. */
  private void writeSummary(Log log) {
    int z = log.zone;
    byte[] blocks = summary.encode(z, log.summaryInos, log.summaryIndexes, blockSize);
    device.append(geometry.zoneStartLba(z), blocks);
    zones.written[z] = zoneCapacity;
    deviceBytes += blocks.length;
  }

  /**
   * The on-disk summary of data zone {@code z}, or null if the zone has none (not full, a metadata
   * zone, or its summary is missing or torn).
   */
  ZoneSummary.Entries readSummary(int z) {
    return readSummary(z, true);
  }

  /**
   * As {@link #readSummary(int)}; {@code count} says whether it counts in {@link #summaryReads}.
   */
  ZoneSummary.Entries readSummary(int z, boolean count) {
    if (zones.written[z] < zoneCapacity) {
      return null;
    }
    byte[] blocks = device.read(geometry.zoneStartLba(z) + dataCapacity, summary.blocksPerZone);
    ZoneSummary.Entries entries = summary.decode(z, blocks, blockSize);
    if (entries != null && count) {
      summaryReads++;
    }
    return entries;
  }

  /** After mount: the summary staging of an open data log, from what its zone holds live. */
  void restoreSummary(Log log) {
    log.summaryInos = new long[dataCapacity];
    log.summaryIndexes = new long[dataCapacity];
    if (log.zone < 0) {
      return;
    }
    for (int off = 0; off < Math.min(dataCapacity, zones.written[log.zone]); off++) {
      long owner = zones.owner(log.zone, off);
      if (owner != 0) {
        log.summaryInos[off] = owner;
        log.summaryIndexes[off] = zones.tag(log.zone, off);
      }
    }
  }

  /** Appends {@code n} data blocks of {@code buf} to {@code log}; returns the LBA of each. */
  long[] appendData(Log log, byte[] buf, int n, long[] owners, long[] tags) {
    if (log.summaryInos == null) {
      restoreSummary(log); // first append after mount
    }
    long[] lbas = new long[n];
    int done = 0;
    while (done < n) {
      if (room(log) == 0) {
        advance(log);
      }
      int k = Math.min(room(log), n - done);
      byte[] slice =
          done == 0 && k == n && buf.length == n * blockSize
              ? buf
              : Arrays.copyOfRange(buf, done * blockSize, (done + k) * blockSize);
      long first = device.append(geometry.zoneStartLba(log.zone), slice);
      int zoneStart = (int) (first - geometry.zoneStartLba(log.zone));
      for (int i = 0; i < k; i++) {
        log.summaryInos[zoneStart + i] = owners[done + i];
        log.summaryIndexes[zoneStart + i] = tags[done + i];
      }
      record(log.zone, first, k, owners, tags, done, lbas);
      if (zones.written[log.zone] == dataCapacity) {
        writeSummary(log);
      }
      done += k;
    }
    return lbas;
  }

  /** Appends metadata blocks, sealing each with the next log sequence number. */
  long[] appendMeta(List<byte[]> images, int flags, long[] owners, long[] tags) {
    int n = images.size();
    long[] lbas = new long[n];
    int done = 0;
    while (done < n) {
      if (room(meta) == 0) {
        advance(meta);
      }
      int k = Math.min(room(meta), n - done);
      byte[] chunk = new byte[k * blockSize];
      for (int i = 0; i < k; i++) {
        byte[] image = images.get(done + i);
        NodeBlock.seal(image, flags, metaSeq++, meta.nextZone);
        System.arraycopy(image, 0, chunk, i * blockSize, blockSize);
      }
      long first = device.append(geometry.zoneStartLba(meta.zone), chunk);
      record(meta.zone, first, k, owners, tags, done, lbas);
      done += k;
    }
    return lbas;
  }

  private void record(
      int zone, long first, int k, long[] owners, long[] tags, int done, long[] lbas) {
    long start = geometry.zoneStartLba(zone);
    for (int i = 0; i < k; i++) {
      lbas[done + i] = first + i;
      zones.own(zone, (int) (first + i - start), owners[done + i], tags[done + i], clock);
    }
    zones.written[zone] = (int) (first + k - start);
    clock += k;
    deviceBytes += (long) k * blockSize;
  }

  /** The block at {@code lba} is no longer referenced. */
  void invalidate(long lba) {
    if (lba >= 0) {
      int z = geometry.zoneOf(lba);
      zones.release(z, (int) (lba - geometry.zoneStartLba(z)));
    }
  }

  static long[] filled(int n, long value) {
    long[] a = new long[n];
    Arrays.fill(a, value);
    return a;
  }

  static long[] sequence(int n, long first) {
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = first + i;
    }
    return a;
  }

  // ---------------------------------------------------------------- file data

  /** Reads file bytes; -1 at or past the end of the file. */
  int read(Inode f, long offset, byte[] buf, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (offset >= f.sizeBytes) {
      return -1;
    }
    int total = (int) Math.min(len, f.sizeBytes - offset);
    int pos = 0;
    while (pos < total) {
      long at = offset + pos;
      long index = at / blockSize;
      int inBlock = (int) (at % blockSize);
      long lba = f.block(index);
      if (lba < 0) {
        int n = Math.min(blockSize - inBlock, total - pos);
        Arrays.fill(buf, off + pos, off + pos + n, (byte) 0);
        pos += n;
        continue;
      }
      long lastIndex = (offset + total - 1) / blockSize;
      int run = 1;
      while (index + run <= lastIndex && run < 1024 && f.block(index + run) == lba + run) {
        run++;
      }
      int runBytes = run * blockSize;
      if (inBlock == 0 && runBytes <= total - pos) {
        device.read(lba, run, buf, off + pos);
        pos += runBytes;
      } else {
        byte[] tmp = device.read(lba, run);
        int n = Math.min(runBytes - inBlock, total - pos);
        System.arraycopy(tmp, inBlock, buf, off + pos, n);
        pos += n;
      }
    }
    return total;
  }

  /** Writes file bytes at any offset, in chunks of at most one zone so cleaning can keep up. */
  void write(String path, Inode f, long offset, byte[] data, int off, int len) {
    if (len == 0) {
      return;
    }
    long end = offset + len;
    if (offset < 0 || end > tree.maxBlocks * blockSize) {
      throw new FsException(
          path,
          "write of "
              + len
              + " bytes at offset "
              + offset
              + " is outside what a file can hold"
              + " (0 to "
              + tree.maxBlocks * blockSize
              + " bytes)");
    }
    int chunkBlocks = Math.min(zoneCapacity, 1024);
    long firstBlock = offset / blockSize;
    long lastBlock = (end - 1) / blockSize;
    for (long cb = firstBlock; cb <= lastBlock; cb += chunkBlocks) {
      int n = (int) Math.min(chunkBlocks, lastBlock - cb + 1);
      long holes = 0;
      for (int i = 0; i < n; i++) {
        if (f.block(cb + i) < 0) {
          holes++;
        }
      }
      admit(path, holes + metadataSlack(n));
      ensureHotSpace(path, n);
      long chunkStart = cb * blockSize;
      long from = Math.max(offset, chunkStart);
      long to = Math.min(end, chunkStart + (long) n * blockSize);
      if (from == chunkStart
          && to - from == (long) n * blockSize
          && from == offset
          && off == 0
          && data.length == n * blockSize) {
        replaceBlocks(f, cb, data, n, hot); // whole aligned blocks: no copy
        wrote(f, from, to);
        continue;
      }
      byte[] buf = new byte[n * blockSize];
      if (from % blockSize != 0) {
        readBlockInto(f.block(cb), buf, 0);
      }
      if (to % blockSize != 0 && (to / blockSize != from / blockSize || from % blockSize == 0)) {
        readBlockInto(f.block(cb + n - 1), buf, (n - 1) * blockSize);
      }
      System.arraycopy(
          data, off + (int) (from - offset), buf, (int) (from - chunkStart), (int) (to - from));
      replaceBlocks(f, cb, buf, n, hot);
      wrote(f, from, to);
    }
  }

  /**
   * Bookkeeping after bytes {@code [from, to)} of {@code f} were written (chunk by chunk, so a
   * write refused for space part-way keeps a consistent size).
   */
  private void wrote(Inode f, long from, long to) {
    f.sizeBytes = Math.max(f.sizeBytes, to);
    f.modifiedNanos = now();
    f.dirty = true;
    hostBytes += to - from;
  }

  private void readBlockInto(long lba, byte[] buf, int off) {
    if (lba >= 0) {
      device.read(lba, 1, buf, off);
    }
  }

  /** Appends {@code n} blocks as file blocks {@code first..first+n-1}, replacing what was there. */
  private void replaceBlocks(Inode f, long first, byte[] buf, int n, Log log) {
    long[] lbas = appendData(log, buf, n, filled(n, f.ino), sequence(n, first));
    long markedLeaf = -1;
    for (int i = 0; i < n; i++) {
      long index = first + i;
      long old = f.block(index);
      if (old == lbas[i]) {
        continue;
      }
      invalidate(old);
      f.setBlock(index, lbas[i]);
      // consecutive blocks share their indirect nodes: mark each path dirty once, not per block
      long leaf = tree.leafOf(index);
      if (leaf != markedLeaf || leaf < 0) {
        markDirtyPath(f, index);
        markedLeaf = leaf;
      }
    }
  }

  /** Points block {@code index} at {@code lba} (or a hole), freeing the old block. */
  void setBlock(Inode f, long index, long lba) {
    long old = f.block(index);
    if (old == lba) {
      return;
    }
    invalidate(old);
    f.setBlock(index, lba);
    markDirtyPath(f, index);
  }

  /** The inode and the indirect nodes over block {@code index} must be rewritten. */
  private void markDirtyPath(Inode f, long index) {
    for (long key : tree.path(index)) {
      f.dirtyNodes.add(key);
    }
    f.dirty = true;
  }

  /** Shrinks or extends a file; an extended range reads as zeros. */
  void truncate(String path, Inode f, long size) {
    if (size < 0 || size > tree.maxBlocks * blockSize) {
      throw new FsException(
          path,
          "truncate to "
              + size
              + " bytes: a file holds 0 to "
              + tree.maxBlocks * blockSize
              + " bytes");
    }
    if (size < f.sizeBytes) {
      long keep = (size + blockSize - 1) / blockSize;
      int tail = (int) (size % blockSize);
      if (tail != 0 && f.block(keep - 1) >= 0) {
        // zero the bytes past the new end, so a later extension reads zeros there
        admit(path, metadataSlack(1));
        ensureHotSpace(path, 1);
        byte[] buf = device.read(f.block(keep - 1), 1);
        Arrays.fill(buf, tail, blockSize, (byte) 0);
        replaceBlocks(f, keep - 1, buf, 1, hot);
      }
      for (long i = keep; i < f.blockSlots(); i++) {
        if (f.block(i) >= 0) {
          setBlock(f, i, -1);
        }
      }
    }
    f.sizeBytes = size;
    f.modifiedNanos = now();
    f.dirty = true;
  }

  /** Frees every block of an inode that is no longer named. */
  void release(Inode f) {
    for (long i = 0; i < f.blockSlots(); i++) {
      invalidate(f.block(i));
    }
    for (long lba : f.nodeLba.values()) {
      invalidate(lba);
    }
    invalidate(f.lba);
    inodes.remove(f.ino);
  }

  static long now() {
    java.time.Instant t = java.time.Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  // ---------------------------------------------------------------- metadata

  /** Writes what changed of an inode (see {@link InodeStore#write}). */
  void writeInode(Inode f, int flags) {
    inodeStore.write(f, flags);
  }

  /** Reads and checks the inode at {@code lba} with its block map and entries. */
  Inode loadInode(long ino, long lba) {
    return inodeStore.load(ino, lba);
  }

  // ---------------------------------------------------------------- checkpoint

  /** Writes every dirty inode, then a checkpoint pack, then resets zones nothing references. */
  void checkpoint() {
    ensureMetadataSpace();
    List<Inode> dirty = new ArrayList<>();
    for (Inode f : inodes.values()) {
      if (f.dirty || f.entriesDirty || !f.dirtyNodes.isEmpty()) {
        dirty.add(f);
      }
    }
    dirty.sort(Comparator.comparingLong(f -> f.ino));
    for (Inode f : dirty) {
      writeInode(f, 0);
    }
    checkpointSeq++;
    byte[] pack = snapshot().encode(blockSize);
    int blocks = pack.length / blockSize;
    if (zones.written[checkpointZone] + blocks > zoneCapacity) {
      int other = checkpointZone == 1 ? 2 : 1;
      if (zones.written[checkpointZone] < zoneCapacity) {
        device.manage(checkpointZone, ZoneAction.FINISH);
      }
      device.manage(other, ZoneAction.RESET);
      zoneResets++;
      zones.written[other] = 0;
      checkpointZone = other;
    }
    device.append(geometry.zoneStartLba(checkpointZone), pack);
    zones.written[checkpointZone] += blocks;
    deviceBytes += pack.length;
    if (zones.written[checkpointZone] < zoneCapacity) {
      device.manage(checkpointZone, ZoneAction.CLOSE);
    }
    namespaceDirty = false;
    for (int z = SYSTEM_ZONES; z < zones.zoneCount(); z++) {
      if (zones.reclaimable(z)) {
        // nothing the pack just written references the zone, nor will any later state: it is
        // free from now on; the device reset waits until a log takes it (or sync/unmount)
        zones.clear(z);
        zones.role[z] = ZoneTable.Role.FREE;
        zones.stale[z] = true;
      }
    }
  }

  /**
   * Resets every reclaimed zone still holding old blocks. Resetting one zone at a time as the logs
   * take them spreads the work out, and lets the device reuse a zone's storage at once (the memory
   * backend keeps about one zone of it for reuse).
   */
  void resetStaleZones() {
    for (int z = SYSTEM_ZONES; z < zones.zoneCount(); z++) {
      if (zones.stale[z]) {
        resetZone(z);
      }
    }
  }

  private void resetZone(int z) {
    device.manage(z, ZoneAction.RESET);
    zones.stale[z] = false;
    zoneResets++;
  }

  private Checkpoint snapshot() {
    int n = zones.zoneCount();
    byte[] roles = new byte[n];
    for (int z = 0; z < n; z++) {
      roles[z] = (byte) zones.role[z].ordinal();
    }
    long[] inos = inodes.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    long[] lbas = new long[inos.length];
    for (int i = 0; i < inos.length; i++) {
      lbas[i] = inodes.get(inos[i]).lba;
    }
    long metaNextLba =
        meta.zone < 0 ? -1 : geometry.zoneStartLba(meta.zone) + zones.written[meta.zone];
    return new Checkpoint(
        checkpointSeq,
        metaSeq,
        metaNextLba,
        meta.zone,
        meta.nextZone,
        hot.zone,
        cold.zone,
        nextIno,
        clock,
        counters(),
        roles,
        zones.valid.clone(),
        zones.modified.clone(),
        inos,
        lbas);
  }

  FsCounters counters() {
    return new FsCounters(hostBytes, deviceBytes, zoneResets, cleaningPasses, blocksMoved);
  }

  // ---------------------------------------------------------------- cleaning

  /** One cleaning pass (see {@link Cleaner}); false if no zone could be cleaned. */
  boolean cleanPass(CleaningPolicy policy) {
    ZoneTable.Role[] rolesBefore = zones.role.clone();
    FsCounters before = counters();
    boolean cleaned = cleaner.pass(policy);
    if (cleaned) {
      cleaningHistory.record(policy, rolesBefore, zones, before, counters());
    }
    return cleaned;
  }

  // ---------------------------------------------------------------- snapshots

  void pin(List<Long> lbas, int delta) {
    for (long lba : lbas) {
      if (lba >= 0) {
        zones.pins[geometry.zoneOf(lba)] += delta;
      }
    }
  }
}
