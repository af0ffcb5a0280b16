package org.csdlab.lab;

import java.util.List;
import java.util.Objects;
import org.csdlab.fluffle.CheckReport;
import org.csdlab.fluffle.CleaningPolicy;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FileStat;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.fluffle.FsCounters;
import org.csdlab.fluffle.FsException;
import org.csdlab.fluffle.FsStats;
import org.csdlab.fluffle.NoSpaceException;
import org.csdlab.fluffle.OpenMode;
import org.csdlab.fluffle.ZoneUse;
import org.csdlab.lab.dataset.FluffleFsTarget;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;

/**
 * The lab's filesystem: flufflefs-lite on the lab's drive, every call one dot away and by path.
 * {@code lab.fs()} mounts the filesystem the drive holds, or formats a blank drive on first use;
 * {@code lab.fs(12)} puts it on zones 0 to 11 only, so a lesson can append to the later zones raw
 * (zone appends, {@code writeToZones(12)}) on the same drive; {@link #format(FormatOptions)} starts
 * again with other options (a cleaning policy, a reserve, a zone count).
 *
 * <pre>{@code
 * var fs = lab.fs();                                  // LabFs[flufflefs-lite on 64 zones × 16.0 MiB: ...]
 * fs.mkdir("/data");
 * fs.write("/data/a.txt", "hello".getBytes());        // create or replace, then fsync
 * fs.append("/data/a.txt", " world".getBytes());      // 5, where it was appended
 * new String(fs.read("/data/a.txt"))                  // hello world
 * fs.tree()                                           // the directories with their sizes
 * fs.layout("/data/a.txt")                            // block → zone and LBA, holes, which log
 * fs.zones()                                          // live, dead and free blocks per zone
 * fs.clean(); fs.cleaner()                            // cleaning passes and write amplification
 * fs.check()                                          // the structural invariants
 * fs.powerCut(); fs.remount()                         // what was synced survives
 * }</pre>
 *
 * <p>Whole-file writes ({@link #write(String, byte[])}) fsync the file: they survive a power cut
 * once they return. {@link #write(String, long, byte[])}, {@link #append} and {@link #truncate} do
 * not; {@link #fsync} or {@link #sync} makes them durable. Every refusal is a {@link
 * LabFsException} naming the call and the path, and a refused call changes nothing. The mounted
 * {@link FluffleFs} itself is {@link #raw()}.
 *
 * <p>Each mutating call records the filesystem's write counters, so {@link #cleaner()} can chart
 * write amplification over the data written; {@code fs.cleaner().live()} draws that chart while a
 * notebook cell runs.
 */
public final class LabFs implements HtmlRenderable, FluffleFsTarget {
  private final ZnsDevice device;
  private final LabCsd csd;
  private final WriteAmplificationSamples samples = new WriteAmplificationSamples();
  private FluffleFs fs;
  private boolean powerCut;

  private LabFs(ZnsDevice device, LabCsd csd, FluffleFs fs) {
    this.device = device;
    this.csd = csd;
    this.fs = fs;
    samples.record(fs.counters());
  }

  /**
   * The filesystem on {@code device}: mounted when the drive holds one, formatted with {@code
   * options} when every zone is empty.
   *
   * @throws LabFsException the drive holds other data, or a damaged image
   */
  static LabFs mountOrFormat(ZnsDevice device, LabCsd csd, FormatOptions options) {
    int zones = options.zoneCount() == 0 ? device.geometry().zoneCount() : options.zoneCount();
    List<Zone> written =
        device.zones().stream().filter(z -> z.id() < zones && z.writtenBlocks() > 0).toList();
    if (written.isEmpty()) {
      return new LabFs(device, csd, formatted(device, options));
    }
    FluffleFs mounted;
    try {
      mounted = FluffleFs.mount(device);
    } catch (FsException e) {
      throw new LabFsException(
          "mount",
          null,
          LabFsException.kindOf(e),
          e.getMessage()
              + "; the drive holds data in "
              + written.size()
              + " zone"
              + (written.size() == 1 ? "" : "s")
              + " (first zone "
              + written.get(0).id()
              + "): lab.formatFs() formats it (every zone is reset), or lab.device().resetAll()"
              + " first",
          e);
    }
    if (options.zoneCount() != 0 && mounted.zoneCount() != zones) {
      mounted.abandon(); // mounting wrote a recovery checkpoint; nothing else is written
      throw new LabFsException(
          "mount",
          null,
          LabFsException.Kind.BAD_ARGUMENT,
          "the drive holds a filesystem on zones 0 to "
              + (mounted.zoneCount() - 1)
              + ", not on zones 0 to "
              + (zones - 1)
              + "; use lab.fs() for it, or lab.formatFs(FormatOptions.builder().zoneCount("
              + zones
              + ").build()) to start again",
          null);
    }
    return new LabFs(device, csd, mounted);
  }

