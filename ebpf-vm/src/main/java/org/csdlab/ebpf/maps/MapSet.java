package org.csdlab.ebpf.maps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csdlab.ebpf.MemoryBudget;
import org.csdlab.ebpf.MemoryBudgetException;
import org.csdlab.ebpf.Vm;

/**
 * The maps of one program, built from their definitions, each with the <em>handle</em> a program
 * passes in r1 to the map helpers. The handle of the {@code i}-th map is {@link #handleOf(int)
 * HANDLE_BASE + i}: a constant the ELF loader writes into the {@code lddw} of a map reference.
 * Handles are not addresses (they lie in the never-mapped low 4 GiB), so a program that
 * dereferences one faults cleanly, and a helper given a value that is no handle returns {@code
 * -EINVAL}.
 *
 * <pre>{@code
 * MapSet maps = MapSet.of(loaded.maps());
 * Vm vm = maps.configure(loaded.vmBuilder()).helpers(HelperSets.linux(maps)).build();
 * }</pre>
 */
public final class MapSet {
  /** Handle of the first map. */
  public static final long HANDLE_BASE = 0x4d50_0000L; // "MP"

  private final List<EbpfMap> maps;
  private final Map<String, EbpfMap> byName = new LinkedHashMap<>();

  private MapSet(List<EbpfMap> maps) {
    this.maps = Collections.unmodifiableList(new ArrayList<>(maps));
    for (EbpfMap map : maps) {
      if (byName.putIfAbsent(map.name(), map) != null) {
        throw new IllegalArgumentException("two maps are named '" + map.name() + "'");
      }
    }
  }

  /** Where the budget of {@link #of(List)} is changed. */
  static final String BUDGET_SETTING = "MapSet.of(definitions, memoryBudgetBytes)";

  /**
   * The maps for {@code definitions}, in order, if their {@link MapDefinition#memoryBytes()} fit in
   * {@link MemoryBudget#DEFAULT_BYTES}.
   *
   * @throws MemoryBudgetException before any map is built, when they do not
   */
  public static MapSet of(List<MapDefinition> definitions) {
    return of(definitions, MemoryBudget.DEFAULT_BYTES);
  }

  /**
   * The maps for {@code definitions}, in order, if their {@link MapDefinition#memoryBytes()} add up
   * to at most {@code memoryBudgetBytes}.
   *
   * @throws MemoryBudgetException before any map is built, when they do not
   */
  public static MapSet of(List<MapDefinition> definitions, long memoryBudgetBytes) {
    charge(new MemoryBudget(memoryBudgetBytes, BUDGET_SETTING), definitions).check();
    List<EbpfMap> maps = new ArrayList<>();
    for (MapDefinition definition : definitions) {
      maps.add(create(definition));
    }
    return new MapSet(maps);
  }

  /**
   * Charges each definition's {@link MapDefinition#memoryBytes()} to {@code budget}; returns it.
   */
  public static MemoryBudget charge(MemoryBudget budget, List<MapDefinition> definitions) {
    for (MapDefinition definition : definitions) {
      budget.charge(definition.describe(), definition.memoryBytes());
    }
    return budget;
  }

  /** The maps for {@code definitions}, in order, within the default budget. */
  public static MapSet of(MapDefinition... definitions) {
    return of(List.of(definitions));
  }

  /** Already built maps, in order. */
  public static MapSet ofMaps(List<? extends EbpfMap> maps) {
    return new MapSet(new ArrayList<>(maps));
  }

  /** A map of the definition's type. */
  public static EbpfMap create(MapDefinition definition) {
    return switch (definition.type()) {
      case ARRAY -> new ArrayMap(definition);
      case HASH -> new HashTableMap(definition);
      case LRU_HASH -> new LruHashMap(definition);
      case RINGBUF -> new RingBufferMap(definition);
    };
  }

  /** The handle programs use for the {@code index}-th map. */
  public static long handleOf(int index) {
    return HANDLE_BASE + index;
  }

  /** The handle of the map named {@code name}. */
  public long handle(String name) {
    return handleOf(maps.indexOf(get(name)));
  }

  /** The map with {@code handle}, or null when the value is no handle of this set. */
  public EbpfMap byHandle(long handle) {
    long index = handle - HANDLE_BASE;
    return index >= 0 && index < maps.size() ? maps.get((int) index) : null;
  }

  /** The maps, in handle order. */
  public List<EbpfMap> maps() {
    return maps;
  }

  /** The map named {@code name}; throws when there is none. */
  public EbpfMap get(String name) {
    EbpfMap map = byName.get(name);
    if (map == null) {
      throw new IllegalArgumentException("no map named '" + name + "'; maps: " + byName.keySet());
    }
    return map;
  }

  /** The map named {@code name} as {@code type}. */
  public <T extends EbpfMap> T get(String name, Class<T> type) {
    EbpfMap map = get(name);
    if (!type.isInstance(map)) {
      throw new IllegalArgumentException(
          "map '"
              + name
              + "' is a "
              + map.getClass().getSimpleName()
              + ", not a "
              + type.getSimpleName());
    }
    return type.cast(map);
  }

  /**
   * Adds the value region ({@code map:<name>}) of every map with values to {@code builder}; returns
   * it.
   */
  public Vm.Builder configure(Vm.Builder builder) {
    for (EbpfMap map : maps) {
      if (map instanceof SlotMap slots) {
        builder.region(slots.regionName(), slots.storage());
      }
    }
    return builder;
  }

  @Override
  public String toString() {
    return "MapSet" + maps;
  }
}
