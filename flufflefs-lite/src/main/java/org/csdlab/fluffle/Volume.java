package org.csdlab.fluffle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.StatusCode;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZnsException;
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
    private int zone = -1;
    private int nextZone = -1;

    /** Data logs: owner and block index of each data block of the current zone, for its summary. */
    long[] summaryInos;

    long[] summaryIndexes;

    Log(String name, boolean mayUseReserve) {
      this.name = name;
      this.mayUseReserve = mayUseReserve;
    }

    /** The zone the log appends to, or -1. */
    int zone() {
      return zone;
    }

    /** Metadata log: the zone it moves to when its zone is full, or -1. */
    int nextZone() {
      return nextZone;
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

  private final Map<Long, Inode> inodes = new HashMap<>();
  final Log meta = new Log("metadata", true);
  final Log hot = new Log("hot data", false);
  final Log cold = new Log("cleaner", true);
  final long maxInodes;
  private final Cleaner cleaner = new Cleaner(this);
  final CleaningHistory cleaningHistory = new CleaningHistory();
  private final InodeStore inodeStore = new InodeStore(this);
  private long nextIno = ROOT_INO + 1;
  private long metaSeq = 1;
  private long clock;
  private long checkpointSeq;
  private int checkpointZone = 1;
  private long hostBytes;
  private long deviceBytes;
  private long zoneResets;
  private long cleaningPasses;
  private long blocksMoved;

  /** Zone summaries read from the device by the cleaner (not persisted). */
  private long summaryReads;

  /** Names changed since the last checkpoint: fsync must then write a checkpoint. */
  private boolean namespaceDirty;

  /** Inside a cleaning pass, whose metadata may use the reserve. */
  private boolean cleaning;

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
    this.zones = new ZoneTable(zoneCount, zoneCapacity, SYSTEM_ZONES);
    this.maxInodes = Checkpoint.maxInodes(zoneCount, geometry.zoneCapacityBytes());
  }

  // ---------------------------------------------------------------- state

  /** The inode {@code ino}, or null. */
  Inode inode(long ino) {
    return inodes.get(ino);
  }

  /** Every inode (a view; change inodes through this class). */
  java.util.Collection<Inode> inodes() {
    return java.util.Collections.unmodifiableCollection(inodes.values());
  }

  int inodeCount() {
    return inodes.size();
  }

  /** A new, empty inode with the next inode number. */
  Inode createInode(FileType type, long parent) {
    Inode f = new Inode(nextIno++, type, parent, now());
    inodes.put(f.ino, f);
    return f;
  }

  /** An inode read from the device (mount), replacing any earlier version of it. */
  void adopt(Inode f) {
    inodes.put(f.ino, f);
  }

  /** Names changed: they become durable only with the next checkpoint. */
  void namesChanged() {
    namespaceDirty = true;
  }

  /** Names changed since the last checkpoint: fsync must then write a checkpoint. */
  boolean namespaceDirty() {
    return namespaceDirty;
  }

  /** The checkpoint zone (1 or 2) the last checkpoint went to. */
  int checkpointZone() {
    return checkpointZone;
  }

  /** Logical clock: blocks appended since format (cost-benefit age). */
  long clock() {
    return clock;
  }

  /** Zone summaries the cleaner read from the device since mount. */
  long summaryReads() {
    return summaryReads;
  }

  /** Runs a cleaning pass's moves: its metadata may use the reserve, and it counts as a pass. */
  void whileCleaning(Runnable pass) {
    cleaning = true;
    try {
      pass.run();
      cleaningPasses++;
      checkpoint();
    } finally {
      cleaning = false;
    }
  }

  /** The cleaner moved {@code blocks} live blocks. */
  void moved(int blocks) {
    blocksMoved += blocks;
  }

  /** Format wrote the superblock. */
  void wroteSuperblock() {
    deviceBytes += blockSize;
  }

  /**
   * Mount: positions, counters and zone roles from the checkpoint {@code cp}, found in checkpoint
   * zone {@code cpZone}; each zone's written blocks from the device.
   */
  void restoreFrom(Checkpoint cp, int cpZone) {
    for (int z = SYSTEM_ZONES; z < zoneCount; z++) {
      zones.restore(
          z,
          ZoneTable.Role.values()[cp.roles()[z]],
          cp.modified()[z],
          (int) Math.min(device.zone(z).writtenBlocks(), zoneCapacity));
    }
    checkpointZone = cpZone;
    meta.zone = cp.metaZone();
    meta.nextZone = cp.metaNextZone();
    hot.zone = cp.hotZone();
    cold.zone = cp.coldZone();
    for (int z : new int[] {hot.zone, cold.zone}) {
      if (z >= 0) {
        zones.markDataZone(z);
      }
    }
    nextIno = cp.nextIno();
    metaSeq = cp.nextMetaSeq();
    clock = cp.clock();
    checkpointSeq = cp.seq();
    FsCounters c = cp.counters();
    hostBytes = c.hostBytesWritten();
    deviceBytes = c.deviceBytesWritten();
    zoneResets = c.zoneResets();
    cleaningPasses = c.cleaningPasses();
    blocksMoved = c.blocksMoved();
  }

  /** Roll-forward: the metadata log went on in {@code zone}, its previous zone is sealed. */
  void metaLogMovedTo(int zone) {
    zones.seal(meta.zone);
    zones.assign(zone, ZoneTable.Role.LOG);
    meta.zone = zone;
  }

  /** Roll-forward: the metadata log's blocks name {@code zone} as the one it moves to next. */
  void metaLogNextZone(int zone) {
    meta.nextZone = zone;
    zones.assign(zone, ZoneTable.Role.RESERVED);
  }

  /** Roll-forward: the next block of the metadata log gets sequence number {@code seq}. */
  void metaLogResumesAt(long seq) {
    metaSeq = seq;
  }

  /** Mount: the log no longer has a zone (it takes a fresh one when it next writes). */
  void dropLogZone(Log log) {
    log.zone = -1;
  }

  /** Mount: the metadata log has no reserved next zone. */
  void dropMetaNextZone() {
    meta.nextZone = -1;
  }

  /** Mount: the metadata log reserves the lowest free zone as its next one, reset if stale. */
  void reserveMetaNextZone() {
    int z = zones.firstFree();
    if (zones.stale(z)) {
      resetZone(z);
    }
    zones.reserve(z, zones.modified(z));
    meta.nextZone = z;
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

  /**
   * Blocks that are live or promised: the live blocks, and the metadata blocks pending changes will
   * add when the next checkpoint writes them (see {@link #pendingNewMetadataBlocks()}).
   */
  long committedBlocks() {
    return zones.liveBlocks() + pendingNewMetadataBlocks();
  }

  /**
   * Metadata blocks that do not exist yet but that the next checkpoint writes: inode blocks never
   * written, indirect nodes not on the device yet, and the blocks a directory's entry list grows
   * by. Admission counts them, or changes each admitted alone (creates on a nearly full device)
   * would together take live data past the limit once checkpointed.
   */
  long pendingNewMetadataBlocks() {
    long n = 0;
    int payload = blockSize - NodeBlock.HEADER_LENGTH;
    for (Inode f : inodes.values()) {
      if (!f.dirty && !f.entriesDirty && f.dirtyNodes.isEmpty()) {
        continue;
      }
      if (f.lba < 0) {
        n++;
      }
      for (long key : f.dirtyNodes) {
        if (!f.nodeLba.containsKey(key)) {
          n++;
        }
      }
      if (f.entriesDirty) {
        long now = (f.sizeBytes + payload - 1) / payload;
        long next = (DirectoryCodec.encodedLength(f.entries) + payload - 1) / payload;
        n += Math.max(0, next - now);
      }
    }
    return n;
  }

  /**
   * Refuses (changing nothing) when {@code newBlocks} more live blocks would pass the limit,
   * counting the blocks already promised ({@link #committedBlocks()}).
   */
  void admit(String path, long newBlocks) {
    long live = committedBlocks();
    if (live + newBlocks > limitBlocks()) {
      throw new NoSpaceException(
          path,
          "no space left on the filesystem: "
              + live
              + " of "
              + limitBlocks()
              + " blocks are in use (live or promised to changes not yet checkpointed) and this operation needs "
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
    return Math.max(0, (log == meta ? zoneCapacity : dataCapacity) - zones.written(log.zone));
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
      if (zones.anyReclaimable()) {
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
                + zones.pinnedZones()
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
    long pending = pendingMetadataBlocks();
    if (cleaning || pending == 0) {
      return; // a checkpoint with nothing pending writes only its pack, which needs no log space
    }
    int attempts = 0;
    while (room(meta) + (long) spareFreeZones() * zoneCapacity < pendingMetadataBlocks() + 2
        && attempts++ < zoneCount) {
      if (!cleanPass(CleaningPolicy.GREEDY)) {
        return; // nothing to clean: the reserve takes it
      }
    }
  }

  // ---------------------------------------------------------------- logs

  /** A free zone for {@code log}, reset if it still holds old blocks; its role is still FREE. */
  private int takeFreeZone(Log log) {
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
    if (zones.stale(z)) {
      resetZone(z);
    }
    return z;
  }

  /** Moves a full log to its next zone. */
  void advance(Log log) {
    if (log != meta && log.zone >= 0 && zones.written(log.zone) == dataCapacity) {
      writeSummary(log); // a zone filled before a crash, whose summary was not yet appended
    }
    if (log.zone >= 0) {
      zones.seal(log.zone);
    }
    if (log == meta) {
      if (log.nextZone < 0) {
        log.nextZone = takeFreeZone(log);
      }
      log.zone = log.nextZone;
      zones.openLog(log.zone, false, clock);
      log.nextZone = takeFreeZone(log);
      zones.reserve(log.nextZone, clock);
    } else {
      log.zone = takeFreeZone(log);
      zones.openLog(log.zone, true, clock);
      log.summaryInos = new long[dataCapacity];
      log.summaryIndexes = new long[dataCapacity];
    }
  }

  /** Blocks zone {@code z} can hold live: a data zone's summary takes its last blocks. */
  int capacityOf(int z) {
    return zones.isDataZone(z) ? dataCapacity : zoneCapacity;
  }

  /** Appends the summary of a data log's full zone after its data blocks. */
  private void writeSummary(Log log) {
    int z = log.zone;
    byte[] blocks = summary.encode(z, log.summaryInos, log.summaryIndexes, blockSize);
    device.append(geometry.zoneStartLba(z), blocks);
    zones.filled(z);
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
    if (!zones.isDataZone(z) || zones.written(z) < zoneCapacity) {
      return null; // a metadata zone has no summary slot, and may have been finished short
    }
    byte[] blocks = readBlocks(geometry.zoneStartLba(z) + dataCapacity, summary.blocksPerZone);
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
    if (log.zone >= 0) {
      stageSummaryFromTable(log.zone, log.summaryInos, log.summaryIndexes);
    }
  }

  private void stageSummaryFromTable(int z, long[] inos, long[] indexes) {
    for (int off = 0; off < Math.min(dataCapacity, zones.written(z)); off++) {
      long owner = zones.owner(z, off);
      if (owner != 0) {
        inos[off] = owner;
        indexes[off] = zones.tag(z, off).index();
      }
    }
  }

  /**
   * Fills a sealed data zone a crash left part written: zero blocks up to its summary, then the
   * summary from what is live in it. Finishing it instead would leave the summary slot unwritten,
   * and a later mount, which cannot tell, would read it (a drive with DULBE set refuses that).
   */
  void completeDataZone(int z) {
    long start = geometry.zoneStartLba(z);
    int chunkBlocks = Math.min(dataCapacity, 256);
    while (zones.written(z) < dataCapacity) {
      int n = Math.min(chunkBlocks, dataCapacity - zones.written(z));
      device.append(start, new byte[n * blockSize]);
      zones.wrote(z, zones.written(z) + n);
      deviceBytes += (long) n * blockSize;
    }
    long[] inos = new long[dataCapacity];
    long[] indexes = new long[dataCapacity];
    stageSummaryFromTable(z, inos, indexes);
    byte[] blocks = summary.encode(z, inos, indexes, blockSize);
    device.append(start, blocks);
    zones.filled(z);
    deviceBytes += blocks.length;
  }

  /**
   * Appends {@code n} data blocks of {@code buf} to {@code log}, block {@code i} as block {@code
   * indexes[i]} of inode {@code owners[i]}; returns the LBA of each.
   */
  long[] appendData(Log log, byte[] buf, int n, long[] owners, long[] indexes) {
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
        log.summaryIndexes[zoneStart + i] = indexes[done + i];
      }
      record(log.zone, first, k, owners, i -> BlockTag.block(indexes[i]), done, lbas);
      if (zones.written(log.zone) == dataCapacity) {
        writeSummary(log);
      }
      done += k;
    }
    return lbas;
  }

  /** Appends metadata blocks, sealing each with the next log sequence number. */
  long[] appendMeta(List<byte[]> images, int flags, long[] owners, BlockTag[] tags) {
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
      record(meta.zone, first, k, owners, i -> tags[i], done, lbas);
      done += k;
    }
    return lbas;
  }

  /**
   * Records {@code k} blocks appended at {@code first}: block {@code i} is owned as {@code tags}.
   */
  private void record(
      int zone,
      long first,
      int k,
      long[] owners,
      java.util.function.IntFunction<BlockTag> tags,
      int done,
      long[] lbas) {
    long start = geometry.zoneStartLba(zone);
    for (int i = 0; i < k; i++) {
      lbas[done + i] = first + i;
      zones.own(zone, (int) (first + i - start), owners[done + i], tags.apply(done + i), clock);
    }
    zones.wrote(zone, (int) (first + k - start));
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

  // ---------------------------------------------------------------- reads

  /**
   * Reads {@code blocks} blocks at {@code lba}: the one way the filesystem reads the device. It
   * reads only blocks it wrote: never a zone's tail past what was written, which a drive with DULBE
   * set refuses.
   */
  byte[] readBlocks(long lba, int blocks) {
    return device.read(lba, blocks);
  }

  /** As {@link #readBlocks(long, int)}, into {@code buf} at {@code off}. */
  void readBlocks(long lba, int blocks, byte[] buf, int off) {
    device.read(lba, blocks, buf, off);
  }

  /**
   * Reads blocks {@code index..index+blocks-1} of the file at {@code path}, stored from {@code
   * lba}: a block that cannot be read fails this read alone, with an {@link FsIoException} naming
   * the file, the block and its LBA; nothing else is affected.
   */
  void readData(String path, long index, long lba, int blocks, byte[] buf, int off) {
    try {
      readBlocks(lba, blocks, buf, off);
    } catch (ZnsException e) {
      if (e.statusCode() != StatusCode.UNRECOVERED_READ_ERROR
          && e.statusCode() != StatusCode.ZONE_IS_OFFLINE) {
        throw e; // not the media: the device itself failed (e.g. lost power)
      }
      int bad = 0;
      for (; bad < blocks - 1; bad++) { // a run failed: find its first unreadable block
        try {
          readBlocks(lba + bad, 1, buf, off + bad * blockSize);
        } catch (ZnsException first) {
          break;
        }
      }
      throw new FsIoException(
          path,
          lba + bad,
          "cannot read "
              + path
              + ": block "
              + (index + bad)
              + " of the file (lba "
              + (lba + bad)
              + ") is unreadable ("
              + e.getMessage()
              + "); the rest of the file and the filesystem can still be used",
          e);
    }
  }

  // ---------------------------------------------------------------- file data

  /** Reads file bytes of the file at {@code path}; -1 at or past the end of the file. */
  int read(String path, Inode f, long offset, byte[] buf, int off, int len) {
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
        readData(path, index, lba, run, buf, off + pos);
        pos += runBytes;
      } else {
        byte[] tmp = new byte[runBytes];
        readData(path, index, lba, run, tmp, 0);
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
        readBlockInto(path, f, cb, buf, 0);
      }
      if (to % blockSize != 0 && (to / blockSize != from / blockSize || from % blockSize == 0)) {
        readBlockInto(path, f, cb + n - 1, buf, (n - 1) * blockSize);
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

  private void readBlockInto(String path, Inode f, long index, byte[] buf, int off) {
    if (f.block(index) >= 0) {
      readData(path, index, f.block(index), 1, buf, off);
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
        byte[] buf = new byte[blockSize];
        readData(path, keep - 1, f.block(keep - 1), 1, buf, 0);
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
    if (zones.written(checkpointZone) + blocks > zoneCapacity) {
      // the zone is left closed, not finished: mount reads a checkpoint zone up to its write
      // pointer, and a finished zone's unwritten tail is not readable on a drive with DULBE set
      int other = checkpointZone == 1 ? 2 : 1;
      device.manage(other, ZoneAction.RESET);
      zoneResets++;
      zones.wasReset(other);
      checkpointZone = other;
    }
    device.append(geometry.zoneStartLba(checkpointZone), pack);
    zones.wrote(checkpointZone, zones.written(checkpointZone) + blocks);
    deviceBytes += pack.length;
    if (zones.written(checkpointZone) < zoneCapacity) {
      device.manage(checkpointZone, ZoneAction.CLOSE);
    }
    namespaceDirty = false;
    for (int z = SYSTEM_ZONES; z < zones.zoneCount(); z++) {
      if (zones.reclaimable(z)) {
        // nothing the pack just written references the zone, nor will any later state: it is
        // free from now on; the device reset waits until a log takes it (or sync/unmount)
        zones.reclaim(z);
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
      if (zones.stale(z)) {
        resetZone(z);
      }
    }
  }

  private void resetZone(int z) {
    device.manage(z, ZoneAction.RESET);
    zones.wasReset(z);
    zoneResets++;
  }

  private Checkpoint snapshot() {
    long[] inos = inodes.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    long[] lbas = new long[inos.length];
    for (int i = 0; i < inos.length; i++) {
      lbas[i] = inodes.get(inos[i]).lba;
    }
    long metaNextLba =
        meta.zone < 0 ? -1 : geometry.zoneStartLba(meta.zone) + zones.written(meta.zone);
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
        zones.roleCodes(),
        zones.validCounts(),
        zones.modifiedTimes(),
        inos,
        lbas);
  }

  FsCounters counters() {
    return new FsCounters(hostBytes, deviceBytes, zoneResets, cleaningPasses, blocksMoved);
  }

  // ---------------------------------------------------------------- cleaning

  /** One cleaning pass (see {@link Cleaner}); false if no zone could be cleaned. */
  boolean cleanPass(CleaningPolicy policy) {
    ZoneTable.Role[] rolesBefore = zones.roles();
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
        zones.pin(geometry.zoneOf(lba), delta);
      }
    }
  }
}
