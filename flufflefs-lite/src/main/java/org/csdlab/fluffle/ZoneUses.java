package org.csdlab.fluffle;

import java.util.ArrayList;
import java.util.List;

/** Reads the volume's zone table and logs into {@link ZoneUse} values. */
final class ZoneUses {
  private ZoneUses() {}

  static List<ZoneUse> of(Volume v) {
    int n = v.zones.zoneCount();
    List<ZoneUse> out = new ArrayList<>(v.geometry.zoneCount());
    for (int z = 0; z < n; z++) {
      int written =
          z < Volume.SYSTEM_ZONES ? (int) v.device.zone(z).writtenBlocks() : v.zones.written(z);
      int summary =
          v.zones.isDataZone(z) && written == v.zoneCapacity ? v.summary.blocksPerZone : 0;
      out.add(
          new ZoneUse(
              z, kind(v, z), written, v.zones.valid(z), v.zoneCapacity, v.zones.pins(z), summary));
    }
    // zones after the filesystem's, in the picture of the drive
    for (int z = n; z < v.geometry.zoneCount(); z++) {
      int written = (int) v.device.zone(z).writtenBlocks();
      out.add(new ZoneUse(z, ZoneUse.Kind.NOT_IN_FILESYSTEM, written, 0, v.zoneCapacity, 0, 0));
    }
    return out;
  }

  private static ZoneUse.Kind kind(Volume v, int z) {
    if (z == 0) {
      return ZoneUse.Kind.SUPERBLOCK;
    }
    if (z < Volume.SYSTEM_ZONES) {
      return z == v.checkpointZone() ? ZoneUse.Kind.CHECKPOINT : ZoneUse.Kind.CHECKPOINT_SPARE;
    }
    if (z == v.meta.zone()) {
      return ZoneUse.Kind.METADATA_LOG;
    }
    if (z == v.meta.nextZone()) {
      return ZoneUse.Kind.METADATA_NEXT;
    }
    if (z == v.hot.zone()) {
      return ZoneUse.Kind.HOT_LOG;
    }
    if (z == v.cold.zone()) {
      return ZoneUse.Kind.COLD_LOG;
    }
    return switch (v.zones.role(z)) {
      case SYSTEM -> ZoneUse.Kind.UNUSABLE;
      case FREE -> ZoneUse.Kind.FREE;
      case SEALED ->
          v.zones.isDataZone(z) ? ZoneUse.Kind.SEALED_DATA : ZoneUse.Kind.SEALED_METADATA;
      case LOG, RESERVED -> ZoneUse.Kind.SEALED_METADATA;
    };
  }
}
