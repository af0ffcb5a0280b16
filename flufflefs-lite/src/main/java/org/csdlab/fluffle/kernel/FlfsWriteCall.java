package org.csdlab.fluffle.kernel;

import java.util.Objects;
import org.csdlab.zns.Zone;

/**
 * What a write-event kernel learns of the write besides {@link FlfsCall}: FluffleFS's packed {@code
 * struct flfs_write_call}, the 40 bytes between the {@code flfs_call} and the LBAs of a write
 * event's call information ({@link FlfsCallDescriptor}).
 *
 * <p>FluffleFS declares these fields and reserves their bytes, but its {@code create_csd_context}
 * never fills them (it copies the call from a struct that ends before them, so they hold whatever
 * the allocation held). flufflefs-lite gives each the meaning FluffleFS's header describes:
 *
 * <pre>
 *   first block of the write                 last block of the write
 *  +-------------+------------ ... ------------+--------------+
 *  |   pre_pad   |   bytes the write stored    |   post_pad   |
 *  +-------------+------------ ... ------------+--------------+
 *   file bytes that were there before the write, kept in its first / last block
 *
 *   the log zone that holds the write's last block
 *  +---------------------------+-------------------+
 *  | written                   | still writable    |
 *  +---------------------------+-------------------+
 *  ^ start_ptr                 ^ wp_ptr            ^ end_ptr
 * </pre>
 *
 * @param prePadBytes bytes of the file as it was before the write that lie in the write's first
 *     block before the written range (0 for a write starting on a block boundary, or past the old
 *     end of the file's data in that block)
 * @param postPadBytes bytes of the file as it was before the write that lie in the write's last
 *     block after the written range (0 when the write ends on a block boundary or at or past the
 *     old end of the file)
 * @param startLba {@code start_ptr}: the first LBA of the log zone holding the write's last block
 *     (a write that crossed a zone end began in an earlier zone)
 * @param writePointerLba {@code wp_ptr}: that zone's write pointer after the write; every LBA from
 *     {@code startLba} up to it is written
 * @param endLba {@code end_ptr}: one past that zone's last writable LBA (start plus capacity)
 */
public record FlfsWriteCall(
    long prePadBytes, long postPadBytes, long startLba, long writePointerLba, long endLba) {
  public FlfsWriteCall {
    if (prePadBytes < 0 || postPadBytes < 0) {
      throw new IllegalArgumentException(
          "flfs_write_call: pre_pad "
              + prePadBytes
              + " and post_pad "
              + postPadBytes
              + " must not be negative");
    }
    if (startLba < 0 || writePointerLba < startLba || endLba < writePointerLba) {
      throw new IllegalArgumentException(
          "flfs_write_call: needs 0 <= start_ptr <= wp_ptr <= end_ptr, was start_ptr "
              + startLba
              + ", wp_ptr "
              + writePointerLba
              + ", end_ptr "
              + endLba);
    }
  }

  /**
   * The write call for a write of {@code sizeBytes} at {@code offset} to a file of {@code
   * sizeBeforeBytes} before the write, on a device of {@code blockSizeBytes}, whose last block went
   * to {@code logZone} (its state after the write).
   */
  public static FlfsWriteCall of(
      long offset, long sizeBytes, long sizeBeforeBytes, int blockSizeBytes, Zone logZone) {
    Objects.requireNonNull(logZone, "logZone");
    if (offset < 0 || sizeBytes <= 0 || sizeBeforeBytes < 0 || blockSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "a write call needs offset >= 0, size > 0, an old file size >= 0 and a block size > 0,"
              + " was offset "
              + offset
              + ", size "
              + sizeBytes
              + ", old file size "
              + sizeBeforeBytes
              + ", block size "
              + blockSizeBytes);
    }
    long end = offset + sizeBytes;
    long firstBlockStart = offset - offset % blockSizeBytes;
    long lastBlockEnd = (end + blockSizeBytes - 1) / blockSizeBytes * blockSizeBytes;
    long prePad = Math.max(0, Math.min(offset, sizeBeforeBytes) - firstBlockStart);
    long postPad = Math.max(0, Math.min(sizeBeforeBytes, lastBlockEnd) - end);
    long zoneEnd = logZone.startLba() + logZone.capacityBlocks();
    return new FlfsWriteCall(
        prePad, postPad, logZone.startLba(), Math.min(logZone.writePointer(), zoneEnd), zoneEnd);
  }
}
