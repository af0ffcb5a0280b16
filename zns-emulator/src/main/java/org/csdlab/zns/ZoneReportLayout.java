package org.csdlab.zns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The data of a Report Zones command: a 64-byte header, then one 64-byte zone descriptor per
 * zone. All fields little-endian.
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
 * ZT: 2h sequential write required; ZS: zone state in bits 7:4
 * </pre>
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
  /** Zone Type value of a sequential-write-required zone. */
  public static final int SEQUENTIAL_WRITE_REQUIRED = 0x2;

  private ZoneReportLayout() {}

  /** Byte offset of descriptor {@code index} in the report. */
  public static int descriptorOffset(int index) {
    return HEADER_BYTES + index * DESCRIPTOR_BYTES;
  }

  /** How many descriptors a buffer of {@code bytes} holds. */
  public static int capacity(int bytes) {
    return Math.max(0, (bytes - HEADER_BYTES) / DESCRIPTOR_BYTES);
  }

  /** Number of Zones from the header. */
  public static long numberOfZones(byte[] report) {
    return le(report).getLong(NUMBER_OF_ZONES_OFFSET);
  }

  /** Zone State of descriptor {@code index}. */
  public static ZoneState state(byte[] report, int index) {
    int code = (report[descriptorOffset(index) + ZONE_STATE_OFFSET] >> 4) & 0xF;
    for (ZoneState s : ZoneState.values()) {
      if (s.code() == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("descriptor " + index + ": zone state " + code + " is not a spec value");
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
   * Writes a report of {@code matching} into {@code buffer}: as many descriptors as fit, and a
   * header counting those descriptors ({@code partial}) or every matching zone.
   */
  static void write(byte[] buffer, List<Zone> matching, boolean partial) {
    if (buffer.length < HEADER_BYTES) {
      throw new IllegalArgumentException("report buffer of " + buffer.length + " bytes is smaller than the "
          + HEADER_BYTES + "-byte header");
    }
    java.util.Arrays.fill(buffer, (byte) 0);
    ByteBuffer out = le(buffer);
    int fitting = Math.min(matching.size(), capacity(buffer.length));
    out.putLong(NUMBER_OF_ZONES_OFFSET, partial ? fitting : matching.size());
    for (int i = 0; i < fitting; i++) {
      Zone z = matching.get(i);
      int at = descriptorOffset(i);
      buffer[at + ZONE_TYPE_OFFSET] = SEQUENTIAL_WRITE_REQUIRED;
      buffer[at + ZONE_STATE_OFFSET] = (byte) (z.state().code() << 4);
      out.putLong(at + ZONE_CAPACITY_OFFSET, z.capacityBlocks());
      out.putLong(at + ZONE_START_LBA_OFFSET, z.startLba());
      out.putLong(at + WRITE_POINTER_OFFSET, z.writePointer());
    }
  }

  private static ByteBuffer le(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
