package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  @Test
  void threadsWritingTheirOwnFilesSeeTheirOwnData() throws Exception {
    FluffleFs fs =
        FluffleFs.format(TestDevices.memory(TestDevices.small()), FormatOptions.defaults());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        results.add(
            pool.submit(
                () -> {
                  byte[] expected = new byte[200 * 1024];
                  try (FileHandle h = fs.open("/t" + id, OpenMode.CREATE)) {
                    for (int i = 0; i < 200; i++) {
                      byte[] data = TestDevices.random(id * 1000 + i, 3000);
                      int off = (i * 7919) % (expected.length - data.length);
                      h.write(off, data);
                      System.arraycopy(data, 0, expected, off, data.length);
                      if (i % 50 == 0) {
                        h.fsync();
                      }
                    }
                    h.truncate(expected.length);
                  }
                  return expected;
                }));
      }
      for (int t = 0; t < 4; t++) {
        byte[] expected = results.get(t).get(60, TimeUnit.SECONDS);
        try (FileHandle h = fs.open("/t" + t)) {
          assertArrayEquals(expected, h.read(0, expected.length), "file " + t);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(fs.check().ok(), fs.check().problems().toString());
  }
}
