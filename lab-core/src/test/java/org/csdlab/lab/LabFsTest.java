package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.csdlab.fluffle.CleaningPass;
import org.csdlab.fluffle.CleaningPolicy;
import org.csdlab.fluffle.FileType;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.fluffle.NoSpaceException;
import org.csdlab.fluffle.NoSuchPathException;
import org.csdlab.fluffle.ZoneUse;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.DatasetInFs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every call of {@code lab.fs()}: what it does to the files, and how it refuses. */
class LabFsTest {
  private static final int BLOCK = 4096;
  private final Lab lab = Seeded.smallLab();

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void firstUseFormatsABlankDriveAndEveryPathCallWorksOneDotAway() {
    LabFs fs = lab.fs();
    assertTrue(fs.isMounted());
    assertEquals(List.of(), fs.list("/"));

    fs.mkdir("/data");
    LabFile a = fs.write("/data/a.txt", text("hello"));
    assertEquals("/data/a.txt", a.path());
    assertEquals(5, fs.append("/data/a.txt", text(" world")));
    assertEquals("hello world", new String(fs.read("/data/a.txt"), StandardCharsets.UTF_8));
    assertEquals("world", new String(fs.read("/data/a.txt", 6, 100), StandardCharsets.UTF_8));

    fs.write("/data/a.txt", 2 * BLOCK, text("!"));
    assertEquals(2 * BLOCK + 1, fs.stat("/data/a.txt").sizeBytes());
    assertArrayEquals(new byte[4], fs.read("/data/a.txt", BLOCK, 4), "a gap reads as zeros");
    assertEquals(1, fs.layout("/data/a.txt").holeBlocks(), "block 1 was never written");

    fs.truncate("/data/a.txt", 5);
    assertEquals("hello", new String(fs.read("/data/a.txt"), StandardCharsets.UTF_8));
    assertEquals(0, fs.create("/data/empty").sizeBytes());

    LabFile b = fs.rename("/data/a.txt", "/b.txt");
    assertEquals("/b.txt", b.path());
    assertFalse(fs.exists("/data/a.txt"));
    assertEquals(List.of("b.txt", "data"), fs.list("/"));
    assertEquals(FileType.FILE, fs.stat("/b.txt").type());
    assertTrue(fs.stat("/data").isDirectory());

    fs.fsync("/b.txt").sync();
    fs.unlink("/data/empty").rmdir("/data");
    assertEquals(List.of("b.txt"), fs.list("/"));

    var space = fs.statfs();
    assertEquals(BLOCK, space.blockSizeBytes());
    assertTrue(space.usedBytes() > 0 && space.usedBytes() <= space.totalBytes(), space.toString());
    assertTrue(fs.check().ok(), fs.check().toString());
  }

  @Test
  void refusalsNameTheCallAndThePathCarryTheKindAndChangeNothing() {
    LabFs fs = lab.fs();
    fs.write("/a", text("x"));

    LabFsException missing = assertThrows(LabFsException.class, () -> fs.read("/nope"));
    assertEquals("fs.read(\"/nope\"): no such file or directory: /nope", missing.getMessage());
    assertEquals("read", missing.operation());
    assertEquals("/nope", missing.path());
    assertEquals(LabFsException.Kind.NO_SUCH_PATH, missing.kind());
    assertInstanceOf(NoSuchPathException.class, missing.getCause());

    LabFsException exists = assertThrows(LabFsException.class, () -> fs.mkdir("/a"));
    assertEquals(LabFsException.Kind.EXISTS, exists.kind());
    assertTrue(exists.getMessage().startsWith("fs.mkdir(\"/a\"): "), exists.getMessage());

    LabFsException notDir = assertThrows(LabFsException.class, () -> fs.create("/a/b"));
    assertEquals(LabFsException.Kind.NOT_A_DIRECTORY, notDir.kind());

    fs.mkdir("/d");
    fs.create("/d/x");
    assertEquals(
        LabFsException.Kind.NOT_EMPTY,
        assertThrows(LabFsException.class, () -> fs.rmdir("/d")).kind());
    assertEquals(
        LabFsException.Kind.INVALID_PATH,
        assertThrows(LabFsException.class, () -> fs.create("relative")).kind());
    LabFsException negative =
        assertThrows(LabFsException.class, () -> fs.write("/a", -1, text("y")));
    assertEquals(LabFsException.Kind.BAD_ARGUMENT, negative.kind());
    assertEquals("fs.write(\"/a\"): offset must be >= 0, was -1", negative.getMessage());

    assertEquals("x", new String(fs.read("/a"), StandardCharsets.UTF_8), "nothing changed");
    assertEquals(List.of("a", "d"), fs.list("/"));
  }

