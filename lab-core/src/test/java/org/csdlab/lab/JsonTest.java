package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.csdlab.lab.json.LabJsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configurations and results as JSON: round trips, and errors that name the file and the field. */
class JsonTest {
  @TempDir Path dir;

  private static Comparison sample() {
    HostRun host =
        new HostRun(
            "countU32Above(0x3fffffff)",
            new Extent(0, 2, 524_288),
            65_000,
            524_288,
            12_800_000,
            3_000_000);
    CsdRun drive =
        new CsdRun(
            "count_u32_above",
            new Extent(0, 2, 524_288),
            65_000,
            0,
            700_000,
            524_288,
            8,
            6_400_000,
            700_000,
            98,
            9_000_000,
            List.of("hello"),
            3,
            List.of("read zone 9 sector 0 offset 0 size 4096: at or above the write pointer 0"),
            0);
    return new Comparison(host, drive);
  }

  @Test
  void comparisonRoundTripsThroughAFile() {
    Comparison comparison = sample();
    Path file = comparison.save(dir.resolve("runs/today.json"));
    Comparison loaded = Comparison.load(file);
    assertEquals(comparison, loaded);
    assertInstanceOf(HostRun.class, loaded.host());
    assertInstanceOf(CsdRun.class, loaded.offloaded());
    assertEquals(comparison.toJson(), loaded.toJson());
  }

  @Test
  void runsRoundTripAsTheirOwnKind() {
    Comparison comparison = sample();
    Run host = Run.load(comparison.host().save(dir.resolve("host.json")));
    Run drive = Run.fromJson(comparison.offloaded().toJson());
    assertEquals(comparison.host(), host);
    assertEquals(comparison.offloaded(), drive);
    assertInstanceOf(CsdRun.class, drive);
    assertEquals(List.of("hello"), ((CsdRun) drive).debug());
    assertEquals(3, ((CsdRun) drive).debugDropped());
    assertTrue(comparison.host().toJson().contains("\"kind\" : \"host\""));
  }

  @Test
  void measuredComparisonRoundTripsAndMatchesItself() {
    Lab lab = Seeded.smallLab();
    Extent extent = lab.device().store(0, Seeded.readings(65_536, 1));
    Comparison today =
        lab.compare(
            lab.host().countU32Above(extent, 0x3fffffff),
            lab.csd().countU32Above(extent, 0x3fffffff));
    Comparison saved = Comparison.fromJson(today.toJson());
    assertEquals(today, saved);
    assertTrue(today.against(saved).deterministicPartsEqual());
  }

  @Test
  void againstASavedRunShowsWhatChanged() {
    Comparison saved = sample();
    CsdRun slower =
        new CsdRun(
            "count_u32_above",
            saved.offloaded() instanceof CsdRun c ? c.extent() : null,
            65_001,
            0,
            1_400_000,
            524_288,
            8,
            6_400_000,
            1_400_000,
            98,
            9_000_000,
            List.of(),
            0,
            List.of(),
            0);
    Comparison today = new Comparison(saved.host(), slower);
    ComparisonChange change = today.against(saved.save(dir.resolve("saved.json")));
    assertFalse(change.sameAnswers());
    assertFalse(change.deterministicPartsEqual());
    var table = change.table();
    assertEquals(8, table.rowCount());
    assertEquals("65000", table.getString(4, 2));
    assertEquals("65001", table.getString(4, 3));
    assertEquals("=", table.getString(1, 4));
    assertEquals("+9.9 %", table.getString(6, 4)); // modeled 7 100 098 ns -> 7 800 098 ns
    assertTrue(change.toString().startsWith("saved vs today: ANSWERS CHANGED"), change.toString());
    assertTrue(change.toString().contains("offloaded answer: 65000 -> 65001"), change.toString());
  }

  @Test
  void labConfigRoundTripsThroughJsonText() {
    LabConfig config =
        Lab.builder().geometry(Seeded.smallGeometry()).timing("instant").build().config();
    assertEquals(config, LabConfig.fromJson(config.toJson()));
    assertTrue(config.toJson().contains("\"zoneCount\" : 16"), config.toJson());
  }

  @Test
  void timingProfilesMayBeGivenByName() throws Exception {
    String byName =
        validConfig().replaceAll("(?s)\"timing\" : \\{.*?\\}", "\"timing\" : \"tlc-zns\"");
    assertTrue(byName.contains("\"timing\" : \"tlc-zns\""), byName);
    assertEquals(org.csdlab.zns.timing.TimingProfile.tlcZns(), LabConfig.fromJson(byName).timing());
    LabJsonException e = loadBroken(byName.replace("tlc-zns", "fast"));
    assertEquals("timing", e.field());
    assertTrue(
        e.getMessage()
            .contains("no timing profile named 'fast'; known profiles: instant, tlc-zns, teaching"),
        e.getMessage());
  }

