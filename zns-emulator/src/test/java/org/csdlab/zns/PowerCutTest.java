package org.csdlab.zns;

import static org.csdlab.zns.Devices.SMALL;
import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerCutTest {
  @TempDir Path dir;

  @Test
  void commandsAfterTheCutFailWithInternalError() {
    ZnsDevice dev = Devices.small();
    dev.faults().powerCutAfter(2);
    dev.write(start(0), blocks(1, 1));
    dev.read(start(0), 1);
    assertFalse(dev.faults().powerLost());
    ZnsException e =
        refused(StatusCode.INTERNAL_ERROR, () -> dev.write(start(0) + 1, blocks(1, 2)));
    assertTrue(e.getMessage().contains("lost power"), e.getMessage());
    assertTrue(dev.faults().powerLost());
    refused(StatusCode.INTERNAL_ERROR, () -> dev.read(start(0), 1));
    refused(StatusCode.INTERNAL_ERROR, () -> dev.append(start(1), blocks(1, 3)));
    refused(StatusCode.INTERNAL_ERROR, () -> dev.manage(0, ZoneAction.FINISH));
    refused(StatusCode.INTERNAL_ERROR, () -> dev.manageAll(ZoneAction.RESET));
    refused(StatusCode.INTERNAL_ERROR, () -> dev.report(ReportFilter.ALL));
    assertEquals(
        StatusCode.INTERNAL_ERROR,
        dev.submit(new Command.Read(start(0), 1, new byte[512])).status());
    // nothing after the cut changed the zones
    assertEquals(start(0) + 1, dev.zone(0).writePointer());
    assertEquals(ZoneState.EMPTY, dev.zone(1).state());
    assertThrows(IllegalStateException.class, () -> dev.faults().powerCutAfter(1));
  }

  @Test
  void cutAfterZeroRefusesTheNextCommand() {
    ZnsDevice dev = Devices.small();
    dev.faults().powerCutAfter(0);
    refused(StatusCode.INTERNAL_ERROR, () -> dev.manage(0, ZoneAction.OPEN));
    assertEquals(ZoneState.EMPTY, dev.zone(0).state());
    assertThrows(IllegalArgumentException.class, () -> Devices.small().faults().powerCutAfter(-1));
  }

  @Test
  void acknowledgedWritesSurviveACutAndLaterOnesAreNotStored() {
    Path file = dir.resolve("dev.img");
    ZnsDevice dev = ZnsDevice.builder(SMALL).file(file).build();
    dev.faults().powerCutAfter(3);
    dev.write(start(0), blocks(2, 0x10));
    dev.append(start(1), blocks(1, 0x20));
    dev.manage(1, ZoneAction.FINISH);
    refused(StatusCode.INTERNAL_ERROR, () -> dev.write(start(0) + 2, blocks(1, 0x30)));
    refused(StatusCode.INTERNAL_ERROR, () -> dev.manage(1, ZoneAction.RESET));
    dev.close();

    try (ZnsDevice after = ZnsDevice.open(file)) {
      assertFalse(after.faults().powerLost());
      assertEquals(ZoneState.CLOSED, after.zone(0).state());
      assertEquals(start(0) + 2, after.zone(0).writePointer());
      assertArrayEquals(blocks(2, 0x10), after.read(start(0), 2));
      assertArrayEquals(blocks(1, 0), after.read(start(0) + 2, 1));
      assertEquals(ZoneState.FULL, after.zone(1).state());
      assertArrayEquals(blocks(1, 0x20), after.read(start(1), 1));
    }
  }
}
