package org.csdlab.fluffle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.csdlab.ebpf.fuzz.Fuzz;
import org.csdlab.ebpf.fuzz.FuzzOracle;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.csdlab.zns.ZoneAction;
import org.csdlab.zns.ZoneState;

/**
 * Mounting mutated flufflefs-lite images. A volume is formatted, filled with directories and files
 * (some fsynced, then a checkpoint) and unmounted; each try copies its zones onto a fresh device
 * with some blocks changed (bit flips, header-sized fields overwritten with extreme values, zones
 * cut short as a torn log would leave them). The copy must mount, check, list and read every file
 * and take a new file, or fail with an {@link FsException}.
 */
class FsImageFuzz {
  private static final FuzzOracle ORACLE = FuzzOracle.expecting("fs-image", FsException.class);
  private static final Geometry GEOMETRY = TestDevices.tiny512();
  private static final int BLOCK = GEOMETRY.blockSizeBytes();

  /** Every written zone of the seed volume: its state and its blocks. */
  private static final List<ZoneImage> SEED = seed();

  private static final int MAX_READ_BYTES = 1 << 20;

  record ZoneImage(int id, ZoneState state, byte[] data) {}

  /** One mutated copy: the changed zones, and a description of the changes for a finding. */
  record Mutant(List<ZoneImage> zones, String changes) {
    @Override
    public String toString() {
      return changes;
    }
  }

  @Fuzz(tries = 400)
  void mutatedVolumes(@ForAll("mutants") Mutant mutant) {
    ZnsDevice device = copy(mutant.zones());
    ORACLE.check(mutant::changes, () -> exercise(device));
  }

  /** Mounts, checks, lists and reads every file, adds a file, syncs and unmounts. */
  private static long exercise(ZnsDevice device) {
    FluffleFs fs = FluffleFs.mount(device);
    fs.check();
    long bytes = walk(fs, "/");
    fs.create("/fuzz-new");
    try (FileHandle handle = fs.open("/fuzz-new", OpenMode.EXISTING)) {
      handle.write(0, new byte[BLOCK + 1]);
      handle.fsync();
    }
    fs.sync();
    fs.unmount();
    return bytes;
  }

  private static long walk(FluffleFs fs, String directory) {
    long bytes = 0;
    for (String name : fs.list(directory)) {
      String path = directory.equals("/") ? "/" + name : directory + "/" + name;
      FileStat stat = fs.stat(path);
      if (stat.isDirectory()) {
        bytes += walk(fs, path);
      } else {
        try (FileHandle handle = fs.open(path)) {
          bytes += handle.read(0, (int) Math.min(MAX_READ_BYTES, handle.size())).length;
        }
      }
    }
    return bytes;
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    return Arbitraries.randomValue(
        random -> {
          List<ZoneImage> zones = new ArrayList<>();
          SEED.forEach(
              zone -> zones.add(new ZoneImage(zone.id(), zone.state(), zone.data().clone())));
          StringBuilder changes = new StringBuilder();
          for (int m = 1 + random.nextInt(3); m > 0; m--) {
            mutate(random, zones, changes);
          }
          return new Mutant(zones, changes.toString());
        });
  }

  private static void mutate(Random random, List<ZoneImage> zones, StringBuilder changes) {
    int index = random.nextInt(zones.size());
    ZoneImage zone = zones.get(index);
    if (zone.data().length == 0) {
      return;
    }
    int block = random.nextInt(zone.data().length / BLOCK);
    switch (random.nextInt(4)) {
      case 0 -> {
        int at = block * BLOCK + random.nextInt(BLOCK);
        int bit = random.nextInt(8);
        zone.data()[at] ^= (byte) (1 << bit);
        changes.append(String.format("zone %d byte %d: flip bit %d; ", zone.id(), at, bit));
      }
      case 1, 2 -> {
        int width = 1 << random.nextInt(4);
        int at = block * BLOCK + random.nextInt(64);
        long value = extreme(random);
        for (int b = 0; b < width; b++) {
          zone.data()[at + b] = (byte) (value >>> (8 * b));
        }
        changes.append(
            String.format("zone %d byte %d: %d-byte value %d; ", zone.id(), at, width, value));
      }
      default -> {
        zones.set(
            index,
            new ZoneImage(
                zone.id(), ZoneState.CLOSED, java.util.Arrays.copyOf(zone.data(), block * BLOCK)));
        changes.append(String.format("zone %d: cut to %d blocks; ", zone.id(), block));
      }
    }
  }

  private static long extreme(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> -1;
      case 1 -> 0;
      case 2 -> random.nextInt(64);
      case 3 -> 1L << random.nextInt(63);
      case 4 -> Integer.MAX_VALUE;
      default -> random.nextLong();
    };
  }

  /** A fresh device holding {@code zones}, each in its recorded state. */
  private static ZnsDevice copy(List<ZoneImage> zones) {
    ZnsDevice device = TestDevices.memory(GEOMETRY);
    for (ZoneImage zone : zones) {
      long start = GEOMETRY.zoneStartLba(zone.id());
      if (zone.data().length > 0) {
        device.write(start, zone.data());
      }
      if (zone.state() == ZoneState.FULL) {
        device.manage(zone.id(), ZoneAction.FINISH);
      } else if (zone.data().length > 0 && zone.data().length < GEOMETRY.zoneCapacityBytes()) {
        device.manage(zone.id(), ZoneAction.CLOSE);
      }
    }
    return device;
  }

  /**
   * Formats a volume, writes a small tree (fsynced files, a deep file, a renamed one), unmounts.
   */
  private static List<ZoneImage> seed() {
    ZnsDevice device = TestDevices.memory(GEOMETRY);
    FluffleFs fs = FluffleFs.format(device);
    fs.mkdir("/data");
    fs.mkdir("/data/deep");
    for (int i = 0; i < 6; i++) {
      String path = (i % 2 == 0 ? "/data/f" : "/data/deep/g") + i;
      fs.create(path);
      try (FileHandle handle = fs.open(path, OpenMode.EXISTING)) {
        handle.write(0, TestDevices.random(i, BLOCK * (1 + 7 * i) + i));
        if (i % 3 == 0) {
          handle.fsync();
        }
      }
    }
    fs.rename("/data/f0", "/data/renamed");
    fs.sync();
    fs.create("/after-checkpoint");
    try (FileHandle handle = fs.open("/after-checkpoint", OpenMode.EXISTING)) {
      handle.write(0, TestDevices.random(99, 3 * BLOCK));
      handle.fsync();
    }
    List<ZoneImage> zones = new ArrayList<>();
    for (Zone zone : device.zones()) {
      long written = zone.writtenBlocks();
      byte[] data = written == 0 ? new byte[0] : device.read(zone.startLba(), (int) written);
      if (written > 0) {
        zones.add(new ZoneImage(zone.id(), zone.state(), data));
      }
    }
    return List.copyOf(zones);
  }
}
