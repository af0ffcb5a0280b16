package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.csdlab.zns.DeviceJournal;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

/** The on-disk zone summary at the end of every data zone, and the cleaner reading it. */
class ZoneSummaryTest {
  private static final int BLOCK = 4096;

  @Test
  void layoutFitsTheEntriesOfEveryDataBlock() {
    ZoneSummary s = new ZoneSummary(4096, 128);
    assertEquals(255, s.entriesPerBlock);
    assertEquals(1, s.blocksPerZone);
    assertEquals(127, s.dataBlocksPerZone);
    ZoneSummary full = new ZoneSummary(4096, 256);
    assertEquals(1, full.blocksPerZone);
    assertEquals(255, full.dataBlocksPerZone);
    assertEquals(2, new ZoneSummary(4096, 257).blocksPerZone);
    ZoneSummary small = new ZoneSummary(512, 60); // 31 entries a block
    assertEquals(2, small.blocksPerZone);
    assertTrue(small.blocksPerZone * small.entriesPerBlock >= small.dataBlocksPerZone);
  }

  @Test
  void encodeDecodeRoundTripsAndRejectsAnotherZoneOrAFlippedBit() {
    ZoneSummary s = new ZoneSummary(512, 60);
    long[] inos = new long[s.dataBlocksPerZone];
    long[] indexes = new long[s.dataBlocksPerZone];
    for (int i = 0; i < inos.length; i++) {
      inos[i] = 2 + i % 3;
      indexes[i] = 100 + i;
    }
    byte[] blocks = s.encode(7, inos, indexes, 512);
    ZoneSummary.Entries e = s.decode(7, blocks, 512);
    assertNotNull(e);
    assertArrayEquals(inos, e.inos());
    assertArrayEquals(indexes, e.indexes());
    assertNull(s.decode(8, blocks, 512), "a summary names its zone");
    blocks[512 + 40] ^= 1;
    assertNull(
        s.decode(7, blocks, 512), "the checksum catches a changed entry in the second block");
  }

