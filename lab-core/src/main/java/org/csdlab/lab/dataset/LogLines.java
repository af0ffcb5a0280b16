package org.csdlab.lab.dataset;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Text log lines of the sensors, one per 100 ms, in ASCII:
 *
 * <pre>
 * 2023-11-14T22:13:20.000Z INFO  sensor-17 temperature=23.51C humidity=45.12% reading ok
 * 2023-11-14T22:13:20.100Z ERROR sensor-03 temperature=48.02C humidity=12.80% sensor fault
 * </pre>
 *
 * <p>A line is ERROR with probability {@code selectivity} (default 0.05), otherwise WARN one time
 * in five and INFO otherwise. Sensor, temperature and humidity follow the sensor records'
 * distributions (uniform temperatures). A line that would not fit whole before the dataset's size
 * is replaced by newlines, so every non-empty line is complete.
 *
 * <p>Line i uses SplitMix64 outputs 2i+1 (sensor by bits 32..63, humidity by bits 14..29, WARN by
 * bits 0..13) and 2i+2 (ERROR by bits 32..63, temperature by bits 0..31).
 */
final class LogLines implements Cursor {
  static final long SALT = 0x6c6f_676c_696e_6531L; // "logline1"
  static final double DEFAULT_SELECTIVITY = 0.05;

  /** WARN when bits 0..13 of the first output are below this: one line in five. */
  private static final long WARN_LIMIT = Math.round(0.2 * (1 << 14));

  private static final long DAY_MILLIS = 86_400_000L;

  private static final byte[] INFO = "INFO  ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WARN = "WARN  ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR = "ERROR ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INFO_TEXT = " reading ok\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WARN_TEXT = " battery low\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR_TEXT = " sensor fault\n".getBytes(StandardCharsets.US_ASCII);

  private final long base;
  private final long threshold;
  private final long sizeBytes;
  private final byte[] line = new byte[128];
  private int lineLength;
  private int linePosition;
  private long written;
  private long lineIndex;
  private boolean padding;
  private long day = Long.MIN_VALUE;
  private byte[] date;

  LogLines(long seed, double selectivity, long sizeBytes) {
    this.base = SplitMix64.base(seed, SALT);
    this.threshold = SplitMix64.threshold(selectivity);
    this.sizeBytes = sizeBytes;
  }

  @Override
  public void fill(byte[] buffer, int offset, int length) {
    int at = offset;
    int end = offset + length;
    while (at < end) {
      if (linePosition == lineLength) {
        nextLine();
      }
      int n = Math.min(end - at, lineLength - linePosition);
      System.arraycopy(line, linePosition, buffer, at, n);
      linePosition += n;
      at += n;
      written += n;
    }
  }

  private void nextLine() {
    linePosition = 0;
    if (!padding) {
      format(lineIndex++);
      if (written + lineLength <= sizeBytes) {
        return;
      }
      padding = true;
    }
    line[0] = '\n';
    lineLength = 1;
  }

  private void format(long i) {
    long z1 = SplitMix64.output(base, 2 * i + 1);
    long z2 = SplitMix64.output(base, 2 * i + 2);
    int sensor = 1 + (int) (((z1 >>> 32) * SensorRecordLayout.SENSORS) >>> 32);
    int humidity = (int) ((((z1 >>> 14) & 0xFFFF) * SensorRecordLayout.MAX_HUMIDITY) >>> 16);
    int temperature =
        SensorRecordLayout.MIN_TEMPERATURE
            + (int)
                (((z2 & 0xFFFF_FFFFL)
                        * (SensorRecordLayout.MAX_TEMPERATURE - SensorRecordLayout.MIN_TEMPERATURE))
                    >>> 32);
    boolean error = (z2 >>> 32) < threshold;
    boolean warn = !error && (z1 & 0x3FFF) < WARN_LIMIT;

    long millis =
        SensorRecordLayout.FIRST_TIMESTAMP_MILLIS + i * SensorRecordLayout.TIMESTAMP_STEP_MILLIS;
    int p = 0;
    p = put(date(Math.floorDiv(millis, DAY_MILLIS)), p);
    long ofDay = Math.floorMod(millis, DAY_MILLIS);
    line[p++] = 'T';
    p = digits(ofDay / 3_600_000, 2, p);
    line[p++] = ':';
    p = digits(ofDay / 60_000 % 60, 2, p);
    line[p++] = ':';
    p = digits(ofDay / 1000 % 60, 2, p);
    line[p++] = '.';
    p = digits(ofDay % 1000, 3, p);
    line[p++] = 'Z';
    line[p++] = ' ';
    p = put(error ? ERROR : warn ? WARN : INFO, p);
    p = put("sensor-", p);
    p = digits(sensor, 2, p);
    p = put(" temperature=", p);
    if (temperature < 0) {
      line[p++] = '-';
    }
    p = hundredths(Math.abs(temperature), p);
    p = put("C humidity=", p);
    p = hundredths(humidity, p);
    line[p++] = '%';
    p = put(error ? ERROR_TEXT : warn ? WARN_TEXT : INFO_TEXT, p);
    lineLength = p;
  }

  private byte[] date(long epochDay) {
    if (epochDay != day) {
      day = epochDay;
      date = LocalDate.ofEpochDay(epochDay).toString().getBytes(StandardCharsets.US_ASCII);
    }
    return date;
  }

  private int hundredths(int value, int p) {
    p = digits(value / 100, value >= 1000 ? 2 : 1, p);
    line[p++] = '.';
    return digits(value % 100, 2, p);
  }

  /** Writes {@code value} with at least {@code width} digits, zero-padded. */
  private int digits(long value, int width, int p) {
    int n = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      n++;
    }
    n = Math.max(width, n);
    for (int k = n - 1; k >= 0; k--) {
      line[p + k] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return p + n;
  }

  private int put(byte[] bytes, int p) {
    System.arraycopy(bytes, 0, line, p, bytes.length);
    return p + bytes.length;
  }

  private int put(String ascii, int p) {
    for (int k = 0; k < ascii.length(); k++) {
      line[p++] = (byte) ascii.charAt(k);
    }
    return p;
  }
}
