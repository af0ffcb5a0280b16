package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void writeUnmountMountRead() {
    ZnsDevice dev = TestDevices.memory(TestDevices.small());
    byte[] data = TestDevices.random(1, 100_000);
    try (FluffleFs fs = FluffleFs.format(dev, FormatOptions.defaults())) {
      fs.mkdir("/d");
      try (FileHandle h = fs.open("/d/f", OpenMode.CREATE)) {
        h.write(10, data);
      }
      assertTrue(fs.check().ok(), fs.check().problems().toString());
    }
    try (FluffleFs fs = FluffleFs.mount(dev)) {
      assertEquals(java.util.List.of("f"), fs.list("/d"));
      try (FileHandle h = fs.open("/d/f")) {
        assertEquals(100_010, h.size());
        assertArrayEquals(data, h.read(10, 100_000));
      }
      assertTrue(fs.check().ok(), fs.check().problems().toString());
    }
  }
}
