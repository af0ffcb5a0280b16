package org.csdlab.zns;

/**
 * The shape of a zoned namespace: how many zones, how large, how many blocks of each zone can be
 * written, the logical block size and the limits on open and active zones.
 *
 * <p>Sizes are in logical blocks. {@link #UNLIMITED} stands for "no limit" on open or active
 * zones. Build one with {@link #builder()}; {@link #defaults()} is the teaching geometry
 * (64 zones of 16 MiB, 4096-byte blocks, at most 14 open and 14 active zones).
 *
 * @param zoneCount number of zones
 * @param zoneSizeBlocks logical blocks from one zone start to the next
 * @param zoneCapacityBlocks writable logical blocks of each zone, at most the zone size
 * @param blockSizeBytes logical block size, 512 or 4096
 * @param maxOpenZones maximum open resources (MOR), or {@link #UNLIMITED}
 * @param maxActiveZones maximum active resources (MAR), or {@link #UNLIMITED}
 * @param zoneDescriptorExtensionBytes size of each zone descriptor extension, a multiple of 64;
 *     0 for none
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

  /** Checks every rule; throws {@link IllegalArgumentException} naming the rule broken. */
  public Geometry {
    require(zoneCount > 0, "zone count must be at least 1, was " + zoneCount);
    require(zoneSizeBlocks > 0, "zone size must be at least 1 block, was " + zoneSizeBlocks);
    require(
        zoneCapacityBlocks > 0 && zoneCapacityBlocks <= zoneSizeBlocks,
        "zone capacity must be between 1 block and the zone size ("
            + zoneSizeBlocks
            + " blocks), was "
            + zoneCapacityBlocks);
    require(
        blockSizeBytes == 512 || blockSizeBytes == 4096,
        "logical block size must be 512 or 4096 bytes, was " + blockSizeBytes);
    require(
        maxOpenZones > 0,
        "max open zones must be at least 1 (or UNLIMITED), was " + maxOpenZones);
    require(
        maxActiveZones > 0,
        "max active zones must be at least 1 (or UNLIMITED), was " + maxActiveZones);
    require(
        maxOpenZones <= maxActiveZones,
        "max open zones ("
            + limitText(maxOpenZones)
            + ") must not exceed max active zones ("
            + limitText(maxActiveZones)
            + ")");
    require(
        zoneDescriptorExtensionBytes >= 0 && zoneDescriptorExtensionBytes % 64 == 0,
        "zone descriptor extension size must be a multiple of 64 bytes (0 for none), was "
            + zoneDescriptorExtensionBytes);
    require(
        (double) zoneCount * zoneSizeBlocks * blockSizeBytes <= Long.MAX_VALUE,
        "device size must fit in a long number of bytes");
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

  private static void require(boolean rule, String message) {
    if (!rule) {
      throw new IllegalArgumentException("invalid geometry: " + message);
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

    /** The geometry, or {@link IllegalArgumentException} naming the rule broken. */
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
