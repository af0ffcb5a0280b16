package org.csdlab.fluffle;

import java.util.Objects;

/**
 * Options fixed when a device is formatted. The block size is always the device's logical block
 * size.
 *
 * @param reserveZones zones kept empty for the cleaner, so it can always make progress; 0 means
 *     "choose": max(3, 5% of the zones)
 * @param cleaningPolicy policy of background cleaning passes (passes forced by a shortage of space
 *     are always greedy)
 * @param backgroundFreeZones a background cleaning pass runs when no more than this many zones
 *     beyond the reserve are free
 * @param zoneCount the zones the filesystem uses, zones 0 to {@code zoneCount - 1}, leaving the
 *     rest of the device alone (format resets only these, mount and the cleaner touch nothing
 *     else); 0 means every zone of the device
 */
public record FormatOptions(
    int reserveZones, CleaningPolicy cleaningPolicy, int backgroundFreeZones, int zoneCount) {

  /** Checks the options. */
  public FormatOptions {
    Objects.requireNonNull(cleaningPolicy, "cleaningPolicy");
    if (reserveZones < 0) {
      throw new IllegalArgumentException(
          "reserveZones must be 0 (automatic) or more, was " + reserveZones);
    }
    if (zoneCount < 0) {
      throw new IllegalArgumentException(
          "zoneCount must be 0 (every zone) or more, was " + zoneCount);
    }
    if (backgroundFreeZones < 0) {
      throw new IllegalArgumentException(
          "backgroundFreeZones must be 0 or more, was " + backgroundFreeZones);
    }
  }

  /** Automatic reserve, cost-benefit background cleaning when 2 or fewer spare zones are free. */
  public static FormatOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link FormatOptions}; every setter is optional. */
  public static final class Builder {
    private int reserveZones;
    private CleaningPolicy cleaningPolicy = CleaningPolicy.COST_BENEFIT;
    private int backgroundFreeZones = 2;
    private int zoneCount;

    private Builder() {}

    /** Zones kept empty for the cleaner (0 = automatic). */
    public Builder reserveZones(int reserveZones) {
      this.reserveZones = reserveZones;
      return this;
    }

    /** Policy of background cleaning passes. */
    public Builder cleaningPolicy(CleaningPolicy cleaningPolicy) {
      this.cleaningPolicy = cleaningPolicy;
      return this;
    }

    /** Spare free zones at or below which a background cleaning pass runs. */
    public Builder backgroundFreeZones(int backgroundFreeZones) {
      this.backgroundFreeZones = backgroundFreeZones;
      return this;
    }

    /** The filesystem uses zones 0 to {@code zoneCount - 1} only (0 = every zone, the default). */
    public Builder zoneCount(int zoneCount) {
      this.zoneCount = zoneCount;
      return this;
    }

    /** The options; throws {@link IllegalArgumentException} if one is out of range. */
    public FormatOptions build() {
      return new FormatOptions(reserveZones, cleaningPolicy, backgroundFreeZones, zoneCount);
    }
  }
}
