package org.csdlab.lab.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntFunction;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.FsStats;
import org.csdlab.fluffle.NoSpaceException;
import org.csdlab.fluffle.OpenMode;
import org.csdlab.lab.monitor.Sample;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.csdlab.zns.ZnsDevice;

/**
 * A deterministic dataset, described fluently and generated when written: the same spec always
 * gives the same bytes. Each setter returns a new dataset; nothing is generated until a {@code
 * write...}, {@link #stream()}, {@link #bytes()} or {@link #sha256()} call.
 *
 * <pre>{@code
 * WrittenDataset readings = Datasets.u32Readings(256, MiB).seed(7).writeToZones(device, 0);
 * Datasets.sensorRecords(1, MiB).selectivity(0.1).writeToFile(Path.of("hot.bin"));
 * }</pre>
 *
 * <p>Writing reports its progress to the dataset's {@link #monitor(ThroughputMonitor) monitor} (a
 * fresh {@link ThroughputMonitor#create()} if none was given: a progress bar in a terminal, a live
 * chart in a notebook).
 */
public final class Dataset {
  /** The advice for a zone that is not Empty on a {@link ZnsDevice} used directly. */
  public static final IntFunction<String> DEVICE_RESET_ADVICE =
      zone -> "reset it with device.manage(" + zone + ", ZoneAction.RESET) or choose other zones";

  private final DatasetSpec spec;
  private final ThroughputMonitor monitor;
  private final ZnsDevice device;
  private final IntFunction<String> resetAdvice;

  Dataset(DatasetSpec spec, ThroughputMonitor monitor) {
    this(spec, monitor, null, DEVICE_RESET_ADVICE);
  }

