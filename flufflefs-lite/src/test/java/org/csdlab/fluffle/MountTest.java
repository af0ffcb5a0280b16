package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.zns.CommandKind;
import org.csdlab.zns.DeviceStats;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZoneAction;
import org.junit.jupiter.api.Test;

class MountTest {
  private final ZnsDevice dev = TestDevices.memory(TestDevices.small());

  @Test
  void cleanUnmountRestoresNamesContentsAndCounters() {
    byte[] data = TestDevices.random(5, 300_000);
    FsCounters counters;
    try (FluffleFs fs =
        FluffleFs.format(
            dev, FormatOptions.builder().cleaningPolicy(CleaningPolicy.GREEDY).build())) {
      fs.mkdir("/a");
      fs.mkdir("/a/b");
      try (FileHandle h = fs.open("/a/b/data", OpenMode.CREATE)) {
        h.write(0, data);
      }
      fs.create("/empty");
      counters = fs.counters();
    }
    try (FluffleFs fs = FluffleFs.mount(dev)) {
      assertEquals(List.of("a", "empty"), fs.list("/"));
      assertEquals(List.of("data"), fs.list("/a/b"));
      assertEquals(CleaningPolicy.GREEDY, fs.cleaningPolicy());
      try (FileHandle h = fs.open("/a/b/data")) {
        assertArrayEquals(data, h.read(0, data.length));
      }
      assertEquals(counters.hostBytesWritten(), fs.counters().hostBytesWritten());
      assertTrue(fs.counters().deviceBytesWritten() >= counters.deviceBytesWritten());
      assertTrue(fs.check().ok(), fs.check().problems().toString());
    }
    // mounting again and again gives the same state
    for (int i = 0; i < 3; i++) {
      try (FluffleFs fs = FluffleFs.mount(dev)) {
        assertEquals(300_000, fs.stat("/a/b/data").sizeBytes());
      }
    }
  }

  @Test
  void blankDeviceIsRefusedAndUntouched() {
    DeviceStats before = dev.stats();
    NotFluffleFsException e = assertThrows(NotFluffleFsException.class, () -> FluffleFs.mount(dev));
    assertTrue(e.getMessage().contains("format"), e.getMessage());
    assertNothingWritten(before);
  }

  @Test
  void otherDataIsRefusedAndUntouched() {
    dev.write(0, TestDevices.random(1, 4096));
    DeviceStats before = dev.stats();
    assertThrows(NotFluffleFsException.class, () -> FluffleFs.mount(dev));
    assertNothingWritten(before);
  }

  @Test
  void damagedSuperblockIsRefusedAndUntouched() {
    FluffleFs.format(dev, FormatOptions.defaults()).unmount();
    byte[] sb = dev.read(0, 1);
    sb[20] ^= 1; // the reserve field: the checksum no longer matches
    dev.manage(0, ZoneAction.RESET);
    dev.write(0, sb);
    DeviceStats before = dev.stats();
    CorruptImageException e = assertThrows(CorruptImageException.class, () -> FluffleFs.mount(dev));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertNothingWritten(before);
  }

  @Test
  void damagedCheckpointsAreRefusedAndUntouched() {
    FluffleFs.format(dev, FormatOptions.defaults()).unmount();
    for (int z = 1; z <= 2; z++) {
      dev.manage(z, ZoneAction.RESET);
      byte[] junk = dev.geometry().zoneCapacityBlocks() > 0 ? new byte[4096] : null;
      junk[0] = 'F';
      dev.append(dev.geometry().zoneStartLba(z), junk);
    }
    DeviceStats before = dev.stats();
    CorruptImageException e = assertThrows(CorruptImageException.class, () -> FluffleFs.mount(dev));
    assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
    assertNothingWritten(before);
  }

