package org.csdlab.lab.dataset;

/**
 * The 32-byte sensor record of the {@code sensor-records} datasets, little-endian, the {@code
 * struct record} of {@code tutorials/programs/filter_records.c}:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        sensor id (u32)                        |  0
 *  +---------------------------------------------------------------+
 *  |                     status flags (u32)                        |  4
 *  +---------------------------------------------------------------+
 *  |                                                               |  8
 *  +              timestamp, ms since the epoch (u64)              +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          temperature, centi-degrees Celsius (s32)             | 16
 *  +---------------------------------------------------------------+
 *  |               humidity, centi-percent (s32)                   | 20
 *  +---------------------------------------------------------------+
 *  |                                                               | 24
 *  +                       reserved, zero (u64)                    +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Sensor ids are never 0: a record with id 0 (zeros after the data, e.g. the rest of a zone)
 * ends the data for kernels that scan a zone.
 */
public final class SensorRecordLayout {
  /** Bytes per record; 4096- and 512-byte sectors hold a whole number of records. */
  public static final int RECORD_BYTES = 32;

  public static final int SENSOR_ID_OFFSET = 0;
  public static final int FLAGS_OFFSET = 4;
  public static final int TIMESTAMP_OFFSET = 8;
  public static final int TEMPERATURE_OFFSET = 16;
  public static final int HUMIDITY_OFFSET = 20;
  public static final int RESERVED_OFFSET = 24;

  /** Status flag: the sensor's battery is low (about 1 record in 64). */
  public static final int FLAG_LOW_BATTERY = 1;

  /** Status flag: the sensor reported a fault (about 1 record in 256). */
  public static final int FLAG_FAULT = 2;

  /** Sensor ids run from 1 to this. */
  public static final int SENSORS = 64;

  /** Temperatures are in [MIN_TEMPERATURE, MAX_TEMPERATURE) centi-degrees: −10.00 to 50.00 °C. */
  public static final int MIN_TEMPERATURE = -1000;

  public static final int MAX_TEMPERATURE = 5000;

  /**
   * A record is "hot" (selected, in a crossover experiment) when its temperature is at least this:
   * 25.00 °C, the threshold the filter tutorial uses.
   */
  public static final int HOT_TEMPERATURE = 2500;

  /** Humidity is in [0, 10000) centi-percent. */
  public static final int MAX_HUMIDITY = 10000;

  /**
   * Record i has timestamp FIRST_TIMESTAMP_MILLIS + i × TIMESTAMP_STEP_MILLIS
   * (2023-11-14T22:13:20Z).
   */
  public static final long FIRST_TIMESTAMP_MILLIS = 1_700_000_000_000L;

  public static final long TIMESTAMP_STEP_MILLIS = 100;

  private SensorRecordLayout() {}

  /** The byte offset of record {@code index}. */
  public static long recordOffset(long index) {
    return index * RECORD_BYTES;
  }

  /**
   * Checks that {@code sizeBytes} is a whole number of records.
   *
   * @throws IllegalArgumentException naming the nearest valid sizes
   */
  public static void checkSize(long sizeBytes) {
    if (sizeBytes <= 0 || sizeBytes % RECORD_BYTES != 0) {
      long below = sizeBytes / RECORD_BYTES * RECORD_BYTES;
      throw new IllegalArgumentException(
          "sensor records are "
              + RECORD_BYTES
              + " bytes each, so a dataset's size must be a"
              + " positive multiple of "
              + RECORD_BYTES
              + ", was "
              + sizeBytes
              + (below > 0
                  ? "; try " + below + " or " + (below + RECORD_BYTES)
                  : "; try " + RECORD_BYTES));
    }
  }
}
