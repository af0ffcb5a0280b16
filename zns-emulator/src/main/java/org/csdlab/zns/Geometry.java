package org.csdlab.zns;

/**
 * The shape of a zoned namespace: how many zones, how large, how many blocks of each zone can be
 * written, the logical block size and the limits on open and active zones.
 *
 * <p>Sizes are in logical blocks. {@link #UNLIMITED} stands for "no limit" on open or active zones.
 * Build one with {@link #builder()}; {@link #defaults()} is the teaching geometry (64 zones of 16
 * MiB, 4096-byte blocks, at most 14 open and 14 active zones). The limits ({@link #MAX_ZONE_COUNT},
 * {@link #MAX_ZONE_DESCRIPTOR_EXTENSION_BYTES}, {@link #MAX_ZONE_TABLE_BYTES}, {@link
 * #MAX_SIZE_BYTES}) bound what a device built from a geometry, or opened from an image that
 * declares one, allocates per zone.
 *
 * @param zoneCount number of zones
 * @param zoneSizeBlocks logical blocks from one zone start to the next
 * @param zoneCapacityBlocks writable logical blocks of each zone, at most the zone size
 * @param blockSizeBytes logical block size, 512 or 4096
 * @param maxOpenZones maximum open resources (MOR), or {@link #UNLIMITED}
 * @param maxActiveZones maximum active resources (MAR), or {@link #UNLIMITED}
 * @param zoneDescriptorExtensionBytes size of each zone descriptor extension, a multiple of 64; 0
 *     for none
 */
