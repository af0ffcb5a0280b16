package org.csdlab.lab.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.csdlab.ebpf.Excerpt;

/** The kinds of dataset the lab generates, by the name manifests use. */
public enum Generator {
  /** Little-endian u32 readings in [0, RAND_MAX]; selectivity = fraction above RAND_MAX/2. */
  U32_READINGS("u32-readings", 4, 0.5),
  /**
   * 32-byte {@link SensorRecordLayout sensor records}; selectivity = fraction at least 25.00 °C.
   */
  SENSOR_RECORDS(
      "sensor-records", SensorRecordLayout.RECORD_BYTES, SensorRecords.UNIFORM_SELECTIVITY),
  /** ASCII sensor log lines; selectivity = fraction of ERROR lines. */
  LOG_LINES("log-lines", 1, LogLines.DEFAULT_SELECTIVITY);

  private final String id;
  private final int granuleBytes;
  private final double defaultSelectivity;

  Generator(String id, int granuleBytes, double defaultSelectivity) {
    this.id = id;
    this.granuleBytes = granuleBytes;
    this.defaultSelectivity = defaultSelectivity;
  }

  /** The name in manifests and on the command line, e.g. {@code u32-readings}. */
  @JsonValue
  public String id() {
    return id;
  }

  /** A dataset's size is a multiple of this: one value or record. */
  public int granuleBytes() {
    return granuleBytes;
  }

  /** The selectivity when none is chosen (the generator's natural distribution). */
  public double defaultSelectivity() {
    return defaultSelectivity;
  }

  /**
   * The generator called {@code id}.
   *
   * @throws IllegalArgumentException naming the known generators
   */
  @JsonCreator
  public static Generator byId(String id) {
    for (Generator generator : values()) {
      if (generator.id.equals(id)) {
        return generator;
      }
    }
    throw new IllegalArgumentException(
        "no dataset generator '"
            + Excerpt.of(id)
            + "'; known: "
            + Arrays.stream(values()).map(Generator::id).toList());
  }

  Cursor cursor(DatasetSpec spec) {
    return switch (this) {
      case U32_READINGS -> new U32Readings(spec.seed(), spec.selectivity());
      case SENSOR_RECORDS -> new SensorRecords(spec.seed(), spec.selectivity());
      case LOG_LINES -> new LogLines(spec.seed(), spec.selectivity(), spec.sizeBytes());
    };
  }

  void checkSize(long sizeBytes) {
    if (this == SENSOR_RECORDS) {
      SensorRecordLayout.checkSize(sizeBytes);
    } else if (sizeBytes <= 0 || sizeBytes % granuleBytes != 0) {
      throw new IllegalArgumentException(
          id
              + " datasets need a positive size that is a multiple of "
              + granuleBytes
              + " bytes, was "
              + sizeBytes);
    }
  }
}
