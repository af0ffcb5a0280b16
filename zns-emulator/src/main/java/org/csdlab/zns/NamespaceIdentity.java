package org.csdlab.zns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What Identify reports about the zoned namespace, with MAR and MOR zero-based as the spec reports
 * them (0xFFFFFFFF, here -1, for no limit).
 *
 * @param sizeBlocks namespace size in logical blocks (NSZE)
 * @param blockSizeBytes logical block size
 * @param zoneSizeBlocks zone size (ZSZE)
 * @param maxActiveResources MAR, zero-based; -1 for no limit
 * @param maxOpenResources MOR, zero-based; -1 for no limit
 * @param zoneDescriptorExtensionUnits ZDES: extension size in 64-byte units
 * @param readAcrossZoneBoundaries RAZB (bit 0 of OZCS): a read may cross a zone boundary; when
 *     clear such a read fails with Zone Boundary Error
 */
public record NamespaceIdentity(
    long sizeBlocks,
    int blockSizeBytes,
    long zoneSizeBlocks,
    int maxActiveResources,
    int maxOpenResources,
    int zoneDescriptorExtensionUnits,
    boolean readAcrossZoneBoundaries) {

  /** Bytes of the Zoned Namespace Identify Namespace data structure. */
  public static final int BYTES = 4096;

  /** Offset of MAR in that structure. */
  public static final int MAR_OFFSET = 4;

  /** Offset of MOR in that structure. */
  public static final int MOR_OFFSET = 8;

  /** Offset of OZCS (Optional Zoned Command Support), whose bit 0 is RAZB. */
  public static final int OZCS_OFFSET = 2;

  /** The RAZB bit of OZCS. */
  public static final int OZCS_RAZB = 0x1;

  /** Offset of ZSZE of LBA format 0 (LBAFE0). */
  public static final int ZSZE_OFFSET = 2816;

  /** Offset of ZDES of LBA format 0 (LBAFE0). */
  public static final int ZDES_OFFSET = 2824;

  static NamespaceIdentity of(Geometry g, boolean readAcrossZoneBoundaries) {
    return new NamespaceIdentity(
        g.totalBlocks(),
        g.blockSizeBytes(),
        g.zoneSizeBlocks(),
        zeroBased(g.maxActiveZones()),
        zeroBased(g.maxOpenZones()),
        g.zoneDescriptorExtensionBytes() / 64,
        readAcrossZoneBoundaries);
  }

  private static int zeroBased(int limit) {
    return limit == Geometry.UNLIMITED ? -1 : limit - 1;
  }

  /** Writes the fields into the Zoned Namespace Identify Namespace layout (little-endian). */
  public void writeTo(byte[] buffer) {
    if (buffer.length < BYTES) {
      throw new IllegalArgumentException(
          "identify buffer must hold " + BYTES + " bytes, has " + buffer.length);
    }
    java.util.Arrays.fill(buffer, 0, BYTES, (byte) 0);
    ByteBuffer out = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAR_OFFSET, maxActiveResources);
    out.putShort(OZCS_OFFSET, (short) (readAcrossZoneBoundaries ? OZCS_RAZB : 0));
    out.putInt(MOR_OFFSET, maxOpenResources);
    out.putLong(ZSZE_OFFSET, zoneSizeBlocks);
    buffer[ZDES_OFFSET] = (byte) zoneDescriptorExtensionUnits;
  }

  @Override
  public String toString() {
    return "NamespaceIdentity["
        + sizeBlocks
        + " blocks × "
        + blockSizeBytes
        + " B, zone "
        + zoneSizeBlocks
        + " blocks, MAR="
        + maxActiveResources
        + ", MOR="
        + maxOpenResources
        + " (zero-based), RAZB="
        + (readAcrossZoneBoundaries ? 1 : 0)
        + "]";
  }
}
