package org.csdlab.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.Vm;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.timing.TimingProfile;

/**
 * A computational-storage lab: a ZNS drive with an eBPF core, an eBPF workbench and the host beside
 * them, each one dot away.
 *
 * <pre>{@code
 * var lab = Lab.create();                         // in-memory drive, teaching timing profile
 * lab.device()                                    // zone map: 64 zones, all empty
 * var hello = lab.ebpf().assemble("r0 = 42\nexit");
 * hello.run()                                     // r0 = 42 (0x2a) · 2 instructions · ...
 * var data = lab.device().store(0, bytes);        // an Extent
 * lab.compare(lab.host().countU32Above(data, Lab.RAND_MAX / 2),
 *             lab.csd().countU32Above(data, Lab.RAND_MAX / 2))
 * }</pre>
 *
 * A lab on a backend file keeps the drive's contents; {@link #close()} flushes it.
 */
public final class Lab implements HtmlRenderable, AutoCloseable {
  /** C's {@code RAND_MAX} on glibc, the range of OpenCSD's u32 sensor readings: 2³¹ − 1. */
  public static final long RAND_MAX = 0x7FFF_FFFFL;

  static {
    Renderings.install();
  }

  private final LabConfig config;
  private final ZnsDevice zns;
  private final boolean givenDevice;
  private final ComputationalStorage storage;
  private final LabDevice device;
  private final LabCsd csd;
  private final LabEbpf ebpf;
  private final LabHost host;
  private final ProgressRelay progress = new ProgressRelay();
  private final ThroughputMonitor monitor = ThroughputMonitor.create();
  private final ProgressListener monitorProgress = new MonitorProgress(monitor);
  private final LabDatasets datasets;
  private LabFs fs;

  private Lab(LabConfig config) {
    this(config, newDevice(config), false);
  }

  private Lab(LabConfig config, ZnsDevice zns, boolean givenDevice) {
    this.config = config;
    this.zns = zns;
    this.givenDevice = givenDevice;
    this.storage =
        ComputationalStorage.builder(zns)
            .coreInstructionsPerSecond(config.coreInstructionsPerSecond())
            .memoryBytes(config.memoryBytes())
            .fuel(config.fuel())
            .engine(config.engine())
            .build();
    this.device = new LabDevice(zns);
    this.csd = new LabCsd(storage, progress);
    this.ebpf = new LabEbpf(config.fuel(), config.engine());
    this.host = new LabHost(storage, progress);
    this.datasets = new LabDatasets(zns, monitor);
    progress.listener(monitorProgress);
  }

  private static ZnsDevice newDevice(LabConfig config) {
    ZnsDevice.Builder builder = ZnsDevice.builder(config.geometry()).timing(config.timing());
    if (config.backendFile() != null) {
      builder.file(config.backendPath());
    }
    return builder.build();
  }

  /**
   * A lab with the defaults: an in-memory drive of {@link Geometry#defaults()} with {@link
   * TimingProfile#teaching()}.
   */
  public static Lab create() {
    return builder().build();
  }

  /** A builder starting from the defaults of {@link #create()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A lab made from {@code config}, e.g. one loaded with {@link LabConfig#load}. */
  public static Lab fromConfig(LabConfig config) {
    return new Lab(Objects.requireNonNull(config, "config"));
  }

  /** The configuration this lab was made from; save it with {@link LabConfig#save}. */
  public LabConfig config() {
    return config;
  }

  /** The drive: zones, report, write, append, reset, stats; renders as a zone map. */
  public LabDevice device() {
    return device;
  }

  /** The drive's computational storage: load and run kernels next to the data. */
  public LabCsd csd() {
    return csd;
  }

  /** The eBPF workbench: assemble, disassemble, load ELF, run, trace, verify. */
  public LabEbpf ebpf() {
    return ebpf;
  }

  /** The host: the same work done by reading everything over the host link. */
  public LabHost host() {
    return host;
  }

