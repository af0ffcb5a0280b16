package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DULBE: with the setting on, reads of blocks never written fail with 2/87h. */
class DeallocatedReadTest {
  @TempDir Path dir;

  private final ZnsDevice d = ZnsDevice.builder(Devices.SMALL).deallocatedErrors(true).build();

  @Test
  void offByDefaultUnwrittenBlocksReadAsZeros() {
    ZnsDevice plain = Devices.small();
    assertFalse(plain.deallocatedErrors());
    assertArrayEquals(blocks(2, 0), plain.read(start(1), 2));
  }

  @Test
  void readPastTheWritePointerIsDeallocatedOrUnwrittenBlock() {
    assertTrue(d.deallocatedErrors());
    d.write(start(1), blocks(3, 7));
    assertArrayEquals(blocks(3, 7), d.read(start(1), 3));
    ZnsException e =
        refused(StatusCode.DEALLOCATED_OR_UNWRITTEN_BLOCK, () -> d.read(start(1) + 2, 2));
    assertEquals(
        "read from zone 1: lba 19 was never written (the write pointer is 19) and DULBE is"
            + " enabled, so unwritten blocks cannot be read (Deallocated or Unwritten Logical"
            + " Block, status 0x87)",
        e.getMessage());
    assertEquals(1, e.zone());
    assertEquals(start(1) + 3, e.writePointer());
    Completion c = d.submit(new Command.Read(start(5), 1, new byte[Devices.BLOCK]));
    assertEquals(2, c.statusCodeType());
    assertEquals(0x87, c.statusCode());
    assertTrue(c.doNotRetry());
  }

  @Test
  void finishedZoneTailAndBlocksPastCapacityAreUnwritten() {
    d.write(start(2), blocks(4, 1));
    d.manage(2, ZoneAction.FINISH);
    ZnsException finished =
        refused(StatusCode.DEALLOCATED_OR_UNWRITTEN_BLOCK, () -> d.read(start(2) + 4, 1));
    assertTrue(
        finished
            .getMessage()
            .startsWith(
                "read from zone 2: lba 36 was never written (the zone was"
                    + " finished before it)"),
        finished.getMessage());
    d.write(start(3), blocks(12, 1)); // Full by writing
    assertArrayEquals(blocks(12, 1), d.read(start(3), 12));
    ZnsException tail =
        refused(StatusCode.DEALLOCATED_OR_UNWRITTEN_BLOCK, () -> d.read(start(3) + 12, 1));
    assertTrue(
        tail.getMessage().contains("lba 60 was never written (it lies past the zone capacity 12)"),
        tail.getMessage());
  }

  @Test
  void resetMakesBlocksUnwrittenAgainAndWriteZeroesWritesThem() {
    d.write(start(0), blocks(4, 1));
    d.manage(0, ZoneAction.RESET);
    refused(StatusCode.DEALLOCATED_OR_UNWRITTEN_BLOCK, () -> d.read(start(0), 1));
    d.writeZeroes(start(0), 2);
    assertArrayEquals(blocks(2, 0), d.read(start(0), 2));
  }

  @Test
  void fileBackedDeviceKnowsWhatWasWrittenAfterReopen() {
    Path file = dir.resolve("dulbe.img");
    try (ZnsDevice dev = ZnsDevice.builder(Devices.SMALL).file(file).build()) {
      dev.write(start(1), blocks(2, 4));
      dev.manage(1, ZoneAction.FINISH);
    }
    try (ZnsDevice dev =
        ZnsDevice.builder(Devices.SMALL).file(file).deallocatedErrors(true).build()) {
      assertArrayEquals(blocks(2, 4), dev.read(start(1), 2));
      refused(StatusCode.DEALLOCATED_OR_UNWRITTEN_BLOCK, () -> dev.read(start(1) + 2, 1));
    }
  }
}
