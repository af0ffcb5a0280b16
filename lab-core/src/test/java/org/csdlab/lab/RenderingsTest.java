package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.verifier.VerificationException;
import org.csdlab.ebpf.verifier.Verifier;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.display.MimeBundle;
import org.csdlab.lab.display.Renderers;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZoneState;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Every rendering is well-formed XHTML and shows what it claims. */
class RenderingsTest {
  private final Lab lab = Seeded.smallLab();

  private static Xhtml html(Object value) {
    MimeBundle bundle = Renderers.render(value);
    assertNotNull(
        bundle.html(), "no HTML for " + value.getClass().getSimpleName() + ": " + bundle.text());
    if (value instanceof HtmlRenderable renderable) {
      assertEquals(renderable.toHtml(), bundle.html());
    }
    return Xhtml.parse(bundle.html());
  }

  @Test
  void aPlainTablesawFigureRendersAsAPlotOnceTheLabIsLoaded() {
    Figure figure =
        Figure.builder()
            .addTraces(ScatterTrace.builder(new double[] {1, 2, 3}, new double[] {4, 5, 6}).build())
            .build();
    String html = Renderers.render(figure).html();
    assertNotNull(
        html, "a Figure made without the chart package still gets HTML from Renderings.install()");
    assertTrue(html.contains("Plotly."), html);
  }

  @Test
  void zoneMapColoursEveryZoneByStateAndFillsItToTheWritePointer() {
    lab.device().append(0, new byte[16 * 4096]); // a quarter of zone 0
    lab.device().finish(1).finish(2).open(3);
    Xhtml map = html(lab.device());
    assertEquals(16, map.count("//div[@data-zone]"));
    assertEquals("IMPLICITLY_OPENED", map.text("//div[@data-zone='0']/@data-state"));
    assertEquals(2, map.count("//div[@data-state='FULL']"));
    assertEquals(1, map.count("//div[@data-state='EXPLICITLY_OPENED']"));
    assertEquals(12, map.count("//div[@data-state='EMPTY']"));
    assertTrue(map.text("//div[@data-zone='0']/div[1]/@style").contains("height:25%"));
    assertTrue(map.text("//div[@data-zone='1']/div[1]/@style").contains("height:100%"));
    assertTrue(map.text("//div[@data-zone='0']/@title").contains("16 of 64 blocks written"));
    String text = map.text();
    assertTrue(
        text.contains(
            "ZnsDevice 16 zones × 256.0 KiB: 12 empty, 2 full, 1 implicitly open, 1 explicitly open"),
        text);
    for (ZoneState state : ZoneState.values()) {
      assertTrue(text.contains(ZoneMap.label(state)), "legend names " + state);
    }
  }

  @Test
  void rawDevicesAndZoneListsRenderAsZoneMapsToo() {
    lab.device().finish(4);
    assertEquals(16, html(lab.device().raw()).count("//div[@data-zone]"));
    Xhtml zones = html(lab.device().zones());
    assertEquals(1, zones.count("//div[@data-state='FULL' and @data-zone='4']"));
    assertEquals(1, html(lab.device().zone(4)).count("//div[@data-zone='4']"));
    assertNull(Renderers.render(List.of("not", "zones")).html(), "other lists have no HTML form");
  }

  @Test
  void zonesShownWithoutTheirDeviceSayWhatTheyAre() {
    LabDevice tiny =
        Lab.builder()
            .geometry(
                Geometry.builder()
                    .zoneCount(8)
                    .zoneSizeBlocks(16)
                    .zoneCapacityBlocks(12)
                    .blockSizeBytes(4096)
                    .maxOpenZones(2)
                    .maxActiveZones(3)
                    .build())
            .build()
            .device();
    tiny.write(0, new byte[12 * 4096]);
    tiny.open(1);
    assertEquals(
        "zones 0–7, 12 writable blocks each: 6 empty, 1 explicitly open, 1 full",
        html(tiny.zones()).text("/div/div/div[1]"));
    assertEquals(
        "2 zones, 12 writable blocks each: 1 empty, 1 full",
        html(List.of(tiny.zone(0), tiny.zone(5))).text("/div/div/div[1]"));
    assertEquals(
        "zone 0: full, 12 of 12 blocks written", html(tiny.zone(0)).text("/div/div/div[1]"));
    tiny.write(16, new byte[4096]);
    assertEquals(
        "zone 1: explicitly open, 1 of 12 blocks written",
        html(tiny.zone(1)).text("/div/div/div[1]"));
    assertEquals(
        "ZnsDevice 8 zones × 48.0 KiB: 6 empty, 1 explicitly open, 1 full",
        html(tiny).text("/div/div/div[1]"));
    assertEquals(
        "ZnsDevice 8 zones × 48.0 KiB: 6 empty, 1 explicitly open, 1 full", tiny.toString());
    assertEquals(
        "2 of 8 zones × 48.0 KiB: 1 explicitly open, 1 full",
        new ZoneMap(tiny.geometry(), tiny.zones().subList(0, 2)).summary());
  }

