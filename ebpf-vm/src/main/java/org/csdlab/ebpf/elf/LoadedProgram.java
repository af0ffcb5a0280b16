package org.csdlab.ebpf.elf;

import java.util.List;
import org.csdlab.ebpf.MemoryBudget;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.maps.HelperSets;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;

/**
 * A program taken from an ELF object with its relocations resolved: the {@link Program} (entry
 * function first, the functions it calls after it) and the data regions its {@code lddw}
 * instructions address. Run it with
 *
 * <pre>{@code
 * LoadedProgram loaded = ElfObject.read(path).program("csd");
 * Vm vm = loaded.configure(Vm.builder(loaded.program())).build();
 * }</pre>
 *
 * The addresses in the program assume the regions are the first extra regions of the VM, added in
 * the order of {@link #regions()}; {@link #configure} does that, so call it before adding any other
 * region.
 *
 * @param name the section or function the program was loaded by
 * @param program the relocated program
 * @param regions the data regions the program addresses, in the order they must be added
 * @param maps every map the object defines, in handle order: {@link #mapSet()} builds maps whose
 *     handles match the program's map references
 * @param memoryBudgetBytes the memory budget the program was loaded within (regions and maps
 *     counted), which {@link #mapSet()} builds its maps within
 */
public record LoadedProgram(
    String name,
    Program program,
    List<DataRegion> regions,
    List<MapDefinition> maps,
    long memoryBudgetBytes) {
  /** Index of the first region a {@link Vm} adds after its stack (0) and context (1). */
  static final int FIRST_EXTRA_REGION = 2;

  /** Makes the region list unmodifiable. */
  public LoadedProgram {
    regions = List.copyOf(regions);
    maps = List.copyOf(maps);
  }

  /** A program that uses no maps, within the default budget. */
  public LoadedProgram(String name, Program program, List<DataRegion> regions) {
    this(name, program, regions, List.of(), MemoryBudget.DEFAULT_BYTES);
  }

  /** A program with maps, within the default budget. */
  public LoadedProgram(
      String name, Program program, List<DataRegion> regions, List<MapDefinition> maps) {
    this(name, program, regions, maps, MemoryBudget.DEFAULT_BYTES);
  }

  /**
   * New maps for {@link #maps()}, built within {@link #memoryBudgetBytes()}.
   *
   * @throws org.csdlab.ebpf.MemoryBudgetException before building any, when they exceed it
   */
  public MapSet mapSet() {
    return MapSet.of(maps, memoryBudgetBytes);
  }

  /**
   * A VM builder for the program with its data regions and the value regions of {@code mapSet}
   * added, and the Linux helpers for {@code mapSet}.
   */
  public Vm.Builder vmBuilder(MapSet mapSet) {
    return mapSet.configure(vmBuilder()).helpers(HelperSets.linux(mapSet));
  }

  /** The address a program sees for the {@code index}-th data region. */
  public static long regionAddress(int index) {
    return (long) (FIRST_EXTRA_REGION + index + 1) << 32;
  }

  /** Adds the data regions to {@code builder}, which must have no regions yet; returns it. */
  public Vm.Builder configure(Vm.Builder builder) {
    for (DataRegion region : regions) {
      if (region.writable()) {
        builder.region(region.name(), region.bytes());
      } else {
        builder.readOnlyRegion(region.name(), region.bytes());
      }
    }
    return builder;
  }

  /** A VM builder for the program with its data regions added. */
  public Vm.Builder vmBuilder() {
    return configure(Vm.builder(program));
  }

  /** The region named {@code name}, e.g. {@code .bss}. */
  public DataRegion region(String regionName) {
    return regions.stream()
        .filter(r -> r.name().equals(regionName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "program '"
                        + name
                        + "' has no region '"
                        + regionName
                        + "'; regions: "
                        + regions));
  }

  @Override
  public String toString() {
    return "LoadedProgram["
        + name
        + ", "
        + program.slotCount()
        + " slots, regions="
        + regions.stream().map(DataRegion::name).toList()
        + "]";
  }
}
