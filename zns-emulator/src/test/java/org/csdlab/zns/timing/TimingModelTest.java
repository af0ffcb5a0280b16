package org.csdlab.zns.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimingModelTest {

  private static final int PAGE = 16_384; // tlc-zns page
  private static final long R = 60_000; // tlc-zns read latency
  private static final long P = 600_000; // tlc-zns program latency
  private static final long E = 3_500_000; // tlc-zns reset latency
  private static final long CH = 36_409; // one 16 KiB page over a 450 MB/s channel, rounded up
  private static final long LINK = 5_462; // one 16 KiB page over the 3 GB/s link, rounded up

  private static TimingModel tlc() {
    return new TimingModel(TimingProfile.tlcZns());
  }

  private static TimingModel tlcOneDiePerZone() {
    return new TimingModel(
        TimingProfile.tlcZns().toBuilder().mapping(ZoneMapping.ONE_DIE_PER_ZONE).build());
  }

  @Test
  void singlePageReadCostsReadLatencyPlusChannelAndLinkTransfer() {
    assertEquals(R + CH + LINK, tlc().read(0, 0, PAGE, 0));
    assertEquals(101_871, tlc().read(0, 0, PAGE, 0));
    assertEquals(1_000 + R + CH + LINK, tlc().read(7, 0, PAGE, 1_000));
  }

  @Test
  void partialPageReadCostsAWholeSenseButOnlyItsBytesOfTransfer() {
    // teaching: read 50 µs; 4 KiB take 100 µs on a channel, 50 µs on the link
    var model = new TimingModel(TimingProfile.teaching());
    assertEquals(50_000 + 50_000 + 25_000, model.read(0, 1024, 2048, 0));
  }

  @Test
  void singlePageWriteCostsLinkThenChannelThenProgram() {
    assertEquals(LINK + CH + P, tlc().write(0, 0, PAGE, 0));
    assertEquals(650_000, new TimingModel(TimingProfile.teaching()).write(3, 0, 4096, 0));
  }

  @Test
  void writesToZonesOnDifferentDiesOverlap() {
    var model = tlcOneDiePerZone();
    assertEquals(0, model.dieOf(0, 0));
    assertEquals(1, model.dieOf(1, 0));
    long first = model.write(0, 0, PAGE, 0);
    long second = model.write(1, 0, PAGE, 0);
    assertEquals(LINK + CH + P, first);
    // only the shared host link is serialized: die 1 on channel 1 works beside die 0
    assertEquals(2 * LINK + CH + P, second);
  }

  @Test
  void writesToTheSameDieQueue() {
    var model = tlcOneDiePerZone();
    assertEquals(0, model.dieOf(32, 0)); // 32 dies: zone 32 shares die 0 with zone 0
    long first = model.write(0, 0, PAGE, 0);
    long second = model.write(32, 0, PAGE, 0);
    assertEquals(LINK + CH + P, first);
    // the second page can only enter die 0 once the first is programmed
    assertEquals(LINK + 2 * CH + 2 * P, second);
  }

  @Test
  void stripedZonesShareTheDieAtTheSameOffset() {
    var model = tlc();
    assertEquals(model.dieOf(0, 0), model.dieOf(1, 0));
    model.write(0, 0, PAGE, 0);
    assertEquals(LINK + 2 * CH + 2 * P, model.write(1, 0, PAGE, 0));
  }

  @Test
  void stripingSpreadsALargeWriteOverAllDies() {
    var model = tlc();
    int pages = 32;
    long bytes = (long) pages * PAGE;
    long link = TimingProfile.tlcZns().linkTransferNanos(bytes);
    assertEquals(174_763, link);
    // 4 pages per channel go out one after another; the 32 dies then program in parallel
    assertEquals(link + 4 * CH + P, model.write(0, 0, bytes, 0));
    for (int die = 0; die < 32; die++) {
      assertEquals(die % 8, model.channelOf(die));
      assertEquals(link + (die / 8 + 1) * CH + P, model.dieBusyUntil(die), "die " + die);
    }
    for (int channel = 0; channel < 8; channel++) {
      assertEquals(link + 4 * CH, model.channelBusyUntil(channel), "channel " + channel);
    }
    assertEquals(link, model.linkBusyUntil());
    assertEquals(bytes, model.linkBytes());
  }

  @Test
  void aLargeWriteToOneDieIsSerial() {
    var model = tlcOneDiePerZone();
    long bytes = 32L * PAGE;
    long link = TimingProfile.tlcZns().linkTransferNanos(bytes);
    assertEquals(link + 32 * CH + 32 * P, model.write(5, 0, bytes, 0));
    assertEquals(0, model.dieBusyUntil(0));
    assertEquals(link + 32 * CH + 32 * P, model.dieBusyUntil(5));
  }

  @Test
  void unalignedCommandsSplitAtPageBoundaries() {
    var model = new TimingModel(TimingProfile.teaching());
    // 2 KiB on die 0 (channel 0) and 2 KiB on die 1 (channel 1): 50 µs link, 50 µs channels in
    // parallel
    assertEquals(600_000, model.write(0, 2048, 4096, 0));
    assertEquals(600_000, model.dieBusyUntil(0));
    assertEquals(600_000, model.dieBusyUntil(1));
    assertEquals(0, model.dieBusyUntil(2));
    // both dies sense after their programs, transfer in parallel, then 4 KiB over the link
    assertEquals(750_000, model.read(0, 2048, 4096, 0));
  }

  @Test
  void concurrentCallersShareTheLinkWithoutLosingCommands() throws InterruptedException {
    var model = new TimingModel(TimingProfile.teaching());
    int threads = 8;
    int perThread = 1_000;
    var workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int zone = t;
      workers[t] =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  model.write(zone, i * 4096L, 4096, 0);
                }
              });
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    // every write crossed the link once, 50 µs each, whatever the interleaving
    assertEquals((long) threads * perThread * 4096, model.linkBytes());
    assertEquals((long) threads * perThread * 50_000, model.linkBusyUntil());
  }

  @Test
  void multiPlaneDiesProgramAllPlanesInOneOperation() {
    var twoPlanes =
        new TimingModel(
            TimingProfile.teaching().toBuilder()
                .diesPerChannel(1)
                .channels(1)
                .planesPerDie(2)
                .build());
    // 8 KiB: 100 µs link, 200 µs channel, then a single 500 µs program
    assertEquals(800_000, twoPlanes.write(0, 0, 8192, 0));
  }

  @Test
  void readWaitsForAProgramOnTheSameDie() {
    var model = tlc();
    long written = model.write(0, 0, PAGE, 0);
    assertEquals(written + R + CH + LINK, model.read(0, 0, PAGE, 0));
  }

  @Test
  void resetCostsEraseLatencyOnEveryDieOfAStripedZone() {
    var model = tlc();
    assertEquals(1_000 + E, model.reset(5, 1_000));
    for (int die = 0; die < 32; die++) {
      assertEquals(1_000 + E, model.dieBusyUntil(die), "die " + die);
    }
    assertEquals(0, model.linkBusyUntil());
    assertEquals(0, model.linkBytes());
  }

  @Test
  void resetWaitsForTheBusiestDieOfTheZone() {
    var model = tlc();
    long written = model.write(0, 0, PAGE, 0); // die 0 only
    assertEquals(written + E, model.reset(0, 0));
    assertEquals(E, model.dieBusyUntil(1));
  }

  @Test
  void resetOfAOneDieZoneErasesOnlyItsDie() {
    var model = tlcOneDiePerZone();
    assertEquals(E, model.reset(3, 0));
    assertEquals(E, model.dieBusyUntil(3));
    assertEquals(0, model.dieBusyUntil(2));
    assertEquals(0, model.dieBusyUntil(4));
  }

  @Test
  void instantProfileAlwaysReturnsTheSubmitTime() {
    var model = new TimingModel(TimingProfile.instant());
    assertEquals(500, model.write(0, 0, 1 << 20, 500));
    assertEquals(100, model.read(0, 0, 1 << 20, 100)); // earlier submit: still no queueing
    assertEquals(7, model.reset(0, 7));
    assertEquals(0, model.write(9, 4096, 4096, 0));
    assertEquals(500, model.latestCompletionNanos());
  }

  @Test
  void zeroBytesCompleteAtSubmit() {
    var model = tlc();
    assertEquals(42, model.read(0, 0, 0, 42));
    assertEquals(42, model.write(0, 0, 0, 42));
    assertEquals(0, model.linkBusyUntil());
  }

  @Test
  void sameCommandSequenceGivesTheSameTimes() {
    assertArrayEquals(run(TimingProfile.tlcZns(), 7), run(TimingProfile.tlcZns(), 7));
    assertArrayEquals(run(TimingProfile.teaching(), 11), run(TimingProfile.teaching(), 11));
  }

  private static long[] run(TimingProfile profile, long seed) {
    var model = new TimingModel(profile);
    var random = new Random(seed);
    long[] times = new long[500];
    long submit = 0;
    for (int i = 0; i < times.length; i++) {
      int zone = random.nextInt(64);
      long offset = random.nextInt(256) * 4096L;
      long bytes = (1 + random.nextInt(64)) * 4096L;
      submit += random.nextInt(50_000);
      times[i] =
          switch (random.nextInt(5)) {
            case 0, 1 -> model.read(zone, offset, bytes, submit);
            case 2, 3 -> model.write(zone, offset, bytes, submit);
            default -> model.reset(zone, submit);
          };
    }
    return times;
  }

  @Test
  void refusesNegativeArguments() {
    var model = tlc();
    var e = assertThrows(IllegalArgumentException.class, () -> model.read(0, -4096, 4096, 0));
    assertEquals(
        "timing read: zone, offset, bytes and submit time must not be negative and offset + bytes "
            + "must fit in a long; zone=0, offset=-4096, bytes=4096, submitNanos=0",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> model.write(-1, 0, 4096, 0));
    assertThrows(IllegalArgumentException.class, () -> model.reset(0, -1));
    assertEquals(0, model.latestCompletionNanos()); // refused commands change nothing
  }

  @Test
  void toStringSummarizes() {
    var model = tlc();
    model.write(0, 0, PAGE, 0);
    assertEquals(
        "TimingModel[tlc-zns: 32 dies, latest completion 641.9 µs, 16384 bytes over the link]",
        model.toString());
  }
}
