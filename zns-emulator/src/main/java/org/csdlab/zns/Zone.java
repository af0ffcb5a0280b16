package org.csdlab.zns;

/**
 * An immutable snapshot of one zone as a Report Zones command would describe it.
 *
 * @param id zone number, from 0
 * @param state the zone's state when the snapshot was taken
 * @param startLba first LBA of the zone (ZSLBA)
 * @param capacityBlocks writable blocks (ZCAP)
 * @param writePointer next LBA a write must start at
 * @param sizeBlocks blocks from this zone's start to the next zone's start
 * @param extensionValid whether the zone holds a zone descriptor extension (the ZDEV attribute)
 */
public record Zone(
    int id,
    ZoneState state,
    long startLba,
    long capacityBlocks,
    long writePointer,
    long sizeBlocks,
    boolean extensionValid) {

  /** A snapshot of a zone without a zone descriptor extension. */
  public Zone(
      int id,
      ZoneState state,
      long startLba,
      long capacityBlocks,
      long writePointer,
      long sizeBlocks) {
    this(id, state, startLba, capacityBlocks, writePointer, sizeBlocks, false);
  }

  /** Blocks written so far (write pointer minus zone start). */
  public long writtenBlocks() {
    return writePointer - startLba;
  }

  /** Blocks still writable before the zone is full. */
  public long remainingBlocks() {
    return capacityBlocks - writtenBlocks();
  }

  @Override
  public String toString() {
    return "Zone[id=" + id + ", state=" + state + ", wp=" + writePointer + "]";
  }
}
