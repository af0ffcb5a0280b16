package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.csdlab.ebpf.Excerpt;
import org.csdlab.lab.dataset.Dataset;
import org.csdlab.lab.dataset.DatasetFile;
import org.csdlab.lab.dataset.DatasetManifest;
import org.csdlab.lab.dataset.DatasetPlacementException;
import org.csdlab.lab.dataset.DatasetSpec;
import org.csdlab.lab.dataset.Datasets;
import org.csdlab.lab.dataset.DiskRoom;
import org.csdlab.lab.dataset.Generator;
import org.csdlab.lab.dataset.ManifestEntry;
import org.csdlab.lab.dataset.WrittenDataset;
import org.csdlab.lab.dataset.ZoneNotEmptyException;
import org.csdlab.lab.io.InputFile;
import org.csdlab.lab.monitor.ProgressBars;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.csdlab.zns.ZnsDevice;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code csdlab dataset generate}: a seeded dataset written to a file or to the zones of a device
 * image, with its SHA-256; a dataset named in the manifest is checked against it.
 */
@Command(
    name = "generate",
    description = "Generate a seeded dataset into a file or the zones of a device image.",
    footer = {
      "",
      "A dataset the manifest names is checked against the manifest's SHA-256. Generators: "
          + "u32-readings, sensor-records, log-lines (csdlab dataset list).",
      "",
      ByteSize.UNITS_HELP,
      "",
      "Examples:",
      "  csdlab dataset generate u32-readings --size 64MiB --seed 7 -o readings.bin",
      "  csdlab dataset generate readings-256MiB-seed7 --image drive.img"
    })
