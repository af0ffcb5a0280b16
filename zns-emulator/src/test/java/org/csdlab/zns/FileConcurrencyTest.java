package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads appending to a file-backed device, with implicit closes: everything is there after
 * reopening.
 */
class FileConcurrencyTest {
  private static final int THREADS = 8;
  private static final int APPENDS = 100;
  private static final int ZONES_WRITTEN = 4;

  @TempDir Path dir;

  private static byte[] tagged(int thread, int seq) {
    return ByteBuffer.allocate(512).putInt(thread).putInt(seq).array();
  }

  @Test
  void concurrentAppendsSurviveReopen() throws Exception {
    Geometry geometry =
        Geometry.builder()
            .zoneCount(8)
            .zoneSizeBlocks(1024)
            .blockSizeBytes(512)
            .maxOpenZones(2)
            .maxActiveZones(8)
            .build();
    Path file = dir.resolve("dev.img");
    List<List<Long>> lbas = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (ZnsDevice device = ZnsDevice.builder(geometry).file(file).build()) {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  List<Long> out = new ArrayList<>();
                  for (int i = 0; i < APPENDS; i++) {
                    out.add(
                        device.append(
                            geometry.zoneStartLba(thread % ZONES_WRITTEN), tagged(thread, i)));
                  }
                  return out;
                }));
      }
      for (Future<List<Long>> f : futures) {
        lbas.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    try (ZnsDevice device = ZnsDevice.open(file)) {
      for (int z = 0; z < ZONES_WRITTEN; z++) {
        Zone zone = device.zone(z);
        assertEquals(ZoneState.CLOSED, zone.state());
        assertEquals(
            zone.startLba() + (long) APPENDS * THREADS / ZONES_WRITTEN, zone.writePointer());
      }
      for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < APPENDS; i++) {
          assertArrayEquals(
              tagged(t, i), device.read(lbas.get(t).get(i), 1), "thread " + t + " append " + i);
        }
      }
      Devices.assertCounts(device, 0, ZONES_WRITTEN);
    }
  }
}
