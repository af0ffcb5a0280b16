package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.fluffle.CheckReport;
import org.csdlab.fluffle.CleaningPolicy;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.fluffle.ZoneUse;
import org.csdlab.lab.chart.Chart;
import org.csdlab.lab.display.Displays;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.display.MimeBundle;
import org.csdlab.lab.display.RecordingSink;
import org.csdlab.lab.display.Renderers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The filesystem's renderings: one-line {@code toString()} forms for JShell, and HTML parsed as
 * XHTML and queried for what it claims (the directory tree, a file's layout, the zone heat map, the
 * cleaner's passes, check results, a snapshot's pin).
 */
class LabFsRenderingsTest {
  private static final int BLOCK = 4096;
  private final Lab lab = Seeded.smallLab();

  @AfterEach
  void resetDisplays() {
    Displays.reset();
  }

  private static Xhtml html(Object value) {
    MimeBundle bundle = Renderers.render(value);
    assertNotNull(bundle.html(), "no HTML for " + value.getClass().getSimpleName());
    if (value instanceof HtmlRenderable) {
      assertTrue(bundle.html().startsWith("<div"), "its own toHtml() is the HTML form");
    }
    assertFalse(bundle.text().contains("\n"), "one line for JShell: " + bundle.text());
    return Xhtml.parse(bundle.html());
  }

  @Test
  void theTreeListsEveryEntryWithItsSizeAndDirectoriesWithTheirTotals() {
    LabFs fs = lab.fs();
    fs.mkdir("/data").mkdir("/data/raw");
    fs.write("/data/raw/a.bin", new byte[3000]);
    fs.write("/data/b.bin", new byte[5000]);
    fs.write("/top.txt", new byte[12]);
    FsTree tree = fs.tree();
    assertEquals("FsTree[/: 2 directories, 3 files, 7.8 KiB]", tree.toString());
    Xhtml html = html(tree);
    assertEquals(6, html.count("//tr[@data-path]"));
    assertEquals("8012", html.text("//tr[@data-path='/']/@data-size"));
    assertEquals("8000", html.text("//tr[@data-path='/data']/@data-size"));
    assertEquals("directory", html.text("//tr[@data-path='/data/raw']/@data-type"));
    assertEquals("3000", html.text("//tr[@data-path='/data/raw/a.bin']/@data-size"));
    assertEquals("file", html.text("//tr[@data-path='/top.txt']/@data-type"));
    assertTrue(html.text("//tr[@data-path='/data/raw/a.bin']/td[1]").contains("a.bin"));
    assertEquals(
        List.of("/", "/data", "/data/b.bin", "/data/raw", "/data/raw/a.bin", "/top.txt"),
        tree.entries().stream().map(FsTree.Entry::path).toList(),
        "depth first, in name order");
  }

  @Test
  void aFileMapShowsEachRunWithItsZoneLbasAndLogAndTheHoles() {
    LabFs fs = lab.fs();
    fs.write("/a", 0, new byte[2 * BLOCK]);
    fs.write("/a", 5 * BLOCK, new byte[BLOCK]); // blocks 2-4 are a hole
    FileMap map = fs.layout("/a");
    int zone = map.runs().get(0).zone();
    assertEquals(
        "FileMap[/a: 6 blocks (24.0 KiB) in 3 runs, zone " + zone + "; 3 hole blocks]",
        map.toString());
    Xhtml html = html(map);
    assertEquals(3, html.count("//tr[@data-first-block]"));
    assertEquals("hot", html.text("//tr[@data-first-block='0']/@data-log"));
    assertEquals("2", html.text("//tr[@data-first-block='0']/@data-blocks"));
    assertEquals(
        String.valueOf(map.layout().lbaOfBlock().get(0)),
        html.text("//tr[@data-first-block='0']/@data-lba"));
    assertEquals("hole", html.text("//tr[@data-first-block='2']/@data-log"));
    assertEquals("3", html.text("//tr[@data-first-block='2']/@data-blocks"));
    assertTrue(html.text("//tr[@data-first-block='2']/td[3]").contains("hole"));
    assertEquals("hot", html.text("//tr[@data-first-block='5']/@data-log"));
  }