  /**
   * Seeded datasets on this lab's drive: {@code lab.datasets().u32Readings(256,
   * MiB).seed(7).writeToZones(0)}.
   */
  public LabDatasets datasets() {
    return datasets;
  }

  /**
   * The lab's filesystem: flufflefs-lite on the lab's drive, mounted from the drive when it holds
   * one (a lab on a backend file keeps its files), formatted with the defaults on first use when
   * every zone is empty. {@code lab.fs().write("/a.txt", bytes)}, {@code lab.fs().tree()}, {@code
   * lab.fs().zones()}; see {@link LabFs}.
   *
   * @throws LabFsException the drive holds data that is not a filesystem (zones written raw): use
   *     {@link #formatFs()}, or reset the zones first
   */
  public synchronized LabFs fs() {
    if (fs == null) {
      fs = LabFs.mountOrFormat(zns, csd, FormatOptions.defaults());
    }
    return fs;
  }

  /**
   * The lab's filesystem on zones 0 to {@code zoneCount - 1} only, so that raw-zone work and files
   * share the drive: the zones from {@code zoneCount} on stay the lab's to append to, reset and
   * fill with datasets ({@code lab.datasets()...writeToZones(zoneCount)}), and the filesystem never
   * touches them. Mounted when the drive holds a filesystem on those zones, formatted when they are
   * all empty.
   *
   * @throws LabFsException those zones hold other data, or a filesystem of another size
   */
  public synchronized LabFs fs(int zoneCount) {
    if (zoneCount < 1 || zoneCount > zns.geometry().zoneCount()) {
      throw new IllegalArgumentException(
          "lab.fs(zoneCount): zoneCount must be 1 to "
              + zns.geometry().zoneCount()
              + " (the drive's zones), was "
              + zoneCount);
    }
    if (fs != null) {
      int mounted = fs.zoneCount();
      if (mounted != zoneCount) {
        throw new LabFsException(
            "mount",
            null,
            LabFsException.Kind.BAD_ARGUMENT,
            "the lab's filesystem is on zones 0 to "
                + (mounted - 1)
                + ", not on zones 0 to "
                + (zoneCount - 1)
                + "; lab.formatFs(FormatOptions.builder().zoneCount("
                + zoneCount
                + ").build()) starts again",
            null);
      }
      return fs;
    }
    fs = LabFs.mountOrFormat(zns, csd, FormatOptions.builder().zoneCount(zoneCount).build());
    return fs;
  }

  /**
   * Formats the drive with a new, empty filesystem with the default options (every zone is reset,
   * whatever it held) and returns it; {@code lab.fs()} is that filesystem from now on.
   */
  public LabFs formatFs() {
    return formatFs(FormatOptions.defaults());
  }

  /**
   * As {@link #formatFs()}, with {@code options}: e.g. {@code
   * FormatOptions.builder().cleaningPolicy(CleaningPolicy.GREEDY).reserveZones(3).build()}; with
   * {@code zoneCount(n)} only zones 0 to n − 1 are reset and used, as {@link #fs(int)} does.
   */
  public synchronized LabFs formatFs(FormatOptions options) {
    Objects.requireNonNull(options, "options");
    if (fs == null) {
      fs = LabFs.format(zns, csd, options);
    } else {
      fs.format(options);
    }
    return fs;
  }

  /**
   * Follows this lab's long operations (dataset generation, host scans, kernels on the drive):
   * progress bars in a terminal; in a notebook a live chart in the cells that ask with {@code
   * monitor().live()}; {@code monitor().chart()} draws throughput over time.
   */
  public ThroughputMonitor monitor() {
    return monitor;
  }

  /**
   * The host run beside the offloaded one: same answer?, bytes over the link, modeled and wall
   * time.
   */
  public Comparison compare(Run onHost, Run offloaded) {
    return new Comparison(onHost, offloaded);
  }

