package org.csdlab.lab.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
      assertEquals(entry.sha256(), dataset.sha256(), entry.name() + " regenerates to the manifest's SHA-256");
      assertEquals(entry.sizeBytes(), monitor.series().get(monitor.series().size() - 1).bytesDone(), entry.name());
    }
  }

  @Test
  void theDemosDatasetIsTheTutorialOne() {
    ManifestEntry entry = DatasetManifest.read(MANIFEST).entry("readings-256MiB-seed7").orElseThrow();
    assertEquals(Datasets.u32Readings(256, ByteUnit.MiB).seed(7).spec(), entry.spec());
  }

  @Test
  void manifestRoundTripsThroughJson(@TempDir Path dir) throws Exception {
    DatasetSpec spec = new DatasetSpec(Generator.SENSOR_RECORDS, 4096, 9, 0.25);
    DatasetManifest manifest = new DatasetManifest(List.of(ManifestEntry.describe("hot", spec, "ab12")));
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
    DatasetManifest stale = new DatasetManifest(List.of(new ManifestEntry("logs", Generator.LOG_LINES, Map.of(), 1, 2048, "")));
    DatasetManifest fresh = stale.regenerated(ThroughputMonitor.quiet());
    assertEquals(Datasets.of(spec).monitor(ThroughputMonitor.quiet()).sha256(), fresh.datasets().get(0).sha256());
    assertEquals(spec, fresh.datasets().get(0).spec());
  }

  @Test
  void badManifestsSayWhatIsWrong(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"datasets\":[{\"name\":\"x\",\"generator\":\"zeros\",\"seed\":1,\"sizeBytes\":4,\"sha256\":\"\"}]}");
    var e = assertThrows(UncheckedIOException.class, () -> DatasetManifest.read(file));
    assertTrue(e.getMessage().contains("no dataset generator 'zeros'"), e.getMessage());
    var unknown = assertThrows(IllegalArgumentException.class,
        () -> new ManifestEntry("x", Generator.U32_READINGS, Map.of("skew", 1.0), 1, 4, ""));
    assertTrue(unknown.getMessage().contains("unknown parameter 'skew'"), unknown.getMessage());
    var twice = assertThrows(IllegalArgumentException.class, () -> new DatasetManifest(List.of(
        new ManifestEntry("x", Generator.U32_READINGS, Map.of(), 1, 4, ""),
        new ManifestEntry("x", Generator.U32_READINGS, Map.of(), 2, 4, ""))));
    assertFalse(twice.getMessage().isEmpty());
  }
}