  @Test
  void theHeatMapShowsLiveDeadAndFreeBlocksPerZoneMarkedByLogAndCheckpoint() {
    LabFs fs = lab.fs();
    fs.write("/a", Seeded.filled(100 * BLOCK, 1));
    fs.write("/a", 0, Seeded.filled(70 * BLOCK, 2)); // 70 dead blocks until a checkpoint frees them
    FsZoneMap zones = fs.zones();
    Xhtml html = html(zones);
    assertEquals(16, html.count("//div[@data-zone]"));
    assertEquals("SUPERBLOCK", html.text("//div[@data-zone='0']/@data-kind"));
    assertEquals(1, html.count("//div[@data-kind='CHECKPOINT']"));
    assertEquals(1, html.count("//div[@data-kind='HOT_LOG' and @data-log='hot']"));
    assertEquals(1, html.count("//div[@data-kind='METADATA_LOG' and @data-log='metadata']"));
    long live = 0;
    long dead = 0;
    for (ZoneUse zone : zones.zones()) {
      String at = "//div[@data-zone='" + zone.zone() + "']";
      if (FsZoneMap.hasLiveBlocks(zone.kind())) {
        assertEquals(String.valueOf(zone.liveBlocks()), html.text(at + "/@data-live"));
        live += Long.parseLong(html.text(at + "/@data-live"));
        dead += Long.parseLong(html.text(at + "/@data-dead"));
      }
      assertEquals(String.valueOf(zone.freeBlocks()), html.text(at + "/@data-free"));
    }
    assertEquals(zones.liveBlocks(), live);
    assertEquals(zones.deadBlocks(), dead);
    assertTrue(dead >= 63, "the first data zone's blocks were all overwritten: " + zones);
    assertEquals(fs.statfs().usedBytes() / BLOCK, live, "every live block is in the map");
    assertTrue(
        zones
            .toString()
            .matches(
                "FsZoneMap\\[16 zones: 2 open logs, \\d+ sealed, \\d+ free; "
                    + live
                    + " live, "
                    + dead
                    + " dead blocks\\]"),
        zones.toString());
  }

  @Test
  void theCleanerTableHasOneRowPerPassAndTheChartOnePointPerWrite() {
    LabFs fs = lab.formatFs(FormatOptions.builder().cleaningPolicy(CleaningPolicy.GREEDY).build());
    fs.write("/cold", Seeded.filled(60 * BLOCK, 1));
    for (int i = 0; i < 10; i++) {
      fs.write("/hot", Seeded.filled(40 * BLOCK, i));
    }
    fs.clean();
    CleanerLog log = fs.cleaner();
    assertTrue(log.passes().size() >= 1, log.toString());
    Xhtml html = html(log);
    assertEquals(log.passes().size(), html.count("//tr[@data-pass]"));
    var first = log.passes().get(0);
    assertEquals("GREEDY", html.text("//tr[@data-pass='1']/@data-policy"));
    assertEquals(String.valueOf(first.blocksMoved()), html.text("//tr[@data-pass='1']/td[4]"));
    assertEquals(1, html.count("//div[@class='csdlab-chart']"));
    assertEquals(
        "CleanerLog["
            + log.counters().cleaningPasses()
            + " passes (greedy "
            + log.passes().size()
            + "), "
            + log.counters().blocksMoved()
            + " blocks moved, write amplification "
            + CleanerLog.wa(fs.writeAmplification())
            + "]",
        log.toString());
    Chart chart = log.chart();
    assertTrue(
        chart.toString().contains("1 line, 12 points"),
        "the first write, ten more and the pass (which writes a checkpoint): " + chart);
  }

  @Test
  void checkResultsShowTheVerdictAndEveryProblem() {
    FsCheck ok = lab.fs().check();
    assertEquals("true", html(ok).text("//div/@data-ok"));
    assertTrue(ok.toString().matches("FsCheck\\[ok: 1 inodes, \\d+ live blocks\\]"), ok.toString());
    FsCheck bad = new FsCheck(new CheckReport(3, 10, List.of("inode 2 is unreachable", "x < y")));
    Xhtml html = html(bad);
    assertEquals("false", html.text("//div[@data-ok]/@data-ok"));
    assertEquals(2, html.count("//tr[@data-problem]"));
    assertEquals("x < y", html.text("//tr[@data-problem='2']/td[2]"));
    assertEquals(
        "FsCheck[2 problems (3 inodes, 10 live blocks), the first: inode 2 is unreachable]",
        bad.toString());
  }