  @Test
  void theSummaryOnDiskNamesTheOwnerOfEveryLiveDataBlock() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small());
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults())) {
      for (int round = 0; round < 6; round++) {
        for (int f = 0; f < 4; f++) {
          try (FileHandle h = fs.open("/f" + f, OpenMode.CREATE)) {
            h.write(
                (long) ((round * 7 + f * 3) % 40) * BLOCK,
                TestDevices.random(round * 10L + f, 90 * BLOCK + 17));
          }
        }
      }
      fs.sync();
      Volume v = fs.volume();
      int checked = 0;
      for (int f = 0; f < 4; f++) {
        Inode inode = v.inode(fs.stat("/f" + f).inode());
        for (long i = 0; i < inode.blockSlots(); i++) {
          long lba = inode.block(i);
          int z = v.geometry.zoneOf(lba);
          ZoneSummary.Entries e = v.readSummary(z, false);
          if (lba < 0 || e == null) {
            continue;
          }
          int off = (int) (lba - v.geometry.zoneStartLba(z));
          assertEquals(inode.ino, e.inos()[off], "owner of lba " + lba);
          assertEquals(i, e.indexes()[off], "block index of lba " + lba);
          checked++;
        }
      }
      assertTrue(checked > 300, "live blocks found in zones with a summary: " + checked);
      assertTrue(fs.check().ok(), fs.check().problems().toString());
    }
  }

  @Test
  void theCleanerReadsTheSummaryOfDataZones() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small()); // 16 MiB
    int size = 8 << 20;
    byte[] content = new byte[size];
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
        FileHandle h = fs.open("/half", OpenMode.CREATE)) {
      for (int pass = 0; pass < 4; pass++) {
        byte[] chunk = TestDevices.random(pass, 128 * 1024);
        for (int off = 0; off + chunk.length <= size; off += chunk.length) {
          chunk[0] = (byte) (off >> 17);
          h.write(off, chunk);
          System.arraycopy(chunk, 0, content, off, chunk.length);
        }
        h.fsync();
      }
      Volume v = fs.volume();
      assertTrue(fs.counters().cleaningPasses() > 0, "the workload needs cleaning");
      assertTrue(v.summaryReads() > 0, "the cleaner read no zone summary");
      assertArrayEquals(content, h.read(0, size));
      assertTrue(fs.check().ok(), fs.check().problems().toString());
    }
  }

  @Test
  void aTornSummaryIsIgnoredAtMountAndTheCleanerFallsBackToTheMaps() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small());
    FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
    Volume v = fs.volume();
    DeviceJournal journal = DeviceJournal.attach(dev);
    byte[] content = TestDevices.random(1, v.dataCapacity * BLOCK);
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, content); // fills one hot zone: its summary is appended
      h.fsync();
    }
    int at = summaryAppend(journal, v);
    DeviceJournal.Append summary = (DeviceJournal.Append) journal.entry(at);
    int zone = v.geometry.zoneOf(summary.firstLba());
    fs.close();
    ZnsDevice crashed = journal.replay(at);
    byte[] torn = summary.data().clone();
    Arrays.fill(torn, 512, BLOCK, (byte) 0); // only the first 512-byte sector reached the media
    crashed.write(summary.firstLba(), torn);
    for (int i = at + 1; i < journal.size(); i++) {
      journal.entry(i).applyTo(crashed);
    }
    try (FluffleFs again = FluffleFs.mount(crashed);
        FileHandle h = again.open("/f")) {
      Volume w = again.volume();
      assertNull(w.readSummary(zone, false), "a torn summary is not a summary");
      assertArrayEquals(content, h.read(0, content.length));
      assertTrue(again.check().ok(), again.check().problems().toString());
      h.write(
          0,
          TestDevices.random(2, BLOCK * (w.dataCapacity - 3))); // leaves 3 live blocks in the zone
      for (int pass = 0; pass < 10 && w.zones.valid(zone) > 0; pass++) {
        assertTrue(w.cleanPass(CleaningPolicy.GREEDY));
      }
      assertEquals(
          0, w.zones.valid(zone), "the cleaner moved the live blocks using the block maps");
      assertTrue(again.check().ok(), again.check().problems().toString());
    }
  }

  @Test
  void mountRefusesAValidSummaryThatNamesAnotherOwner() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small());
    FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
    Volume v = fs.volume();
    DeviceJournal journal = DeviceJournal.attach(dev);
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, TestDevices.random(7, v.dataCapacity * BLOCK));
      h.fsync();
    }
    long ino = fs.stat("/f").inode();
    int at = summaryAppend(journal, v);
    DeviceJournal.Append summary = (DeviceJournal.Append) journal.entry(at);
    int zone = v.geometry.zoneOf(summary.firstLba());
    fs.close();
    ZnsDevice wrong = journal.replay(at);
    long[] inos = Volume.filled(v.dataCapacity, ino);
    long[] indexes = Volume.sequence(v.dataCapacity, 0);
    indexes[3] = 4;
    indexes[4] = 3; // checksummed and well formed, but blocks 3 and 4 swapped
    wrong.write(summary.firstLba(), v.summary.encode(zone, inos, indexes, BLOCK));
    for (int i = at + 1; i < journal.size(); i++) {
      journal.entry(i).applyTo(wrong);
    }
    CorruptImageException e =
        assertThrows(CorruptImageException.class, () -> FluffleFs.mount(wrong));
    assertTrue(e.getMessage().contains("summary of zone " + zone), e.getMessage());
  }

  @Test
  void aSummaryMissingAfterACrashIsWrittenWhenTheLogMovesOn() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small());
    FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
    Volume v = fs.volume();
    DeviceJournal journal = DeviceJournal.attach(dev);
    byte[] content = TestDevices.random(3, (v.dataCapacity - 1) * BLOCK);
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, content);
      h.fsync();
      h.write(content.length, TestDevices.random(4, BLOCK)); // fills the zone: the summary follows
    }
    int at = summaryAppend(journal, v);
    int zone = v.geometry.zoneOf(((DeviceJournal.Append) journal.entry(at)).firstLba());
    fs.close();
    ZnsDevice crashed = journal.replay(at); // power cut just before the summary
    try (FluffleFs again = FluffleFs.mount(crashed);
        FileHandle h = again.open("/f")) {
      Volume w = again.volume();
      assertNull(w.readSummary(zone, false));
      assertArrayEquals(content, h.read(0, content.length));
      h.write(content.length, TestDevices.random(5, 2 * BLOCK)); // the hot log moves to a new zone
      ZoneSummary.Entries e = w.readSummary(zone, false);
      assertNotNull(e, "the log wrote the full zone's summary before leaving it");
      assertEquals(again.stat("/f").inode(), e.inos()[0]);
      assertEquals(0, e.indexes()[0]);
      assertTrue(again.check().ok(), again.check().problems().toString());
    }
  }

  @Test
  void checkReportsASummaryThatDisagreesWithTheBlockMaps() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small());
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
        FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      Volume v = fs.volume();
      h.write(
          0,
          TestDevices.random(
              6, (v.dataCapacity + 5) * BLOCK)); // one full zone, 5 blocks in the next
      assertTrue(fs.check().ok(), fs.check().problems().toString());
      Inode f = v.inode(fs.stat("/f").inode());
      // swap blocks 0 and 1 in the map: the usage table still balances, the sealed zone's summary
      // does not
      long first = f.block(0);
      f.setBlock(0, f.block(1));
      f.setBlock(1, first);
      CheckReport swapped = fs.check();
      assertTrue(
          swapped.problems().stream()
              .anyMatch(
                  p -> p.startsWith("the on-disk summary of zone " + v.geometry.zoneOf(first))),
          swapped.problems().toString());
      f.setBlock(1, f.block(0));
      f.setBlock(0, first);
      // the open hot log's summary, still in memory, is checked too
      long owner = v.hot.summaryInos[0];
      v.hot.summaryInos[0] = 999;
      CheckReport wrongOwner = fs.check();
      assertTrue(
          wrongOwner.problems().stream().anyMatch(p -> p.contains("the hot data log keeps")),
          wrongOwner.problems().toString());
      v.hot.summaryInos[0] = owner;
      assertTrue(fs.check().ok(), fs.check().problems().toString());
    }
  }

  /** The journal index of the first append of a zone summary block. */
  private static int summaryAppend(DeviceJournal journal, Volume v) {
    for (int i = 0; i < journal.size(); i++) {
      if (journal.entry(i) instanceof DeviceJournal.Append a
          && ByteBuffer.wrap(a.data()).order(ByteOrder.LITTLE_ENDIAN).getInt(0)
              == ZoneSummary.MAGIC) {
        return i;
      }
    }
    throw new AssertionError("no zone summary was appended: " + journal);
  }
}
