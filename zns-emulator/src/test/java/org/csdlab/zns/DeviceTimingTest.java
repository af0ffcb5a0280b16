package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.zns.timing.TimingModel;
import org.csdlab.zns.timing.TimingProfile;
import org.junit.jupiter.api.Test;

/** The device drives its modeled clock: exact modeled times, determinism, refused commands free. */
class DeviceTimingTest {
  /** 4 zones of 64 blocks of 4 KiB (256 KiB zones), no resource limits in the way. */
  private static final Geometry GEOMETRY =
      Geometry.builder()
          .zoneCount(4)
          .zoneSizeBlocks(64)
          .zoneCapacityBlocks(64)
          .blockSizeBytes(4096)
          .maxOpenZones(4)
          .maxActiveZones(4)
          .build();

  private static final int BLOCK = 4096;

  private static ZnsDevice device(TimingProfile profile) {
    return ZnsDevice.builder(GEOMETRY).timing(profile).build();
  }

  private static long zoneStart(int zone) {
    return GEOMETRY.zoneStartLba(zone);
  }

  @Test
  void theDefaultProfileIsInstant() {
    ZnsDevice dev = ZnsDevice.builder(GEOMETRY).build();
    assertEquals("instant", dev.timing().name());
    dev.append(zoneStart(0), new byte[8 * BLOCK]);
    dev.read(0, 8);
    dev.manage(0, ZoneAction.RESET);
    assertEquals(0, dev.modeledNanos());
    assertEquals(0, dev.lastCommandNanos());
    assertEquals(0, dev.stats().modeledBusyNanos());
  }

  /** The numbers worked out by hand from the formulas in TimingModel, on the teaching profile. */
  @Test
  void teachingProfileGivesTheHandComputedTimes() {
    ZnsDevice dev = device(TimingProfile.teaching());
    // append 4 KiB: 50 µs over the link, 100 µs on channel 0, 500 µs program on die 0
    assertEquals(0, dev.append(zoneStart(0), new byte[BLOCK]));
    assertEquals(650_000, dev.lastCommandNanos());
    assertEquals(650_000, dev.modeledNanos());
    // read it back: die 0 is free at 650 µs; sense 50 µs, channel 100 µs, link 50 µs
    dev.read(0, 1);
    assertEquals(200_000, dev.lastCommandNanos());
    assertEquals(850_000, dev.modeledNanos());
    // reset: a striped zone erases on all four dies, 2 ms in parallel
    dev.manage(0, ZoneAction.RESET);
    assertEquals(2_000_000, dev.lastCommandNanos());
    assertEquals(2_850_000, dev.modeledNanos());
    // write 8 KiB to zone 1: link 100 µs, then two pages on dies 0 and 1 (channels 0 and 1) at once
    dev.write(zoneStart(1), new byte[2 * BLOCK]);
    assertEquals(700_000, dev.lastCommandNanos());
    assertEquals(3_550_000, dev.modeledNanos());
    // an Open costs nothing, nor does a reset of an Empty zone
    dev.manage(2, ZoneAction.OPEN);
    assertEquals(0, dev.lastCommandNanos());
    dev.manage(3, ZoneAction.RESET);
    assertEquals(0, dev.lastCommandNanos());
    assertEquals(3_550_000, dev.modeledNanos());
    assertEquals(3_550_000, dev.stats().modeledBusyNanos());
    assertEquals(BLOCK + BLOCK + 2 * BLOCK, dev.stats().hostLinkBytes());
  }

