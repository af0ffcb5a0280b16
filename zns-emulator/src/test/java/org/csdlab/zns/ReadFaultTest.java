package org.csdlab.zns;

import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.refused;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Injected media errors on reads. */
class ReadFaultTest {
  private final ZnsDevice d = Devices.small();

  @Test
  void readCoveringFailedLbaIsUnrecoveredReadError() {
    d.write(start(1), blocks(4, 3));
    d.faults().failReads(start(1) + 2);
    ZnsException e = refused(StatusCode.UNRECOVERED_READ_ERROR, () -> d.read(start(1), 4));
    assertEquals(StatusCode.Type.MEDIA, e.statusCode().type());
  }

  @Test
  void readBesideFailedLbaSucceeds() {
    d.write(start(1), blocks(4, 3));
    d.faults().failReads(start(1) + 2);
    assertArrayEquals(blocks(2, 3), d.read(start(1), 2));
  }

  @Test
  void clearedFailureReadsAgain() {
    d.write(start(1), blocks(4, 3));
    d.faults().failReads(start(1) + 2);
    d.faults().clearReadFailures();
    assertArrayEquals(blocks(4, 3), d.read(start(1), 4));
  }

  @Test
  void readFailureCompletesWithMediaStatusType() {
    d.faults().failReads(0);
    Completion c = d.submit(new Command.Read(0, 1, new byte[512]));
    assertEquals(2, c.statusCodeType());
    assertEquals(0x81, c.statusCode());
  }

  @Test
  void failingLbaOutsideDeviceIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> d.faults().failReads(Devices.SMALL.totalBlocks()));
  }
}
