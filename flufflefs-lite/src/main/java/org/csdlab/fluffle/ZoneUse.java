package org.csdlab.fluffle;

/**
 * What one zone of the device holds for the filesystem at one moment, for pictures of the
 * filesystem (a heat map of live, dead and free blocks) and for lessons on cleaning.
 *
 * <pre>
 *  a zone of capacityBlocks blocks
 *  +---------------------------+----------------------+--------------------+
 *  | live: still referenced     | dead: superseded,    | free: not written  |
 *  | (liveBlocks)               | waiting for cleaning | since the reset    |
 *  +---------------------------+----------------------+--------------------+
 *  |<------------- writtenBlocks -------------------->|
 *  (blocks are not in file order; a full data zone ends with summaryBlocks of its summary)
 * </pre>
 *
 * @param zone the zone number
 * @param kind what the zone is used for
 * @param writtenBlocks blocks written since the zone's last reset (a data zone's summary included)
 * @param liveBlocks blocks the filesystem still references
 * @param capacityBlocks the zone's capacity in blocks
 * @param pins pinned blocks in the zone (snapshots); the cleaner leaves a pinned zone alone
 * @param summaryBlocks blocks of the zone summary at the end of a full data zone (neither live nor
 *     dead: the cleaner reads them)
 */
public record ZoneUse(
    int zone,
    Kind kind,
    int writtenBlocks,
    int liveBlocks,
    int capacityBlocks,
    int pins,
    int summaryBlocks) {

  /** What a zone is used for. */
  public enum Kind {
    /** Zone 0: the superblock. */
    SUPERBLOCK,
    /** The checkpoint zone holding the latest checkpoint pack. */
    CHECKPOINT,
    /** The other checkpoint zone, taken when the current one is full. */
    CHECKPOINT_SPARE,
    /** The zone the metadata log appends to. */
    METADATA_LOG,
    /** The zone the metadata log moves to next (named in its block headers). */
    METADATA_NEXT,
    /** The zone the hot log (file data written by the host) appends to. */
    HOT_LOG,
    /** The zone the cold log (data moved by the cleaner) appends to. */
    COLD_LOG,
    /** A full zone of file data (hot or cold), ending with its zone summary. */
    SEALED_DATA,
    /** A full zone of metadata (inodes, indirect nodes, directory blocks). */
    SEALED_METADATA,
    /** A free zone (maybe still holding old blocks until it is reset). */
    FREE,
    /** A zone the device marked Read Only or Offline, never used. */
    UNUSABLE,
    /**
     * A zone past the filesystem's zones ({@link FormatOptions#zoneCount()}), left to other uses;
     * none of its written blocks is the filesystem's.
     */
    NOT_IN_FILESYSTEM
  }

  /**
   * Written blocks nothing references any more: what cleaning the zone would reclaim (0 for the
   * superblock, checkpoint, unusable zones and zones outside the filesystem, which are not
   * cleaned).
   */
  public int deadBlocks() {
    return switch (kind) {
      case SUPERBLOCK, CHECKPOINT, CHECKPOINT_SPARE, UNUSABLE, NOT_IN_FILESYSTEM -> 0;
      default -> Math.max(0, writtenBlocks - liveBlocks - summaryBlocks);
    };
  }

  /** Blocks not written since the zone's last reset. */
  public int freeBlocks() {
    return Math.max(0, capacityBlocks - writtenBlocks);
  }

  /** Whether a snapshot pins blocks in this zone. */
  public boolean pinned() {
    return pins > 0;
  }
}
