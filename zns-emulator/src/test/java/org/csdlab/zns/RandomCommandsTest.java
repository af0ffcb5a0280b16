package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random command sequences: after every command the accounting matches the zones, every
 * state change is one the spec allows, and a refused command changed nothing.
 */
class RandomCommandsTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void everyCommandKeepsTheDeviceConsistent(long seed) {
    Random random = new Random(seed);
    boolean implicitClose = seed % 2 == 0;
    ZnsDevice d = ZnsDevice.builder(Devices.SMALL).implicitClose(implicitClose).build();
    int zoneCount = Devices.SMALL.zoneCount();
    for (int step = 0; step < 3000; step++) {
      List<Zone> before = d.zones();
      int zone = random.nextInt(zoneCount);
      int blocks = 1 + random.nextInt(4);
      String what;
      boolean failed = false;
      try {
        switch (random.nextInt(9)) {
          case 0 -> {
            what = "write";
            long wp = before.get(zone).writePointer();
            d.write(random.nextInt(4) == 0 ? wp + 1 : wp, Devices.blocks(blocks, step));
          }
          case 1 -> {
            what = "append";
            d.append(Devices.start(zone), Devices.blocks(blocks, step));
          }
          case 2 -> {
            what = "read";
            d.read(Devices.start(zone), blocks);
          }
          case 3 -> {
            ZoneAction action = ZoneAction.values()[random.nextInt(ZoneAction.values().length)];
            what = action + " all";
            d.manageAll(action);
          }
          case 4 -> {
            what = "fault";
            if (random.nextInt(150) == 0 && before.get(zone).state() != ZoneState.OFFLINE) {
              d.faults().markReadOnly(zone);
            }
          }
          default -> {
            ZoneAction action = ZoneAction.values()[random.nextInt(ZoneAction.values().length)];
            what = action.toString();
            d.manage(zone, action);
          }
        }
      } catch (ZnsException e) {
        failed = true;
        what = e.getMessage();
      }
      List<Zone> after = d.zones();
      String context = "seed " + seed + " step " + step + ": " + what;
      if (failed) {
        assertEquals(before, after, context);
      }
      for (int z = 0; z < zoneCount; z++) {
        ZoneState from = before.get(z).state();
        ZoneState to = after.get(z).state();
        assertTrue(
            Transitions.isAllowed(from, to) || Transitions.isFault(from, to),
            context + ": zone " + z + " went " + from + " -> " + to);
        assertTrue(after.get(z).writtenBlocks() <= Devices.SMALL.zoneCapacityBlocks(), context);
      }
      long open = after.stream().filter(z -> z.state().isOpen()).count();
      long active = after.stream().filter(z -> z.state().isActive()).count();
      assertEquals(open, d.openZones(), context);
      assertEquals(active, d.activeZones(), context);
      assertTrue(
          open <= Devices.SMALL.maxOpenZones() && active <= Devices.SMALL.maxActiveZones(),
          context);
    }
  }
}
