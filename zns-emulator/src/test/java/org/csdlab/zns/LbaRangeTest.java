package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LBAs and lengths whose sum overflows a long: every command fails with LBA Out of Range, names the
 * range, and changes nothing (issue 14).
 */
class LbaRangeTest {
  private final ZnsDevice d = Devices.small();

  private List<Zone> before() {
    d.write(start(0), blocks(2, 1));
    return d.zones();
  }

  private void assertUnchanged(List<Zone> zones) {
    assertEquals(zones, d.zones());
    assertEquals(1, d.stats().commands(CommandKind.WRITE));
    assertEquals(0, d.stats().commands(CommandKind.READ));
    assertEquals(0, d.stats().commands(CommandKind.APPEND));
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 127})
  void readNearLongMaxIsLbaOutOfRange(long lba) {
    List<Zone> zones = before();
    ZnsException e = refused(StatusCode.LBA_OUT_OF_RANGE, () -> d.read(lba, 4));
    assertEquals(
        "read: lbas "
            + lba
            + " to "
            + Long.toUnsignedString(lba + 3)
            + " are outside the device (lbas 0 to 127) (LBA Out of Range, status 0x80)",
        e.getMessage());
    refused(StatusCode.LBA_OUT_OF_RANGE, () -> d.read(lba, 2, new byte[2 * Devices.BLOCK], 0));
    assertEquals(
        StatusCode.LBA_OUT_OF_RANGE,
        d.submit(new Command.Read(lba, 1, new byte[Devices.BLOCK])).status());
    assertUnchanged(zones);
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 127})
  void writeAndAppendNearLongMaxAreLbaOutOfRange(long lba) {
    List<Zone> zones = before();
    refused(StatusCode.LBA_OUT_OF_RANGE, () -> d.write(lba, blocks(2, 1)));
    ZnsException e = refused(StatusCode.LBA_OUT_OF_RANGE, () -> d.append(lba, blocks(1, 1)));
    assertEquals(
        "append: lba "
            + lba
            + " is outside the device (lbas 0 to 127) (LBA Out of Range, status 0x80)",
        e.getMessage());
    assertEquals(
        StatusCode.LBA_OUT_OF_RANGE, d.submit(new Command.Write(lba, blocks(2, 1))).status());
    assertEquals(
        StatusCode.LBA_OUT_OF_RANGE, d.submit(new Command.ZoneAppend(lba, blocks(1, 1))).status());
    assertUnchanged(zones);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, Integer.MAX_VALUE})
  void lengthsRunningPastTheLastLbaAreLbaOutOfRange(int blocks) {
    List<Zone> zones = before();
    long last = Devices.SMALL.totalBlocks() - 1;
    refused(StatusCode.LBA_OUT_OF_RANGE, () -> d.read(last + (blocks == 1 ? 1 : 0), blocks));
    refused(StatusCode.LBA_OUT_OF_RANGE, () -> d.read(Long.MAX_VALUE - blocks + 1, blocks));
    assertUnchanged(zones);
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, Long.MIN_VALUE, -1})
  void reportZonesOutsideTheDeviceIsRefused(long slba) {
    List<Zone> zones = before();
    Completion c =
        d.submit(new Command.ZoneManagementReceive(slba, ReportFilter.ALL, false, new byte[4096]));
    assertEquals(StatusCode.LBA_OUT_OF_RANGE, c.status());
    assertUnchanged(zones);
  }
}