  private LabJsonException loadBroken(String json) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, json);
    return assertThrows(LabJsonException.class, () -> LabConfig.load(file));
  }

  private String validConfig() {
    return Lab.builder().geometry(Seeded.smallGeometry()).build().config().toJson();
  }

  @Test
  void syntaxErrorsNameTheFileAndThePosition() throws Exception {
    LabJsonException e = loadBroken("{ \"geometry\": ");
    assertEquals(
        dir.resolve("broken.json")
            + ":1:15: is not valid JSON: Unexpected end-of-input within/between"
            + " Object entries",
        e.getMessage());
    assertEquals("", e.field());
    assertEquals(1, e.line());
    assertEquals(15, e.column());
  }

  @Test
  void unknownFieldsAreNamedWithTheKnownOnes() throws Exception {
    LabJsonException e = loadBroken(validConfig().replace("\"fuel\"", "\"fule\""));
    assertEquals("fule", e.field());
    assertTrue(
        e.getMessage().contains("field 'fule': is not a known field; known fields:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("fuel"), e.getMessage());
  }

  @Test
  void missingFieldsAreNamedWithTheirPath() throws Exception {
    LabJsonException e = loadBroken(validConfig().replaceAll("\"zoneCount\" : 16,", ""));
    assertEquals("geometry.zoneCount", e.field());
    assertTrue(e.getMessage().endsWith("field 'geometry.zoneCount': is missing"), e.getMessage());
  }

  @Test
  void valuesTheLabRefusesAreExplained() throws Exception {
    LabJsonException e =
        loadBroken(validConfig().replace("\"zoneCount\" : 16", "\"zoneCount\" : 0"));
    assertEquals("geometry", e.field());
    assertTrue(e.getMessage().contains("zone count must be at least 1, was 0"), e.getMessage());
    LabJsonException f = loadBroken(validConfig().replace("\"fuel\" : 100000000", "\"fuel\" : -5"));
    assertTrue(f.getMessage().contains("fuel must be positive, was -5"), f.getMessage());
  }

  @Test
  void wrongTypesNameTheField() throws Exception {
    LabJsonException e =
        loadBroken(validConfig().replace("\"fuel\" : 100000000", "\"fuel\" : \"lots\""));
    assertEquals("fuel", e.field());
    assertTrue(e.getMessage().contains("lots"), e.getMessage());
    LabJsonException f = loadBroken(validConfig().replace("\"STRIPED\"", "\"DIAGONAL\""));
    assertEquals("timing.mapping", f.field());
    assertTrue(f.getMessage().contains("DIAGONAL"), f.getMessage());
  }

  @Test
  void emptyMissingAndWrongDocumentsAreRefused() throws Exception {
    assertTrue(
        loadBroken("  ")
            .getMessage()
            .endsWith(": is empty; expected a JSON object describing a LabConfig"));
    assertTrue(loadBroken("null").getMessage().contains("holds null"));
    LabJsonException missing =
        assertThrows(LabJsonException.class, () -> LabConfig.load(dir.resolve("nope.json")));
    assertEquals(dir.resolve("nope.json") + ": no such file", missing.getMessage());
    assertEquals(dir.resolve("nope.json").toString(), missing.file());
  }

  @Test
  void comparisonsNeedBothRunsOfAKnownKind() {
    String json = sample().toJson();
    LabJsonException e =
        assertThrows(
            LabJsonException.class,
            () -> Comparison.fromJson(json.replace("\"kind\" : \"csd\"", "\"kind\" : \"gpu\"")));
    assertEquals("offloaded", e.field());
    assertTrue(e.getMessage().contains("gpu"), e.getMessage());
    LabJsonException nested =
        assertThrows(
            LabJsonException.class,
            () -> Comparison.fromJson(json.replace("\"kernel\"", "\"kernal\"")));
    assertEquals("offloaded.kernal", nested.field());
    assertTrue(
        nested.getMessage().contains("known fields: [kind, kernel, extent"), nested.getMessage());
    LabJsonException f =
        assertThrows(LabJsonException.class, () -> Comparison.fromJson("{\"host\": null}"));
    assertTrue(f.getMessage().startsWith("<string>"), f.getMessage());
  }

  @Test
  void aVeryLongFileNameIsCutInTheMessage() {
    Path deep = dir.resolve("d".repeat(200)).resolve("e".repeat(200) + ".json");
    LabJsonException e = assertThrows(LabJsonException.class, () -> LabConfig.load(deep));
    int more = deep.toString().length() - 240;
    assertEquals(
        deep.toString().substring(0, 240)
            + "… ("
            + String.format(java.util.Locale.ROOT, "%,d", more)
            + " more characters): no such file",
        e.getMessage());
    assertEquals(deep.toString(), e.file(), "the field keeps the whole name");
  }
}