  private static FluffleFs formatted(ZnsDevice device, FormatOptions options) {
    try {
      return FluffleFs.format(device, options);
    } catch (FsException e) {
      throw LabFsException.of("format", null, e);
    } catch (IllegalArgumentException e) {
      throw new LabFsException("format", null, LabFsException.Kind.BAD_ARGUMENT, e.getMessage(), e);
    }
  }

  /** Formats a new filesystem on {@code device} with {@code options}. */
  static LabFs format(ZnsDevice device, LabCsd csd, FormatOptions options) {
    return new LabFs(device, csd, formatted(device, options));
  }

  /** The mounted flufflefs-lite itself, for anything not offered here. */
  public synchronized FluffleFs raw() {
    checkMounted("raw", null);
    return fs;
  }

  /** The mounted filesystem, for datasets: {@code lab.datasets()...writeTo(lab.fs(), path)}. */
  @Override
  public FluffleFs fluffleFs() {
    return raw();
  }

  // ---------------------------------------------------------------- files and directories

  /** Creates an empty file (its directory must exist) and returns it. */
  public LabFile create(String path) {
    return mutate("create", path, f -> f.create(path)).file(path);
  }

  /**
   * Makes {@code data} the whole contents of the file at {@code path}, creating it if needed, and
   * fsyncs it: once this returns the contents survive a power cut.
   */
  public LabFile write(String path, byte[] data) {
    Objects.requireNonNull(data, "data");
    mutate(
        "write",
        path,
        f -> {
          checkRoom(f, path, data.length, true);
          try (FileHandle h = f.open(path, OpenMode.TRUNCATE)) {
            h.write(0, data);
            h.fsync();
          }
        });
    return file(path);
  }

  /**
   * Writes {@code data} at byte {@code offset} of the file at {@code path}, creating it if needed;
   * a gap before {@code offset} reads as zeros (a hole). Not durable until {@link #fsync}.
   */
  public LabFile write(String path, long offset, byte[] data) {
    Objects.requireNonNull(data, "data");
    mutate(
        "write",
        path,
        f -> {
          checkRoom(f, path, data.length, false);
          try (FileHandle h = f.open(path, OpenMode.CREATE)) {
            h.write(offset, data);
          }
        });
    return file(path);
  }

  /**
   * Appends {@code data} to the file at {@code path} (created if needed) and returns the offset it
   * was written at. Not durable until {@link #fsync}.
   */
  public long append(String path, byte[] data) {
    Objects.requireNonNull(data, "data");
    long[] at = {0};
    mutate(
        "append",
        path,
        f -> {
          checkRoom(f, path, data.length, false);
          try (FileHandle h = f.open(path, OpenMode.CREATE)) {
            at[0] = h.append(data);
          }
        });
    return at[0];
  }

  /**
   * Refuses a write of {@code bytes} before it creates or truncates anything when the filesystem
   * plainly has no room for it (free space, plus the file's own blocks when it is {@code
   * replaced}). The filesystem itself refuses the rarer writes that fit only without their
   * metadata.
   */
  private static void checkRoom(FluffleFs f, String path, long bytes, boolean replaced) {
    FsStats space = f.statfs();
    long freed = replaced && f.exists(path) && f.stat(path).isFile() ? f.stat(path).sizeBytes() : 0;
    if (bytes > space.freeBytes() + freed) {
      throw new NoSpaceException(
          path,
          "no space left on the filesystem for "
              + Quantities.bytes(bytes)
              + ": "
              + Quantities.bytes(space.freeBytes())
              + " of "
              + Quantities.bytes(space.totalBytes())
              + " are free"
              + (freed > 0 ? " and the file's own " + Quantities.bytes(freed) + " would be" : "")
              + "; delete or truncate files (nothing was written)");
    }
  }

