package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.zns.timing.TimingProfile;
import org.junit.jupiter.api.Test;

/** Write Zeroes (08h): in a zoned namespace it writes at the write pointer, as a write does. */
class WriteZeroesTest {
  private final ZnsDevice d = Devices.small();

  @Test
  void writesZerosAtTheWritePointerAndOpensTheZone() {
    d.write(start(1), blocks(2, 9));
    d.writeZeroes(start(1) + 2, 3);
    Zone z = d.zone(1);
    assertEquals(ZoneState.IMPLICITLY_OPENED, z.state());
    assertEquals(start(1) + 5, z.writePointer());
    assertArrayEquals(blocks(2, 9), d.read(start(1), 2));
    assertArrayEquals(blocks(3, 0), d.read(start(1) + 2, 3));
  }

  @Test
  void overwritesWhatAReusedZoneOnceHeld() {
    d.write(start(0), blocks(12, 0x77)); // Full
    d.manage(0, ZoneAction.RESET); // the memory backend pools the zone's chunks
    d.writeZeroes(start(0), 12);
    assertEquals(ZoneState.FULL, d.zone(0).state());
    assertArrayEquals(blocks(12, 0), d.read(start(0), 12));
  }

  @Test
  void refusedAsAWriteWouldBe() {
    d.write(start(2), blocks(1, 1));
    ZnsException e = refused(StatusCode.ZONE_INVALID_WRITE, () -> d.writeZeroes(start(2), 1));
    assertEquals(
        "write zeroes to zone 2: lba 32 is not the write pointer 33 (Zone Invalid Write, status"
            + " 0xBC)",
        e.getMessage());
    refused(StatusCode.ZONE_BOUNDARY_ERROR, () -> d.writeZeroes(start(2) + 1, 12));
    refused(StatusCode.LBA_OUT_OF_RANGE, () -> d.writeZeroes(Long.MAX_VALUE - 1, 4));
    refused(StatusCode.INVALID_FIELD, () -> d.writeZeroes(start(3), 0));
    assertEquals(start(2) + 1, d.zone(2).writePointer());
    assertEquals(0, d.stats().commands(CommandKind.WRITE_ZEROES));
  }

  @Test
  void commandValueCountsNoHostLinkBytes() {
    Completion c = d.submit(new Command.WriteZeroes(start(4), 4));
    assertTrue(c.isSuccess(), c.toString());
    assertEquals(0x08, new Command.WriteZeroes(0, 1).opcode());
    DeviceStats stats = d.stats();
    assertEquals(1, stats.commands(CommandKind.WRITE_ZEROES));
    assertEquals(0, stats.hostLinkBytes());
    assertEquals(1L, stats.writesPerZone().get(4));
  }

  @Test
  void modeledTimeHasNoLinkTransfer() {
    Geometry g = Geometry.builder().zoneCount(2).zoneSizeBlocks(64).build();
    ZnsDevice written = ZnsDevice.builder(g).timing(TimingProfile.tlcZns()).build();
    ZnsDevice zeroed = ZnsDevice.builder(g).timing(TimingProfile.tlcZns()).build();
    written.write(0, new byte[32 * 4096]);
    zeroed.writeZeroes(0, 32);
    long link = TimingProfile.tlcZns().linkTransferNanos(32 * 4096);
    assertEquals(written.lastCommandNanos() - link, zeroed.lastCommandNanos());
  }

  @Test
  void journalRecordsAndReplaysIt() {
    DeviceJournal journal = DeviceJournal.attach(d);
    d.writeZeroes(start(5), 2);
    assertEquals(new DeviceJournal.WriteZeroes(start(5), 2), journal.entry(0));
    assertEquals(d.zones(), journal.replay(1).zones());
  }
}
