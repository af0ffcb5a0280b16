package org.csdlab.ebpf;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.csdlab.ebpf.maps.ArrayMap;
import org.csdlab.ebpf.maps.EbpfMap;
import org.csdlab.ebpf.maps.HashTableMap;
import org.csdlab.ebpf.maps.LinuxHelpers;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.maps.RingBufferMap;

/**
 * The helpers of one engine's run in an {@link EngineDifferential}, made afresh for each engine so
 * that neither sees the other's side effects, and a description of what they did (printed lines,
 * map contents) for the comparison.
 */
public interface HelperFixture {
  /** Adds the helpers (and any regions they own, such as map values) to {@code builder}. */
  Vm.Builder configure(Vm.Builder builder);

  /** What the helpers did during the run, as text two engines' runs must share exactly. */
  default String sideEffects() {
    return "";
  }

  /** No helpers. */
  static Supplier<HelperFixture> none() {
    return () -> builder -> builder;
  }

  /** The helpers of {@code registry}, which keep no state of their own (the conformance set). */
  static Supplier<HelperFixture> of(Supplier<HelperRegistry> registry) {
    return () -> builder -> builder.helpers(registry.get());
  }

  /**
   * The Linux helpers (counter clock, seed 0) over the maps {@code maps} makes; side effects: the
   * trace_printk lines, lines dropped, and every map's contents.
   */
  static Supplier<HelperFixture> linux(Supplier<MapSet> maps) {
    return () -> new Linux(maps.get());
  }

  /** {@link #linux}'s fixture. */
  final class Linux implements HelperFixture {
    private final MapSet maps;
    private final LinuxHelpers helpers;

    Linux(MapSet maps) {
      this.maps = maps;
      this.helpers = new LinuxHelpers(maps);
    }

    @Override
    public Vm.Builder configure(Vm.Builder builder) {
      return maps.configure(builder).helpers(helpers.registry());
    }

    @Override
    public String sideEffects() {
      StringBuilder text = new StringBuilder();
      text.append("printed ").append(helpers.printed());
      text.append(", dropped ").append(helpers.droppedLines());
      for (EbpfMap map : maps.maps()) {
        text.append("; map ").append(map.name()).append(' ').append(contents(map));
      }
      return text.toString();
    }

    private static String contents(EbpfMap map) {
      HexFormat hex = HexFormat.of();
      if (map instanceof ArrayMap array) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < array.maxEntries(); i++) {
          text.append(i == 0 ? "" : ", ").append(hex.formatHex(array.lookup(ArrayMap.key(i))));
        }
        return text.append(']').toString();
      }
      if (map instanceof HashTableMap table) {
        // in the table's own order (oldest first; least recently used first for LRU), which the
        // program's calls decide as much as the contents
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<ByteBuffer, byte[]> entry : table.entries().entrySet()) {
          ByteBuffer key = entry.getKey().duplicate();
          byte[] keyBytes = new byte[key.remaining()];
          key.get(keyBytes);
          text.append(hex.formatHex(keyBytes)).append('=').append(hex.formatHex(entry.getValue()));
          text.append(' ');
        }
        return text.append('}').toString();
      }
      if (map instanceof RingBufferMap ring) {
        StringBuilder text = new StringBuilder("records [");
        ring.records().forEach(r -> text.append(hex.formatHex(r)).append(' '));
        return text.append("], dropped ").append(ring.dropped()).toString();
      }
      return "size " + map.size();
    }
  }
}