  @Test
  void aFullFilesystemRefusesWithNoSpaceAndDeletingLetsWritesResume() {
    LabFs fs = lab.fs();
    long total = fs.statfs().totalBytes();
    fs.write("/big", new byte[(int) (total / 2)]);
    LabFsException full =
        assertThrows(LabFsException.class, () -> fs.write("/big2", new byte[(int) (total / 2)]));
    assertEquals(LabFsException.Kind.NO_SPACE, full.kind());
    assertInstanceOf(NoSpaceException.class, full.getCause());
    assertTrue(
        full.getMessage().startsWith("fs.write(\"/big2\"): no space left"), full.getMessage());
    assertFalse(fs.exists("/big2"), "a refused write creates nothing");
    LabFsException replacing =
        assertThrows(LabFsException.class, () -> fs.write("/big", new byte[(int) total]));
    assertEquals(LabFsException.Kind.NO_SPACE, replacing.kind());
    assertEquals(total / 2, fs.stat("/big").sizeBytes(), "a refused replacement keeps the file");

    fs.unlink("/big");
    fs.write("/big2", new byte[(int) (total / 2)]);
    assertEquals(total / 2, fs.stat("/big2").sizeBytes());
    assertTrue(fs.check().ok());
  }

  @Test
  void aDriveHoldingRawZonesIsNotFormattedBehindTheUsersBack() {
    lab.device().append(5, new byte[BLOCK]);
    LabFsException e = assertThrows(LabFsException.class, lab::fs);
    assertEquals(LabFsException.Kind.NOT_A_FILESYSTEM, e.kind());
    assertTrue(
        e.getMessage().contains("the drive holds data in 1 zone (first zone 5)"), e.getMessage());
    assertTrue(e.getMessage().contains("lab.formatFs()"), e.getMessage());
    assertEquals(1, lab.device().zone(5).writtenBlocks(), "the raw data is untouched");

    LabFs fs = lab.formatFs();
    assertEquals(List.of(), fs.list("/"));
    assertEquals(0, lab.device().zone(5).writtenBlocks(), "formatting reset every zone");
    assertTrue(lab.fs() == fs);
  }

  @Test
  void rawZoneLessonsAndFilesShareOneDriveWhenTheFilesystemTakesTheFirstZones() {
    var readings = lab.datasets().u32Readings(512, ByteUnit.KiB).seed(7).writeToZones(14);
    LabFs fs = lab.fs(12);
    assertEquals(12, fs.zoneCount());
    fs.write("/a", Seeded.filled(20 * BLOCK, 3));
    for (int i = 0; i < 20; i++) {
      fs.write("/hot", Seeded.filled(30 * BLOCK, i)); // cleaning on zones 0 to 11 only
    }
    byte[] bytes = lab.datasets().u32Readings(512, ByteUnit.KiB).seed(7).bytes();
    assertEquals(
        Seeded.countAbove(bytes, Lab.RAND_MAX / 2),
        lab.host().countU32Above(readings, Lab.RAND_MAX / 2).value(),
        "the dataset in zones 14 and 15 is intact");
    FsZoneMap zones = fs.zones();
    assertEquals(4, zones.counts().get(ZoneUse.Kind.NOT_IN_FILESYSTEM));
    assertTrue(zones.toString().contains(", 4 raw; "), zones.toString());
    assertTrue(lab.fs() == fs);
    LabFsException other = assertThrows(LabFsException.class, () -> lab.fs(10));
    assertEquals(
        "fs.mount(): the lab's filesystem is on zones 0 to 11, not on zones 0 to 9;"
            + " lab.formatFs(FormatOptions.builder().zoneCount(10).build()) starts again",
        other.getMessage());
    assertThrows(IllegalArgumentException.class, () -> lab.fs(17));
    assertTrue(fs.check().ok());
  }

  @Test
  void aPowerCutKeepsWhatWasSyncedAndLosesTheRestUntilRemount() {
    LabFs fs = lab.fs();
    fs.write("/durable", text("fsynced")); // whole-file writes fsync
    fs.sync();
    fs.append("/durable", text(" and more")); // not synced
    fs.write("/lost", 0, text("never synced"));

    fs.powerCut();
    assertFalse(fs.isMounted());
    LabFsException cut = assertThrows(LabFsException.class, () -> fs.read("/durable"));
    assertEquals(LabFsException.Kind.NOT_MOUNTED, cut.kind());
    assertEquals(
        "fs.read(\"/durable\"): the power was cut (fs.powerCut()); fs.remount() recovers what was"
            + " synced",
        cut.getMessage());
    assertTrue(fs.toString().contains("not mounted (power cut)"), fs.toString());

    fs.remount();
    assertTrue(fs.isMounted());
    assertEquals("fsynced", new String(fs.read("/durable"), StandardCharsets.UTF_8));
    assertFalse(fs.exists("/lost"), "a file created after the last checkpoint and never synced");
    assertTrue(fs.check().ok());
  }

