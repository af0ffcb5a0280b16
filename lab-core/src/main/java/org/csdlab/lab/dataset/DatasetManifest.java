package org.csdlab.lab.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.csdlab.lab.json.LabJson;
import org.csdlab.lab.json.LabJsonException;
import org.csdlab.lab.monitor.ThroughputMonitor;

/**
 * The canonical datasets ({@code datasets/manifest.json}): names, generators, parameters, seeds,
 * sizes and SHA-256 sums, so anyone can regenerate a dataset and know it is the same.
 *
 * <p>To refresh the sums after adding an entry or changing a generator, run this class's {@link
 * #main} (see {@code datasets/README.md}).
 */
public record DatasetManifest(List<ManifestEntry> datasets) {

  /** The manifest's place relative to the repository root. */
  public static final String FILE = "datasets/manifest.json";

  public DatasetManifest {
    datasets = List.copyOf(Objects.requireNonNull(datasets, "datasets"));
    List<String> names = new ArrayList<>();
    for (ManifestEntry entry : datasets) {
      if (names.contains(entry.name())) {
        throw new IllegalArgumentException(
            "the manifest names dataset '" + entry.name() + "' twice");
      }
      names.add(entry.name());
    }
  }

  /**
   * Reads a manifest.
   *
   * @throws LabJsonException the file cannot be read or is not a manifest: names the file, the line
   *     and column, the field ({@code datasets[2].seed}) and what was expected there
   */
  public static DatasetManifest read(Path file) {
    return LabJson.load(file, DatasetManifest.class);
  }

  /** Writes the manifest as indented JSON. */
  public void write(Path file) {
    LabJson.save(this, file);
  }

  /** The manifest as indented JSON. */
  public String toJson() {
    return LabJson.write(this).stripTrailing();
  }

  /** The entry called {@code name}, if any. */
  public Optional<ManifestEntry> entry(String name) {
    return datasets.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }

  /** This manifest with every size and SHA-256 computed afresh by generating each dataset. */
  public DatasetManifest regenerated(ThroughputMonitor monitor) {
    List<ManifestEntry> fresh = new ArrayList<>();
    for (ManifestEntry entry : datasets) {
      DatasetSpec spec = entry.spec();
      fresh.add(
          ManifestEntry.describe(entry.name(), spec, Datasets.of(spec).monitor(monitor).sha256()));
    }
    return new DatasetManifest(fresh);
  }

  /**
   * Recomputes the SHA-256 of every entry of the manifest at {@code args[0]} (default {@value
   * #FILE}) and rewrites it.
   */
  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : FILE);
    DatasetManifest fresh = read(file).regenerated(ThroughputMonitor.create());
    fresh.write(file);
    for (ManifestEntry entry : fresh.datasets()) {
      System.out.println(
          entry.name() + "  " + ByteUnit.format(entry.sizeBytes()) + "  " + entry.sha256());
    }
    System.out.println("wrote " + file);
  }
}