  /**
   * The whole file at {@code path}.
   *
   * @throws LabFsException no such file, or it is larger than one array holds
   */
  public byte[] read(String path) {
    return call(
        "read",
        path,
        f -> {
          long size = f.stat(path).sizeBytes();
          if (size > ZnsDevice.MAX_TRANSFER_BYTES) {
            throw new LabFsException(
                "read",
                path,
                LabFsException.Kind.BAD_ARGUMENT,
                path
                    + " holds "
                    + size
                    + " bytes, more than one Java array holds; read it in parts with"
                    + " read(path, offset, length)",
                null);
          }
          try (FileHandle h = f.open(path)) {
            return h.read(0, (int) size);
          }
        });
  }

  /**
   * Up to {@code length} bytes at {@code offset} of the file (fewer at its end, none at or past it;
   * holes are zeros).
   */
  public byte[] read(String path, long offset, int length) {
    return call(
        "read",
        path,
        f -> {
          try (FileHandle h = f.open(path)) {
            return h.read(offset, length);
          }
        });
  }

  /** Sets the file's size: shrinking drops the bytes past it, extending adds a hole. */
  public LabFile truncate(String path, long sizeBytes) {
    mutate(
        "truncate",
        path,
        f -> {
          try (FileHandle h = f.open(path)) {
            h.truncate(sizeBytes);
          }
        });
    return file(path);
  }

  /** Renames (or moves) {@code from} to {@code to}, replacing a file at {@code to}; atomic. */
  public LabFile rename(String from, String to) {
    Objects.requireNonNull(to, "to");
    mutate("rename", from, f -> f.rename(from, to));
    return file(to);
  }

  /** Removes the file at {@code path}. */
  public LabFs unlink(String path) {
    return mutate("unlink", path, f -> f.unlink(path));
  }

  /** Creates a directory (its parent must exist). */
  public LabFs mkdir(String path) {
    return mutate("mkdir", path, f -> f.mkdir(path));
  }

  /** Removes an empty directory. */
  public LabFs rmdir(String path) {
    return mutate("rmdir", path, f -> f.rmdir(path));
  }

  /** The names in the directory at {@code path}, sorted. */
  public List<String> list(String path) {
    return call("list", path, f -> f.list(path));
  }

  /** Type, inode, size and modification time of what is at {@code path}. */
  public FileStat stat(String path) {
    return call("stat", path, f -> f.stat(path));
  }

  /** Whether something exists at {@code path}. */
  public boolean exists(String path) {
    return call("exists", path, f -> f.exists(path));
  }

  /** Makes the file's contents and size durable: they survive a power cut once this returns. */
  public LabFs fsync(String path) {
    return mutate(
        "fsync",
        path,
        f -> {
          try (FileHandle h = f.open(path)) {
            h.fsync();
          }
        });
  }

  /** Makes everything durable with a checkpoint. */
  public LabFs sync() {
    return mutate("sync", null, FluffleFs::sync);
  }

  /** Space: what live data may occupy, what it occupies, what is left. */
  public FsStats statfs() {
    return call("statfs", null, FluffleFs::statfs);
  }

  /** The file at {@code path} (it need not exist yet), to read, lay out or bind kernels to. */
  public LabFile file(String path) {
    Objects.requireNonNull(path, "path");
    return new LabFile(this, path);
  }

  // ---------------------------------------------------------------- pictures

  /** Every directory and file with its size (at most {@value FsTree#MAX_ENTRIES} entries). */
  public FsTree tree() {
    return call("tree", "/", FsTree::of);
  }

  /** Where the blocks of the file at {@code path} are: block → zone and LBA, holes, which log. */
  public FileMap layout(String path) {
    return call("layout", path, f -> new FileMap(path, f.layout(path), f.zoneUses(), device));
  }

  /**
   * The drive's zones as the filesystem uses them: live, dead and free blocks per zone, marked by
   * log (metadata, hot, cold) and checkpoint.
   */
  public FsZoneMap zones() {
    return call("zones", null, f -> new FsZoneMap(f.zoneUses()));
  }

  /**
   * Pins the file's blocks as they are now: reads through the pin see this version while writers go
   * on, and the cleaner leaves the zones holding them alone until it is closed.
   */
  public SnapshotPin snapshot(String path) {
    return call("snapshot", path, f -> new SnapshotPin(this, f.snapshot(path)));
  }

  // ---------------------------------------------------------------- cleaning and counters

