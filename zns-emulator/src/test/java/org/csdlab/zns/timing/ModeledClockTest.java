package org.csdlab.zns.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModeledClockTest {

  // teaching: 4 dies on 2 channels; 4 KiB = 50 µs link + 100 µs channel; read 50 µs, program 500 µs

  @Test
  void synchronousCommandsAdvanceNowToTheirCompletion() {
    var clock = ModeledClock.of(TimingProfile.teaching());
    assertEquals(650_000, clock.write(0, 0, 4096));
    assertEquals(650_000, clock.now());
    assertEquals(200_000, clock.read(0, 0, 4096));
    assertEquals(850_000, clock.now());
    assertEquals(2_000_000, clock.reset(0));
    assertEquals(2_850_000, clock.now());
  }

  @Test
  void commandsInFlightOverlapOnDifferentDies() {
    var clock = ModeledClock.of(TimingProfile.teaching());
    // pages 0..3 of zone 0 land on dies 0..3; the link and the two channels are shared
    assertEquals(650_000, clock.submitWrite(0, 0, 4096));
    assertEquals(700_000, clock.submitWrite(0, 4096, 4096));
    assertEquals(750_000, clock.submitWrite(0, 8192, 4096));
    assertEquals(800_000, clock.submitWrite(0, 12288, 4096));
    assertEquals(0, clock.now());
    assertEquals(800_000, clock.awaitAll());
    assertEquals(800_000, clock.now());
  }

  @Test
  void theSameWritesOneAtATimeTakeFourTimesAsLong() {
    var clock = ModeledClock.of(TimingProfile.teaching());
    for (int page = 0; page < 4; page++) {
      assertEquals(650_000, clock.write(0, page * 4096L, 4096));
    }
    assertEquals(2_600_000, clock.now());
  }

  @Test
  void hostThinkTimeMovesNowForwardOnly() {
    var clock = ModeledClock.of(TimingProfile.instant());
    assertEquals(1_000, clock.advanceBy(1_000));
    assertEquals(1_000, clock.advanceTo(10));
    assertEquals(0, clock.write(0, 0, 4096));
    var e = assertThrows(IllegalArgumentException.class, () -> clock.advanceBy(-1));
    assertEquals("modeled time cannot go back: advanceBy(-1)", e.getMessage());
    assertEquals("ModeledClock[instant, now 1 µs]", clock.toString());
  }
}
