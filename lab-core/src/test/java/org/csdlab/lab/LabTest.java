package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.csdlab.zns.DeviceJournal;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZoneState;
import org.csdlab.zns.timing.TimingProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTest {

  @Test
  void createGivesAnInMemoryDriveWithTheTeachingProfile() {
    Lab lab = Lab.create();
    assertEquals(Geometry.defaults(), lab.device().geometry());
    assertEquals(TimingProfile.teaching(), lab.device().raw().timing());
    assertEquals(64, lab.device().zones().size());
    assertTrue(lab.device().zones().stream().allMatch(z -> z.state() == ZoneState.EMPTY));
    assertNull(lab.config().backendFile());
    assertEquals(
        "Lab[64 zones × 16.0 MiB (64 empty); teaching timing; core 1 G insn/s; in memory]",
        lab.toString());
  }

  @Test
  void builderSettingsReachTheDriveAndItsCore() {
    Geometry geometry = Geometry.builder().zoneCount(8).zoneSizeBlocks(32).build();
    Lab lab =
        Lab.builder()
            .geometry(geometry)
            .timing("tlc-zns")
            .coreInstructionsPerSecond(200_000_000L)
            .memoryBytes(64 * 1024)
            .fuel(5_000)
            .build();
    assertEquals(geometry, lab.device().geometry());
    assertEquals("tlc-zns", lab.device().raw().timing().name());
    assertEquals(200_000_000L, lab.csd().raw().coreInstructionsPerSecond());
    assertEquals(64 * 1024, lab.csd().raw().memoryBytes());
    assertEquals(5_000, lab.csd().raw().fuel());
    assertSame(lab.device().raw(), lab.csd().raw().device());
  }

  @Test
  void fuelLimitsProgramsOfTheWorkbench() {
    Lab lab = Lab.builder().fuel(10).build();
    var loop = lab.ebpf().assemble("r0 = 0\nloop:\nr0 += 1\nif r0 != 0 goto loop\nexit");
    var e = assertThrows(org.csdlab.ebpf.FuelExhaustedException.class, loop::run);
    assertTrue(e.getMessage().startsWith("out of fuel: 10 instructions executed"), e.getMessage());
    // the lab's own way, not the VM's Vm.builder(program).fuel(n), which a lab user never calls
    assertTrue(
        e.getMessage().endsWith("raise the limit with Lab.builder().fuel(n).build()"),
        e.getMessage());
    var onDrive = lab.csd().assemble("r0 = 0\nloop:\nif r0 == 0 goto loop\nexit");
    var f = assertThrows(org.csdlab.ebpf.FuelExhaustedException.class, onDrive::run);
    assertTrue(
        f.getMessage().endsWith("raise the limit with Lab.builder().fuel(n).build()"),
        f.getMessage());
  }

  @Test
  void badSettingsNameTheSetting() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Lab.builder().coreInstructionsPerSecond(0).build());
    assertTrue(e.getMessage().contains("coreInstructionsPerSecond"), e.getMessage());
    var f =
        assertThrows(IllegalArgumentException.class, () -> Lab.builder().timing("fast").build());
    assertTrue(f.getMessage().contains("teaching"), f.getMessage());
  }

  @Test
  void aLabOnABackendFileKeepsTheDriveAcrossLabs(@TempDir Path dir) {
    Path image = dir.resolve("drive.img");
    byte[] block = new byte[4096];
    block[0] = 42;
    LabConfig config;
    try (Lab lab = Lab.builder().geometry(Seeded.smallGeometry()).backendFile(image).build()) {
      lab.device().append(3, block);
      config = lab.config();
    }
    assertEquals(image.toString(), config.backendFile());
    try (Lab again = Lab.fromConfig(config)) {
      assertEquals(1, again.device().zone(3).writtenBlocks());
      assertArrayEquals(block, again.device().read(again.device().geometry().zoneStartLba(3), 1));
    }
  }

  @Test
  void configSavedAndLoadedMakesTheSameLab(@TempDir Path dir) {
    Lab lab =
        Lab.builder()
            .geometry(Seeded.smallGeometry())
            .timing(TimingProfile.tlcZns())
            .fuel(1234)
            .build();
    Path file = lab.config().save(dir.resolve("sub/lab.json"));
    LabConfig loaded = LabConfig.load(file);
    assertEquals(lab.config(), loaded);
    Lab again = Lab.fromConfig(loaded);
    assertEquals(Seeded.smallGeometry(), again.device().geometry());
    assertEquals(TimingProfile.tlcZns(), again.device().raw().timing());
    assertEquals(1234, again.csd().raw().fuel());
  }

  @Test
  void aLabOnAGivenDeviceMountsTheFilesystemItHolds() {
    Lab first = Lab.builder().geometry(Seeded.smallGeometry()).timing("tlc-zns").build();
    first.fs().write("/kept", "fsynced".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    DeviceJournal journal = DeviceJournal.attach(first.device().raw());
    first.fs().write("/later", new byte[100]);
    first.fs().append("/kept", "not synced".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    first.fs().powerCut();

    ZnsDevice replayed = journal.replay(0); // the drive as it was before /later
    Lab after = Lab.builder().device(replayed).memoryBytes(64 * 1024).build();
    assertSame(replayed, after.device().raw());
    assertEquals(Seeded.smallGeometry(), after.config().geometry());
    assertEquals(TimingProfile.tlcZns(), after.config().timing());
    assertEquals(64 * 1024, after.config().memoryBytes());
    assertNull(after.config().backendFile());
    assertTrue(
        after.toString().endsWith("; tlc-zns timing; core 1 G insn/s; a given drive]"),
        after.toString());
    assertEquals(
        "fsynced", new String(after.fs().read("/kept"), java.nio.charset.StandardCharsets.UTF_8));
    assertFalse(after.fs().exists("/later"));
    assertTrue(after.fs().check().ok(), after.fs().check().toString());
  }

  @Test
  void aGivenDeviceRefusesTheSettingsOfANewDrive() {
    ZnsDevice device = ZnsDevice.builder(Seeded.smallGeometry()).build();
    for (Lab.Builder b :
        java.util.List.of(
            Lab.builder().geometry(Seeded.smallGeometry()).device(device),
            Lab.builder().device(device).timing("instant"),
            Lab.builder().device(device).backendFile(Path.of("drive.img")))) {
      var e = assertThrows(IllegalStateException.class, b::build);
      assertEquals(
          "Lab.builder(): device(...) brings its own geometry and timing; geometry(...),"
              + " timing(...) and backendFile(...) describe a new drive and cannot be set with it",
          e.getMessage());
    }
    assertThrows(NullPointerException.class, () -> Lab.builder().device(null));
  }
}