  /**
   * Runs one cleaning pass with the policy chosen at format ({@link #cleaningPolicy()}).
   *
   * @return true if a zone was cleaned, false if no zone had anything to reclaim
   */
  public boolean clean() {
    return clean(cleaningPolicy());
  }

  /** Runs one cleaning pass with {@code policy} (greedy or cost-benefit). */
  public boolean clean(CleaningPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    boolean[] cleaned = {false};
    mutate("clean", null, f -> cleaned[0] = f.clean(policy));
    return cleaned[0];
  }

  /**
   * The zones the filesystem uses, zones 0 to {@code zoneCount() - 1}; the drive's later zones are
   * left to raw use ({@code lab.fs(zoneCount)}).
   */
  public int zoneCount() {
    return call("zoneCount", null, FluffleFs::zoneCount);
  }

  /** The policy of background cleaning passes, chosen at format. */
  public CleaningPolicy cleaningPolicy() {
    return call("cleaningPolicy", null, FluffleFs::cleaningPolicy);
  }

  /** Write counters since format: host bytes, device bytes, resets, passes, blocks moved. */
  public FsCounters counters() {
    return call("counters", null, FluffleFs::counters);
  }

  /** Device bytes written per host byte written since format (0 before any write). */
  public double writeAmplification() {
    return counters().writeAmplification();
  }

  /** The cleaner's passes as a table, and write amplification over the data written as a chart. */
  public CleanerLog cleaner() {
    return call(
        "cleaner",
        null,
        f -> new CleanerLog(f.cleaningPolicy(), f.cleaningPasses(), f.counters(), samples));
  }

  /** Checks the filesystem's structural invariants. */
  public FsCheck check() {
    return call(
        "check",
        null,
        f -> {
          CheckReport report = f.check();
          return new FsCheck(report);
        });
  }

  // ---------------------------------------------------------------- power and mounting

  /**
   * Cuts the power now: the mount is dropped without writing anything, so what was not fsynced or
   * synced is lost, and every call (and every handle) fails until {@link #remount()}. On the drive,
   * everything written so far stays, as on a drive without a volatile cache.
   */
  public synchronized LabFs powerCut() {
    if (fs != null) {
      fs.abandon();
    }
    powerCut = true;
    return this;
  }

  /**
   * Mounts the filesystem from the drive again: after {@link #powerCut()} that is recovery (the
   * latest checkpoint, then every inode fsynced after it); otherwise it first unmounts cleanly.
   */
  public synchronized LabFs remount() {
    if (!powerCut && fs != null) {
      fs.unmount();
    }
    try {
      fs = FluffleFs.mount(device);
    } catch (FsException e) {
      fs = null;
      throw LabFsException.of("remount", null, e);
    }
    powerCut = false;
    samples.record(fs.counters());
    return this;
  }

  /**
   * Formats the drive again with {@code options} (every zone of the new filesystem is reset, every
   * file lost; {@link FormatOptions#zoneCount()} chooses how many zones from zone 0), e.g. {@code
   * FormatOptions.builder().cleaningPolicy(CleaningPolicy.GREEDY).build()}.
   */
  public synchronized LabFs format(FormatOptions options) {
    Objects.requireNonNull(options, "options");
    if (fs != null && !powerCut) {
      fs.abandon(); // its state is about to be wiped; nothing of it need be written
    }
    fs = formatted(device, options);
    powerCut = false;
    samples.clear();
    samples.record(fs.counters());
    return this;
  }

  /**
   * Whether the filesystem is mounted (false after {@link #powerCut()} until {@link #remount()}).
   */
  public synchronized boolean isMounted() {
    return fs != null && !powerCut && fs.isMounted();
  }

  /** Unmounts cleanly (a checkpoint); the lab does this when it closes. */
  synchronized void unmount() {
    if (fs != null && !powerCut) {
      fs.unmount();
    }
  }

  // ---------------------------------------------------------------- for the lab's other objects

  LabCsd csd() {
    return csd;
  }

  ZnsDevice device() {
    return device;
  }