  /**
   * Sends the progress of this lab's long operations (host scans, kernels on the drive) to {@code
   * listener} instead of the lab's {@linkplain #monitor() monitor}; {@link ProgressListener#NONE}
   * stops it, {@link #reportProgressToMonitor()} goes back to the monitor.
   */
  public Lab reportProgressTo(ProgressListener listener) {
    progress.listener(listener);
    return this;
  }

  /**
   * Sends the progress of this lab's long operations to its {@linkplain #monitor() monitor} again
   * (the default).
   */
  public Lab reportProgressToMonitor() {
    progress.listener(monitorProgress);
    return this;
  }

  /**
   * Who hears this lab's progress (a feed to the lab's {@linkplain #monitor() monitor} unless set).
   */
  public ProgressListener progressListener() {
    return progress.listener();
  }

  /**
   * Unmounts the filesystem if it is mounted (a checkpoint), then flushes and closes a drive on a
   * backend file; does nothing more for an in-memory drive.
   */
  @Override
  public synchronized void close() {
    if (fs != null) {
      fs.unmount();
    }
    zns.close();
  }

  /**
   * One line, as {@code Lab[64 zones × 16.0 MiB (63 empty, 1 full); teaching timing; core 1 G
   * insn/s; in memory]} (the two commonest zone states; {@code device()} shows them all).
   */
  @Override
  public String toString() {
    ZoneMap zones = device.zoneMap();
    List<String> states =
        zones.counts().entrySet().stream()
            .sorted((a, b) -> b.getValue() - a.getValue())
            .map(e -> e.getValue() + " " + ZoneMap.label(e.getKey()))
            .toList();
    String shown =
        String.join(", ", states.subList(0, Math.min(2, states.size())))
            + (states.size() > 2 ? ", …" : "");
    return "Lab["
        + zones.geometry().zoneCount()
        + " zones × "
        + Quantities.bytes(zones.geometry().zoneCapacityBytes())
        + " ("
        + shown
        + "); "
        + config.timing().name()
        + " timing; core "
        + Quantities.si(config.coreInstructionsPerSecond(), "insn/s")
        + "; "
        + backend()
        + "]";
  }

  @Override
  public synchronized String toHtml() {
    return Html.panel(
        "Lab",
        Html.table(
                List.of("part", "what"),
                List.of(
                    List.of("device()", device.toString()),
                    List.of(
                        "csd()",
                        "core "
                            + config.coreInstructionsPerSecond()
                            + " eBPF instructions/s, memory "
                            + Quantities.bytes(config.memoryBytes())
                            + ", fuel "
                            + config.fuel()),
                    List.of(
                        "engine",
                        config.engine() + " for the drive's kernels and the workbench's programs"),
                    List.of("timing", config.timing().toString()),
                    List.of(
                        "fs()",
                        fs == null
                            ? "not mounted yet: lab.fs() mounts the drive's filesystem or formats a"
                                + " blank drive"
                            : fs.toString()),
                    List.of(
                        "backend",
                        givenDevice
                            ? backend()
                            : config.backendFile() == null ? "in memory" : config.backendFile())))
            + device.toHtml());
  }

  /** Where the drive's data lives, in a few words; the lab cannot tell for a given device. */
  private String backend() {
    return givenDevice ? "a given drive" : Quantities.backend(config.backendFile());
  }

  /** Configures a {@link Lab}; every setting is optional. */
  public static final class Builder {
    private Geometry geometry = Geometry.defaults();
    private TimingProfile timing = TimingProfile.teaching();
    private long coreInstructionsPerSecond =
        ComputationalStorage.DEFAULT_CORE_INSTRUCTIONS_PER_SECOND;
    private int memoryBytes = ComputationalStorage.DEFAULT_MEMORY_BYTES;
    private long fuel = Vm.DEFAULT_FUEL;
    private Path backendFile;
    private Engine engine = Engine.AUTO;
    private ZnsDevice device;
    private boolean driveSettingsSet;

    private Builder() {}