  @Test
  void aTornLatestCheckpointFallsBackToThePreviousOne() {
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults())) {
      fs.create("/kept");
    }
    // a torn pack after the good one: one block of a pack claiming to be longer
    int zone = latestCheckpointZone();
    byte[] torn = new byte[4096];
    java.nio.ByteBuffer.wrap(torn)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(Checkpoint.MAGIC_OFFSET, Checkpoint.MAGIC)
        .putInt(Checkpoint.VERSION_OFFSET, Checkpoint.VERSION)
        .putInt(Checkpoint.PACK_BLOCKS_OFFSET, 3);
    dev.append(dev.geometry().zoneStartLba(zone), torn);
    try (FluffleFs fs = FluffleFs.mount(dev)) {
      assertEquals(List.of("kept"), fs.list("/"));
      assertTrue(fs.check().ok());
    }
  }

  @Test
  void damagedInodeIsRefused() {
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults())) {
      fs.create("/f");
    }
    // a checkpoint pointing at an inode block that is not one: rewrite the latest pack's map entry
    FluffleFs fs = FluffleFs.mount(dev);
    fs.unmount();
    int zone = latestCheckpointZone();
    long start = dev.geometry().zoneStartLba(zone);
    Checkpoint cp = latestCheckpoint();
    long[] lbas = cp.inodeLbas().clone();
    lbas[lbas.length - 1] = lbas[0] - 1 >= 3 * 128 ? lbas[0] - 1 : lbas[0] + 1;
    Checkpoint bad =
        new Checkpoint(
            cp.seq() + 1,
            cp.nextMetaSeq(),
            cp.metaNextLba(),
            cp.metaZone(),
            cp.metaNextZone(),
            cp.hotZone(),
            cp.coldZone(),
            cp.nextIno(),
            cp.clock(),
            cp.counters(),
            cp.roles(),
            cp.valid(),
            cp.modified(),
            cp.inodeNumbers(),
            lbas);
    dev.append(start, bad.encode(4096));
    DeviceStats before = dev.stats();
    assertThrows(CorruptImageException.class, () -> FluffleFs.mount(dev));
    assertNothingWritten(before);
  }

  @Test
  void tooSmallDevicesAreRefusedAtFormat() {
    ZnsDevice small =
        TestDevices.memory(
            org.csdlab.zns.Geometry.builder()
                .zoneCount(8)
                .zoneSizeBlocks(64)
                .zoneCapacityBlocks(64)
                .blockSizeBytes(4096)
                .build());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FluffleFs.format(small, FormatOptions.defaults()));
    assertTrue(e.getMessage().contains("zones"), e.getMessage());
  }

  @Test
  void offlineZonesAreNeverUsed() {
    dev.faults().markOffline(5);
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
        FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      byte[] data = TestDevices.random(2, 4 * 1024 * 1024);
      for (int i = 0; i < 6; i++) {
        h.write(0, data);
      }
      assertArrayEquals(data, h.read(0, data.length));
      assertEquals(org.csdlab.zns.ZoneState.OFFLINE, dev.zone(5).state());
    }
    try (FluffleFs fs = FluffleFs.mount(dev)) {
      assertEquals(4 * 1024 * 1024, fs.stat("/f").sizeBytes());
    }
  }

  /** The latest pack in the latest checkpoint zone. */
  private Checkpoint latestCheckpoint() {
    int zone = latestCheckpointZone();
    byte[] area = dev.read(dev.geometry().zoneStartLba(zone), (int) dev.zone(zone).writtenBlocks());
    int last = 0;
    for (int from = 0; from < area.length; ) {
      int n = Checkpoint.packBlocksAt(area, from, 4096);
      if (n > 0) {
        last = from;
      }
      from += Math.max(1, n) * 4096;
    }
    return Checkpoint.decode(area, last, dev.geometry().zoneCount(), 4096);
  }

  @Test
  void theSuperblockIsAtLbaZeroSoNoFileBlockEverIs() {
    // kernels see a hole as LBA 0 (FluffleFS's mark): that is sound only if no data lands there
    for (org.csdlab.zns.Geometry g :
        List.of(
            TestDevices.small(),
            TestDevices.tiny512(),
            org.csdlab.zns.Geometry.builder()
                .zoneCount(16)
                .zoneSizeBlocks(64)
                .zoneCapacityBlocks(40)
                .blockSizeBytes(4096)
                .build())) {
      ZnsDevice device = TestDevices.memory(g);
      try (FluffleFs fs = FluffleFs.format(device, FormatOptions.defaults())) {
        assertTrue(Superblock.hasMagic(device.read(0, 1)), g + ": block 0 is the superblock");
        assertEquals(org.csdlab.zns.ZoneState.FULL, device.zone(0).state(), g.toString());
        int block = g.blockSizeBytes();
        for (int round = 0; round < 12; round++) {
          try (FileHandle h = fs.open("/f" + round % 3, OpenMode.CREATE)) {
            h.write((long) round * block / 2, TestDevices.random(round, 3 * block + 7));
          }
          fs.clean(CleaningPolicy.GREEDY);
          for (int f = 0; f < 3 && f <= round; f++) {
            List<Long> lbas = fs.layout("/f" + f).lbaOfBlock();
            assertTrue(!lbas.contains(0L), g + ", round " + round + ", /f" + f + ": " + lbas);
          }
        }
        assertEquals(ZoneTable.Role.SYSTEM, fs.volume().zones.role(0), "no log ever takes zone 0");
        assertEquals(org.csdlab.zns.ZoneState.FULL, device.zone(0).state(), "never reset");
        assertTrue(Superblock.hasMagic(device.read(0, 1)), "never rewritten");
      }
    }
  }

  @Test
  void formatRefusesADeviceWhoseZoneZeroIsNotWritable() {
    dev.faults().markOffline(0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FluffleFs.format(dev, FormatOptions.defaults()));
    assertEquals(
        "cannot format: zone 0 is OFFLINE and flufflefs-lite needs zones 0 to 2 writable",
        e.getMessage());
  }

  @Test
  void aBlockMapPointingAtLbaZeroIsRefusedAtMount() {
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults());
        FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, TestDevices.random(1, 4096));
    }
    Checkpoint cp = latestCheckpoint();
    long ino = cp.inodeNumbers()[cp.inodeNumbers().length - 1];
    long inodeLba = cp.inodeLbas()[cp.inodeLbas().length - 1];
    // rewrite the inode's zone with its first block pointer at LBA 0, checksum renewed
    int zone = dev.geometry().zoneOf(inodeLba);
    long start = dev.geometry().zoneStartLba(zone);
    byte[] area = dev.read(start, (int) dev.zone(zone).writtenBlocks());
    byte[] inode =
        java.util.Arrays.copyOfRange(
            area, (int) (inodeLba - start) * 4096, (int) (inodeLba - start + 1) * 4096);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(inode).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertEquals(ino, b.getLong(NodeBlock.INO_OFFSET));
    b.putLong(NodeBlock.POINTERS_OFFSET, 0);
    NodeBlock.seal(
        inode,
        b.get(NodeBlock.FLAGS_OFFSET),
        b.getLong(NodeBlock.SEQ_OFFSET),
        b.getInt(NodeBlock.NEXT_ZONE_OFFSET));
    System.arraycopy(inode, 0, area, (int) (inodeLba - start) * 4096, 4096);
    dev.manage(zone, ZoneAction.RESET);
    dev.append(start, area);
    DeviceStats before = dev.stats();
    CorruptImageException e = assertThrows(CorruptImageException.class, () -> FluffleFs.mount(dev));
    assertEquals(
        "a block of inode " + ino + " points at lba 0, outside the data zones", e.getMessage());
    assertNothingWritten(before);
  }

  private int latestCheckpointZone() {
    // the zone written last is the one not Full or, if both hold packs, the current one (closed)
    return dev.zone(2).writtenBlocks() > 0 && dev.zone(2).state() != org.csdlab.zns.ZoneState.FULL
        ? 2
        : 1;
  }

  private void assertNothingWritten(DeviceStats before) {
    DeviceStats after = dev.stats();
    for (CommandKind k :
        List.of(CommandKind.WRITE, CommandKind.APPEND, CommandKind.ZONE_MANAGEMENT_SEND)) {
      assertEquals(
          before.commands(k), after.commands(k), k + " commands issued by a refused mount");
    }
  }
}
