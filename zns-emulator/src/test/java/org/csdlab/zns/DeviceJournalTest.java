package org.csdlab.zns;

import static org.csdlab.zns.Devices.SMALL;
import static org.csdlab.zns.Devices.blocks;
import static org.csdlab.zns.Devices.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceJournalTest {
  private static final Geometry WITH_EXTENSIONS =
      Geometry.builder()
          .zoneCount(8)
          .zoneSizeBlocks(16)
          .zoneCapacityBlocks(12)
          .blockSizeBytes(512)
          .maxOpenZones(2)
          .maxActiveZones(3)
          .zoneDescriptorExtensionBytes(64)
          .build();

  /** Everything a host can observe of a device: zones and the bytes of every readable zone. */
  private static List<Object> image(ZnsDevice dev) {
    List<Object> out = new ArrayList<>(dev.zones());
    for (Zone z : dev.zones()) {
      if (z.state() != ZoneState.OFFLINE) {
        out.add(Arrays.hashCode(dev.read(z.startLba(), (int) z.sizeBlocks())));
        out.add(Arrays.hashCode(dev.descriptorExtension(z.id())));
      }
    }
    return out;
  }

  @Test
  void recordsEveryMutatingCommandInOrderWithTheAppendLba() {
    ZnsDevice dev = ZnsDevice.builder(WITH_EXTENSIONS).build();
    DeviceJournal journal = DeviceJournal.attach(dev);
    dev.write(start(0), blocks(2, 1));
    dev.read(start(0), 1);
    long lba = dev.append(start(1), blocks(1, 2));
    dev.manage(0, ZoneAction.FINISH);
    dev.setDescriptorExtension(3, new byte[64]);
    dev.manageAll(ZoneAction.RESET);
    dev.report(ReportFilter.ALL);
    assertEquals(
        List.of(
            "Write[lba=0, bytes=1024]",
            "Append[zslba=16, lba=" + lba + ", bytes=512]",
            "Manage[zone=0, action=FINISH]",
            "SetExtension[zone=3, bytes=64]",
            "ManageAll[action=RESET]"),
        journal.entries().stream().map(Object::toString).toList());
    assertEquals(2, journal.blocksOf(0));
    assertEquals(0, journal.blocksOf(2));
  }

  @Test
  void refusedCommandsAreNotRecorded() {
    ZnsDevice dev = Devices.small();
    DeviceJournal journal = DeviceJournal.attach(dev);
    Devices.refused(StatusCode.ZONE_INVALID_WRITE, () -> dev.write(start(0) + 3, blocks(1, 1)));
    Devices.refused(
        StatusCode.INVALID_ZONE_STATE_TRANSITION, () -> dev.manage(0, ZoneAction.CLOSE));
    assertEquals(0, journal.size());
  }

  @Test
  void nvmeCommandValuesAreRecordedToo() {
    ZnsDevice dev = Devices.small();
    DeviceJournal journal = DeviceJournal.attach(dev);
    Completion c = dev.submit(new Command.ZoneAppend(start(2), blocks(1, 9)));
    assertEquals(StatusCode.SUCCESS, c.status());
    assertEquals(
        new DeviceJournal.Append(start(2), start(2), blocks(1, 9)).toString(),
        journal.entry(0).toString());
  }

  @Test
  void everyPrefixReplaysToTheStateTheDeviceHadThen() {
    ZnsDevice dev = Devices.small();
    DeviceJournal journal = DeviceJournal.attach(dev);
    List<List<Object>> seen = new ArrayList<>();
    seen.add(image(dev));
    List<Runnable> workload =
        List.of(
            () -> dev.append(start(0), blocks(3, 1)),
            () -> dev.write(start(1), blocks(2, 2)),
            () -> dev.manage(1, ZoneAction.CLOSE),
            () -> dev.append(start(0), blocks(1, 3)),
            () -> dev.manage(2, ZoneAction.OPEN),
            () -> dev.manage(0, ZoneAction.FINISH),
            () -> dev.manage(0, ZoneAction.RESET),
            () -> dev.append(start(1), blocks(10, 4)),
            () -> dev.manageAll(ZoneAction.CLOSE));
    for (Runnable command : workload) {
      command.run();
      seen.add(image(dev));
    }
    assertEquals(workload.size(), journal.size());
    for (int n = 0; n <= journal.size(); n++) {
      assertEquals(seen.get(n), image(journal.replay(n)), "prefix " + n);
    }
  }

  @Test
  void aTornReplayKeepsOnlyTheFirstBlocksOfTheLastWrite() {
    ZnsDevice dev = Devices.small();
    DeviceJournal journal = DeviceJournal.attach(dev);
    dev.append(start(0), blocks(1, 1));
    byte[] data = new byte[4 * Devices.BLOCK];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i / Devices.BLOCK + 10);
    }
    dev.append(start(0), data);
    for (int kept = 0; kept < 4; kept++) {
      ZnsDevice torn = journal.replayTorn(2, kept);
      assertEquals(start(0) + 1 + kept, torn.zone(0).writePointer(), "kept " + kept);
      byte[] read = torn.read(start(0) + 1, 4);
      for (int b = 0; b < 4; b++) {
        byte expected = b < kept ? (byte) (b + 10) : 0;
        assertEquals(expected, read[b * Devices.BLOCK], "kept " + kept + ", block " + b);
      }
    }
  }

  @Test
  void onlyWritesAndAppendsCanBeTornAndOnlyWithinTheirBlocks() {
    ZnsDevice dev = Devices.small();
    DeviceJournal journal = DeviceJournal.attach(dev);
    dev.write(start(0), blocks(2, 1));
    dev.manage(0, ZoneAction.FINISH);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> journal.replayTorn(2, 0));
    assertTrue(e.getMessage().contains("only a write or an append"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> journal.replayTorn(1, 2));
    assertTrue(e.getMessage().contains("keeps 0 to 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> journal.replayTorn(0, 0));
    e = assertThrows(IllegalArgumentException.class, () -> journal.replay(3));
    assertTrue(e.getMessage().contains("0 to 2"), e.getMessage());
  }

  @Test
  void theJournalKeepsItsOwnCopyOfTheData() {
    ZnsDevice dev = Devices.small();
    DeviceJournal journal = DeviceJournal.attach(dev);
    byte[] data = blocks(1, 5);
    dev.write(start(0), data);
    Arrays.fill(data, (byte) 6);
    assertEquals(5, journal.replay(1).read(start(0), 1)[0]);
    DeviceJournal.Write w = assertInstanceOf(DeviceJournal.Write.class, journal.entry(0));
    w.data()[0] = 7;
    assertEquals(5, journal.replay(1).read(start(0), 1)[0]);
  }

  @Test
  void aReplayStartsFromTheStateTheDeviceHadWhenAttached() {
    ZnsDevice dev = ZnsDevice.builder(WITH_EXTENSIONS).build();
    byte[] extension = new byte[64];
    extension[0] = 42;
    dev.setDescriptorExtension(0, extension);
    dev.write(start(0), blocks(2, 1));
    dev.manage(0, ZoneAction.CLOSE);
    dev.write(start(1), blocks(3, 2));
    dev.manage(1, ZoneAction.FINISH);
    dev.manage(2, ZoneAction.OPEN);
    dev.append(start(2), blocks(1, 3));
    dev.write(start(3), blocks(1, 5));
    dev.manage(3, ZoneAction.FINISH);
    dev.faults().markReadOnly(3);
    dev.write(start(4), blocks(12, 4));
    List<Object> before = image(dev);
    DeviceStats stats = dev.stats();
    DeviceJournal journal = DeviceJournal.attach(dev);
    assertEquals(stats, dev.stats(), "attaching reads the starting state without counting it");
    assertEquals(before, image(journal.replay(0)));
    dev.append(start(2), blocks(1, 6));
    List<Object> after = image(dev);
    assertEquals(after, image(journal.replay(1)));
    assertEquals(ZoneState.READ_ONLY, journal.replay(1).zone(3).state());
    assertEquals(ZoneState.FULL, journal.replay(1).zone(4).state());
  }

  @Test
  void aDeviceHasOneJournalAtATimeAndADetachedOneStopsRecording() {
    ZnsDevice dev = Devices.small();
    DeviceJournal first = DeviceJournal.attach(dev);
    assertThrows(IllegalStateException.class, () -> DeviceJournal.attach(dev));
    dev.write(start(0), blocks(1, 1));
    first.detach();
    dev.write(start(0) + 1, blocks(1, 1));
    assertEquals(1, first.size());
    DeviceJournal second = DeviceJournal.attach(dev);
    dev.write(start(0) + 2, blocks(1, 1));
    assertEquals(1, second.size());
    assertEquals(start(0) + 3, second.replay(1).zone(0).writePointer());
  }

  @Test
  void aReplayHasTheRecordedGeometryAndTiming() {
    ZnsDevice dev =
        ZnsDevice.builder(SMALL).timing(org.csdlab.zns.timing.TimingProfile.tlcZns()).build();
    DeviceJournal journal = DeviceJournal.attach(dev);
    ZnsDevice replay = journal.replay(0);
    assertEquals(SMALL, replay.geometry());
    assertEquals(dev.timing(), replay.timing());
  }
}