    /**
     * A lab on {@code device}, a drive made elsewhere (a crash state rebuilt by a {@link
     * org.csdlab.zns.DeviceJournal}, a drive with its own settings), instead of a new one: the
     * lab's geometry and timing are the device's, and {@code lab.fs()} mounts the filesystem it
     * holds. The lab then owns the device ({@link Lab#close()} closes it). Its {@link Lab#config()}
     * names no backend file, so a lab made again from that configuration has a new, empty drive.
     *
     * @throws IllegalStateException (at {@link #build()}) {@link #geometry}, {@link #timing} or
     *     {@link #backendFile} was set too: they describe a new drive
     */
    public Builder device(ZnsDevice device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /** The drive's geometry; default {@link Geometry#defaults()} (64 zones of 16 MiB). */
    public Builder geometry(Geometry geometry) {
      this.geometry = Objects.requireNonNull(geometry, "geometry");
      driveSettingsSet = true;
      return this;
    }

    /** The drive's timing profile; default {@link TimingProfile#teaching()}. */
    public Builder timing(TimingProfile timing) {
      this.timing = Objects.requireNonNull(timing, "timing");
      driveSettingsSet = true;
      return this;
    }

    /** The named timing profile: {@code instant}, {@code tlc-zns} or {@code teaching}. */
    public Builder timing(String profileName) {
      return timing(TimingProfile.named(profileName));
    }

    /** Speed of the drive's core in eBPF instructions per second; default 10⁹. */
    public Builder coreInstructionsPerSecond(long instructionsPerSecond) {
      this.coreInstructionsPerSecond = instructionsPerSecond;
      return this;
    }

    /** Size of the drive's scratch memory for kernels; default 1 MiB. */
    public Builder memoryBytes(int bytes) {
      this.memoryBytes = bytes;
      return this;
    }

    /** The most eBPF instructions one run may execute; default {@link Vm#DEFAULT_FUEL}. */
    public Builder fuel(long maxInstructions) {
      this.fuel = maxInstructions;
      return this;
    }

    /**
     * How eBPF runs, on the drive ({@code lab.csd()}) and in the workbench ({@code lab.ebpf()}):
     * {@link Engine#AUTO} (the default: the JIT for programs with a loop, the interpreter for the
     * rest), {@link Engine#JIT} or {@link Engine#INTERPRETER}. Answers, instruction counts and
     * modeled times are the same on each; only the wall-clock time differs. A workbench program can
     * still be run on another engine with {@link EbpfProgram#on(Engine)}.
     */
    public Builder engine(Engine engine) {
      if (engine == null) {
        throw new IllegalArgumentException(
            "Lab.builder().engine(engine): engine must be INTERPRETER, JIT or AUTO, not null");
      }
      this.engine = engine;
      return this;
    }

    /** Keeps the drive in the device image {@code file} (created if absent); default in memory. */
    public Builder backendFile(Path file) {
      this.backendFile = file;
      driveSettingsSet = true;
      return this;
    }

    /** The configuration these settings make; throws naming the setting that is wrong. */
    public LabConfig config() {
      if (device != null) {
        if (driveSettingsSet) {
          throw new IllegalStateException(
              "Lab.builder(): device(...) brings its own geometry and timing; geometry(...),"
                  + " timing(...) and backendFile(...) describe a new drive and cannot be set"
                  + " with it");
        }
        return new LabConfig(
            device.geometry(),
            device.timing(),
            coreInstructionsPerSecond,
            memoryBytes,
            fuel,
            null,
            engine);
      }
      return new LabConfig(
          geometry,
          timing,
          coreInstructionsPerSecond,
          memoryBytes,
          fuel,
          backendFile == null ? null : backendFile.toString(),
          engine);
    }

    /** The lab: on the {@linkplain #device(ZnsDevice) given device}, or on a new drive. */
    public Lab build() {
      LabConfig config = config();
      return device != null ? new Lab(config, device, true) : new Lab(config);
    }
  }
}
