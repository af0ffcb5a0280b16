package org.csdlab.lab;

import java.util.Objects;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.Dataset;
import org.csdlab.lab.dataset.DatasetSpec;
import org.csdlab.lab.dataset.Datasets;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.csdlab.zns.ZnsDevice;

/**
 * The lab's datasets: the generators of {@link Datasets}, on the lab's drive and reporting to the
 * lab's {@linkplain Lab#monitor() monitor}.
 *
 * <pre>{@code
 * var readings = lab.datasets().u32Readings(256, MiB).seed(7).writeToZones(0);
 * lab.host().countU32Above(readings, Lab.RAND_MAX / 2)
 * }</pre>
 */
public final class LabDatasets {
  private final ZnsDevice device;
  private final ThroughputMonitor monitor;

  LabDatasets(ZnsDevice device, ThroughputMonitor monitor) {
    this.device = device;
    this.monitor = monitor;
  }

  /**
   * u32 sensor readings, uniform in [0, RAND_MAX] unless a selectivity is set; see {@link
   * Datasets#u32Readings}.
   */
  public Dataset u32Readings(long amount, ByteUnit unit) {
    return onLab(Datasets.u32Readings(amount, unit));
  }

  /** Fixed-size sensor records; see {@link Datasets#sensorRecords}. */
  public Dataset sensorRecords(long amount, ByteUnit unit) {
    return onLab(Datasets.sensorRecords(amount, unit));
  }

  /** Text log lines; see {@link Datasets#logLines}. */
  public Dataset logLines(long amount, ByteUnit unit) {
    return onLab(Datasets.logLines(amount, unit));
  }

  /** The dataset {@code spec} describes, e.g. one read from a manifest. */
  public Dataset of(DatasetSpec spec) {
    return onLab(Datasets.of(Objects.requireNonNull(spec, "spec")));
  }

  private Dataset onLab(Dataset dataset) {
    return dataset.on(device).monitor(monitor).resetAdvice(LabDatasets::resetAdvice);
  }

  /** What a lab user calls when a zone a dataset needs is not Empty. */
  static String resetAdvice(int zone) {
    return "reset it with lab.device().reset("
        + zone
        + ") (or every zone with lab.device().resetAll()), or choose"
        + " other zones";
  }

  @Override
  public String toString() {
    return "LabDatasets[u32Readings, sensorRecords, logLines on "
        + device.geometry().zoneCount()
        + " zones]";
  }
}
