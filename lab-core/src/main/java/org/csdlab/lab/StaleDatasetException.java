package org.csdlab.lab;

import java.util.Objects;
import org.csdlab.lab.dataset.WrittenDataset;
import org.csdlab.lab.dataset.WrittenDataset.ZoneChange;
import org.csdlab.zns.ZnsDevice;

/**
 * A host scan or drive run was asked to work on a written dataset whose zones no longer hold what
 * it wrote (a zone was reset, or reset and written again): it refuses before reading anything,
 * rather than count other bytes under the dataset's name. Carries the dataset and the {@link
 * ZoneChange}; the message says how to write the dataset again.
 */
public final class StaleDatasetException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient WrittenDataset dataset;
  private final transient ZoneChange change;

  StaleDatasetException(WrittenDataset dataset, ZoneChange change) {
    super(
        "dataset "
            + dataset.spec()
            + " in zone"
            + (dataset.zoneCount() == 1
                ? " " + dataset.firstZone()
                : "s " + dataset.firstZone() + ".." + dataset.lastZone())
            + " is no longer on the drive: "
            + change.describe()
            + ". Write it again on Empty zones: lab.device().reset(n) each of zones "
            + dataset.firstZone()
            + " to "
            + dataset.lastZone()
            + " that holds data (or lab.device().resetAll()), then lab.datasets().of(dataset.spec())"
            + ".writeToZones("
            + dataset.firstZone()
            + ")");
    this.dataset = dataset;
    this.change = change;
  }

  /**
   * Throws unless every zone of {@code dataset} on {@code device} still holds what the dataset
   * wrote.
   */
  static void checkUnchanged(WrittenDataset dataset, ZnsDevice device) {
    Objects.requireNonNull(dataset, "dataset");
    var change = dataset.changeOn(device);
    if (change.isPresent()) {
      throw new StaleDatasetException(dataset, change.get());
    }
  }

  /** The dataset. */
  public WrittenDataset dataset() {
    return dataset;
  }

  /** The first of its zones that changed, and how. */
  public ZoneChange change() {
    return change;
  }
}