  @Test
  void aPowerCutDuringAWriterThreadsWorkloadStopsItAndRecoveryKeepsEveryFsyncedAppend()
      throws Exception {
    LabFs fs = lab.fs();
    fs.write("/log", new byte[0]);
    AtomicLong fsyncedBytes = new AtomicLong();
    CountDownLatch going = new CountDownLatch(20);
    AtomicReference<LabFsException> stopped = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int i = 0; ; i++) {
                  fs.append("/log", Seeded.filled(BLOCK, i));
                  fs.fsync("/log");
                  fsyncedBytes.set((long) (i + 1) * BLOCK);
                  going.countDown();
                }
              } catch (LabFsException e) {
                stopped.set(e);
              }
            });
    writer.start();
    going.await();
    fs.powerCut();
    writer.join(10_000);
    assertFalse(writer.isAlive());
    assertEquals(LabFsException.Kind.NOT_MOUNTED, stopped.get().kind(), stopped.get().getMessage());
    assertTrue(stopped.get().getMessage().contains("fs.remount()"), stopped.get().getMessage());

    fs.remount();
    long size = fs.stat("/log").sizeBytes();
    assertTrue(
        size >= fsyncedBytes.get(), size + " bytes survived, " + fsyncedBytes.get() + " fsynced");
    byte[] log = fs.read("/log");
    for (int i = 0; i < size / BLOCK; i++) {
      assertEquals((byte) i, log[i * BLOCK], "block " + i + " holds what was appended to it");
    }
    assertTrue(fs.check().ok());
  }

  @Test
  void kernelsComeAsTheLabsOtherKernelObjectsAndAFailingOneIsALabError() {
    LabFs fs = lab.fs();
    byte[] data = Seeded.readings(8 * BLOCK / 4, 5);
    fs.write("/r", data);
    long expected = Seeded.countAbove(data, Lab.RAND_MAX / 2);
    EbpfProgram fromElf = lab.ebpf().load(LabEbpfTest.PROGRAMS.resolve("flfs_count_u32.o"));
    try (LabHandle h = fs.file("/r").offload(fromElf)) {
      assertEquals(expected, h.run().value(), "a lab.ebpf() program from an ELF object");
    }
    try (LabHandle h = fs.file("/r").onWrite(lab.ebpf().assemble("ok", "r0 = 0\nexit"))) {
      h.append(new byte[BLOCK]);
      assertEquals(0, h.lastRun().r0(), "an assembled lab.ebpf() program ran after the write");
    }
    try (LabHandle h = fs.file("/r").onWrite(lab.ebpf().assemble("eio", "r0 = -5\nexit"))) {
      LabFsException failed = assertThrows(LabFsException.class, () -> h.append(new byte[BLOCK]));
      assertEquals(LabFsException.Kind.KERNEL, failed.kind());
      assertEquals("append", failed.operation());
      assertTrue(failed.getMessage().startsWith("fs.append(\"/r\"): "), failed.getMessage());
      assertTrue(failed.getMessage().contains("returned error -5 (EIO)"), failed.getMessage());
    }
    assertEquals(10 * BLOCK, fs.stat("/r").sizeBytes(), "the writes happened, as the FS says");
  }

  @Test
  void aLabOnABackendFileMountsItsFilesystemAgain(@TempDir Path dir) {
    Path image = dir.resolve("drive.img");
    try (Lab first = Lab.builder().geometry(Seeded.smallGeometry()).backendFile(image).build()) {
      first.fs().mkdir("/kept").write("/kept/a", text("on the image"));
    }
    try (Lab again = Lab.builder().geometry(Seeded.smallGeometry()).backendFile(image).build()) {
      assertEquals("on the image", new String(again.fs().read("/kept/a"), StandardCharsets.UTF_8));
    }
  }

  @Test
  void cleaningReclaimsDeadBlocksRecordsEachPassAndRaisesWriteAmplification() {
    LabFs fs = lab.formatFs(FormatOptions.builder().cleaningPolicy(CleaningPolicy.GREEDY).build());
    assertEquals(CleaningPolicy.GREEDY, fs.cleaningPolicy());
    fs.write("/hot", new byte[40 * BLOCK]);
    fs.write("/cold", Seeded.filled(120 * BLOCK, 7));
    for (int round = 0; round < 12; round++) {
      fs.write("/hot", 0, Seeded.filled(40 * BLOCK, round)); // each round leaves 40 dead blocks
    }
    fs.sync();
    assertTrue(fs.zones().deadBlocks() > 0, fs.zones().toString());
    long passesBefore = fs.counters().cleaningPasses();
    boolean cleaned = fs.clean();
    List<CleaningPass> passes = fs.cleaner().passes();
    assertEquals(fs.counters().cleaningPasses(), passes.size(), "every pass of this mount listed");
    assertTrue(passes.size() > 0, "12 rewrites of 40 blocks on zones of 63 data blocks clean");
    assertTrue(cleaned, "sealed zones of /hot's old versions held dead blocks");
    CleaningPass last = passes.get(passes.size() - 1);
    assertEquals(passesBefore + 1, last.number());
    assertEquals(CleaningPolicy.GREEDY, last.policy());
    assertFalse(last.zonesFreed().isEmpty());
    assertTrue(fs.writeAmplification() > 1.0, "metadata and moves: " + fs.writeAmplification());
    assertEquals(fs.counters().writeAmplification(), fs.cleaner().writeAmplification());
    assertArrayEquals(Seeded.filled(40 * BLOCK, 11), fs.read("/hot"));
    assertArrayEquals(Seeded.filled(120 * BLOCK, 7), fs.read("/cold"));
    assertTrue(fs.check().ok(), fs.check().toString());
  }

  @Test
  void theZoneMapAccountsForEveryLiveBlockAndMarksTheLogs() {
    LabFs fs = lab.fs();
    fs.write("/a", new byte[10 * BLOCK]);
    FsZoneMap zones = fs.zones();
    assertEquals(16, zones.zones().size());
    assertEquals(ZoneUse.Kind.SUPERBLOCK, zones.zone(0).kind());
    assertEquals(1, zones.counts().get(ZoneUse.Kind.CHECKPOINT));
    assertEquals(1, zones.counts().get(ZoneUse.Kind.HOT_LOG));
    assertEquals(1, zones.counts().get(ZoneUse.Kind.METADATA_LOG));
    assertEquals(fs.statfs().usedBytes() / BLOCK, zones.liveBlocks());
    FileMap map = fs.layout("/a");
    assertEquals(1, map.runs().size());
    assertEquals("hot", map.runs().get(0).log());
    assertEquals(10, map.runs().get(0).blocks());
    assertEquals(ZoneUse.Kind.HOT_LOG, zones.zone(map.runs().get(0).zone()).kind());
    assertEquals(
        lab.device().geometry().zoneOf(map.runs().get(0).firstLba()), map.runs().get(0).zone());
  }

  @Test
  void aDatasetWrittenIntoAFileCountsTheSameOnTheHostAndOffloaded() {
    LabFs fs = lab.fs();
    DatasetInFs written =
        lab.datasets().u32Readings(256, ByteUnit.KiB).seed(7).writeTo(fs, "/readings.bin");
    assertEquals("/readings.bin", written.path());
    assertEquals(256 * 1024, fs.stat("/readings.bin").sizeBytes());
    byte[] bytes = lab.datasets().u32Readings(256, ByteUnit.KiB).seed(7).bytes();
    assertArrayEquals(bytes, fs.read("/readings.bin"));
    assertEquals(lab.datasets().u32Readings(256, ByteUnit.KiB).seed(7).sha256(), written.sha256());

    LabFile file = fs.file("/readings.bin");
    long expected = Seeded.countAbove(bytes, Lab.RAND_MAX / 2);
    HostRun onHost = lab.host().countU32Above(file, Lab.RAND_MAX / 2);
    assertEquals(expected, onHost.value());
    assertEquals(256 * 1024, onHost.hostBytes(), "every block over the host link");
    assertTrue(onHost.modeledNanos() > 0);
    assertEquals("host countU32Above(0x3fffffff) of /readings.bin", onHost.label());

    Kernel count = lab.csd().load(LabEbpfTest.PROGRAMS.resolve("flfs_count_u32.o"));
    try (LabHandle h = file.offload(count)) {
      CsdRun onDrive = h.run();
      assertEquals(expected, onDrive.value());
      assertEquals(8, onDrive.hostBytes(), "only the count crosses the link");
      assertEquals(256 * 1024, onDrive.mediaBytesRead());
      Comparison comparison = lab.compare(onHost, onDrive);
      assertTrue(comparison.sameAnswer());
      assertEquals(256 * 1024 / 8.0, comparison.hostBytesRatio());
    }
  }

  @Test
  void aKernelBoundThroughTheLabReportsItsNameAsTheAttributeValue() {
    LabFs fs = lab.fs();
    fs.write("/r", Seeded.readings(4 * BLOCK / 4, 3));
    Kernel count = lab.csd().load(LabEbpfTest.PROGRAMS.resolve("flfs_count_u32.o"));
    try (LabHandle h = fs.file("/r").offload(count)) {
      assertEquals(
          count.name(),
          new String(
              fs.raw().getxattr("/r", "user.process.csd_read_stream"), StandardCharsets.UTF_8));
    }
    try (LabHandle h = fs.file("/r").onWrite(count)) {
      assertEquals(
          count.name(),
          new String(
              fs.raw().getxattr("/r", "user.process.csd_write_event"), StandardCharsets.UTF_8));
    }
  }

  @Test
  void anOffloadedKernelSeesTheFileAsItWasWhenBoundWhileWritersGoOn() {
    LabFs fs = lab.fs();
    byte[] old = Seeded.readings(100 * BLOCK / 4, 3);
    fs.write("/r", old);
    LabFile file = fs.file("/r");
    try (LabHandle h = file.offload(LabEbpfTest.PROGRAMS.resolve("flfs_count_u32.o"))) {
      fs.write("/r", 0, Seeded.filled(100 * BLOCK, 0xFF)); // every value now above the threshold
      fs.truncate("/r", 10 * BLOCK);
      assertEquals(Seeded.countAbove(old, Lab.RAND_MAX / 2), h.run().value());
      assertEquals(100 * BLOCK, h.snapshotSizeBytes());
      assertEquals(100 * BLOCK, h.sizeBytes(), "the handle sees its snapshot's size");
      assertEquals(100 * BLOCK, h.stat().sizeBytes(), "and its stat");
      assertEquals(10 * BLOCK, fs.stat("/r").sizeBytes(), "the path shows the live file");
      assertEquals(10 * BLOCK, file.sizeBytes());
      SnapshotPin pin = h.pin();
      assertFalse(pin.pinnedZones().isEmpty());
      assertTrue(fs.zones().zone(pin.pinnedZones().keySet().iterator().next()).pinned());
    }
    try (LabHandle fresh = file.offload(LabEbpfTest.PROGRAMS.resolve("flfs_count_u32.o"))) {
      assertEquals(10 * BLOCK / 4, fresh.run().value(), "a fresh handle sees the new data");
    }
    assertTrue(fs.zones().zones().stream().noneMatch(ZoneUse::pinned), "closing released the pin");
  }

  @Test
  void aWriteEventKernelRunsOnTheBlocksEachWriteStored() {
    LabFs fs = lab.fs();
    fs.create("/log");
    byte[] chunk = Seeded.readings(BLOCK / 4, 9);
    try (LabHandle h =
        fs.file("/log").onWrite(lab.csd().load(LabEbpfTest.PROGRAMS.resolve("flfs_count_u32.o")))) {
      assertNull(h.lastRun());
      h.append(chunk);
      assertEquals(Seeded.countAbove(chunk, Lab.RAND_MAX / 2), h.lastRun().value());
      LabFsException notReadStream = assertThrows(LabFsException.class, h::run);
      assertEquals(
          "fs.run(\"/log\"): no read-stream kernel is bound to this handle; bind one with"
              + " file.offload(kernel)",
          notReadStream.getMessage());
    }
  }

  @Test
  void aSnapshotReadsTheOldVersionAndHoldsItsZonesBackFromTheCleaner() {
    LabFs fs = lab.fs();
    fs.write(
        "/a",
        Seeded.filled(100 * BLOCK, 1)); // fills one data zone (63 blocks) and part of the next
    try (SnapshotPin pin = fs.snapshot("/a")) {
      fs.write("/a", 0, Seeded.filled(100 * BLOCK, 2));
      fs.sync();
      assertArrayEquals(Seeded.filled(16, 1), pin.read(0, 16));
      assertArrayEquals(Seeded.filled(16, 2), fs.read("/a", 0, 16));
      List<Integer> held = pin.heldBack();
      assertFalse(held.isEmpty(), "the sealed zone of the old version has dead blocks: " + pin);
      while (fs.clean(CleaningPolicy.GREEDY)) {
        // clean all that may be cleaned
      }
      for (int zone : held) {
        assertTrue(fs.zones().zone(zone).pinned(), "zone " + zone + " is left alone");
      }
      assertTrue(pin.toString().contains("holds back zone"), pin.toString());
    }
    assertTrue(fs.check().ok());
  }
}
