package org.csdlab.lab.dataset;

import java.util.Objects;

/**
 * Where datasets start: {@code Datasets.u32Readings(256, MiB).seed(7)}. Every dataset is seeded
 * (seed 0 unless set) and so reproducible byte for byte; see {@link Generator} for the kinds and
 * {@code datasets/manifest.json} for the canonical ones with their SHA-256.
 */
public final class Datasets {

  /** RAND_MAX of glibc's {@code rand()}, 2³¹−1: u32 readings are in [0, RAND_MAX]. */
  public static final long RAND_MAX = 0x7FFF_FFFFL;

  /** A u32 reading is "above" (counted by the offload tutorials) when greater than this. */
  public static final long RAND_MAX_HALF = RAND_MAX / 2;

  private Datasets() {}

  /** Little-endian u32 readings in [0, RAND_MAX], uniform unless a selectivity is set. */
  public static Dataset u32Readings(long amount, ByteUnit unit) {
    return of(Generator.U32_READINGS, amount, unit);
  }

  /** 32-byte sensor records ({@link SensorRecordLayout}). */
  public static Dataset sensorRecords(long amount, ByteUnit unit) {
    return of(Generator.SENSOR_RECORDS, amount, unit);
  }

  /** ASCII sensor log lines. */
  public static Dataset logLines(long amount, ByteUnit unit) {
    return of(Generator.LOG_LINES, amount, unit);
  }

  /** A dataset of any generator, seed 0, default selectivity. */
  public static Dataset of(Generator generator, long amount, ByteUnit unit) {
    Objects.requireNonNull(unit, "unit");
    return of(DatasetSpec.of(generator, unit.toBytes(amount), 0));
  }

  /** The dataset a spec describes (from a manifest or a saved result). */
  public static Dataset of(DatasetSpec spec) {
    return new Dataset(spec, null);
  }
}
