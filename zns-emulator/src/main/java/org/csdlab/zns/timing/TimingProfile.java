package org.csdlab.zns.timing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The timing parameters of a modeled ZNS drive: its flash geometry (channels, dies, planes, page
 * size), how zones map onto dies, the media latencies and the bandwidths of the flash channels and
 * of the host link. Immutable; every instance is validated when it is made.
 *
 * <p>Start from a named profile ({@link #instant()}, {@link #tlcZns()}, {@link #teaching()}, or
 * {@link #named(String)}) and adjust it with {@link #toBuilder()}, or build one from scratch with
 * {@link #builder(String)}. A bandwidth of {@link #UNLIMITED} (0) means transfers take no time.
 *
 * @param name short name shown in {@link #toString()}, e.g. {@code tlc-zns}
 * @param channels flash channels (buses) between controller and dies, at least 1
 * @param diesPerChannel dies (LUNs) on each channel, at least 1
 * @param planesPerDie planes per die, at least 1; a die reads or programs one page on every plane
 *     in one operation (multi-plane)
 * @param mapping how zones are laid out on dies
 * @param pageSizeBytes flash page size, a positive multiple of 512
 * @param readLatencyNanos time for a die to sense one (multi-plane) page
 * @param programLatencyNanos time for a die to program one (multi-plane) page
 * @param resetLatencyNanos time for a die to erase its part of a zone (zone reset)
 * @param channelBandwidthBytesPerSecond bandwidth of one channel, or {@link #UNLIMITED}
 * @param linkBandwidthBytesPerSecond bandwidth of the host link (PCIe), or {@link #UNLIMITED}
 */
public record TimingProfile(
    String name,
    int channels,
    int diesPerChannel,
    int planesPerDie,
    ZoneMapping mapping,
    int pageSizeBytes,
    long readLatencyNanos,
    long programLatencyNanos,
    long resetLatencyNanos,
    long channelBandwidthBytesPerSecond,
    long linkBandwidthBytesPerSecond) {

  /** A bandwidth of 0 means unlimited: transfers over that path take no modeled time. */
  public static final long UNLIMITED = 0;

  /** The most dies a profile may have in total (channels × dies per channel). */
  public static final int MAX_DIES = 65_536;

  /** The longest latency a profile may set: 60 s, so modeled times cannot overflow. */
  public static final long MAX_LATENCY_NANOS = 60_000_000_000L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private static final Map<String, Supplier<TimingProfile>> NAMED = new LinkedHashMap<>();

  static {
    NAMED.put("instant", TimingProfile::instant);
    NAMED.put("tlc-zns", TimingProfile::tlcZns);
    NAMED.put("teaching", TimingProfile::teaching);
  }

  /** Validates every field; the message names the profile and the rule that failed. */
  public TimingProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("timing profile: name must not be blank");
    }
    require(name, channels >= 1, "channels must be at least 1, was " + channels);
    require(
        name, diesPerChannel >= 1, "dies per channel must be at least 1, was " + diesPerChannel);
    require(name, planesPerDie >= 1, "planes per die must be at least 1, was " + planesPerDie);
    require(
        name,
        (long) channels * diesPerChannel <= MAX_DIES,
        "channels × dies per channel must be at most "
            + MAX_DIES
            + ", was "
            + (long) channels * diesPerChannel);
    require(name, mapping != null, "zone mapping must be set (STRIPED or ONE_DIE_PER_ZONE)");
    require(
        name,
        pageSizeBytes >= 512 && pageSizeBytes % 512 == 0,
        "page size must be a positive multiple of 512 bytes, was " + pageSizeBytes);
    require(
        name,
        (long) pageSizeBytes * planesPerDie <= Integer.MAX_VALUE,
        "page size × planes per die must fit in an int, was "
            + (long) pageSizeBytes * planesPerDie);
    requireLatency(name, "read", readLatencyNanos);
    requireLatency(name, "program", programLatencyNanos);
    requireLatency(name, "reset", resetLatencyNanos);
    require(
        name,
        channelBandwidthBytesPerSecond >= 0,
        "channel bandwidth must not be negative (0 = unlimited), was "
            + channelBandwidthBytesPerSecond);
    require(
        name,
        linkBandwidthBytesPerSecond >= 0,
        "link bandwidth must not be negative (0 = unlimited), was " + linkBandwidthBytesPerSecond);
  }

  private static void requireLatency(String name, String kind, long nanos) {
    require(name, nanos >= 0, kind + " latency must not be negative, was " + nanos + " ns");
    require(
        name,
        nanos <= MAX_LATENCY_NANOS,
        kind
            + " latency must be at most "
            + MAX_LATENCY_NANOS
            + " ns (60 s), was "
            + nanos
            + " ns");
  }

  private static void require(String name, boolean rule, String message) {
    if (!rule) {
      throw new IllegalArgumentException("timing profile '" + name + "': " + message);
    }
  }

  // ---- named profiles -------------------------------------------------------------------

  /** No delays at all: every command completes at its submit time. One channel, one die. */
  public static TimingProfile instant() {
    return builder("instant")
        .channels(1)
        .diesPerChannel(1)
        .pageSizeBytes(4096)
        .readLatencyNanos(0)
        .programLatencyNanos(0)
        .resetLatencyNanos(0)
        .channelBandwidthBytesPerSecond(UNLIMITED)
        .linkBandwidthBytesPerSecond(UNLIMITED)
        .build();
  }

  /**
   * A TLC ZNS drive: 8 channels × 4 dies, 16 KiB pages, read 60 µs, program 600 µs, zone reset 3.5
   * ms, 450 MB/s per channel, 3 GB/s host link, zones striped over all 32 dies.
   */
  public static TimingProfile tlcZns() {
    return builder("tlc-zns")
        .channels(8)
        .diesPerChannel(4)
        .pageSizeBytes(16 * 1024)
        .mapping(ZoneMapping.STRIPED)
        .readLatencyNanos(60_000)
        .programLatencyNanos(600_000)
        .resetLatencyNanos(3_500_000)
        .channelBandwidthBytesPerSecond(450_000_000L)
        .linkBandwidthBytesPerSecond(3_000_000_000L)
        .build();
  }

  /**
   * A small, slow drive where parallelism and queueing are easy to see and the numbers are round: 2
   * channels × 2 dies, 4 KiB pages, read 50 µs, program 500 µs, zone reset 2 ms; a 4 KiB page takes
   * 100 µs on a channel (40.96 MB/s) and 50 µs on the host link (81.92 MB/s). Zones are striped
   * over the 4 dies.
   */
  public static TimingProfile teaching() {
    return builder("teaching")
        .channels(2)
        .diesPerChannel(2)
        .pageSizeBytes(4096)
        .mapping(ZoneMapping.STRIPED)
        .readLatencyNanos(50_000)
        .programLatencyNanos(500_000)
        .resetLatencyNanos(2_000_000)
        .channelBandwidthBytesPerSecond(40_960_000L)
        .linkBandwidthBytesPerSecond(81_920_000L)
        .build();
  }

  /**
   * The named profile, e.g. {@code "tlc-zns"}; names are case-insensitive.
   *
   * @throws IllegalArgumentException naming the known profiles if there is none by that name
   */
  public static TimingProfile named(String name) {
    Supplier<TimingProfile> profile =
        name == null ? null : NAMED.get(name.trim().toLowerCase(Locale.ROOT));
    if (profile == null) {
      throw new IllegalArgumentException(
          "no timing profile named '"
              + name
              + "'; known profiles: "
              + String.join(", ", NAMED.keySet()));
    }
    return profile.get();
  }

  /** The names {@link #named(String)} accepts, in a stable order. */
  public static List<String> names() {
    return List.copyOf(NAMED.keySet());
  }

  // ---- derived values -------------------------------------------------------------------

  /** All dies of the drive: channels × dies per channel. */
  public int dies() {
    return channels * diesPerChannel;
  }

  /** Bytes a die reads or programs in one operation: page size × planes per die. */
  public int stripeUnitBytes() {
    return pageSizeBytes * planesPerDie;
  }

  /** Whether every latency is zero and every bandwidth unlimited, so commands take no time. */
  public boolean noDelays() {
    return readLatencyNanos == 0
        && programLatencyNanos == 0
        && resetLatencyNanos == 0
        && channelBandwidthBytesPerSecond == UNLIMITED
        && linkBandwidthBytesPerSecond == UNLIMITED;
  }

  /** Time to move {@code bytes} over one channel: ⌈bytes × 10⁹ / bandwidth⌉ ns, 0 if unlimited. */
  public long channelTransferNanos(long bytes) {
    return transferNanos(bytes, channelBandwidthBytesPerSecond);
  }

  /**
   * Time to move {@code bytes} over the host link: ⌈bytes × 10⁹ / bandwidth⌉ ns, 0 if unlimited.
   */
  public long linkTransferNanos(long bytes) {
    return transferNanos(bytes, linkBandwidthBytesPerSecond);
  }

  static long transferNanos(long bytes, long bytesPerSecond) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative, was " + bytes);
    }
    if (bytesPerSecond == UNLIMITED || bytes == 0) {
      return 0;
    }
    long whole = bytes / bytesPerSecond;
    long rest = bytes % bytesPerSecond;
    long wholeNanos = Math.multiplyExact(whole, NANOS_PER_SECOND);
    if (rest <= Long.MAX_VALUE / NANOS_PER_SECOND) {
      long scaled = rest * NANOS_PER_SECOND;
      return Math.addExact(wholeNanos, (scaled + bytesPerSecond - 1) / bytesPerSecond);
    }
    BigInteger[] qr =
        BigInteger.valueOf(rest)
            .multiply(BigInteger.valueOf(NANOS_PER_SECOND))
            .divideAndRemainder(BigInteger.valueOf(bytesPerSecond));
    long restNanos = qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    return Math.addExact(wholeNanos, restNanos);
  }

  // ---- builders -------------------------------------------------------------------------

  /**
   * A builder for a profile named {@code name}. Defaults: 1 channel × 1 die × 1 plane, striped, 4
   * KiB pages, no latencies, unlimited bandwidths.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this profile's values, to derive a variant. */
  public Builder toBuilder() {
    return new Builder(name)
        .channels(channels)
        .diesPerChannel(diesPerChannel)
        .planesPerDie(planesPerDie)
        .mapping(mapping)
        .pageSizeBytes(pageSizeBytes)
        .readLatencyNanos(readLatencyNanos)
        .programLatencyNanos(programLatencyNanos)
        .resetLatencyNanos(resetLatencyNanos)
        .channelBandwidthBytesPerSecond(channelBandwidthBytesPerSecond)
        .linkBandwidthBytesPerSecond(linkBandwidthBytesPerSecond);
  }

  /** Builds a {@link TimingProfile}; {@link #build()} validates every value. */
  public static final class Builder {
    private String name;
    private int channels = 1;
    private int diesPerChannel = 1;
    private int planesPerDie = 1;
    private ZoneMapping mapping = ZoneMapping.STRIPED;
    private int pageSizeBytes = 4096;
    private long readLatencyNanos;
    private long programLatencyNanos;
    private long resetLatencyNanos;
    private long channelBandwidthBytesPerSecond = UNLIMITED;
    private long linkBandwidthBytesPerSecond = UNLIMITED;

    private Builder(String name) {
      this.name = name;
    }

    /** Renames the profile. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Number of flash channels. */
    public Builder channels(int channels) {
      this.channels = channels;
      return this;
    }

    /** Dies on each channel. */
    public Builder diesPerChannel(int diesPerChannel) {
      this.diesPerChannel = diesPerChannel;
      return this;
    }

    /** Planes per die (multi-plane operations). */
    public Builder planesPerDie(int planesPerDie) {
      this.planesPerDie = planesPerDie;
      return this;
    }

    /** How zones map onto dies. */
    public Builder mapping(ZoneMapping mapping) {
      this.mapping = mapping;
      return this;
    }

    /** Flash page size in bytes. */
    public Builder pageSizeBytes(int pageSizeBytes) {
      this.pageSizeBytes = pageSizeBytes;
      return this;
    }

    /** Page read (sense) latency in nanoseconds. */
    public Builder readLatencyNanos(long readLatencyNanos) {
      this.readLatencyNanos = readLatencyNanos;
      return this;
    }

    /** Page program latency in nanoseconds. */
    public Builder programLatencyNanos(long programLatencyNanos) {
      this.programLatencyNanos = programLatencyNanos;
      return this;
    }

    /** Zone reset (block erase) latency per die in nanoseconds. */
    public Builder resetLatencyNanos(long resetLatencyNanos) {
      this.resetLatencyNanos = resetLatencyNanos;
      return this;
    }

    /** Bandwidth of one channel in bytes per second, or {@link #UNLIMITED}. */
    public Builder channelBandwidthBytesPerSecond(long bytesPerSecond) {
      this.channelBandwidthBytesPerSecond = bytesPerSecond;
      return this;
    }

    /** Bandwidth of the host link in bytes per second, or {@link #UNLIMITED}. */
    public Builder linkBandwidthBytesPerSecond(long bytesPerSecond) {
      this.linkBandwidthBytesPerSecond = bytesPerSecond;
      return this;
    }

    /**
     * The profile.
     *
     * @throws IllegalArgumentException naming the rule a value breaks
     */
    public TimingProfile build() {
      return new TimingProfile(
          name,
          channels,
          diesPerChannel,
          planesPerDie,
          mapping,
          pageSizeBytes,
          readLatencyNanos,
          programLatencyNanos,
          resetLatencyNanos,
          channelBandwidthBytesPerSecond,
          linkBandwidthBytesPerSecond);
    }
  }

  // ---- rendering ------------------------------------------------------------------------

  /**
   * A one-line summary, e.g. {@code TimingProfile[tlc-zns: 8 ch × 4 dies, read 60 µs, program 600
   * µs, link 3.0 GB/s]}.
   */
  @Override
  public String toString() {
    if (noDelays()) {
      return "TimingProfile[" + name + ": no delays]";
    }
    return "TimingProfile["
        + name
        + ": "
        + channels
        + " ch × "
        + diesPerChannel
        + (diesPerChannel == 1 ? " die" : " dies")
        + (planesPerDie == 1 ? "" : " × " + planesPerDie + " planes")
        + (mapping == ZoneMapping.ONE_DIE_PER_ZONE ? " (one die per zone)" : "")
        + ", read "
        + duration(readLatencyNanos)
        + ", program "
        + duration(programLatencyNanos)
        + ", link "
        + bandwidth(linkBandwidthBytesPerSecond)
        + "]";
  }

  static String duration(long nanos) {
    if (nanos >= 1_000_000) {
      return decimal(nanos, 1_000_000) + " ms";
    }
    if (nanos >= 1_000) {
      return decimal(nanos, 1_000) + " µs";
    }
    return nanos + " ns";
  }

  static String bandwidth(long bytesPerSecond) {
    if (bytesPerSecond == UNLIMITED) {
      return "unlimited";
    }
    if (bytesPerSecond >= 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f GB/s", bytesPerSecond / 1e9);
    }
    if (bytesPerSecond >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1e6);
    }
    return bytesPerSecond + " B/s";
  }

  /** {@code value / unit} with at most one decimal, dropping a trailing ".0". */
  private static String decimal(long value, long unit) {
    if (value % unit == 0) {
      return Long.toString(value / unit);
    }
    return String.format(Locale.ROOT, "%.1f", (double) value / unit);
  }
}
