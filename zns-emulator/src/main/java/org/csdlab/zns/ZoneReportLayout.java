package org.csdlab.zns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The data of a Report Zones command: a 64-byte header, then one 64-byte zone descriptor per zone.
 * All fields little-endian.
 *
 * <pre>
 * header      0       8                                              64
 *             +-------+-----------------------------------------------+
 *             | NZ    | reserved                                      |
 *             +-------+-----------------------------------------------+
 * descriptor  0    1    2    3    8       16      24      32           64
 *             +----+----+----+----+-------+-------+-------+------------+
 *             | ZT | ZS | ZA |    | ZCAP  | ZSLBA | WP    | reserved   |
 *             +----+----+----+----+-------+-------+-------+------------+
 * ZT: 2h sequential write required; ZS: zone state in bits 7:4; ZA bit 7: ZDEV
 * </pre>
 *
 * <p>An Extended Report Zones follows each descriptor with the zone's descriptor extension (zeros
 * when it has none), so each entry is 64 + extension-size bytes.
 */
public final class ZoneReportLayout {
  /** Bytes of the report header. */
  public static final int HEADER_BYTES = 64;

  /** Bytes of one zone descriptor. */
  public static final int DESCRIPTOR_BYTES = 64;

  /** Offset of Number of Zones in the header. */
  public static final int NUMBER_OF_ZONES_OFFSET = 0;

  /** Offset of Zone Type in a descriptor. */
  public static final int ZONE_TYPE_OFFSET = 0;

  /** Offset of Zone State (bits 7:4) in a descriptor. */
  public static final int ZONE_STATE_OFFSET = 1;

  /** Offset of Zone Capacity in a descriptor. */
  public static final int ZONE_CAPACITY_OFFSET = 8;

  /** Offset of Zone Start LBA in a descriptor. */
  public static final int ZONE_START_LBA_OFFSET = 16;

  /** Offset of Write Pointer in a descriptor. */
  public static final int WRITE_POINTER_OFFSET = 24;

  /** Offset of Zone Attributes in a descriptor. */
  public static final int ZONE_ATTRIBUTES_OFFSET = 2;

  /** Zone Attributes bit: Zone Descriptor Extension Valid. */
  public static final int ZDEV = 0x80;

  /** Zone Type value of a sequential-write-required zone. */
  public static final int SEQUENTIAL_WRITE_REQUIRED = 0x2;

  private ZoneReportLayout() {}

  /** A zone and its descriptor extension (null when it has none). */
  record Entry(Zone zone, byte[] extension) {}

  /** Byte offset of descriptor {@code index} in a Report Zones. */
  public static int descriptorOffset(int index) {
    return descriptorOffset(index, 0);
  }

