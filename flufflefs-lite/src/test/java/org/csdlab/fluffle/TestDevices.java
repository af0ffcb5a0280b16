package org.csdlab.fluffle;

import java.nio.file.Path;
import java.util.Random;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;

/** Small devices for tests. */
final class TestDevices {
  private TestDevices() {}

  /** 32 zones × 128 blocks of 4 KiB (16 MiB). */
  static Geometry small() {
    return Geometry.builder()
        .zoneCount(32)
        .zoneSizeBlocks(128)
        .zoneCapacityBlocks(128)
        .blockSizeBytes(4096)
        .maxOpenZones(8)
        .maxActiveZones(10)
        .build();
  }

  /** 24 zones × 64 blocks of 512 B, zone capacity 60 (deep block trees, odd capacity). */
  static Geometry tiny512() {
    return Geometry.builder()
        .zoneCount(24)
        .zoneSizeBlocks(64)
        .zoneCapacityBlocks(60)
        .blockSizeBytes(512)
        .maxOpenZones(6)
        .maxActiveZones(8)
        .build();
  }

  static ZnsDevice memory(Geometry g) {
    return ZnsDevice.builder(g).build();
  }

  static ZnsDevice file(Geometry g, Path file) {
    return ZnsDevice.builder(g).file(file).build();
  }

  static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
