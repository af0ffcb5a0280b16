package org.csdlab.zns;

import static org.csdlab.zns.Devices.assertCounts;
import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Set Zone Descriptor Extension and Extended Report Zones. */
class DescriptorExtensionTest {
  private static final int EXT = 64;
  private final ZnsDevice d =
      ZnsDevice.builder(
              Geometry.builder()
                  .zoneCount(8)
                  .zoneSizeBlocks(16)
                  .zoneCapacityBlocks(12)
                  .blockSizeBytes(512)
                  .maxOpenZones(2)
                  .maxActiveZones(3)
                  .zoneDescriptorExtensionBytes(EXT)
                  .build())
          .build();

  private static byte[] extension(int fill) {
    byte[] e = new byte[EXT];
    Arrays.fill(e, (byte) fill);
    return e;
  }

  @Test
  void settingExtensionOnEmptyZoneClosesIt() {
    d.setDescriptorExtension(2, extension(7));
    assertEquals(ZoneState.CLOSED, d.zone(2).state());
    assertTrue(d.zone(2).extensionValid());
    assertArrayEquals(extension(7), d.descriptorExtension(2));
    assertCounts(d, 0, 1);
  }

  @Test
  void settingExtensionOnNonEmptyZoneIsInvalidTransition() {
    d.write(start(2), blocks(1, 1));
    refused(
        StatusCode.INVALID_ZONE_STATE_TRANSITION, () -> d.setDescriptorExtension(2, extension(7)));
    assertFalse(d.zone(2).extensionValid());
  }

  @Test
  void settingExtensionBeyondActiveLimitIsTooManyActiveZones() {
    for (int z = 0; z < 3; z++) {
      d.setDescriptorExtension(z, extension(z));
    }
    refused(StatusCode.TOO_MANY_ACTIVE_ZONES, () -> d.setDescriptorExtension(3, extension(3)));
    assertEquals(ZoneState.EMPTY, d.zone(3).state());
  }

  @Test
  void extensionOfWrongSizeIsInvalidField() {
    refused(StatusCode.INVALID_FIELD, () -> d.setDescriptorExtension(2, new byte[32]));
  }

  @Test
  void deviceWithoutExtensionsRefusesOne() {
    refused(
        StatusCode.INVALID_FIELD, () -> Devices.small().setDescriptorExtension(2, extension(1)));
  }

  @Test
  void resetRemovesExtension() {
    d.setDescriptorExtension(2, extension(7));
    d.manage(2, ZoneAction.RESET);
    assertFalse(d.zone(2).extensionValid());
    assertEquals(0, d.descriptorExtension(2).length);
    assertCounts(d, 0, 0);
  }

  @Test
  void extendedReportCarriesExtensionsAfterDescriptors() {
    assertTrue(
        d.submit(new Command.SetZoneDescriptorExtension(start(1), extension(9))).isSuccess());
    byte[] buffer =
        new byte[ZoneReportLayout.HEADER_BYTES + 2 * (ZoneReportLayout.DESCRIPTOR_BYTES + EXT)];
    assertTrue(
        d.submit(new Command.ZoneManagementReceive(0, ReportFilter.ALL, true, true, buffer))
            .isSuccess());
    assertEquals(2, ZoneReportLayout.numberOfZones(buffer));
    assertFalse(ZoneReportLayout.extensionValid(buffer, 0, EXT));
    assertTrue(ZoneReportLayout.extensionValid(buffer, 1, EXT));
    assertEquals(ZoneState.CLOSED, ZoneReportLayout.state(buffer, 1, EXT));
    assertArrayEquals(extension(9), ZoneReportLayout.extension(buffer, 1, EXT));
    assertArrayEquals(new byte[EXT], ZoneReportLayout.extension(buffer, 0, EXT));
  }

  @Test
  void extendedReportOnDeviceWithoutExtensionsIsInvalidField() {
    byte[] buffer = new byte[4096];
    Completion c =
        Devices.small()
            .submit(new Command.ZoneManagementReceive(0, ReportFilter.ALL, false, true, buffer));
    assertEquals(StatusCode.INVALID_FIELD, c.status());
  }
}
