package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

/**
 * What the filesystem tells pictures of itself: each zone's role and live, dead and free blocks,
 * the cleaning passes, a read-stream handle's snapshot, and a detach that writes nothing.
 */
class ZoneUseTest {
  private final ZnsDevice device = TestDevices.memory(TestDevices.small());
  private final FluffleFs fs = FluffleFs.format(device);
  private final int block = fs.blockSizeBytes();

  private static long sum(List<ZoneUse> zones, java.util.function.ToIntFunction<ZoneUse> f) {
    return zones.stream().mapToLong(f::applyAsInt).sum();
  }

  @Test
  void zoneUsesNameEveryRoleAndAccountForEveryLiveBlock() {
    try (FileHandle h = fs.open("/a", OpenMode.CREATE)) {
      h.write(0, new byte[3 * block]);
      h.write(0, new byte[block]); // block 0 again: one dead block
    }
    fs.sync(); // statfs counts the blocks promised to changes not yet checkpointed as used
    List<ZoneUse> zones = fs.zoneUses();
    assertEquals(device.geometry().zoneCount(), zones.size());
    assertEquals(ZoneUse.Kind.SUPERBLOCK, zones.get(0).kind());
    assertEquals(1, zones.stream().filter(z -> z.kind() == ZoneUse.Kind.CHECKPOINT).count());
    assertEquals(1, zones.stream().filter(z -> z.kind() == ZoneUse.Kind.CHECKPOINT_SPARE).count());
    assertEquals(1, zones.stream().filter(z -> z.kind() == ZoneUse.Kind.METADATA_LOG).count());
    assertEquals(1, zones.stream().filter(z -> z.kind() == ZoneUse.Kind.METADATA_NEXT).count());
    ZoneUse hot = zones.stream().filter(z -> z.kind() == ZoneUse.Kind.HOT_LOG).findFirst().get();
    assertEquals(4, hot.writtenBlocks());
    assertEquals(3, hot.liveBlocks());
    assertEquals(1, hot.deadBlocks());
    assertEquals(hot.capacityBlocks() - 4, hot.freeBlocks());
    long liveOutsideSystemZones =
        sum(zones.subList(Volume.SYSTEM_ZONES, zones.size()), ZoneUse::liveBlocks);
    assertEquals(fs.statfs().usedBytes() / block, liveOutsideSystemZones);
  }

  @Test
  void everyCleaningPassIsListedWithItsPolicyFreedZonesAndMoves() {
    assertEquals(List.of(), fs.cleaningPasses());
    int zoneBlocks = (int) device.geometry().zoneCapacityBlocks();
    try (FileHandle h = fs.open("/a", OpenMode.CREATE)) {
      h.write(0, new byte[2 * zoneBlocks * block]);
      h.write(0, new byte[zoneBlocks / 2 * block]); // half of the first data zone is dead
      fs.sync();
    }
    assertTrue(fs.clean(CleaningPolicy.GREEDY));
    List<CleaningPass> passes = fs.cleaningPasses();
    assertEquals(fs.counters().cleaningPasses(), passes.size());
    CleaningPass last = passes.get(passes.size() - 1);
    assertEquals(passes.size(), last.number());
    assertEquals(CleaningPolicy.GREEDY, last.policy());
    assertFalse(last.zonesFreed().isEmpty());
    for (int zone : last.zonesFreed()) {
      assertEquals(ZoneUse.Kind.FREE, fs.zoneUses().get(zone).kind());
    }
    assertTrue(last.blocksMoved() > 0, "the live half was moved");
    assertEquals(fs.counters(), last.after());
    assertEquals(fs.counters().writeAmplification(), last.writeAmplification());
  }

  @Test
  void aReadStreamHandleKnowsTheLayoutOfItsSnapshotAndAPlainHandleHasNone() throws Exception {
    try (FileHandle h = fs.open("/a", OpenMode.CREATE)) {
      h.write(0, new byte[2 * block]);
      assertNull(h.readStreamLayout());
    }
    byte[] elf =
        java.nio.file.Files.readAllBytes(
            java.nio.file.Path.of("..", "tutorials", "programs", "flfs_count_u32.o"));
    try (FileHandle bound =
        fs.file("/a").offload(org.csdlab.ebpf.elf.ElfObject.parse(elf).program(".text"))) {
      try (FileHandle writer = fs.open("/a")) {
        writer.write(0, new byte[5 * block]);
      }
      assertEquals(2 * block, bound.readStreamLayout().sizeBytes());
      assertEquals(2, bound.readStreamLayout().blockCount());
    }
  }

  @Test
  void abandonDetachesWithoutWritingSoOnlyWhatWasSyncedSurvives() {
    fs.create("/synced");
    fs.sync();
    fs.create("/unsynced");
    long writesBefore =
        device.stats().commands(org.csdlab.zns.CommandKind.WRITE)
            + device.stats().commands(org.csdlab.zns.CommandKind.APPEND);
    fs.abandon();
    assertEquals(
        writesBefore,
        device.stats().commands(org.csdlab.zns.CommandKind.WRITE)
            + device.stats().commands(org.csdlab.zns.CommandKind.APPEND),
        "nothing was written");
    assertFalse(fs.isMounted());
    assertThrows(FsException.class, () -> fs.list("/"));
    fs.abandon(); // twice does nothing
    FluffleFs again = FluffleFs.mount(device);
    assertEquals(List.of("synced"), again.list("/"));
  }
}