public record Geometry(
    int zoneCount,
    long zoneSizeBlocks,
    long zoneCapacityBlocks,
    int blockSizeBytes,
    int maxOpenZones,
    int maxActiveZones,
    int zoneDescriptorExtensionBytes) {

  /** No limit on open or active zones. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /**
   * The most zones a device may have. Each zone costs the JVM a slot, a snapshot when reported and
   * a zone table entry, all allocated when the device is built, so an image declaring 50 million
   * one-block zones must be refused before that.
   */
  public static final int MAX_ZONE_COUNT = 1 << 18;

  /**
   * The largest zone descriptor extension: the NVMe ZDES field counts 64-byte units in one byte.
   */
  public static final int MAX_ZONE_DESCRIPTOR_EXTENSION_BYTES = 255 * 64;

  /**
   * The most bytes a per-zone table may take: an Extended Report Zones of every zone ({@link
   * #zoneTableBytes()}), the largest one the device builds; the image's zone table and the zones'
   * extensions are smaller.
   */
  public static final long MAX_ZONE_TABLE_BYTES = 64L << 20;

  /** The largest device: 4 EiB, so that sizes and file offsets computed from it fit in a long. */
  public static final long MAX_SIZE_BYTES = 1L << 62;

  /**
   * Checks every rule and limit; throws {@link InvalidGeometryException} naming the field and rule.
   */
  public Geometry {
    require(zoneCount > 0, "zoneCount", "zone count must be at least 1, was " + zoneCount);
    require(
        zoneCount <= MAX_ZONE_COUNT,
        "zoneCount",
        "zone count "
            + zoneCount
            + " exceeds the limit of "
            + MAX_ZONE_COUNT
            + " (Geometry.MAX_ZONE_COUNT)");
    require(
        zoneSizeBlocks > 0,
        "zoneSizeBlocks",
        "zone size must be at least 1 block, was " + zoneSizeBlocks);
    require(
        zoneCapacityBlocks > 0 && zoneCapacityBlocks <= zoneSizeBlocks,
        "zoneCapacityBlocks",
        "zone capacity must be between 1 block and the zone size ("
            + zoneSizeBlocks
            + " blocks), was "
            + zoneCapacityBlocks);
    require(
        blockSizeBytes == 512 || blockSizeBytes == 4096,
        "blockSizeBytes",
        "logical block size must be 512 or 4096 bytes, was " + blockSizeBytes);
    require(
        maxOpenZones > 0,
        "maxOpenZones",
        "max open zones must be at least 1 (or UNLIMITED), was " + maxOpenZones);
    require(
        maxActiveZones > 0,
        "maxActiveZones",
        "max active zones must be at least 1 (or UNLIMITED), was " + maxActiveZones);
    require(
        maxOpenZones <= maxActiveZones,
        "maxOpenZones",
        "max open zones ("
            + limitText(maxOpenZones)
            + ") must not exceed max active zones ("
            + limitText(maxActiveZones)
            + ")");
    require(
        zoneDescriptorExtensionBytes >= 0 && zoneDescriptorExtensionBytes % 64 == 0,
        "zoneDescriptorExtensionBytes",
        "zone descriptor extension size must be a multiple of 64 bytes (0 for none), was "
            + zoneDescriptorExtensionBytes);
    require(
        zoneDescriptorExtensionBytes <= MAX_ZONE_DESCRIPTOR_EXTENSION_BYTES,
        "zoneDescriptorExtensionBytes",
        "zone descriptor extension size "
            + zoneDescriptorExtensionBytes
            + " exceeds the limit of "
            + MAX_ZONE_DESCRIPTOR_EXTENSION_BYTES
            + " bytes (Geometry.MAX_ZONE_DESCRIPTOR_EXTENSION_BYTES)");
    long tableBytes = zoneTableBytes(zoneCount, zoneDescriptorExtensionBytes);
    require(
        tableBytes <= MAX_ZONE_TABLE_BYTES,
        "zoneDescriptorExtensionBytes",
        zoneCount
            + " zones with "
            + zoneDescriptorExtensionBytes
            + "-byte descriptor extensions need zone tables of "
            + tableBytes
            + " bytes, more than the limit of "
            + MAX_ZONE_TABLE_BYTES
            + " (Geometry.MAX_ZONE_TABLE_BYTES)");
    require(
        zoneSizeBlocks <= MAX_SIZE_BYTES / blockSizeBytes / zoneCount,
        "zoneSizeBlocks",
        zoneCount
            + " zones of "
            + zoneSizeBlocks
            + " blocks of "
            + blockSizeBytes
            + " bytes exceed the largest device, "
            + MAX_SIZE_BYTES
            + " bytes (Geometry.MAX_SIZE_BYTES)");
  }

  /**
   * Bytes of an Extended Report Zones entry per zone (descriptor and extension) times the zones.
   */
  private static long zoneTableBytes(int zoneCount, int extensionBytes) {
    return (long) zoneCount * ((long) ZoneReportLayout.DESCRIPTOR_BYTES + extensionBytes);
  }

  /** Bytes of the largest per-zone table: an Extended Report Zones entry for every zone. */
  public long zoneTableBytes() {
    return zoneTableBytes(zoneCount, zoneDescriptorExtensionBytes);
  }

  /** The teaching geometry: 64 zones of 16 MiB, 4096-byte blocks, 14 open and 14 active zones. */
  public static Geometry defaults() {
    return builder().build();
  }

  /** A builder starting from the teaching defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Total logical blocks of the namespace (zone count × zone size). */
  public long totalBlocks() {
    return zoneCount * zoneSizeBlocks;
  }

  /** Total size of the namespace in bytes, including the unwritable tail of each zone. */
  public long sizeBytes() {
    return totalBlocks() * blockSizeBytes;
  }

  /** Writable bytes of one zone. */
  public long zoneCapacityBytes() {
    return zoneCapacityBlocks * blockSizeBytes;
  }

  /** The first LBA of zone {@code zoneId}. */
  public long zoneStartLba(int zoneId) {
    return zoneId * zoneSizeBlocks;
  }

  /** The zone that holds {@code lba}. */
  public int zoneOf(long lba) {
    return (int) (lba / zoneSizeBlocks);
  }

  @Override
  public String toString() {
    return "Geometry["
        + zoneCount
        + " zones × "
        + zoneSizeBlocks
        + " blocks (capacity "
        + zoneCapacityBlocks
        + ") × "
        + blockSizeBytes
        + " B, MOR="
        + limitText(maxOpenZones)
        + ", MAR="
        + limitText(maxActiveZones)
        + "]";
  }

  static String limitText(int limit) {
    return limit == UNLIMITED ? "unlimited" : Integer.toString(limit);
  }

  private static void require(boolean rule, String field, String message) {
    if (!rule) {
      throw new InvalidGeometryException(field, message);
    }
  }

  /** Builds a {@link Geometry}; every setter is optional, {@link #build()} validates. */
  public static final class Builder {
    private int zoneCount = 64;
    private long zoneSizeBlocks = 4096;
    private long zoneCapacityBlocks = -1;
    private int blockSizeBytes = 4096;
    private int maxOpenZones = 14;
    private int maxActiveZones = 14;
    private int zoneDescriptorExtensionBytes = 0;

    private Builder() {}

    /** Number of zones. */
    public Builder zoneCount(int zoneCount) {
      this.zoneCount = zoneCount;
      return this;
    }

    /** Zone size in logical blocks; the capacity follows it unless set. */
    public Builder zoneSizeBlocks(long zoneSizeBlocks) {
      this.zoneSizeBlocks = zoneSizeBlocks;
      return this;
    }

    /** Writable blocks per zone; defaults to the zone size. */
    public Builder zoneCapacityBlocks(long zoneCapacityBlocks) {
      this.zoneCapacityBlocks = zoneCapacityBlocks;
      return this;
    }

    /** Logical block size in bytes, 512 or 4096. */
    public Builder blockSizeBytes(int blockSizeBytes) {
      this.blockSizeBytes = blockSizeBytes;
      return this;
    }

    /** Maximum open zones (MOR), or {@link Geometry#UNLIMITED}. */
    public Builder maxOpenZones(int maxOpenZones) {
      this.maxOpenZones = maxOpenZones;
      return this;
    }

    /** Maximum active zones (MAR), or {@link Geometry#UNLIMITED}. */
    public Builder maxActiveZones(int maxActiveZones) {
      this.maxActiveZones = maxActiveZones;
      return this;
    }

    /** Zone descriptor extension size in bytes, a multiple of 64; 0 for none. */
    public Builder zoneDescriptorExtensionBytes(int zoneDescriptorExtensionBytes) {
      this.zoneDescriptorExtensionBytes = zoneDescriptorExtensionBytes;
      return this;
    }

    /** The geometry, or {@link InvalidGeometryException} naming the field and rule broken. */
    public Geometry build() {
      return new Geometry(
          zoneCount,
          zoneSizeBlocks,
          zoneCapacityBlocks < 0 ? zoneSizeBlocks : zoneCapacityBlocks,
          blockSizeBytes,
          maxOpenZones,
          maxActiveZones,
          zoneDescriptorExtensionBytes);
    }
  }
}