  /** A sequence on the TLC profile gives what a fresh TimingModel gives for the same calls. */
  @Test
  void tlcProfileMatchesTheModelCalledDirectly() {
    ZnsDevice dev =
        ZnsDevice.builder(GEOMETRY)
            .timing(TimingProfile.tlcZns())
            .readAcrossZoneBoundaries(true) // for the read across the end of zone 0 below
            .build();
    TimingModel model = new TimingModel(TimingProfile.tlcZns());
    long now = 0;
    List<Long> expected = new ArrayList<>();
    List<Long> actual = new ArrayList<>();

    dev.append(zoneStart(0), new byte[32 * BLOCK]); // 128 KiB at offset 0 of zone 0
    expected.add(-now + (now = model.write(0, 0, 32 * BLOCK, now)));
    actual.add(dev.lastCommandNanos());

    dev.append(zoneStart(0), new byte[BLOCK]); // lands at block 32
    expected.add(-now + (now = model.write(0, 32L * BLOCK, BLOCK, now)));
    actual.add(dev.lastCommandNanos());

    dev.write(zoneStart(1), new byte[5 * BLOCK]);
    expected.add(-now + (now = model.write(1, 0, 5 * BLOCK, now)));
    actual.add(dev.lastCommandNanos());

    dev.read(4, 20); // blocks 4..23 of zone 0
    expected.add(-now + (now = model.read(0, 4L * BLOCK, 20L * BLOCK, now)));
    actual.add(dev.lastCommandNanos());

    // a read across the end of zone 0 into zone 1 (RAZB on): both parts submitted at once
    dev.read(zoneStart(1) - 2, 4);
    long a = model.read(0, 62L * BLOCK, 2L * BLOCK, now);
    long b = model.read(1, 0, 2L * BLOCK, now);
    expected.add(-now + (now = Math.max(a, b)));
    actual.add(dev.lastCommandNanos());

    dev.manage(1, ZoneAction.RESET);
    expected.add(-now + (now = model.reset(1, now)));
    actual.add(dev.lastCommandNanos());

    dev.manageAll(ZoneAction.RESET); // only zone 0 is not Empty
    expected.add(-now + (now = model.reset(0, now)));
    actual.add(dev.lastCommandNanos());

    assertEquals(expected, actual);
    assertEquals(now, dev.modeledNanos());
    assertEquals(
        expected.stream().mapToLong(Long::longValue).sum(), dev.stats().modeledBusyNanos());
    assertTrue(now > 3_500_000, "two resets take at least 3.5 ms each: " + now);
  }

  @Test
  void theSameCommandsGiveTheSameTimes() {
    assertEquals(run(TimingProfile.tlcZns()), run(TimingProfile.tlcZns()));
    assertEquals(run(TimingProfile.teaching()), run(TimingProfile.teaching()));
  }

  private static List<Long> run(TimingProfile profile) {
    ZnsDevice dev = device(profile);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int zone = i % 3;
      dev.append(zoneStart(zone), new byte[(1 + i % 4) * BLOCK]);
      times.add(dev.lastCommandNanos());
      dev.read(zoneStart(zone), 1 + i % 4);
      times.add(dev.lastCommandNanos());
    }
    dev.manageAll(ZoneAction.RESET);
    times.add(dev.lastCommandNanos());
    times.add(dev.modeledNanos());
    return times;
  }

  @Test
  void aRefusedCommandLeavesTheModeledClockAlone() {
    ZnsDevice dev = device(TimingProfile.teaching());
    dev.append(zoneStart(0), new byte[BLOCK]);
    long now = dev.modeledNanos();
    long last = dev.lastCommandNanos();
    long busy = dev.stats().modeledBusyNanos();
    // a write that is not at the write pointer
    ZnsException e =
        Devices.refused(
            StatusCode.ZONE_INVALID_WRITE, () -> dev.write(zoneStart(0) + 5, new byte[BLOCK]));
    assertFalse(e.getMessage().isEmpty());
    assertEquals(now, dev.modeledNanos());
    assertEquals(last, dev.lastCommandNanos());
    assertEquals(busy, dev.stats().modeledBusyNanos());
  }

  @Test
  void completionsCarryTheModeledLatency() {
    ZnsDevice dev = device(TimingProfile.teaching());
    Completion appended = dev.submit(new Command.ZoneAppend(zoneStart(0), new byte[BLOCK]));
    assertTrue(appended.isSuccess());
    assertEquals(650_000, appended.modeledNanos());
    Completion refused = dev.submit(new Command.Write(zoneStart(0), new byte[BLOCK]));
    assertEquals(StatusCode.ZONE_INVALID_WRITE, refused.status());
    assertEquals(0, refused.modeledNanos());
    assertEquals(650_000, dev.modeledNanos());
  }
}
