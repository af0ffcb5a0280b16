package org.csdlab.lab.dataset;

import static org.csdlab.lab.dataset.ByteUnit.KiB;
import static org.csdlab.lab.dataset.ByteUnit.MiB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.junit.jupiter.api.Test;

class SensorRecordsTest {

  private static byte[] records(long amount, ByteUnit unit, double selectivity) {
    return Datasets.sensorRecords(amount, unit)
        .seed(7)
        .selectivity(selectivity)
        .monitor(ThroughputMonitor.quiet())
        .bytes();
  }

  @Test
  void layoutMatchesTheFilterKernelsStruct() {
    // struct record { u32 id; u32 flags; u64 timestamp; s32 temperature; s32 humidity; u64
    // reserved; }
    assertEquals(32, SensorRecordLayout.RECORD_BYTES);
    assertEquals(0, SensorRecordLayout.SENSOR_ID_OFFSET);
    assertEquals(4, SensorRecordLayout.FLAGS_OFFSET);
    assertEquals(8, SensorRecordLayout.TIMESTAMP_OFFSET);
    assertEquals(16, SensorRecordLayout.TEMPERATURE_OFFSET);
    assertEquals(20, SensorRecordLayout.HUMIDITY_OFFSET);
    assertEquals(24, SensorRecordLayout.RESERVED_OFFSET);
    assertEquals(0, 4096 % SensorRecordLayout.RECORD_BYTES);
    assertEquals(0, 512 % SensorRecordLayout.RECORD_BYTES);
  }

  @Test
  void decodeReadsTheFieldsLittleEndian() {
    byte[] bytes =
        ByteBuffer.allocate(40)
            .order(ByteOrder.LITTLE_ENDIAN)
            .position(8)
            .putInt(12)
            .putInt(3)
            .putLong(1_700_000_000_123L)
            .putInt(-250)
            .putInt(4567)
            .putLong(0)
            .array();
    assertEquals(
        new SensorRecord(12, 3, 1_700_000_000_123L, -250, 4567), SensorRecord.decode(bytes, 8));
    var e = assertThrows(IllegalArgumentException.class, () -> SensorRecord.decode(bytes, 9));
    assertTrue(e.getMessage().contains("32 bytes at offset 9"), e.getMessage());
  }

  @Test
  void everyRecordHasValidFieldsAndIncreasingTimestamps() {
    byte[] bytes = records(1, MiB, SensorRecords.UNIFORM_SELECTIVITY);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int n = bytes.length / 32;
    long lowBattery = 0;
    long sumTemperature = 0;
    boolean[] seen = new boolean[SensorRecordLayout.SENSORS + 1];
    for (int i = 0; i < n; i++) {
      SensorRecord r = SensorRecord.decode(bytes, i * 32);
      assertTrue(r.sensorId() >= 1 && r.sensorId() <= SensorRecordLayout.SENSORS, r.toString());
      seen[r.sensorId()] = true;
      assertEquals(
          SensorRecordLayout.FIRST_TIMESTAMP_MILLIS + i * SensorRecordLayout.TIMESTAMP_STEP_MILLIS,
          r.timestampMillis());
      assertTrue(
          r.centiCelsius() >= SensorRecordLayout.MIN_TEMPERATURE
              && r.centiCelsius() < SensorRecordLayout.MAX_TEMPERATURE);
      assertTrue(
          r.centiPercentHumidity() >= 0
              && r.centiPercentHumidity() < SensorRecordLayout.MAX_HUMIDITY);
      assertEquals(
          0, r.flags() & ~(SensorRecordLayout.FLAG_LOW_BATTERY | SensorRecordLayout.FLAG_FAULT));
      assertEquals(0L, in.getLong(i * 32 + SensorRecordLayout.RESERVED_OFFSET));
      lowBattery += r.flags() & SensorRecordLayout.FLAG_LOW_BATTERY;
      sumTemperature += r.centiCelsius();
    }
    for (int id = 1; id <= SensorRecordLayout.SENSORS; id++) {
      assertTrue(seen[id], "sensor " + id + " appears");
    }
    assertEquals(1 / 64.0, (double) lowBattery / n, 0.004);
    // Uniform over [-1000, 5000): mean 1999.5 centi-degrees.
    assertEquals(1999.5, (double) sumTemperature / n, 25);
  }

  @Test
  void selectivityIsTheFractionOfHotRecords() {
    for (double selectivity : new double[] {0.05, SensorRecords.UNIFORM_SELECTIVITY, 0.8}) {
      byte[] bytes = records(1, MiB, selectivity);
      long hot = 0;
      for (int at = 0; at < bytes.length; at += 32) {
        hot += SensorRecord.decode(bytes, at).hot() ? 1 : 0;
      }
      assertEquals(selectivity, hot / (bytes.length / 32.0), 0.01, "selectivity " + selectivity);
    }
  }

  @Test
  void sizeMustBeWholeRecords() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> Datasets.sensorRecords(1000, ByteUnit.B));
    assertEquals(
        "sensor records are 32 bytes each, so a dataset's size must be a positive multiple of 32, was 1000;"
            + " try 992 or 1024",
        e.getMessage());
    assertArrayEquals(records(1, KiB, 0.5), records(1, KiB, 0.5));
  }
}