  @Test
  void theZoneMapsTextFormIsAGridOfZones() {
    lab.device().append(0, new byte[16 * 4096]); // a quarter of zone 0
    lab.device().finish(1).finish(2).open(3);
    assertEquals(
        """
        ZnsDevice 16 zones × 256.0 KiB: 12 empty, 2 full, 1 implicitly open, 1 explicitly open
         0  I F F E . . . . . . . . . . . .
        legend: . empty  I implicitly open  E explicitly open  C closed  R read only  F full  X offline
        written in part: zone 0 25 % (16 of 64 blocks)""",
        lab.device().zoneMap().toString());
    assertFalse(lab.device().toString().contains("\n"), "the device itself stays one line");
    LabDevice wide =
        Lab.builder()
            .geometry(Geometry.builder().zoneCount(20).zoneSizeBlocks(16).build())
            .build()
            .device();
    wide.finish(19);
    assertEquals(
        """
        ZnsDevice 20 zones × 64.0 KiB: 19 empty, 1 full
         0  . . . . . . . . . . . . . . . .
        16  . . . F
        legend: . empty  I implicitly open  E explicitly open  C closed  R read only  F full  X offline""",
        wide.zoneMap().toString());
  }

  @Test
  void deviceStatisticsUseUnitsAReaderCanRead() {
    lab.device().write(0, new byte[3 * 4096]);
    lab.device().read(0, 2);
    String text = lab.device().stats().toString();
    assertEquals(
        "DeviceStats[reads=1, writes=1, appends=0, resets=0, host link 20.0 KiB, modeled busy "
            + Quantities.nanos(lab.device().stats().modeledBusyNanos())
            + "]",
        text);
    assertTrue(text.matches(".*modeled busy [0-9.]+ (ns|µs|ms|s)]"), text);
    Xhtml page = html(lab.device().stats());
    assertEquals("read 1, write 1", page.text("//tr[2]/td[2]"));
    assertEquals("read 8.0 KiB, write 12.0 KiB", page.text("//tr[3]/td[2]"));
    assertEquals("20.0 KiB", page.text("//tr[4]/td[2]"));
  }

  @Test
  void verifierRefusalHighlightsTheInstructionWithCodeRuleAndFix() {
    Verification refused = lab.ebpf().assemble("bad", "r0 = 1\nr0 += r2\nr0 += r3\nexit").verify();
    Xhtml page = html(refused);
    assertEquals(1, page.count("//tr[@data-highlight='true']"));
    assertTrue(page.text("//tr[@data-highlight='true']").contains("r0 += r3"));
    assertEquals("pc-2", page.text("//tr[@data-highlight='true']/@id"));
    assertEquals("UNINIT_REG", page.text("//div/@data-error-code"));
    String text = page.text();
    assertTrue(text.contains("r3 is read before any instruction writes it"), text);
    assertTrue(text.contains("give r3 a value before pc 2"), text);
    assertEquals(4, page.count("(//table)[2]/tr") - 1, "the whole listing, header aside");
  }

