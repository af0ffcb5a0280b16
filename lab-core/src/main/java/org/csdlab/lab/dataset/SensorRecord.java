package org.csdlab.lab.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * One decoded sensor record ({@link SensorRecordLayout}).
 *
 * @param sensorId the sensor, 1 to {@link SensorRecordLayout#SENSORS}
 * @param flags status flags ({@link SensorRecordLayout#FLAG_LOW_BATTERY}, {@link
 *     SensorRecordLayout#FLAG_FAULT})
 * @param timestampMillis milliseconds since the epoch
 * @param centiCelsius temperature in hundredths of a degree Celsius
 * @param centiPercentHumidity relative humidity in hundredths of a percent
 */
public record SensorRecord(
    int sensorId, int flags, long timestampMillis, int centiCelsius, int centiPercentHumidity) {

  /**
   * The record at {@code offset} of {@code data}.
   *
   * @throws IllegalArgumentException when fewer than 32 bytes follow {@code offset}
   */
  public static SensorRecord decode(byte[] data, int offset) {
    Objects.requireNonNull(data, "data");
    if (offset < 0 || data.length - (long) offset < SensorRecordLayout.RECORD_BYTES) {
      throw new IllegalArgumentException(
          "a sensor record needs "
              + SensorRecordLayout.RECORD_BYTES
              + " bytes at offset "
              + offset
              + ", but the data has "
              + data.length
              + " bytes");
    }
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    return new SensorRecord(
        in.getInt(offset + SensorRecordLayout.SENSOR_ID_OFFSET),
        in.getInt(offset + SensorRecordLayout.FLAGS_OFFSET),
        in.getLong(offset + SensorRecordLayout.TIMESTAMP_OFFSET),
        in.getInt(offset + SensorRecordLayout.TEMPERATURE_OFFSET),
        in.getInt(offset + SensorRecordLayout.HUMIDITY_OFFSET));
  }

  /** True when the temperature is at least {@link SensorRecordLayout#HOT_TEMPERATURE}. */
  public boolean hot() {
    return centiCelsius >= SensorRecordLayout.HOT_TEMPERATURE;
  }
}
