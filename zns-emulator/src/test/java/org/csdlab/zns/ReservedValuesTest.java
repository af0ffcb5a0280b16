package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reserved Zone Send Actions, Zone Receive Actions, reporting options and CNS values. */
class ReservedValuesTest {
  private final ZnsDevice d = Devices.small();

  private List<Zone> before() {
    d.write(start(1), blocks(1, 1));
    return d.zones();
  }

  @ParameterizedTest
  @ValueSource(ints = {0x0, 0x6, 0x0F, 0x11, 0x7F, 0xFF})
  void reservedZoneSendActionsAreInvalidFieldAndChangeNothing(int action) {
    List<Zone> zones = before();
    for (boolean all : new boolean[] {false, true}) {
      Completion c = d.submit(new Command.ZoneManagementSend(start(1), action, all));
      assertEquals(StatusCode.INVALID_FIELD, c.status(), "action " + action + ", all " + all);
      assertTrue(c.doNotRetry());
    }
    assertEquals(zones, d.zones());
    assertEquals(0, d.stats().commands(CommandKind.ZONE_MANAGEMENT_SEND));
  }

  @Test
  void refusalsSayWhichValuesAreDefined() {
    ZnsException reserved =
        assertThrows(ZnsException.class, () -> CommandExecutor.zoneSendAction(0x6));
    assertEquals(
        "zone management send: zone send action 06h is reserved; the actions are 01h close, 02h"
            + " finish, 03h open, 04h reset, 05h offline and 10h set zone descriptor extension"
            + " (Invalid Field in Command, status 0x02)",
        reserved.getMessage());
    ZnsException extension =
        assertThrows(ZnsException.class, () -> CommandExecutor.zoneSendAction(0x10));
    assertEquals(
        "zone management send: zone send action 10h (Set Zone Descriptor Extension) carries data;"
            + " send it as Command.SetZoneDescriptorExtension (Invalid Field in Command, status"
            + " 0x02)",
        extension.getMessage());
  }

  @Test
  void definedActionsSentAsRawValuesWork() {
    assertTrue(d.submit(new Command.ZoneManagementSend(start(2), 0x3, false)).isSuccess());
    assertEquals(ZoneState.EXPLICITLY_OPENED, d.zone(2).state());
    assertEquals(
        "ZoneManagementSend[slba=32, zsa=03h, selectAll=false]",
        new Command.ZoneManagementSend(start(2), ZoneAction.OPEN, false).toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {0x8, 0x9, 0x10, 0x3F, 0xFF})
  void reservedReportingOptionsAreInvalidField(int options) {
    List<Zone> zones = before();
    byte[] buffer = new byte[4096];
    Completion c =
        d.submit(
            new Command.ZoneManagementReceive(
                0, Command.ZoneManagementReceive.REPORT_ZONES, options, false, buffer));
    assertEquals(StatusCode.INVALID_FIELD, c.status());
    assertEquals(0, buffer[0]); // the header was not written
    assertEquals(zones, d.zones());
  }

  @ParameterizedTest
  @ValueSource(ints = {0x2, 0x3, 0xFF})
  void reservedZoneReceiveActionsAreInvalidField(int action) {
    Completion c =
        d.submit(new Command.ZoneManagementReceive(0, action, 0x0, false, new byte[4096]));
    assertEquals(StatusCode.INVALID_FIELD, c.status());
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x02, 0x07, 0xFF})
  void unsupportedIdentifyCnsIsInvalidField(int cns) {
    Completion c = d.submit(new Command.Identify(cns, new byte[4096]));
    assertEquals(StatusCode.INVALID_FIELD, c.status());
  }
}