  @Test
  void aPathVerifierRefusalShowsTheRangesAtTheInstructionAndTheBranchOutcomesOfItsPath() {
    // the access is safe for r2 <= 12 only; the check lets 13..15 through
    org.csdlab.ebpf.Program program =
        org.csdlab.ebpf.asm.Assembler.assemble(
            "r2 = *(u8 *)(r1 + 0)\nr0 = 0\nif r2 > 15 goto +3\nr1 += r2\n"
                + "r0 = *(u32 *)(r1 + 0)\nexit\nexit");
    Verification refused =
        new Verification(
            "over",
            program,
            org.csdlab.ebpf.verifier.PathVerifier.verify(
                program,
                org.csdlab.ebpf.verifier.VerifierOptions.defaults().withContext(16, false)));
    Xhtml page = html(refused);
    assertEquals("OUT_OF_BOUNDS", page.text("//div/@data-error-code"));
    assertEquals("pc-4", page.text("//tr[@data-highlight='true']/@id"));
    assertEquals("2: not taken", page.text("//tr[td[1]='path (branch outcomes)']/td[2]"));
    String ranges = page.text("//tr[td[1]='ranges at pc 4']/td[2]");
    // the kernel's form folds equal bounds: umax=15 or smax=umax=smax32=umax32=15
    assertTrue(
        ranges.matches(
            ".*R1=ctx\\([^ ]*umax[a-z0-9=]*=15[,)].*R2=scalar\\([^ ]*umax[a-z0-9=]*=15[,)].*"),
        ranges);
  }

  @Test
  void acceptedProgramsRenderWithNoHighlight() {
    Xhtml page = html(lab.ebpf().assemble("r0 = 0\nexit").verify());
    assertEquals(0, page.count("//tr[@data-highlight]"));
    assertTrue(page.text().contains("verified"));
  }

  @Test
  void traceMarksTheRegistersEachStepChanged() {
    Xhtml page = html(lab.ebpf().assemble("r1 = 40\nr1 += 2\nr0 = r1\nexit").trace());
    assertEquals(5, page.count("//tr"), "header and four steps");
    assertEquals("r1 = 42 (0x2a)", page.text("//tr[3]//span[@data-register='r1']"));
    assertEquals("was 40 (0x28)", page.text("//tr[3]//span[@data-register='r1']/@title"));
    assertEquals(1, page.count("//tr[4]//span[@data-register='r0']"));
    assertEquals(0, page.count("//tr[5]//span[@data-register]"), "exit changes nothing");
  }

  @Test
  void traceShowsNegativeValuesInSignedDecimalBesideTheirHex() {
    Xhtml page = html(lab.ebpf().assemble("r1 = -1\nr0 = 0\nexit").trace());
    assertEquals("r1 = -1 (0xffffffffffffffff)", page.text("//tr[2]//span[@data-register='r1']"));
  }

  /**
   * Jupyter's CSS right-aligns table cells; code must say left itself. The alignment that counts is
   * the last {@code text-align} of a cell's own style.
   */
  private static String alignment(Xhtml page, String cellXpath) {
    String style = page.text(cellXpath + "/@style");
    assertNotNull(style, "no style on " + cellXpath);
    int at = style.lastIndexOf("text-align:");
    assertTrue(at >= 0, "no text-align in the style of " + cellXpath + ": " + style);
    return style.substring(at + "text-align:".length()).split(";")[0].trim();
  }

  @Test
  void codeColumnsAreLeftAlignedAndNumbersRightAligned() {
    Xhtml listing = html(lab.ebpf().assemble("hello", "r0 = 42\nexit"));
    assertEquals("right", alignment(listing, "//tr[2]/td[1]"), "pc");
    assertEquals("left", alignment(listing, "//tr[2]/td[2]"), "bytecode");
    assertEquals("left", alignment(listing, "//tr[2]/td[3]"), "instruction");
    Xhtml trace = html(lab.ebpf().assemble("r1 = 40\nr0 = r1\nexit").trace());
    assertEquals("right", alignment(trace, "//tr[2]/td[1]"), "step");
    assertEquals("left", alignment(trace, "//tr[2]/td[3]"), "instruction");
    assertEquals("left", alignment(trace, "//tr[2]/td[4]"), "registers changed");
    Xhtml refusal = html(lab.ebpf().assemble("bad", "r0 += r2\nexit").verify());
    assertEquals("left", alignment(refusal, "(//table)[1]//tr[1]/td[2]"), "the error code");
    assertEquals(
        "left", alignment(refusal, "(//table)[1]//tr[2]/td[2]"), "the refused instruction");
    assertEquals(
        "left",
        alignment(refusal, "(//table)[2]//tr[@data-highlight='true']/td[3]"),
        "the listing's code");
  }

