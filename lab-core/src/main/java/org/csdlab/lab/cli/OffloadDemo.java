package org.csdlab.lab.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.csdlab.lab.Comparison;
import org.csdlab.lab.CsdRun;
import org.csdlab.lab.HostRun;
import org.csdlab.lab.Lab;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.WrittenDataset;
import org.csdlab.zns.Geometry;

/**
 * The offloaded-filtering demo: the lab API doing what {@link #CODE} says. The lab's monitor draws
 * the progress bars (in a terminal) and the throughput charts of the page ({@link DemoPage}).
 */
final class OffloadDemo {
  /**
   * RAND_MAX/2, the threshold of OpenCSD's experiments and of the tutorial kernel {@code
   * count_u32.c}.
   */
  static final long THRESHOLD = Lab.RAND_MAX / 2;

  /** What the demo runs, as a student would write it in JShell (size and seed filled in). */
  static final String CODE =
      """
      var lab = Lab.create();
      var readings = lab.datasets().u32Readings(%d, MiB).seed(%d).writeToZones(0);
      lab.host().countU32Above(readings, Lab.RAND_MAX / 2);  // first runs: the JVM and the eBPF JIT
      lab.csd().countU32Above(readings, Lab.RAND_MAX / 2);   // compile and warm up; timed: the second
      var onHost = lab.host().countU32Above(readings, Lab.RAND_MAX / 2);
      var onDrive = lab.csd().countU32Above(readings, Lab.RAND_MAX / 2);
      lab.compare(onHost, onDrive)
      """;

  /** The comparison, the data it was made on, and the chart file (null if none was asked for). */
  record Result(Comparison comparison, WrittenDataset dataset, Path chart) {}

  private final long mib;
  private final Lab lab;

  /** A demo over {@code mib} MiB of readings. */
  OffloadDemo(long mib) {
    this.mib = mib;
    this.lab = Lab.create();
  }

  /**
   * The rule {@code sizeBytes} breaks as the size of the demo's dataset, which fills whole zones of
   * the lab's drive ({@code must be a whole number of 16 MiB zones, at most 64 (1 GiB)}), or empty
   * when it is a size the demo runs.
   */
  Optional<String> sizeProblem(long sizeBytes) {
    Geometry g = lab.device().geometry();
    long zoneBytes = g.zoneCapacityBytes();
    if (sizeBytes <= 0 || sizeBytes % zoneBytes != 0 || sizeBytes / zoneBytes > g.zoneCount()) {
      return Optional.of(
          "must be a whole number of "
              + ByteSize.format(zoneBytes)
              + " zones, at most "
              + g.zoneCount()
              + " ("
              + ByteSize.format(zoneBytes * g.zoneCount())
              + ")");
    }
    return Optional.empty();
  }

  /** {@link #CODE} with the size and seed filled in. */
  String code(long seed) {
    return CODE.formatted(mib, seed);
  }

  /**
   * Writes the readings (whole zones) with {@code seed}, counts them both ways and, unless {@code
   * chartFile} is null, saves the charts there.
   */
  Result run(long seed, Path chartFile) {
    sizeProblem(mib << 20)
        .ifPresent(
            problem -> {
              throw new CliException(
                  "the dataset size " + problem + ", got " + ByteSize.format(mib << 20));
            });
    WrittenDataset readings =
        lab.datasets().u32Readings(mib, ByteUnit.MiB).seed(seed).writeToZones(0);
    lab.host().countU32Above(readings, THRESHOLD);
    lab.csd().countU32Above(readings, THRESHOLD);
    HostRun onHost = lab.host().countU32Above(readings, THRESHOLD);
    CsdRun onDrive = lab.csd().countU32Above(readings, THRESHOLD);
    Comparison comparison = lab.compare(onHost, onDrive);
    Path chart =
        chartFile == null
            ? null
            : DemoPage.save(
                chartFile,
                new DemoPage.Parameters(
                    readings.sizeBytes(), readings.zoneCount(), seed, THRESHOLD, lab.config()),
                comparison,
                onHost,
                onDrive,
                lab.monitor());
    return new Result(comparison, readings, chart);
  }
}
