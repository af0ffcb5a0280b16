package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZoneAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZnsCommandsTest {
  @TempDir Path dir;

  @Test
  void createThenReportListsEveryZone() {
    Path image = dir.resolve("drive.img");
    CliRun create =
        CliRun.of("zns", "create", image.toString(), "--zones", "4", "--zone-size", "1MiB");
    assertEquals(0, create.status(), create.err());
    assertEquals(
        image
            + ": 4 zones x 1 MiB (256 blocks of 4096 B, capacity 256), at most 14 open, 14 active\n",
        create.out());
    try (ZnsDevice device = ZnsDevice.open(image)) {
      device.append(0, new byte[2 * 4096]);
      device.append(device.geometry().zoneStartLba(3), new byte[4096]);
      device.manage(3, ZoneAction.FINISH);
    }
    CliRun report = CliRun.of("zns", "report", image.toString());
    assertEquals(0, report.status(), report.err());
    String[] lines = report.out().split("\n");
    assertEquals(7, lines.length, report.out()); // geometry, header, 4 zones, summary
    assertTrue(lines[2].matches("\\s+0\\s+CLOSED\\s+0\\s+2\\s+2\\s+0\\.8%"), lines[2]);
    assertTrue(lines[5].matches("\\s+3\\s+FULL\\s+768\\s+1024\\s+256\\s+100\\.0%"), lines[5]);
    assertEquals("4 zones listed (filter ALL): 2 EMPTY, 1 CLOSED, 1 FULL", lines[6]);
  }

  @Test
  void reportFilters() {
    Path image = dir.resolve("drive.img");
    CliRun.of("zns", "create", image.toString(), "--zones", "3", "--zone-size", "64KiB");
    try (ZnsDevice device = ZnsDevice.open(image)) {
      device.manage(1, ZoneAction.FINISH);
    }
    CliRun full = CliRun.of("zns", "report", image.toString(), "--filter", "full");
    assertEquals(0, full.status(), full.err());
    assertTrue(full.out().endsWith("1 zone listed (filter FULL): 1 FULL\n"), full.out());
    CliRun nonEmpty = CliRun.of("zns", "report", image.toString(), "--non-empty");
    assertTrue(
        nonEmpty.out().endsWith("1 zone listed (filter ALL, non-empty): 1 FULL\n"), nonEmpty.out());
    CliRun bad = CliRun.of("zns", "report", image.toString(), "--filter", "half");
    assertEquals(2, bad.status());
    assertTrue(
        bad.errorLine().startsWith("csdlab zns report: Invalid value for option '--filter'"),
        bad.errorLine());
  }

  @Test
  void reportRefusesAFileThatIsNotAnImageAndLeavesItUntouched() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "not a drive");
    CliRun run = CliRun.of("zns", "report", notes.toString());
    assertEquals(1, run.status());
    assertTrue(run.errorLine().startsWith("csdlab zns report: "), run.errorLine());
    assertEquals("not a drive", Files.readString(notes));
    assertEquals(
        "csdlab zns report: no such device image: " + dir.resolve("none.img"),
        CliRun.of("zns", "report", dir.resolve("none.img").toString()).errorLine());
  }

  @Test
  void createRefusesToOverwriteWithoutForce() throws IOException {
    Path image = Files.writeString(dir.resolve("drive.img"), "precious");
    CliRun run =
        CliRun.of("zns", "create", image.toString(), "--zones", "2", "--zone-size", "64KiB");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab zns create: "
            + image
            + " already exists; choose another name or add --force to replace it"
            + " (see csdlab zns create --help)",
        run.errorLine());
    assertEquals("precious", Files.readString(image));
    assertEquals(
        0,
        CliRun.of(
                "zns",
                "create",
                image.toString(),
                "--zones",
                "2",
                "--zone-size",
                "64KiB",
                "--force")
            .status());
  }

  @Test
  void createRefusesBadGeometryInOneLine() {
    Path image = dir.resolve("drive.img");
    assertEquals(
        "csdlab zns create: --zone-size must be a positive multiple of the block size 4096 B, got 1000 B"
            + " (see csdlab zns create --help)",
        CliRun.of("zns", "create", image.toString(), "--zone-size", "1000").errorLine());
    CliRun zones = CliRun.of("zns", "create", image.toString(), "--zones", "0");
    assertEquals(2, zones.status());
    assertEquals(
        "csdlab zns create: --zones: invalid geometry: zone count must be at least 1, was 0 (see csdlab zns "
            + "create --help)",
        zones.errorLine());
    CliRun size = CliRun.of("zns", "create", image.toString(), "--zone-size", "lots");
    assertEquals(2, size.status());
    assertTrue(size.errorLine().contains("'lots' is not a size"), size.errorLine());
    assertTrue(Files.notExists(image));
  }

  @Test
  void byteSizesMeanExactlyWhatTheirUnitSays() {
    assertEquals(16_000_000, ByteSize.parse("16MB").bytes());
    assertEquals(16_000_000, ByteSize.parse("16 mb").bytes());
    assertEquals(1000, ByteSize.parse("1kB").bytes());
    assertEquals(2_000_000_000_000L, ByteSize.parse("2TB").bytes());
    assertEquals(16L << 20, ByteSize.parse("16MiB").bytes());
    assertEquals(16, ByteSize.parse("16B").bytes());
    assertEquals(
        "16MB (16000000 bytes; for 16 MiB write 16MiB)", ByteSize.parse("16MB").described());
    assertEquals("16 MiB", ByteSize.parse("16MiB").described());
    for (String bad : new String[] {"16iB", "16 MiBs", "MiB", "16 XB", "-1MiB", "1.5GiB"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad), bad);
      assertEquals(
          "'"
              + bad
              + "' is not a size; write bytes or a number with a unit: 4096, 64KiB, 16MiB, 1GiB "
              + "(powers of 1024) or 16MB, 1GB (powers of 1000)",
          e.getMessage());
    }
    assertEquals(
        "'99999999TiB' is too large a size",
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999TiB"))
            .getMessage());
  }

  @Test
  void aDecimalZoneSizeIsRefusedWithTheBinaryOneToWrite() {
    Path image = dir.resolve("drive.img");
    CliRun run = CliRun.of("zns", "create", image.toString(), "--zone-size", "16MB");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab zns create: --zone-size must be a positive multiple of the block size 4096 B, got 16MB "
            + "(16000000 bytes; for 16 MiB write 16MiB) (see csdlab zns create --help)",
        run.errorLine());
    assertTrue(Files.notExists(image));
    assertTrue(
        CliRun.of("zns", "create", "--help")
            .out()
            .replaceAll("\\s+", " ")
            .contains(
                "kB, MB, GB, TB are "
                    + "powers of 1000 (16MiB is 16,777,216 bytes, 16MB is 16,000,000)."));
    CliRun decimal =
        CliRun.of("zns", "create", image.toString(), "--zones", "2", "--zone-size", "4096kB");
    assertEquals(0, decimal.status(), decimal.err()); // 4,096,000 bytes: 1000 blocks of 4096 B
    assertTrue(decimal.out().contains("(1000 blocks of 4096 B, capacity 1000)"), decimal.out());
  }

  @Test
  void createOnADirectorySaysItIsADirectoryEvenWithForce() throws IOException {
    Path adir = Files.createDirectory(dir.resolve("adir"));
    CliRun run = CliRun.of("zns", "create", adir.toString(), "--force");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab zns create: "
            + adir
            + " is a directory; give the name of an image file to create in it, "
            + "e.g. "
            + adir.resolve("drive.img")
            + " (see csdlab zns create --help)",
        run.errorLine());
    assertTrue(Files.isDirectory(adir));
  }

  @Test
  void byteSizesTakeBinaryUnits() {
    assertEquals(4096, ByteSize.parse("4096").bytes());
    assertEquals(64L << 10, ByteSize.parse("64KiB").bytes());
    assertEquals(16L << 20, ByteSize.parse("16M").bytes());
    assertEquals(1L << 30, ByteSize.parse("1 GiB").bytes());
    assertEquals("16 MiB", ByteSize.format(16L << 20));
    assertEquals("1.5 KiB", ByteSize.format(1536));
  }
}