  /**
   * Byte offset of descriptor {@code index} in a report whose entries carry {@code extensionBytes}.
   */
  public static int descriptorOffset(int index, int extensionBytes) {
    long offset = HEADER_BYTES + (long) index * entryBytes(extensionBytes);
    if (index < 0 || offset > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "descriptor "
              + index
              + " of a report with "
              + extensionBytes
              + "-byte extensions is outside any report buffer");
    }
    return (int) offset;
  }

  /** Bytes of one entry: a descriptor and its extension, computed in long so it never wraps. */
  private static long entryBytes(int extensionBytes) {
    if (extensionBytes < 0) {
      throw new IllegalArgumentException(
          "extension size must be at least 0, was " + extensionBytes);
    }
    return (long) DESCRIPTOR_BYTES + extensionBytes;
  }

  /** How many descriptors a buffer of {@code bytes} holds. */
  public static int capacity(int bytes) {
    return capacity(bytes, 0);
  }

  /** How many entries with {@code extensionBytes} each a buffer of {@code bytes} holds. */
  public static int capacity(int bytes, int extensionBytes) {
    return (int) Math.max(0, ((long) bytes - HEADER_BYTES) / entryBytes(extensionBytes));
  }

  /**
   * True if descriptor {@code index} of a report with {@code extensionBytes} per entry has ZDEV
   * set.
   */
  public static boolean extensionValid(byte[] report, int index, int extensionBytes) {
    return (report[descriptorOffset(index, extensionBytes) + ZONE_ATTRIBUTES_OFFSET] & ZDEV) != 0;
  }

  /** The extension following descriptor {@code index} in an Extended Report Zones. */
  public static byte[] extension(byte[] report, int index, int extensionBytes) {
    int at = descriptorOffset(index, extensionBytes) + DESCRIPTOR_BYTES;
    return java.util.Arrays.copyOfRange(report, at, at + extensionBytes);
  }

  /** Number of Zones from the header. */
  public static long numberOfZones(byte[] report) {
    return le(report).getLong(NUMBER_OF_ZONES_OFFSET);
  }

  /** Zone State of descriptor {@code index}. */
  public static ZoneState state(byte[] report, int index) {
    return state(report, index, 0);
  }

  /** Zone State of descriptor {@code index} of a report with {@code extensionBytes} per entry. */
  public static ZoneState state(byte[] report, int index, int extensionBytes) {
    int code = (report[descriptorOffset(index, extensionBytes) + ZONE_STATE_OFFSET] >> 4) & 0xF;
    for (ZoneState s : ZoneState.values()) {
      if (s.code() == code) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "descriptor " + index + ": zone state " + code + " is not a spec value");
  }

  /** Zone Start LBA of descriptor {@code index}. */
  public static long startLba(byte[] report, int index) {
    return le(report).getLong(descriptorOffset(index) + ZONE_START_LBA_OFFSET);
  }

  /** Write Pointer of descriptor {@code index}. */
  public static long writePointer(byte[] report, int index) {
    return le(report).getLong(descriptorOffset(index) + WRITE_POINTER_OFFSET);
  }

  /** Zone Capacity of descriptor {@code index}. */
  public static long capacity(byte[] report, int index) {
    return le(report).getLong(descriptorOffset(index) + ZONE_CAPACITY_OFFSET);
  }

  /**
   * Writes a report of {@code matching} into {@code buffer}: as many entries as fit, each a
   * descriptor followed by {@code extensionBytes} of extension (0 for a plain Report Zones), and a
   * header counting those entries ({@code partial}) or every matching zone.
   */
  static void write(byte[] buffer, List<Entry> matching, boolean partial, int extensionBytes) {
    if (buffer.length < HEADER_BYTES) {
      throw new IllegalArgumentException(
          "report buffer of "
              + buffer.length
              + " bytes is smaller than the "
              + HEADER_BYTES
              + "-byte header");
    }
    java.util.Arrays.fill(buffer, (byte) 0);
    ByteBuffer out = le(buffer);
    int fitting = Math.min(matching.size(), capacity(buffer.length, extensionBytes));
    out.putLong(NUMBER_OF_ZONES_OFFSET, partial ? fitting : matching.size());
    for (int i = 0; i < fitting; i++) {
      Zone z = matching.get(i).zone();
      byte[] extension = matching.get(i).extension();
      int at = descriptorOffset(i, extensionBytes);
      buffer[at + ZONE_TYPE_OFFSET] = SEQUENTIAL_WRITE_REQUIRED;
      buffer[at + ZONE_STATE_OFFSET] = (byte) (z.state().code() << 4);
      buffer[at + ZONE_ATTRIBUTES_OFFSET] = (byte) (z.extensionValid() ? ZDEV : 0);
      if (extensionBytes > 0 && extension != null) {
        System.arraycopy(extension, 0, buffer, at + DESCRIPTOR_BYTES, extensionBytes);
      }
      out.putLong(at + ZONE_CAPACITY_OFFSET, z.capacityBlocks());
      out.putLong(at + ZONE_START_LBA_OFFSET, z.startLba());
      out.putLong(at + WRITE_POINTER_OFFSET, z.writePointer());
    }
  }

  private static ByteBuffer le(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