  @Test
  void listingShowsBytecodeAndDisassembly() {
    Xhtml page = html(lab.ebpf().assemble("hello", "r0 = 42\nexit"));
    assertEquals("b7 00 00 00 2a 00 00 00", page.text("//tr[2]/td[2]"));
    assertEquals("r0 = 42", page.text("//tr[2]/td[3]"));
    assertEquals("exit", page.text("//tr[3]/td[3]"));
    assertEquals("r0 = 42", html(Assembler.assemble("r0 = 42\nexit")).text("//tr[2]/td[3]"));
  }

  @Test
  void comparisonRendersTheVerdictAndTheTable() {
    Extent extent = lab.device().store(0, Seeded.readings(65_536, 2));
    Comparison comparison =
        lab.compare(
            lab.host().countU32Above(extent, Lab.RAND_MAX / 2),
            lab.csd().countU32Above(extent, Lab.RAND_MAX / 2));
    Xhtml page = html(comparison);
    assertEquals("true", page.text("//div/@data-same-answer"));
    assertEquals(5, page.count("//tr"));
    assertEquals("bytes over host link", page.text("//tr[3]/td[1]"));
    assertEquals("256.0 KiB", page.text("//tr[3]/td[2]"));
    assertEquals("8 B", page.text("//tr[3]/td[3]"));
    assertEquals("32,768×", page.text("//tr[3]/td[4]"));
    String text = comparison.toString();
    assertTrue(text.startsWith("same answer (" + comparison.host().value() + ")"), text);
    assertTrue(text.contains("bytes over host link  256.0 KiB"), text);
    html(comparison.against(comparison));
    html(comparison.host());
    html(comparison.offloaded());
  }

  @Test
  void tablesaw_tables_escape_their_cells() {
    Table table =
        Table.create(
            "t <1>",
            IntColumn.create("n", new int[] {1, 2}),
            StringColumn.create("s", new String[] {"a < b & c", "\"quoted\""}));
    Xhtml page = html(table);
    assertEquals("t <1>", page.text("//caption"));
    assertEquals("a < b & c", page.text("//tr[2]/td[2]"));
    assertTrue(page.text("//tr[2]/td[1]/@style").contains("text-align:right"));
  }

  @Test
  void longTablesShowTheirEnds() {
    IntColumn n = IntColumn.create("n");
    for (int i = 0; i < 500; i++) {
      n.append(i);
    }
    Xhtml page = html(Table.create("long", n));
    assertTrue(page.text().contains("450 more rows"), page.text());
    assertEquals("499", page.text("(//tr)[last()]/td"));
  }

  @Test
  void runResultsAndForeignValuesRender() {
    html(lab.ebpf().assemble("r0 = 42\nexit").run());
    html(lab.ebpf().assemble("r0 = 42\nexit").trace().trace());
    html(Verifier.verify(Assembler.assemble("r0 = r5\nexit")));
    var refusal =
        new VerificationException(
            Verifier.verify(Assembler.assemble("r0 = r5\nexit")).primaryError().orElseThrow());
    assertTrue(html(refusal).text().contains("UNINIT_REG"));
    html(lab.csd().countKernel());
    CsdRun run = lab.csd().countKernel().run(0L, 1L, 0L, 0L);
    assertTrue(html(run).text().contains("bytes over host link"));
    html(lab.csd().countKernel().raw().run(Kernel.words(0L, 1L, 0L, 0L)));
    html(lab.device().stats());
    html(lab.device().geometry());
    html(lab.device().raw().timing());
    html(lab.config());
    html(lab);
    assertTrue(html(lab.csd()).text().contains("count_u32_above"));
    html(lab.host());
    html(lab.ebpf());
  }

  @Test
  void installIsIdempotent() {
    String before = Renderers.render(lab.device().raw()).html();
    Renderings.install();
    Renderings.install();
    assertEquals(before, Renderers.render(lab.device().raw()).html());
  }

  @Test
  void textFormsAreShort() {
    assertFalse(lab.toString().contains("\n"));
    assertFalse(lab.device().toString().contains("\n"));
    assertEquals("zones 2–3, 300.0 KiB", new Extent(2, 2, 300 * 1024).toString());
  }
}
