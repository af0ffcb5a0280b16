package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Statistics of completed commands. */
class DeviceStatsTest {
  private final ZnsDevice d = Devices.small();

  @Test
  void countsCommandsAndBytesPerKind() {
    d.write(start(1), blocks(2, 1));
    d.append(start(2), blocks(3, 1));
    d.read(start(1), 4);
    DeviceStats s = d.stats();
    assertEquals(1, s.commands(CommandKind.WRITE));
    assertEquals(2 * Devices.BLOCK, s.bytes(CommandKind.WRITE));
    assertEquals(1, s.commands(CommandKind.APPEND));
    assertEquals(3 * Devices.BLOCK, s.bytes(CommandKind.APPEND));
    assertEquals(4 * Devices.BLOCK, s.bytes(CommandKind.READ));
    assertEquals(9 * Devices.BLOCK, s.hostLinkBytes());
  }

  @Test
  void countsWritesPerZone() {
    d.write(start(1), blocks(1, 1));
    d.write(start(1) + 1, blocks(1, 1));
    d.append(start(3), blocks(1, 1));
    assertEquals(java.util.List.of(0L, 2L, 0L, 1L, 0L, 0L, 0L, 0L), d.stats().writesPerZone());
  }

  @Test
  void countsResetsOfNonEmptyZonesUnderSelectAll() {
    d.write(start(1), blocks(1, 1));
    d.manage(2, ZoneAction.FINISH);
    d.manageAll(ZoneAction.RESET);
    d.manage(3, ZoneAction.RESET);
    assertEquals(2, d.stats().zoneResets());
    assertEquals(3, d.stats().commands(CommandKind.ZONE_MANAGEMENT_SEND));
  }

  @Test
  void refusedCommandIsNotCounted() {
    refused(StatusCode.ZONE_INVALID_WRITE, () -> d.write(start(1) + 1, blocks(1, 1)));
    assertEquals(0, d.stats().commands(CommandKind.WRITE));
    assertEquals(0, d.stats().hostLinkBytes());
  }
}
