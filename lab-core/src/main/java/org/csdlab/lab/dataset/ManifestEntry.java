package org.csdlab.lab.dataset;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One dataset of a {@link DatasetManifest}: how to generate it and what it must come out as.
 *
 * @param name the dataset's name, e.g. {@code readings-256MiB-seed7}
 * @param generator the generator
 * @param parameters the generator's parameters; today only {@code selectivity}
 * @param seed the seed
 * @param sizeBytes the size in bytes
 * @param sha256 SHA-256 of the bytes, lowercase hex
 */
public record ManifestEntry(
    String name,
    Generator generator,
    Map<String, Double> parameters,
    long seed,
    long sizeBytes,
    String sha256) {

  /** The one parameter generators take. */
  public static final String SELECTIVITY = "selectivity";

  public ManifestEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(generator, "generator");
    parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
    for (String key : parameters.keySet()) {
      if (!key.equals(SELECTIVITY)) {
        throw new IllegalArgumentException(
            "dataset '"
                + name
                + "' has an unknown parameter '"
                + key
                + "'; generators take only '"
                + SELECTIVITY
                + "'");
      }
    }
    Objects.requireNonNull(sha256, "sha256");
  }

  /** The entry for {@code spec} with its SHA-256. */
  public static ManifestEntry describe(String name, DatasetSpec spec, String sha256) {
    return new ManifestEntry(
        name,
        spec.generator(),
        Map.of(SELECTIVITY, spec.selectivity()),
        spec.seed(),
        spec.sizeBytes(),
        sha256);
  }

  /** The spec that regenerates this dataset. */
  public DatasetSpec spec() {
    return new DatasetSpec(
        generator,
        sizeBytes,
        seed,
        parameters.getOrDefault(SELECTIVITY, generator.defaultSelectivity()));
  }

  /** The dataset, ready to write or verify. */
  public Dataset dataset() {
    return Datasets.of(spec());
  }
}
