package org.csdlab.lab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.InvalidGeometryException;
import org.csdlab.zns.ZnsDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code csdlab zns create FILE}: a new device image, every zone Empty. */
@Command(
    name = "create",
    description = "Create a device image file with every zone Empty.",
    footer = {
      "",
      "The file is sparse: unwritten zones take no disk space.",
      "",
      ByteSize.UNITS_HELP,
      "",
      "Example:",
      "  csdlab zns create drive.img --zones 16 --zone-size 64MiB"
    })
final class ZnsCreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The image file to create.")
  Path file;

  @Option(
      names = "--zones",
      paramLabel = "N",
      defaultValue = "64",
      description = "Number of zones (default: ${DEFAULT-VALUE}).")
  int zones;

  @Option(
      names = "--zone-size",
      paramLabel = "SIZE",
      defaultValue = "16MiB",
      converter = ByteSize.Converter.class,
      description = "Size of a zone, e.g. 16MiB (default: ${DEFAULT-VALUE}).")
  ByteSize zoneSize;

  @Option(
      names = "--zone-capacity",
      paramLabel = "SIZE",
      converter = ByteSize.Converter.class,
      description = "Writable part of a zone (default: the zone size).")
  ByteSize zoneCapacity;

  @Option(
      names = "--block-size",
      paramLabel = "BYTES",
      defaultValue = "4096",
      description = "Logical block size, 512 or 4096 (default: ${DEFAULT-VALUE}).")
  int blockSize;

  @Option(
      names = "--max-open",
      paramLabel = "N",
      defaultValue = "14",
      description = "Most open zones (default: ${DEFAULT-VALUE}).")
  int maxOpen;

  @Option(
      names = "--max-active",
      paramLabel = "N",
      defaultValue = "14",
      description = "Most active zones (default: ${DEFAULT-VALUE}).")
  int maxActive;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  /** The option that sets each geometry field, to name it when the geometry refuses a value. */
  private static final Map<String, String> OPTIONS =
      Map.of(
          "zoneCount",
          "--zones",
          "zoneSizeBlocks",
          "--zone-size",
          "zoneCapacityBlocks",
          "--zone-capacity",
          "blockSizeBytes",
          "--block-size",
          "maxOpenZones",
          "--max-open",
          "maxActiveZones",
          "--max-active");

  @Override
  public Integer call() {
    Geometry geometry = geometry();
    checkFile();
    if (Files.exists(file)) {
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

  /** The geometry the options ask for; a value it refuses is a usage error naming its option. */
  private Geometry geometry() {
    if (blockSize != 512 && blockSize != 4096) {
      throw BadArgument.of(
          spec, "--block-size", "--block-size must be 512 or 4096, got " + blockSize);
    }
    try {
      return Geometry.builder()
          .zoneCount(zones)
          .blockSizeBytes(blockSize)
          .zoneSizeBlocks(blocks(zoneSize, "--zone-size"))
          .zoneCapacityBlocks(
              blocks(zoneCapacity == null ? zoneSize : zoneCapacity, "--zone-capacity"))
          .maxOpenZones(maxOpen)
          .maxActiveZones(maxActive)
          .build();
    } catch (InvalidGeometryException e) {
      String option = OPTIONS.getOrDefault(e.field(), "FILE");
      throw BadArgument.of(spec, option, option + ": " + e.getMessage());
    }
  }

  /**
   * FILE must be a file name in a directory that exists; an existing file is replaced only with
   * --force.
   */
  private void checkFile() {
    if (Files.isDirectory(file)) {
      throw BadArgument.of(
          spec,
          "FILE",
          file
              + " is a directory; give the name of an image file to create in it, "
              + "e.g. "
              + file.resolve("drive.img"));
    }
    if (Files.exists(file) && !force) {
      throw BadArgument.of(
          spec, "FILE", file + " already exists; choose another name or add --force to replace it");
    }
    BadArgument.requireWritable(spec, "FILE", file);
  }

  private long blocks(ByteSize size, String option) {
    if (size.bytes() == 0 || size.bytes() % blockSize != 0) {
      throw BadArgument.of(
          spec,
          option,
          option
              + " must be a positive multiple of the block size "
              + blockSize
              + " B, got "
              + size.described());
    }
    return size.bytes() / blockSize;
  }

  /**
   * As {@code 64 zones x 16 MiB (4096 blocks of 4096 B, capacity 4096), at most 14 open, 14
   * active}.
   */
  static String describe(Geometry g) {
    return g.zoneCount()
        + " zones x "
        + ByteSize.format(g.zoneSizeBlocks() * g.blockSizeBytes())
        + " ("
        + g.zoneSizeBlocks()
        + " blocks of "
        + g.blockSizeBytes()
        + " B, capacity "
        + g.zoneCapacityBlocks()
        + "), at most "
        + limit(g.maxOpenZones())
        + " open, "
        + limit(g.maxActiveZones())
        + " active";
  }

  private static String limit(int n) {
    return n == Geometry.UNLIMITED ? "unlimited" : Integer.toString(n);
  }
}
