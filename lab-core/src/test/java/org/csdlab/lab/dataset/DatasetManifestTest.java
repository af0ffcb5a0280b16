package org.csdlab.lab.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.csdlab.lab.json.LabJsonException;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetManifestTest {
  /** Tests run in the module directory; the manifest is at the repository root. */
  private static final Path MANIFEST = Path.of("..").resolve(DatasetManifest.FILE);

  @Test
  void everyManifestEntryRegeneratesToItsSizeAndSha256() {
    DatasetManifest manifest = DatasetManifest.read(MANIFEST);
    assertTrue(manifest.entry("readings-256MiB-seed7").isPresent(), "the demo's dataset is listed");
    assertTrue(manifest.datasets().size() >= 3);
    ThroughputMonitor monitor = ThroughputMonitor.quiet();
    for (ManifestEntry entry : manifest.datasets()) {
      Dataset dataset = entry.dataset().monitor(monitor);
      assertEquals(entry.sizeBytes(), dataset.sizeBytes(), entry.name());
      assertEquals(
          entry.sha256(),
          dataset.sha256(),
          entry.name() + " regenerates to the manifest's SHA-256");
      assertEquals(
          entry.sizeBytes(),
          monitor.series().get(monitor.series().size() - 1).bytesDone(),
          entry.name());
    }
  }

  @Test
  void theDemosDatasetIsTheTutorialOne() {
    ManifestEntry entry =
        DatasetManifest.read(MANIFEST).entry("readings-256MiB-seed7").orElseThrow();
    assertEquals(Datasets.u32Readings(256, ByteUnit.MiB).seed(7).spec(), entry.spec());
  }

  @Test
  void manifestRoundTripsThroughJson(@TempDir Path dir) throws Exception {
    DatasetSpec spec = new DatasetSpec(Generator.SENSOR_RECORDS, 4096, 9, 0.25);
    DatasetManifest manifest =
        new DatasetManifest(List.of(ManifestEntry.describe("hot", spec, "ab12")));
    Path file = dir.resolve("manifest.json");
    manifest.write(file);
    Map<?, ?> json = new ObjectMapper().readValue(file.toFile(), Map.class);
    Map<?, ?> first = (Map<?, ?>) ((List<?>) json.get("datasets")).get(0);
    assertEquals("sensor-records", first.get("generator"));
    assertEquals(Map.of("selectivity", 0.25), first.get("parameters"));
    assertEquals(4096, first.get("sizeBytes"));
    assertEquals(manifest, DatasetManifest.read(file));
    assertEquals(spec, DatasetManifest.read(file).datasets().get(0).spec());
  }

  @Test
  void regeneratedFillsInTheSums() {
    DatasetSpec spec = DatasetSpec.of(Generator.LOG_LINES, 2048, 1);
    DatasetManifest stale =
        new DatasetManifest(
            List.of(new ManifestEntry("logs", Generator.LOG_LINES, Map.of(), 1, 2048, "")));
    DatasetManifest fresh = stale.regenerated(ThroughputMonitor.quiet());
    assertEquals(
        Datasets.of(spec).monitor(ThroughputMonitor.quiet()).sha256(),
        fresh.datasets().get(0).sha256());
    assertEquals(spec, fresh.datasets().get(0).spec());
  }

  @Test
  void badManifestsSayWhatIsWrong(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        "{\"datasets\":[{\"name\":\"x\",\"generator\":\"zeros\",\"seed\":1,\"sizeBytes\":4,\"sha256\":\"\"}]}");
    var e = assertThrows(LabJsonException.class, () -> DatasetManifest.read(file));
    assertTrue(e.getMessage().contains("no dataset generator 'zeros'"), e.getMessage());
    assertEquals("datasets[0].generator", e.field());
    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ManifestEntry("x", Generator.U32_READINGS, Map.of("skew", 1.0), 1, 4, ""));
    assertTrue(unknown.getMessage().contains("unknown parameter 'skew'"), unknown.getMessage());
    var twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DatasetManifest(
                    List.of(
                        new ManifestEntry("x", Generator.U32_READINGS, Map.of(), 1, 4, ""),
                        new ManifestEntry("x", Generator.U32_READINGS, Map.of(), 2, 4, ""))));
    assertFalse(twice.getMessage().isEmpty());
  }

  /** A valid one-entry manifest, one field a line, for the malformed variants below. */
  private static final String GOOD =
      """
      {
        "datasets" : [ {
          "name" : "small",
          "generator" : "u32-readings",
          "parameters" : { "selectivity" : 0.5 },
          "seed" : 7,
          "sizeBytes" : 4096,
          "sha256" : "ab12"
        } ]
      }
      """;

  private static LabJsonException broken(Path dir, String json) throws Exception {
    Path file = Files.writeString(dir.resolve("manifest.json"), json);
    assertEquals(
        1,
        DatasetManifest.read(Files.writeString(dir.resolve("good.json"), GOOD)).datasets().size());
    return assertThrows(LabJsonException.class, () -> DatasetManifest.read(file));
  }

  @Test
  void aWrongTypeNamesTheFileTheFieldThePlaceAndWhatWasExpected(@TempDir Path dir)
      throws Exception {
    LabJsonException e = broken(dir, GOOD.replace("\"seed\" : 7", "\"seed\" : \"seven\""));
    assertEquals(
        dir.resolve("manifest.json")
            + ":6:14: field 'datasets[0].seed': expected a whole number (long),"
            + " found the string \"seven\"",
        e.getMessage());
    assertEquals("datasets[0].seed", e.field());
    assertEquals(6, e.line());
    assertEquals(14, e.column());
    assertFalse(e.getMessage().contains("Cannot deserialize"), e.getMessage());
    assertFalse(e.getMessage().contains("DatasetManifest"), e.getMessage());
  }

  @Test
  void anObjectWhereAListGoesIsNamed(@TempDir Path dir) throws Exception {
    LabJsonException e = broken(dir, "{\n  \"datasets\" : { }\n}\n");
    assertEquals(
        dir.resolve("manifest.json")
            + ":2:16: field 'datasets': expected an array, found an object",
        e.getMessage());
  }

  @Test
  void aMissingFieldIsNamedWithItsPath(@TempDir Path dir) throws Exception {
    LabJsonException e = broken(dir, GOOD.replace("    \"seed\" : 7,\n", ""));
    assertEquals("datasets[0].seed", e.field());
    assertTrue(e.getMessage().startsWith(dir.resolve("manifest.json") + ":"), e.getMessage());
    assertTrue(e.getMessage().endsWith(": field 'datasets[0].seed': is missing"), e.getMessage());
    assertTrue(e.line() > 0, "the place of the entry that lacks it");
  }

  @Test
  void aSyntaxErrorGivesLineAndColumnWithoutJacksonSettings(@TempDir Path dir) throws Exception {
    LabJsonException e = broken(dir, GOOD.replace("\"seed\" : 7,", "\"seed\" : 7,,"));
    assertEquals(6, e.line());
    assertEquals(16, e.column());
    assertEquals("", e.field());
    assertTrue(
        e.getMessage()
            .startsWith(
                dir.resolve("manifest.json")
                    + ":6:16: is not valid JSON: Unexpected"
                    + " character (','"),
        e.getMessage());
    assertFalse(e.getMessage().contains("StreamReadFeature"), e.getMessage());
    assertFalse(e.getMessage().contains("[Source"), e.getMessage());
  }

  @Test
  void anUnknownFieldIsNamedWithItsPlaceAndTheKnownOnes(@TempDir Path dir) throws Exception {
    LabJsonException e = broken(dir, GOOD.replace("\"seed\" : 7", "\"sed\" : 7"));
    assertEquals(
        dir.resolve("manifest.json")
            + ":6:5: field 'datasets[0].sed': is not a known field; known fields:"
            + " [name, generator, parameters, seed, sizeBytes, sha256]",
        e.getMessage());
    LabJsonException top = broken(dir, GOOD.replace("\"datasets\"", "\"datsets\""));
    assertEquals(
        dir.resolve("manifest.json")
            + ":2:3: field 'datsets': is not a known field; known fields:"
            + " [datasets]",
        top.getMessage());
  }

  @Test
  void echoedValuesAreCut(@TempDir Path dir) throws Exception {
    LabJsonException type =
        broken(dir, GOOD.replace("\"seed\" : 7", "\"seed\" : [ \"" + "x".repeat(100_000) + "\" ]"));
    assertTrue(
        type.getMessage()
            .endsWith("field 'datasets[0].seed': expected a whole number (long), found an array"),
        type.getMessage());
    LabJsonException generator = broken(dir, GOOD.replace("u32-readings", "x".repeat(100_000)));
    assertTrue(
        generator
            .getMessage()
            .endsWith(
                ": field 'datasets[0].generator': no dataset generator '"
                    + "x".repeat(80)
                    + "… (99,920 more characters)'; known: [u32-readings, sensor-records, log-lines]"),
        generator.getMessage());
    LabJsonException number =
        broken(dir, GOOD.replace("\"seed\" : 7", "\"seed\" : " + "7".repeat(100_000)));
    assertTrue(number.getMessage().length() < 400, number.getMessage());
    assertTrue(
        number
            .getMessage()
            .endsWith(
                "manifest.json: exceeds a limit of the JSON reader: Number value length"
                    + " (100000) exceeds the maximum allowed (1000)"),
        number.getMessage());
    assertFalse(number.getMessage().contains("StreamReadConstraints"), number.getMessage());
  }
}
