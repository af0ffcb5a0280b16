package org.csdlab.zns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.csdlab.zns.timing.TimingProfile;

/**
 * An emulated NVMe Zoned Namespace SSD that behaves as the ZNS Command Set (rev 1.1) says.
 *
 * <p>Zones are addressed by id in {@link #manage} and {@link #zone}, and by LBA in {@link #read},
 * {@link #write} and {@link #append}. A command that fails throws a {@link ZnsException} carrying
 * the spec's status code and changes nothing. The device is thread-safe: commands on different
 * zones run in parallel, commands on one zone are atomic.
 *
 * <pre>{@code
 * var dev = ZnsDevice.create();              // 64 zones × 16 MiB, 4 KiB blocks, MOR = MAR = 14
 * long lba = dev.append(0, new byte[4096]);  // 0
 * dev.manage(0, ZoneAction.FINISH);
 * dev.report(ReportFilter.FULL);             // [Zone[id=0, state=FULL, wp=4096]]
 * }</pre>
 *
 * <p>Besides wall-clock time the device keeps a deterministic modeled clock driven by a {@link
 * TimingProfile} ({@link Builder#timing}; {@code instant}, no delays, by default). Commands are
 * synchronous on it: each successful read, write, append and zone reset is submitted at {@link
 * #modeledNanos()} and moves it to the command's modeled completion; {@link #lastCommandNanos()} is
 * that command's latency. Refused commands cost no modeled time.
 */
public final class ZnsDevice implements AutoCloseable {
  /**
   * The largest data transfer one command may have (MDTS), in bytes, and the default: 1 GiB, more
   * than any caller in csdlab moves at once and within a Java array's limit.
   */
  public static final int MAX_TRANSFER_BYTES = TransferLimits.MAX_BYTES;

  private final Geometry geometry;
  private final ZoneSlot[] zones;
  private final ZoneResources resources;
  private final ZoneStorage backend;
  private final ZoneWriter writer;
  private final ZoneReader reader;
  private final TransferLimits limits;
  private final boolean readAcrossZoneBoundaries;
  private final boolean deallocatedErrors;
  private final ZoneManagement management;
  private final StatsRecorder stats;
  private final DeviceClock clock;
  private final Faults faults = new Faults(this);
  private final CommandExecutor executor = new CommandExecutor(this);
  private final boolean implicitClose;

  /** Records every successful mutating command, or null; see {@link DeviceJournal}. */
  private volatile DeviceJournal journal;