  /** A call on the mounted filesystem, its errors in the lab's words. */
  <T> T call(String operation, String path, FsFunction<T> op) {
    FluffleFs mounted;
    synchronized (this) {
      checkMounted(operation, path);
      mounted = fs;
    }
    try {
      return op.apply(mounted);
    } catch (FsException e) {
      if (isPowerCut()) {
        throw new LabFsException(
            operation,
            path,
            LabFsException.Kind.NOT_MOUNTED,
            "the power was cut (fs.powerCut()) during the call; fs.remount() recovers what was"
                + " synced",
            e);
      }
      throw LabFsException.of(operation, path, e);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new LabFsException(
          operation, path, LabFsException.Kind.BAD_ARGUMENT, e.getMessage(), e);
    }
  }

  /** A call that writes: afterwards the write counters are sampled for the chart. */
  LabFs mutate(String operation, String path, FsAction op) {
    try {
      call(
          operation,
          path,
          f -> {
            op.accept(f);
            return null;
          });
    } finally {
      sampleCounters();
    }
    return this;
  }

  private void sampleCounters() {
    FluffleFs mounted;
    synchronized (this) {
      mounted = powerCut ? null : fs;
    }
    if (mounted != null && mounted.isMounted()) {
      try {
        samples.record(mounted.counters());
      } catch (FsException e) {
        // a failed filesystem has no counters to show; the call's own error says why
      }
    }
  }

  private synchronized boolean isPowerCut() {
    return powerCut;
  }

  private void checkMounted(String operation, String path) {
    if (powerCut) {
      throw new LabFsException(
          operation,
          path,
          LabFsException.Kind.NOT_MOUNTED,
          "the power was cut (fs.powerCut()); fs.remount() recovers what was synced",
          null);
    }
  }

  /** A function of the mounted filesystem that may throw its exceptions. */
  @FunctionalInterface
  interface FsFunction<T> {
    T apply(FluffleFs fs);
  }

  /** An action on the mounted filesystem. */
  @FunctionalInterface
  interface FsAction {
    void accept(FluffleFs fs);
  }

  /** What the chart of {@link #cleaner()} is drawn from. */
  WriteAmplificationSamples samples() {
    return samples;
  }

  /**
   * One line, as {@code LabFs[flufflefs-lite on 64 zones × 16.0 MiB: 3 files, 1.0 MiB of 838.9 MiB
   * used, write amplification 1.02, cost-benefit cleaning]}.
   */
  @Override
  public synchronized String toString() {
    String on =
        "flufflefs-lite on "
            + device.geometry().zoneCount()
            + " zones × "
            + Quantities.bytes(device.geometry().zoneCapacityBytes());
    if (powerCut || fs == null || !fs.isMounted()) {
      return "LabFs[" + on + ": not mounted (power cut); fs.remount() recovers]";
    }
    FsStats space = fs.statfs();
    FsCounters counters = fs.counters();
    return "LabFs["
        + on
        + ": "
        + (space.files() - 1)
        + (space.files() == 2 ? " file or directory, " : " files and directories, ")
        + Quantities.bytes(space.usedBytes())
        + " of "
        + Quantities.bytes(space.totalBytes())
        + " used, write amplification "
        + CleanerLog.wa(counters.writeAmplification())
        + ", "
        + CleanerLog.policyName(fs.cleaningPolicy())
        + " cleaning]";
  }

  /** The space table, the directory tree and the zone heat map. */
  @Override
  public String toHtml() {
    if (!isMounted()) {
      return Html.panel("Filesystem", Html.escape(toString()));
    }
    FsStats space = statfs();
    FsCounters counters = counters();
    String table =
        Html.table(
            List.of("measure", "value"),
            List.of(
                List.of("used", Quantities.bytes(space.usedBytes())),
                List.of("free", Quantities.bytes(space.freeBytes())),
                List.of("total (for live data)", Quantities.bytes(space.totalBytes())),
                List.of("files and directories", String.valueOf(space.files() - 1)),
                List.of("host bytes written", Quantities.bytes(counters.hostBytesWritten())),
                List.of("device bytes written", Quantities.bytes(counters.deviceBytesWritten())),
                List.of("write amplification", CleanerLog.wa(counters.writeAmplification())),
                List.of("cleaning passes", String.valueOf(counters.cleaningPasses())),
                List.of("cleaning policy", CleanerLog.policyName(cleaningPolicy()))));
    return Html.panel(
        "Filesystem: flufflefs-lite on the lab's drive",
        table + tree().toHtml() + zones().toHtml());
  }

  /** Zone uses, for renderings of the lab's other objects. */
  List<ZoneUse> zoneUses() {
    return call("zones", null, FluffleFs::zoneUses);
  }
}