  @Test
  void aSnapshotPinMarksItsZonesAndThoseItHoldsBackFromTheCleaner() {
    LabFs fs = lab.fs();
    fs.write("/a", Seeded.filled(100 * BLOCK, 1));
    try (SnapshotPin pin = fs.snapshot("/a")) {
      fs.write("/a", 0, Seeded.filled(100 * BLOCK, 2));
      fs.sync();
      Xhtml html = html(pin);
      assertEquals(16, html.count("//div[@data-zone]"));
      int pinnedBlocks = 0;
      for (var e : pin.pinnedZones().entrySet()) {
        String at = "//div[@data-zone='" + e.getKey() + "']";
        assertEquals(String.valueOf(e.getValue()), html.text(at + "/@data-pinned-blocks"));
        pinnedBlocks += e.getValue();
      }
      assertEquals(100, pinnedBlocks);
      assertEquals(pin.heldBack().size(), html.count("//div[@data-held-back='true']"));
      assertFalse(pin.heldBack().isEmpty());
      assertTrue(
          pin.toString()
              .startsWith(
                  "SnapshotPin[/a: 100 blocks in zones "
                      + pin.pinnedZones().keySet().stream()
                          .map(String::valueOf)
                          .reduce((a, b) -> a + ", " + b)
                          .orElseThrow()
                      + "; holds back zone"),
          pin.toString());
    }
  }

  @Test
  void theLabObjectsOfTheFilesystemHaveOneLineForms() {
    LabFs fs = lab.fs();
    fs.write("/r.bin", new byte[8192]);
    assertEquals("LabFile[/r.bin, 8.0 KiB, inode 2]", fs.file("/r.bin").toString());
    assertEquals("LabFile[/none, absent]", fs.file("/none").toString());
    assertTrue(
        fs.toString()
            .matches(
                "LabFs\\[flufflefs-lite on 16 zones × 256\\.0 KiB: 1 file or directory, \\S+"
                    + " KiB of \\S+ MiB used, write amplification \\d\\.\\d\\d, cost-benefit"
                    + " cleaning\\]"),
        fs.toString());
    try (LabHandle h =
        fs.file("/r.bin").offload(LabEbpfTest.PROGRAMS.resolve("flfs_count_u32.o"))) {
      assertEquals("LabHandle[/r.bin, read-stream flfs_count_u32.o, open]", h.toString());
    }
    Xhtml whole = html(fs);
    assertEquals(16, whole.count("//div[@data-zone]"), "the heat map");
    assertEquals(2, whole.count("//tr[@data-path]"), "the tree: / and /r.bin");
    Xhtml file = html(fs.file("/r.bin"));
    assertEquals(1, file.count("//tr[@data-first-block='0']"), "the file's layout");
  }

  @Test
  void theLiveWriteAmplificationChartIsOptInAndRedrawnAsTheCellWrites() throws Exception {
    LabFs fs = lab.fs();
    fs.write("/before", new byte[BLOCK]);
    RecordingSink sink = new RecordingSink();
    Displays.install(sink);
    fs.write("/no-chart-yet", new byte[BLOCK]);
    assertEquals(List.of(), sink.calls, "nothing is shown unless the cell asks");
    fs.cleaner().live();
    fs.cleaner().live();
    assertEquals(List.of("show"), sink.calls, "one live chart per cell");
    Thread.sleep(WriteAmplificationSamples.DISPLAY_INTERVAL_NANOS / 1_000_000 + 20);
    fs.write("/a", new byte[BLOCK]);
    assertEquals(List.of("show", "update d1"), sink.calls);
    fs.write("/b", new byte[BLOCK]); // within the interval: no redraw
    assertEquals(2, sink.calls.size());
    Chart last = (Chart) sink.values.get(1);
    assertTrue(last.title().startsWith("Write amplification"), last.title());

    RecordingSink nextCell = new RecordingSink();
    Displays.install(nextCell);
    fs.write("/c", new byte[BLOCK]);
    assertEquals(
        List.of("show", "update d1", "update d1"),
        sink.calls,
        "a later cell's write ends the earlier chart with its final state");
    assertEquals(List.of(), nextCell.calls, "the later cell did not ask for a chart");
  }
}