final class DatasetGenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DATASET",
      description =
          "A generator (u32-readings, sensor-records, log-lines) or a dataset named in the manifest.")
  String dataset;

  /** Where the bytes go: a file or a device image, not both. */
  static final class Target {
    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        required = true,
        description = "Write the bytes to FILE.")
    Path file;

    @Option(
        names = "--image",
        paramLabel = "IMAGE",
        required = true,
        description = "Append the bytes to Empty zones of this device image (csdlab zns create).")
    Path image;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(
      names = "--zone",
      paramLabel = "N",
      defaultValue = "0",
      description = "With --image: the first zone to fill (default: ${DEFAULT-VALUE}).")
  int zone;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      converter = ByteSize.Converter.class,
      description = "Size of a generated dataset (default: 16MiB; a manifest entry has its own).")
  ByteSize size;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed (default: 0; a manifest entry has its own).")
  Long seed;

  @Option(
      names = "--selectivity",
      paramLabel = "F",
      description =
          "Fraction selected by the generator's filter, 0 to 1 (default: the generator's own).")
  Double selectivity;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description =
          "Where dataset names are looked up (default: "
              + DatasetManifest.FILE
              + " of the csdlab "
              + "directory, wherever csdlab runs from).")
  Path manifest;

  @Option(
      names = "--progress",
      negatable = true,
      description = "Show a progress bar (default: in a terminal).")
  Boolean progress;

  @Override
  public Integer call() {
    // every argument is checked before the first byte is generated
    if (selectivity != null && !(selectivity >= 0 && selectivity <= 1)) {
      throw BadArgument.of(
          spec,
          "--selectivity",
          "--selectivity must be a fraction from 0 to 1, got " + selectivity);
    }
    if (zone < 0) {
      throw BadArgument.of(spec, "--zone", "--zone must be 0 or more, got " + zone);
    }
    if (target.file != null && spec.commandLine().getParseResult().hasMatchedOption("--zone")) {
      throw BadArgument.of(spec, "--zone", "--zone applies with --image only; a file has no zones");
    }
    Optional<ManifestEntry> entry = manifestEntry();
    DatasetSpec chosen = entry.map(this::fromManifest).orElseGet(this::fromGenerator);
    if (target.file != null) {
      BadArgument.requireWritable(spec, "--output", target.file);
    }
    ThroughputMonitor monitor =
        ThroughputMonitor.builder()
            .progressBars(
                progress == null
                    ? ProgressBars.AUTO
                    : progress ? ProgressBars.ON : ProgressBars.OFF)
            .build();
    Dataset data = Datasets.of(chosen).monitor(monitor);
    PrintWriter out = spec.commandLine().getOut();
    String sha256;
    if (target.file != null) {
      DatasetFile written = data.writeToFile(target.file);
      sha256 = written.sha256();
      out.println(chosen + " -> " + target.file);
    } else {
      if (!Files.exists(target.image)) {
        throw new CliException(
            "no device image "
                + target.image
                + "; make one with: csdlab zns create "
                + target.image);
      }
      InputFile.opened(target.image, "device image").requireRegular();
      // the image is sparse: the zones the dataset fills take disk space as they are written
      DiskRoom.require(target.image, chosen.sizeBytes(), 0);
      try (ZnsDevice device = ZnsDevice.open(target.image)) {
        WrittenDataset written = writeToZones(data, device, entry.isPresent());
        sha256 = written.sha256();
        out.println(
            chosen
                + " -> "
                + target.image
                + ", zones "
                + written.firstZone()
                + ".."
                + written.lastZone());
      }
    }
    out.println("sha256 " + sha256);
    if (entry.isPresent()) {
      if (!entry.get().sha256().equals(sha256)) {
        out.println("DIFFERS from the manifest's " + entry.get().sha256());
        return 1;
      }
      out.println("matches " + entry.get().name() + " in " + manifestFile());
    }
    return 0;
  }

  /**
   * Writes to the image's zones; a dataset that does not fit there is a usage error naming --size
   * or --zone.
   */
  private WrittenDataset writeToZones(Dataset data, ZnsDevice device, boolean named) {
    try {
      return data.writeToZones(device, zone);
    } catch (DatasetPlacementException e) { // raised before anything is written
      String option = e.largerThanDevice() ? (named ? "DATASET" : "--size") : "--zone";
      throw BadArgument.of(
          spec, option, option + ": " + e.getMessage() + " (image " + target.image + ")");
    } catch (ZoneNotEmptyException e) { // raised before anything is written
      throw new CliException(
          e.problem()
              + "; choose Empty zones with --zone (csdlab zns report "
              + target.image
              + " lists them) or start from a fresh image (csdlab zns create "
              + target.image
              + " --force)");
    }
  }

  private Path manifestFile() {
    return manifest != null ? manifest : Installation.file(DatasetManifest.FILE, "--manifest");
  }

  /** The manifest entry {@link #dataset} names, if it is not a generator's name. */
  private Optional<ManifestEntry> manifestEntry() {
    if (isGenerator(dataset)) {
      return Optional.empty();
    }
    Path file = manifestFile();
    if (!Files.exists(file)) {
      throw BadArgument.of(
          spec,
          "DATASET",
          "'"
              + Excerpt.of(dataset)
              + "' is not a generator (u32-readings, "
              + "sensor-records, log-lines), and there is no manifest "
              + file
              + " to look it up in");
    }
    return Optional.of(
        DatasetManifest.read(file)
            .entry(dataset)
            .orElseThrow(
                () ->
                    BadArgument.of(
                        spec,
                        "DATASET",
                        "'"
                            + Excerpt.of(dataset)
                            + "' is neither a generator (u32-readings, sensor-records, log-lines) nor a dataset "
                            + "of "
                            + file
                            + " (csdlab dataset list)")));
  }

  private static boolean isGenerator(String name) {
    for (Generator generator : Generator.values()) {
      if (generator.id().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private DatasetSpec fromManifest(ManifestEntry entry) {
    if (size != null || seed != null || selectivity != null) {
      String given = size != null ? "--size" : seed != null ? "--seed" : "--selectivity";
      throw BadArgument.of(
          spec,
          given,
          "dataset "
              + entry.name()
              + " has its own size, seed and selectivity; "
              + "--size, --seed and --selectivity apply to generators");
    }
    return entry.spec();
  }

  /**
   * The generator's spec; the size is the only value left that the spec can refuse (--selectivity
   * is checked).
   */
  private DatasetSpec fromGenerator() {
    Generator generator = Generator.byId(dataset);
    try {
      return new DatasetSpec(
          generator,
          size == null ? 16L << 20 : size.bytes(),
          seed == null ? 0 : seed,
          selectivity == null ? generator.defaultSelectivity() : selectivity);
    } catch (IllegalArgumentException e) {
      throw BadArgument.of(spec, "--size", "--size " + size.described() + ": " + e.getMessage());
    }
  }
}