  private ZnsDevice(Builder builder) {
    this.geometry = builder.geometry;
    this.zones = new ZoneSlot[geometry.zoneCount()];
    for (int i = 0; i < zones.length; i++) {
      zones[i] =
          new ZoneSlot(
              i,
              geometry.zoneStartLba(i),
              geometry.zoneCapacityBlocks(),
              geometry.zoneSizeBlocks());
    }
    this.resources = new ZoneResources(geometry.maxOpenZones(), geometry.maxActiveZones());
    this.backend =
        builder.file == null
            ? new MemoryBackend(geometry)
            : FileBackend.open(builder.file, geometry, builder.syncWrites);
    try {
      backend.loadZones(zones, resources);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    this.implicitClose = builder.implicitClose;
    this.limits = builder.limits();
    this.readAcrossZoneBoundaries = builder.readAcrossZoneBoundaries;
    this.deallocatedErrors = builder.deallocatedErrors;
    this.reader =
        new ZoneReader(
            zones, geometry, backend, faults, readAcrossZoneBoundaries, deallocatedErrors);
    this.writer =
        new ZoneWriter(resources, backend, geometry.blockSizeBytes(), builder.implicitClose);
    this.stats = new StatsRecorder(geometry.zoneCount());
    this.clock = new DeviceClock(builder.timing, geometry, stats);
    this.management = new ZoneManagement(geometry, zones, resources, backend, stats);
  }

  /** A device with the teaching geometry {@link Geometry#defaults()}, every zone Empty. */
  public static ZnsDevice create() {
    return builder(Geometry.defaults()).build();
  }

  /**
   * Opens the persistent device image at {@code file}, taking the geometry from it. Zones that were
   * opened come back Closed; opened or Closed zones with nothing written and no extension come back
   * Empty.
   *
   * @throws InvalidImageException the file is not a device image or is corrupt (it is left
   *     untouched)
   */
  public static ZnsDevice open(java.nio.file.Path file) {
    return builder(FileBackend.readGeometry(file)).file(file).build();
  }

  /** A builder for a device of the given geometry. */
  public static Builder builder(Geometry geometry) {
    return new Builder(geometry);
  }

  /** The device's geometry. */
  public Geometry geometry() {
    return geometry;
  }

  /** Fault injection: what a failing drive would do to zones, outside the host's control. */
  public Faults faults() {
    return faults;
  }

  // ---------------------------------------------------------------- read

  /**
   * Reads {@code blocks} logical blocks from {@code lba}. The range may cross a zone boundary only
   * if the device reads across zone boundaries ({@link Builder#readAcrossZoneBoundaries}, off by
   * default). Blocks not written, and blocks between a zone's capacity and its size, read as zeros,
   * unless DULBE is enabled ({@link Builder#deallocatedErrors}).
   *
   * @throws ZnsException LBA Out of Range, Zone Boundary Error (crosses a zone boundary), Zone Is
   *     Offline, Unrecovered Read Error (injected), Deallocated or Unwritten Logical Block (DULBE),
   *     Invalid Field (no blocks, more than MDTS allows)
   */
  public byte[] read(long lba, int blocks) {
    checkRange("read", lba, blocks);
    int blockSize = geometry.blockSizeBytes();
    limits.checkTransfer("read", (long) blocks * blockSize);
    byte[] out = new byte[blocks * blockSize];
    read(lba, blocks, out, 0);
    return out;
  }

  /**
   * Reads {@code blocks} logical blocks from {@code lba} into {@code buffer} at {@code offset}, as
   * {@link #read(long, int)} does but without allocating. Every block is checked before any is
   * copied, so a refused command leaves the buffer as it was.
   *
   * @throws ZnsException LBA Out of Range, Zone Boundary Error, Zone Is Offline, Unrecovered Read
   *     Error (injected), Deallocated or Unwritten Logical Block (DULBE), Invalid Field (no blocks,
   *     more than MDTS allows, or the buffer cannot hold them from {@code offset})
   */
  public void read(long lba, int blocks, byte[] buffer, int offset) {
    Objects.requireNonNull(buffer, "buffer");
    faults.admit("read");
    checkRange("read", lba, blocks);
    int blockSize = geometry.blockSizeBytes();
    limits.checkTransfer("read", (long) blocks * blockSize);
    if (offset < 0 || (long) blocks * blockSize > buffer.length - (long) offset) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          "read",
          ZnsException.NONE,
          ZnsException.NONE,
          "read: a buffer of "
              + buffer.length
              + " bytes cannot hold "
              + blocks
              + " blocks of "
              + blockSize
              + " bytes from offset "
              + offset);
    }
    reader.read(lba, blocks, buffer, offset);
    stats.command(CommandKind.READ, (long) blocks * blockSize);
    clock.read(lba, blocks);
  }

  // ---------------------------------------------------------------- write, append

  /**
   * Writes {@code data} (a whole number of blocks) at {@code lba}, which must be its zone's write
   * pointer. An Empty or Closed zone opens implicitly; a zone written to its capacity becomes Full.
   *
   * @throws ZnsException Zone Invalid Write, Zone Boundary Error, Zone Is Full / Read Only /
   *     Offline, Too Many Open / Active Zones, LBA Out of Range, Invalid Field (not whole blocks,
   *     more than MDTS allows)
   */
  public void write(long lba, byte[] data) {
    faults.admit("write");
    int blocks = blocksOf("write", data);
    checkRange("write", lba, blocks);
    limits.checkTransfer("write", data.length);
    int zone = geometry.zoneOf(lba);
    writer.store("write", zones[zone], lba, data, blocks);
    stats.command(CommandKind.WRITE, data.length);
    stats.zoneWritten(zone);
    clock.write(zone, lba, data.length);
    DeviceJournal j = journal;
    if (j != null) {
      j.record(new DeviceJournal.Write(lba, data));
    }
  }

  /**
   * Appends {@code data} (a whole number of blocks) to the zone starting at {@code zoneStartLba}
   * and returns the LBA of the first block written.
   *
   * @throws ZnsException Invalid Field (not a zone start, more than MDTS or ZASL allows), Zone
   *     Boundary Error, Zone Is Full / Read Only / Offline, Too Many Open / Active Zones, LBA Out
   *     of Range
   */
  public long append(long zoneStartLba, byte[] data) {
    faults.admit("append");
    int blocks = blocksOf("append", data);
    checkLba("append", zoneStartLba);
    ZoneSlot zone = zones[geometry.zoneOf(zoneStartLba)];
    if (zoneStartLba != zone.startLba) {
      throw ZnsException.refuse(
          StatusCode.INVALID_FIELD,
          "append",
          zone,
          "append to zone "
              + zone.id
              + ": lba "
              + zoneStartLba
              + " is not the zone start "
              + zone.startLba
              + "; appends name the zone start LBA");
    }
    limits.checkAppend(zone, data.length);
    long first = writer.store("append", zone, -1, data, blocks);
    stats.command(CommandKind.APPEND, data.length);
    stats.zoneWritten(zone.id);
    clock.write(zone.id, first, data.length);
    DeviceJournal j = journal;
    if (j != null) {
      j.record(new DeviceJournal.Append(zoneStartLba, first, data));
    }
    return first;
  }

  /**
   * Write Zeroes: {@code blocks} zero blocks at {@code lba}, which must be its zone's write
   * pointer, exactly as a {@link #write} of zeros would store them (the zone opens implicitly and
   * becomes Full at its capacity; with DULBE the blocks then read as written). No data crosses the
   * host link, so MDTS does not limit it.
   *
   * @throws ZnsException Zone Invalid Write, Zone Boundary Error, Zone Is Full / Read Only /
   *     Offline, Too Many Open / Active Zones, LBA Out of Range, Invalid Field (no blocks)
   */
  public void writeZeroes(long lba, int blocks) {
    faults.admit("write zeroes");
    checkRange("write zeroes", lba, blocks);
    int zone = geometry.zoneOf(lba);
    writer.store("write zeroes", zones[zone], lba, null, blocks);
    stats.command(CommandKind.WRITE_ZEROES, 0);
    stats.zoneWritten(zone);
    clock.writeZeroes(zone, lba, (long) blocks * geometry.blockSizeBytes());
    DeviceJournal j = journal;
    if (j != null) {
      j.record(new DeviceJournal.WriteZeroes(lba, blocks));
    }
  }

  // ---------------------------------------------------------------- zone management

  /**
   * Applies a Zone Management Send action to one zone.
   *
   * @throws ZnsException Invalid Zone State Transition, Too Many Open / Active Zones, Invalid Field
   *     (no such zone)
   */
  public void manage(int zoneId, ZoneAction action) {
    faults.admit("zone management send");
    List<Integer> erased = management.manage(zoneId, action);
    stats.command(CommandKind.ZONE_MANAGEMENT_SEND, 0);
    clock.reset(erased);
    DeviceJournal j = journal;
    if (j != null) {
      j.record(new DeviceJournal.Manage(zoneId, action));
    }
  }

  /**
   * Applies a Zone Management Send action with Select All: to every zone in a state the spec
   * selects for that action (Open: Closed zones; Close: opened zones; Finish: opened and Closed;
   * Reset: opened, Closed and Full; Offline: Read Only). Either every selected zone changes or, if
   * the command fails, none does.
   *
   * @throws ZnsException Too Many Open Zones (Open would need more open zones than are free)
   */
  public void manageAll(ZoneAction action) {
    faults.admit("zone management send");
    List<Integer> erased = management.manageAll(action);
    stats.command(CommandKind.ZONE_MANAGEMENT_SEND, 0);
    clock.reset(erased);
    DeviceJournal j = journal;
    if (j != null) {
      j.record(new DeviceJournal.ManageAll(action));
    }
  }

  /**
   * Set Zone Descriptor Extension: stores {@code extension} (exactly the geometry's extension size)
   * with an Empty zone, which becomes Closed and so takes an active resource. A reset removes it.
   *
   * @throws ZnsException Invalid Field (no extensions, wrong size), Invalid Zone State Transition
   *     (zone not Empty), Too Many Active Zones, Invalid Field (no such zone)
   */
  public void setDescriptorExtension(int zoneId, byte[] extension) {
    faults.admit("set zone descriptor extension");
    limits.checkTransfer("set zone descriptor extension", extension.length);
    management.setDescriptorExtension(zoneId, extension);
    stats.command(CommandKind.ZONE_MANAGEMENT_SEND, extension.length);
    clock.none();
    DeviceJournal j = journal;
    if (j != null) {
      j.record(new DeviceJournal.SetExtension(zoneId, extension));
    }
  }

  /** The zone descriptor extension of zone {@code zoneId}, or an empty array if it has none. */
  public byte[] descriptorExtension(int zoneId) {
    Objects.checkIndex(zoneId, zones.length);
    byte[] extension = zones[zoneId].extension;
    return extension == null ? new byte[0] : extension.clone();
  }

  // ---------------------------------------------------------------- report

  /** A snapshot of the zones {@code filter} selects, in zone order. */
  public List<Zone> report(ReportFilter filter) {
    Objects.requireNonNull(filter, "filter");
    faults.admit("report zones");
    resources.lock.lock();
    try {
      List<Zone> out = new ArrayList<>();
      for (ZoneSlot zone : zones) {
        if (filter.accepts(zone.state)) {
          out.add(zone.snapshot());
        }
      }
      stats.command(CommandKind.ZONE_MANAGEMENT_RECEIVE, 0);
      return List.copyOf(out);
    } finally {
      resources.lock.unlock();
    }
  }

  /** Refuses a command that would transfer more than MDTS allows. */
  void checkTransfer(String command, long bytes) {
    limits.checkTransfer(command, bytes);
  }

  /** Report entries (zone and its extension, or null) for an Extended Report Zones. */
  List<ZoneReportLayout.Entry> reportEntries(ReportFilter filter) {
    faults.admit("report zones");
    resources.lock.lock();
    try {
      List<ZoneReportLayout.Entry> out = new ArrayList<>();
      for (ZoneSlot zone : zones) {
        if (filter.accepts(zone.state)) {
          out.add(new ZoneReportLayout.Entry(zone.snapshot(), zone.extension));
        }
      }
      stats.command(CommandKind.ZONE_MANAGEMENT_RECEIVE, 0);
      return out;
    } finally {
      resources.lock.unlock();
    }
  }

  /** A snapshot of every zone, in zone order. */
  public List<Zone> zones() {
    return report(ReportFilter.ALL);
  }

  /**
   * How many times zone {@code id} was reset from a state other than Empty (its data erased) since
   * this device object was made; not kept in a device image. Whoever remembers what a zone held
   * compares it later to tell whether the data is still the same.
   */
  public long zoneResets(int id) {
    Objects.checkIndex(id, zones.length);
    return stats.resetsOf(id);
  }

  /** A snapshot of zone {@code id}. */
  public Zone zone(int id) {
    Objects.checkIndex(id, zones.length);
    resources.lock.lock();
    try {
      return zones[id].snapshot();
    } finally {
      resources.lock.unlock();
    }
  }

  /** Zones now Implicitly or Explicitly Opened. */
  public int openZones() {
    resources.lock.lock();
    try {
      return resources.open();
    } finally {
      resources.lock.unlock();
    }
  }

  /** Zones now opened or Closed. */
  public int activeZones() {
    resources.lock.lock();
    try {
      return resources.active();
    } finally {
      resources.lock.unlock();
    }
  }

  /** What the device has done so far: commands, bytes, resets, writes per zone. */
  public DeviceStats stats() {
    return stats.snapshot();
  }

  // ---------------------------------------------------------------- modeled time

  /** The timing profile the modeled clock follows. */
  public TimingProfile timing() {
    return clock.profile();
  }

  /**
   * Now on the device's modeled clock, in ns: the modeled completion time of the last command (0
   * before the first, and always 0 with the {@code instant} profile). Depends only on the sequence
   * of commands, never on the host.
   */
  public long modeledNanos() {
    return clock.now();
  }

  /**
   * The modeled latency, in ns, of the last command the calling thread completed successfully
   * (read, write, append or zone management; 0 for zone management other than a reset of a
   * non-Empty zone). A refused command does not change it. For NVMe command values see {@link
   * Completion#modeledNanos()}.
   */
  public long lastCommandNanos() {
    return clock.last();
  }

  /**
   * The first {@code blocks} written blocks of zone {@code zoneId}, read straight from the backend:
   * no statistics, no modeled time, no injected faults (for {@link DeviceJournal}, which must not
   * change the device it starts recording).
   */
  byte[] peek(int zoneId, int blocks) {
    ZoneSlot zone = zones[zoneId];
    int blockSize = geometry.blockSizeBytes();
    byte[] out = new byte[Math.multiplyExact(blocks, blockSize)];
    zone.lock.lock();
    try {
      backend.read(zone.id, 0, out, 0, out.length);
    } finally {
      zone.lock.unlock();
    }
    return out;
  }

  /**
   * Whether an implicit open beyond the open limit closes another zone (see {@link
   * Builder#implicitClose}).
   */
  boolean implicitClose() {
    return implicitClose;
  }

  synchronized void attachJournal(DeviceJournal j) {
    if (journal != null) {
      throw new IllegalStateException(
          "a DeviceJournal is already attached to this device; detach it first");
    }
    journal = j;
  }

  synchronized void detachJournal(DeviceJournal j) {
    if (journal == j) {
      journal = null;
    }
  }

  void clearLastCommandNanos() {
    clock.clearLast();
  }

  /**
   * Bytes the backend holds for zone data: heap bytes for the memory backend, bytes of zone data
   * stored for a file. Grows only as zones are written; a reset gives a zone's bytes back.
   */
  public long storedBytes() {
    return backend.allocatedBytes();
  }

  /**
   * Flushes a persistent device's data and zone states to stable storage and closes its file; later
   * commands fail. Does nothing more for an in-memory device.
   */
  @Override
  public void close() {
    backend.close();
  }

  @Override
  public String toString() {
    return "ZnsDevice["
        + geometry.zoneCount()
        + " zones × "
        + geometry.zoneSizeBlocks()
        + " blocks of "
        + geometry.blockSizeBytes()
        + " B, "
        + resources
        + ", "
        + clock
        + "]";
  }

  // ---------------------------------------------------------------- NVMe commands

  /**
   * Executes an NVMe command value and returns its completion; a refused command completes with its
   * status code instead of throwing.
   */
  public Completion submit(Command command) {
    return executor.execute(java.util.Objects.requireNonNull(command, "command"));
  }

  /** What Identify reports about this namespace (MAR and MOR zero-based, RAZB). */
  public NamespaceIdentity identify() {
    return NamespaceIdentity.of(geometry, readAcrossZoneBoundaries);
  }

  /** What Identify reports about the controller's transfer limits (MDTS and ZASL). */
  public ControllerIdentity identifyController() {
    return ControllerIdentity.of(limits);
  }

  /**
   * Whether a read may cross a zone boundary (RAZB); see {@link Builder#readAcrossZoneBoundaries}.
   */
  public boolean readsAcrossZoneBoundaries() {
    return readAcrossZoneBoundaries;
  }

  /**
   * Whether reads of blocks never written fail with Deallocated or Unwritten Logical Block (DULBE);
   * see {@link Builder#deallocatedErrors}.
   */
  public boolean deallocatedErrors() {
    return deallocatedErrors;
  }

  /** The largest data transfer of one command, in bytes (MDTS). */
  public int maxTransferBytes() {
    return limits.maxTransferBytes();
  }

  /** The largest data transfer of one Zone Append, in bytes (ZASL). */
  public int maxZoneAppendBytes() {
    return limits.maxAppendBytes();
  }

  /**
   * A builder with this device's geometry and every setting (timing, implicit close, RAZB, DULBE,
   * MDTS, ZASL), without its file: for a replay that must behave as this device does.
   */
  Builder toBuilder() {
    return builder(geometry)
        .timing(clock.profile())
        .implicitClose(implicitClose)
        .readAcrossZoneBoundaries(readAcrossZoneBoundaries)
        .deallocatedErrors(deallocatedErrors)
        .maxTransferBytes(limits.maxTransferBytes())
        .maxZoneAppendBytes(limits.maxAppendBytes());
  }

  // ---------------------------------------------------------------- faults

  /** Moves a zone to Read Only or Offline as a device fault would. */
  void inject(int zoneId, ZoneState to) {
    Objects.checkIndex(zoneId, zones.length);
    ZoneSlot zone = zones[zoneId];
    zone.lock.lock();
    try {
      resources.lock.lock();
      try {
        if (!Transitions.isFault(zone.state, to)) {
          throw new IllegalStateException(
              "zone " + zoneId + " is " + zone.state + "; a fault cannot make it " + to);
        }
        resources.fault(zone, to);
        backend.saveZone(zone);
      } finally {
        resources.lock.unlock();
      }
    } finally {
      zone.lock.unlock();
    }
  }

  // ---------------------------------------------------------------- checks

  private int blocksOf(String command, byte[] data) {
    Objects.requireNonNull(data, "data");
    int blockSize = geometry.blockSizeBytes();
    if (data.length == 0 || data.length % blockSize != 0) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          command
              + ": data is "
              + data.length
              + " bytes; it must be a positive multiple of the block size "
              + blockSize);
    }
    return data.length / blockSize;
  }

  /**
   * Checks that {@code blocks} blocks from {@code lba} lie on the device. The comparisons cannot
   * overflow: {@code lba + blocks} for an LBA near {@code Long.MAX_VALUE} would wrap negative and
   * pass.
   */
  private void checkRange(String command, long lba, int blocks) {
    if (blocks <= 0) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          command + ": block count is " + blocks + "; it must be at least 1");
    }
    long total = geometry.totalBlocks();
    if (lba < 0 || lba >= total || blocks > total - lba) {
      // lba >= 0 and blocks <= Integer.MAX_VALUE: the last LBA is below 2^64, exact as unsigned
      String last =
          lba < 0 ? Long.toString(lba + blocks - 1) : Long.toUnsignedString(lba + blocks - 1);
      throw new ZnsException(
          StatusCode.LBA_OUT_OF_RANGE,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          command
              + ": lbas "
              + lba
              + " to "
              + last
              + " are outside the device (lbas 0 to "
              + (total - 1)
              + ")");
    }
  }

  /** Checks that {@code lba} is on the device. */
  private void checkLba(String command, long lba) {
    if (lba < 0 || lba >= geometry.totalBlocks()) {
      throw new ZnsException(
          StatusCode.LBA_OUT_OF_RANGE,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          command
              + ": lba "
              + lba
              + " is outside the device (lbas 0 to "
              + (geometry.totalBlocks() - 1)
              + ")");
    }
  }

  /** Builds a {@link ZnsDevice}; the geometry is required, every other setting optional. */
  public static final class Builder {
    private final Geometry geometry;
    private boolean implicitClose = true;
    private java.nio.file.Path file;
    private boolean syncWrites;
    private TimingProfile timing = TimingProfile.instant();
    private boolean readAcrossZoneBoundaries;
    private boolean deallocatedErrors;
    private int maxTransferBytes = MAX_TRANSFER_BYTES;
    private int maxZoneAppendBytes = -1;

    private Builder(Geometry geometry) {
      this.geometry = Objects.requireNonNull(geometry, "geometry");
    }

    /**
     * Whether an implicit open beyond the open limit closes the least recently implicitly opened
     * zone (true, the default) or fails with Too Many Open Zones (false).
     */
    public Builder implicitClose(boolean implicitClose) {
      this.implicitClose = implicitClose;
      return this;
    }

    /**
     * Keeps zone data and zone states in the device image {@code file} (see {@link
     * DeviceImageLayout}), created if absent or empty. An existing image must have exactly this
     * builder's geometry; one that does not, or is not an image, is refused and left untouched.
     */
    public Builder file(java.nio.file.Path file) {
      this.file = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * With a {@link #file}: whether every command forces its data, then its zone metadata, to
     * stable storage before completing (false, the default: acknowledged writes are in the
     * operating system's cache, which another process sees, and {@link ZnsDevice#close} forces
     * them).
     */
    public Builder syncWrites(boolean syncWrites) {
      this.syncWrites = syncWrites;
      return this;
    }

    /**
     * The timing profile of the device's modeled clock, e.g. {@link TimingProfile#tlcZns()};
     * default {@link TimingProfile#instant()} (no delays).
     */
    public Builder timing(TimingProfile timing) {
      this.timing = Objects.requireNonNull(timing, "timing");
      return this;
    }

    /**
     * Whether a read may cross a zone boundary (RAZB; false, the default, as Identify reports it):
     * when false such a read fails with Zone Boundary Error.
     */
    public Builder readAcrossZoneBoundaries(boolean readAcrossZoneBoundaries) {
      this.readAcrossZoneBoundaries = readAcrossZoneBoundaries;
      return this;
    }

    /**
     * Whether DULBE is enabled (false, the default): reads of blocks never written since the zone
     * was last reset (past the data written, including the rest of a finished zone and the blocks
     * between a zone's capacity and its size) fail with Deallocated or Unwritten Logical Block
     * instead of returning zeros, as a drive with that error recovery feature set does.
     */
    public Builder deallocatedErrors(boolean deallocatedErrors) {
      this.deallocatedErrors = deallocatedErrors;
      return this;
    }

    /**
     * The largest data transfer of one read, write or append, and of one report buffer (MDTS): a
     * power of two from 8 KiB to 1 GiB, default {@link #MAX_TRANSFER_BYTES} (1 GiB). Larger
     * commands fail with Invalid Field.
     */
    public Builder maxTransferBytes(int maxTransferBytes) {
      this.maxTransferBytes = maxTransferBytes;
      return this;
    }

    /**
     * The largest data transfer of one Zone Append (ZASL): a power of two from 8 KiB up to the
     * {@link #maxTransferBytes}, which it follows unless set. Larger appends fail with Invalid
     * Field.
     */
    public Builder maxZoneAppendBytes(int maxZoneAppendBytes) {
      this.maxZoneAppendBytes = maxZoneAppendBytes;
      return this;
    }

    private TransferLimits limits() {
      return new TransferLimits(
          maxTransferBytes, maxZoneAppendBytes < 0 ? maxTransferBytes : maxZoneAppendBytes);
    }

    /**
     * The device: every zone Empty, or as stored in its {@link #file}.
     *
     * @throws IllegalArgumentException a transfer limit is not a power of two from 8 KiB to 1 GiB
     */
    public ZnsDevice build() {
      limits(); // refuse bad limits before a file is opened
      return new ZnsDevice(this);
    }
  }
}