  private Dataset(
      DatasetSpec spec,
      ThroughputMonitor monitor,
      ZnsDevice device,
      IntFunction<String> resetAdvice) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.monitor = monitor;
    this.device = device;
    this.resetAdvice = resetAdvice;
  }

  /** What determines the bytes. */
  public DatasetSpec spec() {
    return spec;
  }

  /** The dataset's length in bytes. */
  public long sizeBytes() {
    return spec.sizeBytes();
  }

  /** The same dataset with another seed. */
  public Dataset seed(long seed) {
    return with(new DatasetSpec(spec.generator(), spec.sizeBytes(), seed, spec.selectivity()));
  }

  /**
   * The same dataset with a fraction {@code selectivity} of values selected by the generator's
   * filter (u32 readings: above RAND_MAX/2; records: at least 25.00 °C; logs: ERROR lines).
   *
   * @throws IllegalArgumentException outside [0, 1]
   */
  public Dataset selectivity(double selectivity) {
    return with(new DatasetSpec(spec.generator(), spec.sizeBytes(), spec.seed(), selectivity));
  }

  /** The same dataset with another size in bytes (a multiple of one value or record). */
  public Dataset sizeBytes(long sizeBytes) {
    return with(new DatasetSpec(spec.generator(), sizeBytes, spec.seed(), spec.selectivity()));
  }

  /** The same dataset with another size: {@code size(64, MiB)}. */
  public Dataset size(long amount, ByteUnit unit) {
    return sizeBytes(Objects.requireNonNull(unit, "unit").toBytes(amount));
  }

  /** The same dataset, reporting its generation to {@code monitor}. */
  public Dataset monitor(ThroughputMonitor monitor) {
    return new Dataset(spec, Objects.requireNonNull(monitor, "monitor"), device, resetAdvice);
  }

  /** The same dataset, to be written to {@code device} by {@link #writeToZones(int)}. */
  public Dataset on(ZnsDevice device) {
    return new Dataset(spec, monitor, Objects.requireNonNull(device, "device"), resetAdvice);
  }

  /**
   * The same dataset, whose {@link ZoneNotEmptyException} advises {@code resetAdvice.apply(zone)}
   * for a zone that is not Empty: a call that works where the dataset is written (a lab's datasets
   * name {@code lab.device().reset(zone)}); default {@link #DEVICE_RESET_ADVICE}.
   */
  public Dataset resetAdvice(IntFunction<String> resetAdvice) {
    return new Dataset(spec, monitor, device, Objects.requireNonNull(resetAdvice, "resetAdvice"));
  }

  /**
   * Appends the dataset to the device it is {@linkplain #on(ZnsDevice) on} (a lab's datasets are on
   * the lab's drive), from zone {@code firstZone}; see {@link #writeToZones(ZnsDevice, int)}.
   *
   * @throws IllegalStateException the dataset is on no device
   */
  public WrittenDataset writeToZones(int firstZone) {
    if (device == null) {
      throw new IllegalStateException(
          "this dataset is on no device: use writeToZones(device, "
              + firstZone
              + "), on(device), or lab.datasets() whose datasets are on the lab's drive");
    }
    return writeToZones(device, firstZone);
  }

  /**
   * Appends the dataset to Empty zones of {@code device} from {@code firstZone} on, as many as it
   * needs (a 256 MiB dataset fills 16 zones of 16 MiB). Every zone is checked before anything is
   * written; a partly filled last zone is closed.
   *
   * @throws DatasetPlacementException no such zone, or the device ends before the data does
   *     (nothing written)
   * @throws ZoneNotEmptyException a zone it needs is not Empty (nothing was written)
   * @throws org.csdlab.zns.ZnsException the device refused a write (then earlier zones hold data)
   */
  public WrittenDataset writeToZones(ZnsDevice device, int firstZone) {
    Objects.requireNonNull(device, "device");
    ZoneAppender appender = new ZoneAppender(device, firstZone, spec.sizeBytes(), resetAdvice);
    String operation =
        "generate "
            + spec.generator().id()
            + " to zone"
            + (appender.zoneCount() == 1
                ? " " + firstZone
                : "s " + firstZone + ".." + (firstZone + appender.zoneCount() - 1));
    String sha256;
    try {
      sha256 = Generation.run(spec, monitor(), operation, appender);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a device sink does no I/O
    }
    appender.finish();
    return new WrittenDataset(
        spec,
        firstZone,
        appender.zoneCount(),
        device.geometry().zoneStartLba(firstZone),
        spec.sizeBytes(),
        sha256,
        WrittenDataset.stampsOf(device, firstZone, appender.zoneCount()));
  }

  /**
   * Writes the dataset to {@code file} (replacing it; its directory must exist). The file system
   * must have room for the whole dataset and a margin of 64 MiB before the first byte is written; a
   * write that fails part way removes the partial file.
   *
   * @throws DatasetWriteException not enough free space (nothing was written), or a write failed
   *     part way, e.g. the disk filled up (the partial file was removed)
   * @throws UncheckedIOException the file cannot be opened, with the reason
   */
  public DatasetFile writeToFile(Path file) {
    Objects.requireNonNull(file, "file");
    return DatasetFileWriter.SYSTEM.write(spec, monitor(), file);
  }

  /**
   * Writes the dataset into the file {@code path} of {@code target} (e.g. {@code lab.fs()}),
   * replacing the file if it exists, and fsyncs it. The filesystem must have room for the whole
   * dataset before the first byte is written.
   *
   * @throws org.csdlab.fluffle.NoSpaceException the filesystem has no room for it (nothing written)
   * @throws org.csdlab.fluffle.FsException the path is not a file that can be written, or the
   *     device failed (then the file holds what was written before)
   */
  public DatasetInFs writeTo(FluffleFsTarget target, String path) {
    Objects.requireNonNull(target, "target");
    return writeTo(target.fluffleFs(), path);
  }

  /** As {@link #writeTo(FluffleFsTarget, String)}, into a mounted flufflefs-lite {@code fs}. */
  public DatasetInFs writeTo(FluffleFs fs, String path) {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(path, "path");
    FsStats space = fs.statfs();
    long replaced = fs.exists(path) && fs.stat(path).isFile() ? fs.stat(path).sizeBytes() : 0;
    if (spec.sizeBytes() > space.freeBytes() + replaced) {
      throw new NoSpaceException(
          path,
          "no room for "
              + ByteUnit.approximate(spec.sizeBytes())
              + " at "
              + path
              + ": the filesystem has "
              + ByteUnit.approximate(space.freeBytes())
              + " free of "
              + ByteUnit.approximate(space.totalBytes())
              + "; nothing was written");
    }
    String sha256;
    try (FileHandle file = fs.open(path, OpenMode.TRUNCATE)) {
      long[] at = {0};
      sha256 =
          run(
              "generate " + spec.generator().id() + " to " + path,
              (chunk, length) -> {
                long before = fs.device().modeledNanos();
                file.write(at[0], chunk, 0, length);
                at[0] += length;
                return fs.device().modeledNanos() - before;
              });
      file.fsync();
    }
    return new DatasetInFs(spec, path, spec.sizeBytes(), sha256);
  }

  /** The bytes, generated as they are read. */
  public InputStream stream() {
    return new DatasetInputStream(spec);
  }

  /**
   * All the bytes in one array.
   *
   * @throws IllegalStateException the dataset is larger than an array can hold (use {@link
   *     #stream()})
   */
  public byte[] bytes() {
    if (spec.sizeBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          ByteUnit.format(spec.sizeBytes())
              + " does not fit in one Java array; read it with stream() or write it to zones or a file");
    }
    byte[] bytes = new byte[(int) spec.sizeBytes()];
    int[] filled = {0};
    run(
        "generate " + spec.generator().id(),
        (chunk, length) -> {
          System.arraycopy(chunk, 0, bytes, filled[0], length);
          filled[0] += length;
          return Sample.NO_MODELED_TIME;
        });
    return bytes;
  }

  /** SHA-256 of the bytes, lowercase hex, generated without keeping them. */
  public String sha256() {
    return run("hash " + spec.generator().id(), (chunk, length) -> Sample.NO_MODELED_TIME);
  }

  private String run(String operation, Generation.Sink sink) {
    try {
      return Generation.run(spec, monitor(), operation, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory sinks do no I/O
    }
  }

  private ThroughputMonitor monitor() {
    return monitor != null ? monitor : ThroughputMonitor.create();
  }

  private Dataset with(DatasetSpec changed) {
    return new Dataset(changed, monitor, device, resetAdvice);
  }

  @Override
  public String toString() {
    return "Dataset[" + spec + "]";
  }
}
