package org.csdlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.zns.timing.TimingProfile;
import org.junit.jupiter.api.Test;

/**
 * The offloaded count over a flufflefs-lite file is the host's count; only the answer reaches the
 * host.
 */
class FluffleOffloadComparisonTest {
  /** Three zones' worth and an odd tail: the kernel's runs cross zones and end mid-block. */
  static final long FILE_BYTES = (3L << 20) + 3 * 4096 + 100;

  @Test
  void offloadedCountEqualsHostCount() {
    FluffleOffloadComparison.Comparison c =
        FluffleOffloadComparison.compare(TimingProfile.teaching(), FILE_BYTES);

    assertTrue(
        c.regular().count() > FILE_BYTES / 4 / 4, "about half the values count: " + c.regular());
    assertEquals(c.regular().count(), c.offloaded().count());
    assertEquals(
        (FILE_BYTES + 4095) / 4096 * 4096,
        c.regular().hostBytes(),
        "the host read every block of the file");
    assertEquals(8, c.offloaded().hostBytes(), "only the u64 count crossed the host link");
    assertTrue(
        c.offloaded().mediaBytes() >= FILE_BYTES,
        "the kernel read the file on the device: " + c.offloaded());
    assertTrue(c.regular().modeledNanos() > 0 && c.offloaded().modeledNanos() > 0);
  }

  @Test
  void hostCountMatchesAHandCount() {
    byte[] values = {
      (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x3f, 0, 0, 0, 0x40, 1, 0, 0, (byte) 0x80, 9
    };
    assertEquals(2, FluffleOffloadComparison.countAboveHalf(values, values.length));
    assertEquals(0, FluffleOffloadComparison.countAboveHalf(values, 7));
  }

  @Test
  void refusesAFileSizeTheKernelCannotCount() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FluffleOffloadComparison.compare(TimingProfile.instant(), 6));
  }
}
