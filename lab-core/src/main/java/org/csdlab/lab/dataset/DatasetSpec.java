package org.csdlab.lab.dataset;

import java.util.Objects;

/**
 * Everything that determines a dataset's bytes: the same spec always gives the same bytes.
 *
 * @param generator what kind of data
 * @param sizeBytes how many bytes, a multiple of the generator's granule
 * @param seed the seed of the random generator
 * @param selectivity the fraction of values a filter selects (see {@link Generator})
 */
public record DatasetSpec(Generator generator, long sizeBytes, long seed, double selectivity) {

  /**
   * The largest dataset: 1 TiB. A lab writes its datasets to one disk or one emulated drive;
   * anything larger is a typo ({@code 100TiB} for {@code 100GiB}) that would run for hours.
   */
  public static final long MAX_SIZE_BYTES = 1L << 40;

  /** Checks every rule; throws {@link IllegalArgumentException} saying what is allowed. */
  public DatasetSpec {
    Objects.requireNonNull(generator, "generator");
    if (sizeBytes > MAX_SIZE_BYTES) {
      throw new IllegalArgumentException(
          "a dataset is at most "
              + ByteUnit.approximate(MAX_SIZE_BYTES)
              + " (DatasetSpec.MAX_SIZE_BYTES), was "
              + ByteUnit.approximate(sizeBytes)
              + " ("
              + sizeBytes
              + " bytes)");
    }
    generator.checkSize(sizeBytes);
    if (!(selectivity >= 0 && selectivity <= 1)) {
      throw new IllegalArgumentException(
          "selectivity is a fraction between 0 and 1, was " + selectivity);
    }
  }

  /** A spec with the generator's default selectivity. */
  public static DatasetSpec of(Generator generator, long sizeBytes, long seed) {
    return new DatasetSpec(generator, sizeBytes, seed, generator.defaultSelectivity());
  }

  @Override
  public String toString() {
    return generator.id()
        + " "
        + ByteUnit.format(sizeBytes)
        + " seed="
        + seed
        + (selectivity == generator.defaultSelectivity() ? "" : " selectivity=" + selectivity);
  }
}
