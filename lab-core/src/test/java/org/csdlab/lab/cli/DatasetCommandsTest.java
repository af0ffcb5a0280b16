package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.DatasetManifest;
import org.csdlab.lab.dataset.Datasets;
import org.csdlab.lab.dataset.Generator;
import org.csdlab.lab.dataset.ManifestEntry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZoneState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandsTest {
  @TempDir Path dir;

  @Test
  void generateWritesTheSeededBytesToAFile() throws IOException {
    Path file = dir.resolve("readings.bin");
    CliRun run =
        CliRun.of(
            "dataset",
            "generate",
            "u32-readings",
            "--size",
            "64KiB",
            "--seed",
            "7",
            "-o",
            file.toString(),
            "--no-progress");
    assertEquals(0, run.status(), run.err());
    byte[] expected = Datasets.u32Readings(64, ByteUnit.KiB).seed(7).stream().readAllBytes();
    assertArrayEquals(expected, Files.readAllBytes(file));
    assertTrue(
        run.out().startsWith("u32-readings 64 KiB seed=7 -> " + file + "\nsha256 "), run.out());
  }

  @Test
  void generateAppendsToEmptyZonesOfADeviceImage() throws IOException {
    Path image = dir.resolve("drive.img");
    assertEquals(
        0,
        CliRun.of("zns", "create", image.toString(), "--zones", "4", "--zone-size", "64KiB")
            .status());
    CliRun run =
        CliRun.of(
            "dataset",
            "generate",
            "log-lines",
            "--size",
            "100KiB",
            "--image",
            image.toString(),
            "--zone",
            "1",
            "--no-progress");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("zones 1..2"), run.out());
    try (ZnsDevice device = ZnsDevice.open(image)) {
      assertEquals(ZoneState.EMPTY, device.zone(0).state());
      assertEquals(ZoneState.FULL, device.zone(1).state());
      byte[] expected =
          java.util.Arrays.copyOf(
              Datasets.logLines(100, ByteUnit.KiB).stream().readAllBytes(), 64 << 10);
      assertArrayEquals(expected, device.read(device.geometry().zoneStartLba(1), 16));
    }
    CliRun again =
        CliRun.of(
            "dataset",
            "generate",
            "log-lines",
            "--size",
            "100KiB",
            "--image",
            image.toString(),
            "--zone",
            "1",
            "--no-progress");
    assertEquals(1, again.status());
    assertEquals(
        "csdlab dataset generate: zone 1 is FULL (write pointer 32), but a dataset is written to Empty zones 1"
            + " to 2; choose Empty zones with --zone (csdlab zns report "
            + image
            + " lists them) or start from a fresh"
            + " image (csdlab zns create "
            + image
            + " --force)",
        again.errorLine());
  }

  @Test
  void aManifestEntryIsGeneratedAndChecked() throws IOException {
    byte[] bytes = Datasets.sensorRecords(4, ByteUnit.KiB).seed(3).stream().readAllBytes();
    String sha = java.util.HexFormat.of().formatHex(sha256(bytes));
    Path manifest = dir.resolve("manifest.json");
    new DatasetManifest(
            List.of(
                new ManifestEntry("good", Generator.SENSOR_RECORDS, Map.of(), 3, 4096, sha),
                new ManifestEntry(
                    "stale", Generator.SENSOR_RECORDS, Map.of(), 3, 4096, "00" + sha.substring(2))))
        .write(manifest);
    Path out = dir.resolve("good.bin");
    CliRun good =
        CliRun.of(
            "dataset", "generate", "good", "--manifest", manifest.toString(), "-o", out.toString());
    assertEquals(0, good.status(), good.err());
    assertTrue(good.out().endsWith("matches good in " + manifest + "\n"), good.out());
    CliRun stale =
        CliRun.of(
            "dataset",
            "generate",
            "stale",
            "--manifest",
            manifest.toString(),
            "-o",
            out.toString());
    assertEquals(1, stale.status());
    assertTrue(stale.out().contains("DIFFERS from the manifest's 00"), stale.out());
    CliRun list = CliRun.of("dataset", "list", "--manifest", manifest.toString());
    assertEquals(0, list.status(), list.err());
    assertTrue(list.out().contains("  good ") && list.out().contains("  stale "), list.out());
  }

  @Test
  void badRequestsGetOneLine() {
    Path out = dir.resolve("x.bin");
    Path manifest = dir.resolve("manifest.json");
    new DatasetManifest(List.of()).write(manifest);
    assertEquals(
        "csdlab dataset generate: 'pictures' is neither a generator (u32-readings, sensor-records, "
            + "log-lines) nor a dataset of "
            + manifest
            + " (csdlab dataset list) (see csdlab dataset generate --help)",
        CliRun.of(
                "dataset",
                "generate",
                "pictures",
                "--manifest",
                manifest.toString(),
                "-o",
                out.toString())
            .errorLine());
    Path none = dir.resolve("none.json");
    assertEquals(
        "csdlab dataset generate: 'pictures' is not a generator (u32-readings, sensor-records, log-lines), "
            + "and there is no manifest "
            + none
            + " to look it up in (see csdlab dataset generate --help)",
        CliRun.of(
                "dataset",
                "generate",
                "pictures",
                "--manifest",
                none.toString(),
                "-o",
                out.toString())
            .errorLine());
    CliRun noTarget = CliRun.of("dataset", "generate", "u32-readings");
    assertEquals(2, noTarget.status());
    assertTrue(
        noTarget.errorLine().startsWith("csdlab dataset generate: Missing required argument"),
        noTarget.errorLine());
    CliRun odd =
        CliRun.of("dataset", "generate", "u32-readings", "--size", "6", "-o", out.toString());
    assertEquals(2, odd.status());
    assertEquals(
        "csdlab dataset generate: --size 6 B: u32-readings datasets need a positive size that is a multiple "
            + "of 4 bytes, was 6 (see csdlab dataset generate --help)",
        odd.errorLine());
    CliRun selectivity =
        CliRun.of(
            "dataset", "generate", "u32-readings", "--selectivity", "2", "-o", out.toString());
    assertEquals(2, selectivity.status());
    assertEquals(
        "csdlab dataset generate: --selectivity must be a fraction from 0 to 1, got 2.0 (see csdlab dataset "
            + "generate --help)",
        selectivity.errorLine());
    CliRun noImage =
        CliRun.of(
            "dataset", "generate", "u32-readings", "--image", dir.resolve("none.img").toString());
    assertTrue(
        noImage.errorLine().contains("make one with: csdlab zns create"), noImage.errorLine());
    assertTrue(Files.notExists(out));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSizeBeyondTheMaximumIsRefusedBeforeAnyByte() {
    Path file = dir.resolve("huge.bin");
    CliRun run =
        CliRun.of(
            "dataset",
            "generate",
            "u32-readings",
            "--size",
            "100TiB",
            "-o",
            file.toString(),
            "--no-progress");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab dataset generate: --size 100 TiB: a dataset is at most 1.0 TiB (DatasetSpec.MAX_SIZE_BYTES), "
            + "was 100.0 TiB (109951162777600 bytes) (see csdlab dataset generate --help)",
        run.errorLine());
    assertFalse(Files.exists(file));
  }

  @Test
  void aSizeTheDiskCannotHoldIsRefusedWithTheFigures() throws IOException {
    long usable = Files.getFileStore(dir).getUsableSpace();
    assumeTrue(usable < (1L << 40) + (64L << 20), "this disk could hold 1 TiB");
    Path file = dir.resolve("huge.bin");
    CliRun run =
        CliRun.of(
            "dataset",
            "generate",
            "u32-readings",
            "--size",
            "1TiB",
            "-o",
            file.toString(),
            "--no-progress");
    assertEquals(1, run.status());
    assertTrue(
        run.errorLine()
            .matches(
                "csdlab dataset generate: not enough disk space to write 1\\.0 TiB to "
                    + java.util.regex.Pattern.quote(file.toString())
                    + ": "
                    + java.util.regex.Pattern.quote(dir.toString())
                    + " has [0-9.]+ [KMGT]iB free, and 64\\.0 MiB are kept free beyond the data; choose a smaller size or a"
                    + " directory on a larger disk"),
        run.errorLine());
    assertFalse(Files.exists(file), "nothing was written");
    assertEquals("", run.out());
  }

  @Test
  void aDatasetForAnImageIsCheckedAgainstTheDiskToo() throws IOException {
    long usable = Files.getFileStore(dir).getUsableSpace();
    assumeTrue(usable < (1L << 40) + (64L << 20), "this disk could hold 1 TiB");
    Path image = dir.resolve("drive.img");
    assertEquals(
        0,
        CliRun.of("zns", "create", image.toString(), "--zones", "4", "--zone-size", "64KiB")
            .status());
    long before = Files.size(image);
    CliRun run =
        CliRun.of(
            "dataset",
            "generate",
            "u32-readings",
            "--size",
            "1TiB",
            "--image",
            image.toString(),
            "--no-progress");
    assertTrue(
        run.errorLine()
            .startsWith(
                "csdlab dataset generate: not enough disk space to write 1.0 TiB to " + image),
        run.errorLine());
    assertEquals(before, Files.size(image));
  }

  @Test
  void aBadManifestNamesTheFileThePlaceAndTheField() throws IOException {
    Path manifest =
        Files.writeString(
            dir.resolve("manifest.json"),
            """
        {
          "datasets" : [ {
            "name" : "small",
            "generator" : "u32-readings",
            "parameters" : { "selectivity" : 0.5 },
            "seed" : "seven",
            "sizeBytes" : 4096,
            "sha256" : "ab12"
          } ]
        }
        """);
    CliRun run =
        CliRun.of(
            "dataset",
            "generate",
            "small",
            "--manifest",
            manifest.toString(),
            "-o",
            dir.resolve("small.bin").toString());
    assertEquals(
        "csdlab dataset generate: "
            + manifest
            + ":6:14: field 'datasets[0].seed': expected a whole number"
            + " (long), found the string \"seven\"",
        run.errorLine());
    assertEquals(
        "csdlab dataset list: "
            + manifest
            + ":6:14: field 'datasets[0].seed': expected a whole number"
            + " (long), found the string \"seven\"",
        CliRun.of("dataset", "list", "--manifest", manifest.toString()).errorLine());
  }
}
