package org.csdlab.zns;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counts completed commands for {@link DeviceStats}; safe to call from many threads. */
final class StatsRecorder {
  private final Map<CommandKind, LongAdder> commands = new EnumMap<>(CommandKind.class);
  private final Map<CommandKind, LongAdder> bytes = new EnumMap<>(CommandKind.class);
  private final LongAdder resets = new LongAdder();
  private final LongAdder modeledBusy = new LongAdder();
  private final AtomicLongArray writesPerZone;
  private final AtomicLongArray resetsPerZone;

  StatsRecorder(int zoneCount) {
    for (CommandKind k : CommandKind.values()) {
      commands.put(k, new LongAdder());
      bytes.put(k, new LongAdder());
    }
    writesPerZone = new AtomicLongArray(zoneCount);
    resetsPerZone = new AtomicLongArray(zoneCount);
  }

  void command(CommandKind kind, long dataBytes) {
    commands.get(kind).increment();
    bytes.get(kind).add(dataBytes);
  }

  void zoneWritten(int zone) {
    writesPerZone.incrementAndGet(zone);
  }

  void modeled(long latencyNanos) {
    modeledBusy.add(latencyNanos);
  }

  void zoneReset(int zone) {
    resets.increment();
    resetsPerZone.incrementAndGet(zone);
  }

  long resetsOf(int zone) {
    return resetsPerZone.get(zone);
  }

  DeviceStats snapshot() {
    Map<CommandKind, Long> c = DeviceStats.emptyCounts();
    Map<CommandKind, Long> b = DeviceStats.emptyCounts();
    for (CommandKind k : CommandKind.values()) {
      c.put(k, commands.get(k).sum());
      b.put(k, bytes.get(k).sum());
    }
    List<Long> perZone = new ArrayList<>(writesPerZone.length());
    for (int i = 0; i < writesPerZone.length(); i++) {
      perZone.add(writesPerZone.get(i));
    }
    return new DeviceStats(c, b, resets.sum(), perZone, modeledBusy.sum());
  }

  @Override
  public String toString() {
    return "StatsRecorder[" + snapshot() + "]";
  }
}
