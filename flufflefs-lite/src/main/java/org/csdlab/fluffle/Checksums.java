package org.csdlab.fluffle;

import java.util.zip.CRC32C;

/** CRC32C of on-disk structures whose own checksum field counts as zero. */
final class Checksums {
  private static final byte[] ZEROS = new byte[4];

  private Checksums() {}

  /** CRC32C of {@code bytes[from, to)} with the 4 bytes at {@code crcOffset} taken as zero. */
  static int crc32c(byte[] bytes, int from, int to, int crcOffset) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, crcOffset - from);
    crc.update(ZEROS, 0, 4);
    crc.update(bytes, crcOffset + 4, to - crcOffset - 4);
    return (int) crc.getValue();
  }
}
