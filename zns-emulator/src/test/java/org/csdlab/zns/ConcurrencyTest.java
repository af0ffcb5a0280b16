package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads appending at once: no lost, duplicated or overlapping writes. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int APPENDS = 200;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private final Geometry geometry =
      Geometry.builder()
          .zoneCount(16)
          .zoneSizeBlocks(2048)
          .blockSizeBytes(512)
          .maxOpenZones(Geometry.UNLIMITED)
          .maxActiveZones(Geometry.UNLIMITED)
          .build();
  private final ZnsDevice device = ZnsDevice.builder(geometry).build();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** One block tagged with its writer and sequence number. */
  private static byte[] tagged(int thread, int seq) {
    return ByteBuffer.allocate(512).putInt(thread).putInt(seq).array();
  }

  private List<Long> run(int thread, int zone) {
    List<Long> lbas = new ArrayList<>();
    for (int i = 0; i < APPENDS; i++) {
      lbas.add(device.append(geometry.zoneStartLba(zone), tagged(thread, i)));
    }
    return lbas;
  }

  private List<List<Long>> runAll(boolean sameZone) throws Exception {
    List<Future<List<Long>>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Callable<List<Long>> task = () -> run(thread, sameZone ? 0 : thread);
      futures.add(pool.submit(task));
    }
    List<List<Long>> out = new ArrayList<>();
    for (Future<List<Long>> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  private void assertEachAppendReadsBack(List<List<Long>> lbas) {
    for (int t = 0; t < lbas.size(); t++) {
      for (int i = 0; i < APPENDS; i++) {
        assertArrayEquals(
            tagged(t, i), device.read(lbas.get(t).get(i), 1), "thread " + t + " append " + i);
      }
    }
  }

  @Test
  void appendsToOneZoneGetDistinctLbasAndAllReadBack() throws Exception {
    List<List<Long>> lbas = runAll(true);
    Set<Long> distinct = new HashSet<>();
    lbas.forEach(distinct::addAll);
    assertEquals(THREADS * APPENDS, distinct.size());
    assertEquals(THREADS * APPENDS, device.zone(0).writePointer());
    assertEachAppendReadsBack(lbas);
  }

  @Test
  void appendsToDifferentZonesAllReadBack() throws Exception {
    List<List<Long>> lbas = runAll(false);
    for (int t = 0; t < THREADS; t++) {
      assertEquals(geometry.zoneStartLba(t) + APPENDS, device.zone(t).writePointer());
    }
    assertEquals(THREADS, device.openZones());
    assertEachAppendReadsBack(lbas);
  }

  @Test
  void appendsUnderOpenLimitKeepAccountingConsistent() throws Exception {
    ZnsDevice limited =
        ZnsDevice.builder(
                Geometry.builder()
                    .zoneCount(16)
                    .zoneSizeBlocks(2048)
                    .blockSizeBytes(512)
                    .maxOpenZones(3)
                    .maxActiveZones(16)
                    .build())
            .build();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int zone = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < APPENDS; i++) {
                  limited.append(limited.geometry().zoneStartLba(zone), tagged(zone, i));
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    long open = limited.zones().stream().filter(z -> z.state().isOpen()).count();
    long active = limited.zones().stream().filter(z -> z.state().isActive()).count();
    assertEquals(open, limited.openZones());
    assertEquals(active, limited.activeZones());
    assertEquals(THREADS, active);
    for (int t = 0; t < THREADS; t++) {
      assertEquals(limited.geometry().zoneStartLba(t) + APPENDS, limited.zone(t).writePointer());
    }
  }
}
