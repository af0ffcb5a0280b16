package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.csdlab.lab.dataset.DatasetManifest;
import org.csdlab.lab.dataset.Generator;
import org.csdlab.lab.dataset.ManifestEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code csdlab dataset list}: the generators, and the datasets a manifest names. */
@Command(
    name = "list",
    description = "List the dataset generators and the datasets of the manifest.")
final class DatasetListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description =
          "The manifest (default: "
              + DatasetManifest.FILE
              + " of the csdlab directory, wherever csdlab "
              + "runs from).")
  Path manifest;

  @Override
  public Integer call() {
    Path file = manifest != null ? manifest : Installation.file(DatasetManifest.FILE, "--manifest");
    PrintWriter out = spec.commandLine().getOut();
    out.println("Generators:");
    for (Generator generator : Generator.values()) {
      out.printf(
          Locale.ROOT,
          "  %-16s sizes in multiples of %d B, default selectivity %.3f%n",
          generator.id(),
          generator.granuleBytes(),
          generator.defaultSelectivity());
    }
    out.println();
    out.println("Datasets of " + file + ":");
    for (ManifestEntry entry : DatasetManifest.read(file).datasets()) {
      out.printf(
          Locale.ROOT,
          "  %-40s %-15s %10s  seed %d  sha256 %s%n",
          entry.name(),
          entry.generator().id(),
          ByteSize.format(entry.sizeBytes()),
          entry.seed(),
          entry.sha256().substring(0, 12));
    }
    return 0;
  }
}
