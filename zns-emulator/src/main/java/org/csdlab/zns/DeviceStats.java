package org.csdlab.zns;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.csdlab.ebpf.MemoryBudget;
import org.csdlab.zns.timing.Durations;

/**
 * A snapshot of what the device has done: completed commands and data bytes per command kind, zone
 * resets and writes (writes and appends) per zone. Refused commands are not counted.
 *
 * @param commands completed commands per kind
 * @param bytes data bytes moved per kind (read or written)
 * @param zoneResets resets of zones that were not Empty (one per zone, also under Select All)
 * @param writesPerZone completed writes and appends, indexed by zone id
 * @param modeledBusyNanos the sum of the modeled latencies of all completed commands, in ns on the
 *     device's modeled clock (0 with the {@code instant} timing profile)
 */
public record DeviceStats(
    Map<CommandKind, Long> commands,
    Map<CommandKind, Long> bytes,
    long zoneResets,
    List<Long> writesPerZone,
    long modeledBusyNanos) {

  /** Copies the maps and list so the snapshot never changes. */
  public DeviceStats {
    commands = Map.copyOf(commands);
    bytes = Map.copyOf(bytes);
    writesPerZone = List.copyOf(writesPerZone);
  }

  /** Completed commands of {@code kind}. */
  public long commands(CommandKind kind) {
    return commands.getOrDefault(kind, 0L);
  }

  /** Data bytes moved by commands of {@code kind}. */
  public long bytes(CommandKind kind) {
    return bytes.getOrDefault(kind, 0L);
  }

  /**
   * Data bytes that crossed the host link: everything read, written and appended, and zone
   * descriptor extensions sent.
   */
  public long hostLinkBytes() {
    return bytes.values().stream().mapToLong(Long::longValue).sum();
  }

  static Map<CommandKind, Long> emptyCounts() {
    Map<CommandKind, Long> m = new EnumMap<>(CommandKind.class);
    for (CommandKind k : CommandKind.values()) {
      m.put(k, 0L);
    }
    return m;
  }

  /**
   * As {@code DeviceStats[reads=256, writes=4096, appends=0, resets=0, host link 256.0 MiB, modeled
   * busy 8.210 s]}: sizes in binary units, times in SI units, as everywhere in csdlab.
   */
  @Override
  public String toString() {
    return "DeviceStats[reads="
        + commands(CommandKind.READ)
        + ", writes="
        + commands(CommandKind.WRITE)
        + ", appends="
        + commands(CommandKind.APPEND)
        + ", resets="
        + zoneResets
        + ", host link "
        + MemoryBudget.format(hostLinkBytes())
        + ", modeled busy "
        + Durations.format(modeledBusyNanos)
        + "]";
  }
}
