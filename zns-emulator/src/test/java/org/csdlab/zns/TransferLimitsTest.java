package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MDTS and ZASL: commands over them fail with Invalid Field; Identify reports them. */
class TransferLimitsTest {
  /** MDTS 8 KiB (16 blocks of 512 bytes, MDTS 1), ZASL 8 KiB too by default. */
  private final ZnsDevice d =
      ZnsDevice.builder(
              Geometry.builder().zoneCount(4).zoneSizeBlocks(64).blockSizeBytes(512).build())
          .maxTransferBytes(8192)
          .build();

  @Test
  void defaultsAreOneGibibyteReportedAsMdts18AndZasl0() {
    ZnsDevice dev = Devices.small();
    assertEquals(1 << 30, dev.maxTransferBytes());
    assertEquals(1 << 30, dev.maxZoneAppendBytes());
    assertEquals(new ControllerIdentity(18, 0), dev.identifyController());
    assertEquals(1L << 30, dev.identifyController().maxZoneAppendBytes());
  }

  @Test
  void commandsOverMdtsAreInvalidFieldAndChangeNothing() {
    d.write(0, new byte[8192]);
    List<Zone> before = d.zones();
    ZnsException e = refused(StatusCode.INVALID_FIELD, () -> d.write(16, new byte[8192 + 512]));
    assertEquals(
        "write: 8704 bytes exceed the maximum data transfer size of 8192 bytes (MDTS 1); split it"
            + " into smaller commands (Invalid Field in Command, status 0x02)",
        e.getMessage());
    refused(StatusCode.INVALID_FIELD, () -> d.read(0, 17));
    refused(StatusCode.INVALID_FIELD, () -> d.read(0, 17, new byte[17 * 512], 0));
    refused(StatusCode.INVALID_FIELD, () -> d.append(64, new byte[8192 + 512]));
    Completion report =
        d.submit(new Command.ZoneManagementReceive(0, ReportFilter.ALL, false, new byte[8193]));
    assertEquals(StatusCode.INVALID_FIELD, report.status());
    assertTrue(report.doNotRetry());
    assertEquals(before, d.zones());
    assertEquals(0, d.stats().commands(CommandKind.READ));
    // at the limit everything works
    assertEquals(8192, d.read(0, 16).length);
    assertEquals(64, d.append(64, new byte[8192]));
  }

  @Test
  void appendsOverZaslAreInvalidFieldWhileWritesOfThatSizePass() {
    ZnsDevice dev =
        ZnsDevice.builder(
                Geometry.builder().zoneCount(4).zoneSizeBlocks(64).blockSizeBytes(512).build())
            .maxTransferBytes(16384)
            .maxZoneAppendBytes(8192)
            .build();
    ZnsException e = refused(StatusCode.INVALID_FIELD, () -> dev.append(0, new byte[8192 + 512]));
    assertEquals(
        "append to zone 0: 8704 bytes exceed the zone append size limit of 8192 bytes (ZASL 1);"
            + " split it into smaller appends (Invalid Field in Command, status 0x02)",
        e.getMessage());
    assertEquals(0, e.zone());
    assertEquals(ZoneState.EMPTY, dev.zone(0).state());
    dev.write(0, new byte[8192 + 512]);
    assertEquals(new ControllerIdentity(2, 1), dev.identifyController());
  }

  @Test
  void identifyReportsMdtsAndZaslInTheirDataStructures() {
    byte[] controller = new byte[ControllerIdentity.BYTES];
    assertTrue(d.submit(new Command.Identify(Command.Identify.CONTROLLER, controller)).isSuccess());
    assertEquals(1, controller[ControllerIdentity.MDTS_OFFSET]);
    byte[] zoned = new byte[ControllerIdentity.BYTES];
    zoned[ControllerIdentity.ZASL_OFFSET] = 9;
    assertTrue(
        d.submit(new Command.Identify(Command.Identify.ZONED_CONTROLLER, zoned)).isSuccess());
    assertEquals(0, zoned[ControllerIdentity.ZASL_OFFSET]); // ZASL 0: as MDTS
  }

  @Test
  void badLimitsAreRefusedByTheBuilder() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ZnsDevice.builder(Devices.SMALL).maxTransferBytes(4096).build());
    assertEquals(
        "maxTransferBytes is 4096; it must be a power of two from 8192 to 1073741824 bytes"
            + " (Identify reports 2^n 4 KiB pages as n, and n = 0 means something else)",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ZnsDevice.builder(Devices.SMALL).maxTransferBytes(12288).build());
    IllegalArgumentException append =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ZnsDevice.builder(Devices.SMALL)
                    .maxTransferBytes(8192)
                    .maxZoneAppendBytes(16384)
                    .build());
    assertTrue(
        append.getMessage().startsWith("maxZoneAppendBytes is 16384; "), append.getMessage());
  }

  @Test
  void journalReplaysKeepTheLimitsAndRestoreLargeZonesInPieces() {
    d.write(0, new byte[8192]);
    d.write(16, new byte[8192]); // zone 0 holds 16 KiB, more than one command may move
    DeviceJournal journal = DeviceJournal.attach(d);
    d.write(32, blocks(1, 3));
    ZnsDevice replay = journal.replay(1);
    assertEquals(8192, replay.maxTransferBytes());
    assertEquals(d.zones(), replay.zones());
  }
}
