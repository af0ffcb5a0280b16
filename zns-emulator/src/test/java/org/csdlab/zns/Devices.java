package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.function.Executable;

/** Small devices and helpers shared by the tests. */
final class Devices {
  /** 8 zones of 16 blocks, capacity 12, 512-byte blocks, MOR 2, MAR 3. */
  static final Geometry SMALL =
      Geometry.builder()
          .zoneCount(8)
          .zoneSizeBlocks(16)
          .zoneCapacityBlocks(12)
          .blockSizeBytes(512)
          .maxOpenZones(2)
          .maxActiveZones(3)
          .build();

  static final int BLOCK = 512;

  private Devices() {}

  static ZnsDevice small() {
    return ZnsDevice.builder(SMALL).build();
  }

  static byte[] blocks(int count, int fill) {
    byte[] b = new byte[count * BLOCK];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  static long start(int zone) {
    return SMALL.zoneStartLba(zone);
  }

  /** Asserts {@code command} fails with {@code code} and returns the exception. */
  static ZnsException refused(StatusCode code, Executable command) {
    ZnsException e = assertThrows(ZnsException.class, command);
    assertEquals(code, e.statusCode(), e.getMessage());
    return e;
  }

  static void assertCounts(ZnsDevice device, int open, int active) {
    assertEquals(open, device.openZones(), "open zones");
    assertEquals(active, device.activeZones(), "active zones");
  }
}
