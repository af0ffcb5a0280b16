/**
 * flufflefs-lite: a log-structured filesystem on a {@link org.csdlab.zns.ZnsDevice}, in the spirit
 * of Sprite LFS and F2FS. It only reads, appends and resets zones; it never writes in place. Entry
 * points: {@link org.csdlab.fluffle.FluffleFs#format} and {@link
 * org.csdlab.fluffle.FluffleFs#mount}.
 *
 * <h2>On-disk design</h2>
 *
 * <pre>
 *  zone 0        zone 1, 2              zones 3 ..                                   (block size = LBA size)
 *  +-----------+ +---------+---------+  +------------+ +----------+ +----------+ +------+ +------+
 *  | superblock| | ckpt A  | ckpt B  |  | meta log   | | hot log  | | cold log | | free | | ...  |
 *  +-----------+ +---------+---------+  +------------+ +----------+ +----------+ +------+ +------+
 * </pre>
 *
 * <ul>
 *   <li><b>Superblock</b> ({@code Superblock}): block 0 of zone 0, written once at format (the zone
 *       is then finished): magic {@code FLUFFLE1}, version, geometry, reserve zones, cleaning
 *       policy, CRC32C. A missing magic means "not flufflefs-lite"; a bad checksum or a geometry
 *       that does not match the device means "damaged".
 *   <li><b>Two checkpoint zones</b> ({@code Checkpoint}), used alternately: a checkpoint pack is
 *       appended after the previous one; when it does not fit, the current zone is left closed (not
 *       finished: mount reads a checkpoint zone up to its write pointer, and never a block that was
 *       not written, which a drive with DULBE set refuses), the other is reset and takes the pack.
 *       A pack carries a sequence number and a CRC32C over all its blocks; mount takes the valid
 *       pack with the highest sequence number, so a torn pack falls back to the previous one. A
 *       pack holds the log positions, counters, the <b>zone usage table</b> (role, valid blocks and
 *       last-write time of each zone) and the <b>inode map</b> (inode number → LBA of its inode
 *       block), so rewriting an inode never rewrites its directory or anything above it.
 *   <li><b>Inode and block map</b> ({@code NodeBlock}, {@code BlockTree}): an inode block holds
 *       type, parent, size, modification time, direct block pointers and the roots of single,
 *       double and triple indirect trees (ext2/F2FS style, not a linked list): changing a block
 *       rewrites only the nodes on its path and the inode. Directories keep their entry list
 *       ({@code DirectoryCodec}) in directory blocks mapped the same way.
 *   <li><b>Three logs</b>, each an open zone being appended to: <i>metadata</i> (inodes, indirect
 *       nodes, directory blocks), <i>hot</i> (file data written by the host) and <i>cold</i> (file
 *       data moved by the cleaner). Every metadata block carries a header (magic, kind, owner
 *       inode, key, log sequence number, the zone the log moves to next, CRC32C), so roll-forward
 *       can validate each block and follow the log across zones. At most four zones are open at
 *       once (three logs and a checkpoint zone, which is closed after each pack), within the
 *       device's open and active limits.
 *   <li><b>Zone summary</b> ({@code ZoneSummary}, on disk): the last blocks of every hot and cold
 *       log zone (one block for 4 KiB blocks and zones up to 256 blocks) name, for each data block
 *       before them, its owner inode and its block index in that file (Sprite LFS's segment
 *       summary, F2FS's SSA). The log appends them as soon as its data fills the zone, so every
 *       sealed data zone describes itself:
 *       <pre>
 *  data zone: C blocks, the last S of them summary      a summary block
 *  +--------+--------+-----+------------+-----------+   +-------+--------+------+-------+
 *  | data 0 | data 1 | ... | data C-S-1 | summary S |   | magic | crc32c | zone | first |
 *  +--------+--------+-----+------------+-----------+   +-------+--------+------+-------+
 *                                                       | (ino, block index) per block, |
 *                                                       | 16 B each, from block first   |
 *                                                       +-------------------------------+
 * </pre>
 *       The cleaner reads a victim's summary and treats a block as live only if that inode's map
 *       still points at it. A summary block carries its zone, its entry range and a CRC32C; a zone
 *       whose summary is torn, or missing (a power cut between the last data block and the summary;
 *       a log that finds its zone full without one appends it, from the maps, when it moves on),
 *       has none (mount fills a data zone a crash left part written with zero blocks and the
 *       summary, rather than finishing it, so a summary slot is never left unwritten), and the
 *       cleaner falls back to the <b>zone table</b> ({@code ZoneTable}). That table, kept in
 *       memory, has each block's owner and what it is (a {@code BlockTag}: block index, inode, or
 *       indirect node key) and is rebuilt at mount from the block maps (every inode is read at
 *       mount); metadata zones need no summary, since each metadata block names its owner and key
 *       in its own header. Roll-forward never reads a summary; mount checks each valid one against
 *       the maps. {@link org.csdlab.fluffle.FluffleFs#check()} checks the table against the maps
 *       and every on-disk summary against every live data block.
 * </ul>
 *
 * <h2>Writing, syncing, recovery</h2>
 *
 * Data is appended to the hot log as soon as it is written (partial blocks are read, merged and
 * rewritten). Metadata changes stay in memory until one of:
 *
 * <ul>
 *   <li><b>fsync</b> of a file: if no name changed since the last checkpoint, the file's dirty
 *       indirect nodes and then its inode block (flagged FSYNC) are appended to the metadata log,
 *       as F2FS does; if names changed (create, unlink, rename, mkdir, rmdir), fsync writes a full
 *       checkpoint instead, so a fsynced file is always reachable by a durable name.
 *   <li><b>checkpoint</b> ({@code sync()}, {@code unmount()}, every cleaning pass): all dirty
 *       directories and inodes are written, then the pack; then zones whose blocks nothing
 *       references any more become free. A free zone is reset when a log takes it (or at {@code
 *       sync()}, {@code unmount()} and mount), one at a time rather than in a burst. Zones are
 *       freed only by a checkpoint, so a block the durable state references is never overwritten; a
 *       zone freed but not yet reset is, after a crash, a zone with nothing live that mount resets.
 *   <li><b>mount</b>: superblock, latest valid pack, every inode in the inode map (block maps and
 *       directory entries), then <b>roll-forward</b>: the metadata log is read from the position in
 *       the pack, block by block, while each block is valid and has the next sequence number,
 *       following the "next zone" of the headers; every FSYNC inode found replaces the checkpointed
 *       one. Anything that fails validation ends the scan (a torn last append, stale blocks). Usage
 *       is rebuilt from the maps, zones are reconciled with the device, every valid zone summary is
 *       checked against the maps (a summary that names another owner for a live block means the
 *       image is damaged), and only then does mount write: a recovery checkpoint and the resets of
 *       zones holding nothing live. A zone that holds nothing live and that no later mount reads
 *       (neither in the part of the metadata log roll-forward follows nor holding a checkpointed
 *       inode or indirect node that a fsynced inode replaced) is free at once, reset when a log
 *       takes it: recovery has at least the free zones the filesystem had when it crashed, and a
 *       recovery checkpoint with nothing pending writes only its pack, so recovery always finds
 *       room, however often it is itself cut short. A device that fails any check is refused
 *       ({@link org.csdlab.fluffle.NotFluffleFsException}, {@link
 *       org.csdlab.fluffle.CorruptImageException}) before anything is written.
 * </ul>
 *
 * <h2>Guarantees</h2>
 *
 * <ol>
 *   <li>After {@link org.csdlab.fluffle.FileHandle#fsync()} returns, the file's contents and size
 *       survive a power cut (as does everything before a returned {@code sync()}).
 *   <li>After a crash every block of every file reads as some version actually written to it, or
 *       zeros: file maps only ever point at blocks written for that file, and no block the durable
 *       state references is reset before a checkpoint stops referencing it.
 *   <li>A rename is atomic: names change only through a checkpoint, which either is complete (valid
 *       CRC) or not, so after a crash exactly one of the two names exists.
 *   <li>A crash during cleaning or while switching checkpoint zones loses nothing fsynced: cleaned
 *       zones are reset only after the checkpoint that stops referencing them, and the other
 *       checkpoint zone is reset only while the current one holds the latest pack.
 *   <li>Recovery is idempotent: the blocks recovery appends are not FSYNC-flagged, so a crash
 *       during recovery and another mount give the same state. Mount fails only with an {@link
 *       org.csdlab.fluffle.FsException}.
 * </ol>
 *
 * Not guaranteed: anything written but not synced may be lost or may survive; a single write larger
 * than a zone may survive in part (it is written in zone-sized chunks).
 *
 * <h2>Cleaning and space</h2>
 *
 * Live data may occupy the data zones minus the reserve and the four log zones ({@link
 * org.csdlab.fluffle.FsStats#totalBytes()}); beyond that a write fails with {@link
 * org.csdlab.fluffle.NoSpaceException} before changing anything, and the filesystem stays usable
 * and mountable. When the hot log needs a zone and fewer than {@code backgroundFreeZones} spare
 * zones are free, one pass runs with the configured policy; while space is short, greedy passes run
 * until the write fits. A pass picks victims (greedy: fewest valid blocks; cost-benefit: highest
 * {@code (1 - u) * age / (1 + u)}), copies their live data to the cold log, marks their live
 * metadata for rewriting, checkpoints and resets them. Only the cleaner and the metadata log may
 * use the reserve zones, so cleaning always has room. To keep a cleaning pass's own checkpoint
 * within the reserve, a checkpoint is written as soon as the metadata waiting to be written exceeds
 * a quarter of the reserve, and before metadata would eat into the reserve a greedy pass runs
 * first. Live directory blocks are moved as they are; live inodes and indirect nodes in a victim
 * are rewritten by the pass's checkpoint.
 *
 * <h2>Part of a device</h2>
 *
 * {@link org.csdlab.fluffle.FormatOptions#zoneCount()} formats the filesystem on zones 0 to {@code
 * zoneCount - 1} only (the superblock's zone count): format resets only those, and the logs, the
 * cleaner, mount and recovery never read, write or reset a zone after them, so other users of the
 * device (raw zone appends) keep theirs. They share the device's open and active zone limits.
 *
 * <h2>Snapshots</h2>
 *
 * {@link org.csdlab.fluffle.FluffleFs#snapshot} pins the file's current blocks: the cleaner skips
 * zones holding pinned blocks and no such zone is reset, so the snapshot reads the old contents
 * while writers go on. Snapshots live in memory and end with the mount.
 */
package org.csdlab.fluffle;
