package org.csdlab.fluffle.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.fluffle.CorruptImageException;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.NotFluffleFsException;
import org.csdlab.zns.DeviceJournal;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

/** A power cut during format leaves a device that mounts empty or is refused, untouched. */
class FormatCrashTest {
  @Test
  void aCrashDuringFormatGivesAnEmptyFilesystemOrACleanRefusal() {
    ZnsDevice device = CrashHarness.device();
    device.append(0, new byte[4096 * 2]); // an old image's leftovers that format resets
    DeviceJournal journal = DeviceJournal.attach(device);
    CrashHarness.format(device).unmount();
    int refused = 0;
    for (CrashHarness.CrashPoint point : CrashHarness.CrashPoint.all(journal)) {
      ZnsDevice crashed = point.replay(journal);
      DeviceJournal after = DeviceJournal.attach(crashed);
      try {
        FluffleFs fs = FluffleFs.mount(crashed);
        assertEquals(List.of(), fs.list("/"), point.toString());
        assertEquals(List.of(), fs.check().problems(), point.toString());
        fs.unmount();
      } catch (NotFluffleFsException | CorruptImageException e) {
        refused++;
        assertEquals(0, after.size(), point + ": a refused mount wrote " + after.entries());
      }
    }
    assertTrue(refused > 0, "the first prefixes hold no image and must be refused");
  }
}
