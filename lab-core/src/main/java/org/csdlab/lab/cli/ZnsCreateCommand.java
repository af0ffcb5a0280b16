package org.csdlab.lab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code csdlab zns create FILE}: a new device image, every zone Empty. */
@Command(name = "create", description = "Create a device image file with every zone Empty.",
    footer = {"", "The file is sparse: unwritten zones take no disk space.", "",
        "Example:", "  csdlab zns create drive.img --zones 16 --zone-size 64MiB"})
final class ZnsCreateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The image file to create.")
  Path file;

  @Option(names = "--zones", paramLabel = "N", defaultValue = "64", description = "Number of zones (default: ${DEFAULT-VALUE}).")
  int zones;

  @Option(names = "--zone-size", paramLabel = "SIZE", defaultValue = "16MiB", converter = ByteSize.Converter.class,
      description = "Size of a zone, e.g. 16MiB (default: ${DEFAULT-VALUE}).")
  ByteSize zoneSize;

  @Option(names = "--zone-capacity", paramLabel = "SIZE", converter = ByteSize.Converter.class,
      description = "Writable part of a zone (default: the zone size).")
  ByteSize zoneCapacity;

  @Option(names = "--block-size", paramLabel = "BYTES", defaultValue = "4096",
      description = "Logical block size, 512 or 4096 (default: ${DEFAULT-VALUE}).")
  int blockSize;

  @Option(names = "--max-open", paramLabel = "N", defaultValue = "14", description = "Most open zones (default: ${DEFAULT-VALUE}).")
  int maxOpen;

  @Option(names = "--max-active", paramLabel = "N", defaultValue = "14", description = "Most active zones (default: ${DEFAULT-VALUE}).")
  int maxActive;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Override
  public Integer call() {
    Geometry geometry = Geometry.builder().zoneCount(zones).blockSizeBytes(blockSize)
        .zoneSizeBlocks(blocks(zoneSize, "--zone-size"))
        .zoneCapacityBlocks(blocks(zoneCapacity == null ? zoneSize : zoneCapacity, "--zone-capacity"))
        .maxOpenZones(maxOpen).maxActiveZones(maxActive).build();
    if (Files.exists(file)) {
      if (!force || Files.isDirectory(file)) {
        throw new CliException(file + " already exists; choose another name or add --force to replace it");
      }
      try {
        Files.delete(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (ZnsDevice device = ZnsDevice.builder(geometry).file(file).build()) {
      spec.commandLine().getOut().println(file + ": " + describe(device.geometry()));
    }
    return 0;
  }

  private long blocks(ByteSize size, String option) {
    if (blockSize != 512 && blockSize != 4096) {
      throw new CliException("--block-size must be 512 or 4096, got " + blockSize);
    }
    if (size.bytes() == 0 || size.bytes() % blockSize != 0) {
      throw new CliException(option + " must be a positive multiple of the block size " + blockSize + " B, got "
          + size.bytes() + " B");
    }
    return size.bytes() / blockSize;
  }

  /** As {@code 64 zones x 16 MiB (4096 blocks of 4096 B, capacity 4096), at most 14 open, 14 active}. */
  static String describe(Geometry g) {
    return g.zoneCount() + " zones x " + ByteSize.format(g.zoneSizeBlocks() * g.blockSizeBytes()) + " ("
        + g.zoneSizeBlocks() + " blocks of " + g.blockSizeBytes() + " B, capacity " + g.zoneCapacityBlocks()
        + "), at most " + limit(g.maxOpenZones()) + " open, " + limit(g.maxActiveZones()) + " active";
  }

  private static String limit(int n) {
    return n == Geometry.UNLIMITED ? "unlimited" : Integer.toString(n);
  }
}
