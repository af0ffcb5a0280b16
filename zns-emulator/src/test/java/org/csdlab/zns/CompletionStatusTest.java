package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The Do Not Retry bit of completions. */
class CompletionStatusTest {
  private final ZnsDevice d = Devices.small();

  @Test
  void refusalsThatWillFailAgainSetDoNotRetry() {
    Completion c = d.submit(new Command.Write(start(3) + 1, blocks(1, 1)));
    assertEquals(StatusCode.ZONE_INVALID_WRITE, c.status());
    assertTrue(c.doNotRetry());
    assertEquals(0xBC | 1 << 8 | Completion.DNR_BIT, c.statusField());
    assertTrue(c.toString().contains("SC=0xBC, DNR"), c.toString());
    Completion again = d.submit(new Command.Write(start(3) + 1, blocks(1, 1)));
    assertEquals(c, again); // and it did fail again
  }

  @Test
  void mediaErrorsAndPowerLossLeaveDoNotRetryClear() {
    d.write(start(0), blocks(2, 1));
    d.faults().failReads(start(0) + 1);
    Completion media = d.submit(new Command.Read(start(0), 2, new byte[2 * Devices.BLOCK]));
    assertEquals(StatusCode.UNRECOVERED_READ_ERROR, media.status());
    assertFalse(media.doNotRetry());
    assertEquals(0x81 | 2 << 8, media.statusField());
    d.faults().powerCutAfter(0);
    Completion power = d.submit(new Command.Read(start(0), 1, new byte[Devices.BLOCK]));
    assertEquals(StatusCode.INTERNAL_ERROR, power.status());
    assertFalse(power.doNotRetry());
  }

  @Test
  void successHasNoDoNotRetry() {
    Completion c = d.submit(new Command.Write(start(0), blocks(1, 1)));
    assertTrue(c.isSuccess());
    assertFalse(c.doNotRetry());
    assertEquals(0, c.statusField());
  }

  @Test
  void everyStatusCodeSaysWhetherItSetsDoNotRetry() {
    EnumSet<StatusCode> retryable =
        EnumSet.of(
            StatusCode.SUCCESS, StatusCode.INTERNAL_ERROR, StatusCode.UNRECOVERED_READ_ERROR);
    for (StatusCode s : StatusCode.values()) {
      assertEquals(!retryable.contains(s), s.doNotRetry(), s.name());
      assertEquals(s.doNotRetry(), Completion.failure(s).doNotRetry(), s.name());
    }
  }
}
