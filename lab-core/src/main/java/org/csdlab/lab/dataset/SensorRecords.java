package org.csdlab.lab.dataset;

import static org.csdlab.lab.dataset.SensorRecordLayout.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Sensor records ({@link SensorRecordLayout}). Record i uses SplitMix64 outputs 2i+1 and 2i+2: the
 * first gives the sensor id (bits 32..63), the flags (bits 0..5 and 6..13 all zero) and the
 * humidity (bits 14..29); the second the temperature: "hot" (at least 25.00 °C, uniform up to 50.00
 * °C) with probability {@code selectivity} by bits 32..63, else uniform from −10.00 °C, the value
 * within the range from bits 0..31. The default selectivity 5/12 makes temperatures uniform over
 * the whole range.
 */
final class SensorRecords implements Cursor {
  static final long SALT = 0x7265_636f_7264_7331L; // "records1"

  /** The fraction of hot records when temperatures are uniform over the whole range. */
  static final double UNIFORM_SELECTIVITY =
      (double) (MAX_TEMPERATURE - HOT_TEMPERATURE) / (MAX_TEMPERATURE - MIN_TEMPERATURE);

  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final long base;
  private final long threshold;
  private long record;

  SensorRecords(long seed, double selectivity) {
    this.base = SplitMix64.base(seed, SALT);
    this.threshold = SplitMix64.threshold(selectivity);
  }

  @Override
  public void fill(byte[] buffer, int offset, int length) {
    int end = offset + length;
    for (int at = offset; at < end; at += RECORD_BYTES) {
      long r = record++;
      long z1 = SplitMix64.output(base, 2 * r + 1);
      long z2 = SplitMix64.output(base, 2 * r + 2);
      int sensor = 1 + (int) (((z1 >>> 32) * SENSORS) >>> 32);
      int flags =
          ((z1 & 0x3F) == 0 ? FLAG_LOW_BATTERY : 0) | (((z1 >>> 6) & 0xFF) == 0 ? FLAG_FAULT : 0);
      int humidity = (int) ((((z1 >>> 14) & 0xFFFF) * MAX_HUMIDITY) >>> 16);
      long within = z2 & 0xFFFF_FFFFL;
      int temperature =
          (z2 >>> 32) < threshold
              ? HOT_TEMPERATURE + (int) ((within * (MAX_TEMPERATURE - HOT_TEMPERATURE)) >>> 32)
              : MIN_TEMPERATURE + (int) ((within * (HOT_TEMPERATURE - MIN_TEMPERATURE)) >>> 32);
      INT_LE.set(buffer, at + SENSOR_ID_OFFSET, sensor);
      INT_LE.set(buffer, at + FLAGS_OFFSET, flags);
      LONG_LE.set(
          buffer, at + TIMESTAMP_OFFSET, FIRST_TIMESTAMP_MILLIS + r * TIMESTAMP_STEP_MILLIS);
      INT_LE.set(buffer, at + TEMPERATURE_OFFSET, temperature);
      INT_LE.set(buffer, at + HUMIDITY_OFFSET, humidity);
      LONG_LE.set(buffer, at + RESERVED_OFFSET, 0L);
    }
  }
}
