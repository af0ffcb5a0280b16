package org.csdlab.ebpf.verifier;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.maps.LinuxHelpers;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;

/**
 * Options of a verification: helper prototypes (unknown helper ids are refused), memory regions
 * whose base address loaded by {@code lddw} yields a pointer to them (read-only ones refuse
 * writes), whether to keep the per-instruction log, how many frames may be live at once, whether r2
 * holds the context length at entry (as {@link org.csdlab.ebpf.Vm#run} sets it; on by default), and
 * the analysis budgets: the most instructions it processes and the most states it stores before it
 * refuses the program as {@link ErrorCode#TOO_COMPLEX}.
 *
 * @param maxCallDepth most frames live at once, the program's own included; at most {@link
 *     Vm#MAX_CALL_DEPTH}, the VM's limit and the default
 * @param maxProcessedInstructions budget of instruction steps of the analysis (default {@value
 *     #DEFAULT_MAX_PROCESSED_INSTRUCTIONS}, as Linux's {@code BPF_COMPLEXITY_LIMIT_INSNS})
 * @param maxStoredStates budget of abstract states kept, one per (instruction, call chain) reached
 *     (default {@value #DEFAULT_MAX_STORED_STATES})
 * @param contextSizeBytes bytes of the context r1 points to at entry, or {@value
 *     #UNKNOWN_CONTEXT_SIZE} when the loading path did not declare it (then no access to the
 *     context can be proved in bounds)
 * @param contextWritable whether the program may store into its context
 * @param maps the maps a program may name by the handle its {@code lddw} loads, with their type,
 *     key size, value size and entry count: what map keys, map values and map lookups are checked
 *     against
 */
public record VerifierOptions(
    Map<Integer, HelperPrototype> helpers,
    List<Region> regions,
    boolean log,
    int maxCallDepth,
    boolean contextLengthInR2,
    long maxProcessedInstructions,
    int maxStoredStates,
    long contextSizeBytes,
    boolean contextWritable,
    Map<Long, MapDefinition> maps) {

  /** Instruction steps the analysis may take unless the options say otherwise. */
  public static final long DEFAULT_MAX_PROCESSED_INSTRUCTIONS = 1_000_000L;

  /** States the analysis may keep unless the options say otherwise (each about 1-2 KB). */
  public static final int DEFAULT_MAX_STORED_STATES = 100_000;

  /**
   * A region a program may point into: an {@code lddw} of an address in [{@code base}, {@code base
   * + length}) yields a pointer to it at that offset.
   */
  public record Region(String name, long base, long length, boolean writable) {
    public boolean contains(long address) {
      return address - base >= 0 && address - base < Math.max(length, 1);
    }
  }

  /** {@link #contextSizeBytes()} of options whose loading path declared no context size. */
  public static final long UNKNOWN_CONTEXT_SIZE = -1;

  public VerifierOptions {
    helpers = Map.copyOf(helpers);
    regions = List.copyOf(regions);
    maps = Map.copyOf(new TreeMap<>(maps));
    if (contextSizeBytes < UNKNOWN_CONTEXT_SIZE) {
      throw new IllegalArgumentException(
          "contextSizeBytes must be at least 0 (or UNKNOWN_CONTEXT_SIZE), got " + contextSizeBytes);
    }
    if (maxCallDepth < 1 || maxCallDepth > Vm.MAX_CALL_DEPTH) {
      throw new IllegalArgumentException(
          "maxCallDepth must be between 1 and "
              + Vm.MAX_CALL_DEPTH
              + " frames (the VM's Vm.MAX_CALL_DEPTH), got "
              + maxCallDepth);
    }
    if (maxProcessedInstructions <= 0) {
      throw new IllegalArgumentException(
          "maxProcessedInstructions must be positive, got " + maxProcessedInstructions);
    }
    if (maxStoredStates <= 0) {
      throw new IllegalArgumentException(
          "maxStoredStates must be positive, got " + maxStoredStates);
    }
  }

  /**
   * The Linux helpers' prototypes, no regions, no log, the VM's call depth, r2 set, the default
   * budgets.
   */
  public static VerifierOptions defaults() {
    return new VerifierOptions(
        LinuxHelpers.prototypes(),
        List.of(),
        false,
        Vm.MAX_CALL_DEPTH,
        true,
        DEFAULT_MAX_PROCESSED_INSTRUCTIONS,
        DEFAULT_MAX_STORED_STATES,
        UNKNOWN_CONTEXT_SIZE,
        false,
        Map.of());
  }

  public VerifierOptions withLog(boolean keep) {
    return new VerifierOptions(
        helpers,
        regions,
        keep,
        maxCallDepth,
        contextLengthInR2,
        maxProcessedInstructions,
        maxStoredStates,
        contextSizeBytes,
        contextWritable,
        maps);
  }

  public VerifierOptions withHelper(HelperPrototype prototype) {
    Map<Integer, HelperPrototype> m = new TreeMap<>(helpers);
    m.put(prototype.id(), prototype);
    return withHelpers(m);
  }

  /** Only these helpers (replacing the Linux defaults). */
  public VerifierOptions withHelpers(Map<Integer, HelperPrototype> only) {
    return new VerifierOptions(
        only,
        regions,
        log,
        maxCallDepth,
        contextLengthInR2,
        maxProcessedInstructions,
        maxStoredStates,
        contextSizeBytes,
        contextWritable,
        maps);
  }

  /** Only the helpers of {@code registry}, the one the VM runs (replacing the Linux defaults). */
  public VerifierOptions withHelpers(HelperRegistry registry) {
    return withHelpers(registry.prototypes());
  }

  public VerifierOptions withRegion(String name, long base, boolean writable) {
    return withRegion(name, base, 1, writable);
  }

  public VerifierOptions withRegion(String name, long base, long length, boolean writable) {
    List<Region> r = new java.util.ArrayList<>(regions);
    r.add(new Region(name, base, length, writable));
    return new VerifierOptions(
        helpers,
        r,
        log,
        maxCallDepth,
        contextLengthInR2,
        maxProcessedInstructions,
        maxStoredStates,
        contextSizeBytes,
        contextWritable,
        maps);
  }

  /**
   * Whether r2 is initialised (a scalar, the context length) at entry; when not, only r1 and r10
   * are.
   */
  public VerifierOptions withContextLengthInR2(boolean set) {
    return new VerifierOptions(
        helpers,
        regions,
        log,
        maxCallDepth,
        set,
        maxProcessedInstructions,
        maxStoredStates,
        contextSizeBytes,
        contextWritable,
        maps);
  }

  /**
   * At most {@code frames} frames live at once (the program's own included; 1 forbids local calls).
   */
  public VerifierOptions withMaxCallDepth(int frames) {
    return new VerifierOptions(
        helpers,
        regions,
        log,
        frames,
        contextLengthInR2,
        maxProcessedInstructions,
        maxStoredStates,
        contextSizeBytes,
        contextWritable,
        maps);
  }

  /**
   * The analysis refuses a program once it has processed more than {@code instructions} instruction
   * steps.
   */
  public VerifierOptions withMaxProcessedInstructions(long instructions) {
    return new VerifierOptions(
        helpers,
        regions,
        log,
        maxCallDepth,
        contextLengthInR2,
        instructions,
        maxStoredStates,
        contextSizeBytes,
        contextWritable,
        maps);
  }

  /** The analysis refuses a program once it would keep more than {@code states} states. */
  public VerifierOptions withMaxStoredStates(int states) {
    return new VerifierOptions(
        helpers,
        regions,
        log,
        maxCallDepth,
        contextLengthInR2,
        maxProcessedInstructions,
        states,
        contextSizeBytes,
        contextWritable,
        maps);
  }

  /**
   * The data regions (.data, .rodata*, .bss) of a program loaded from an ELF object, at the
   * addresses it uses.
   */
  public VerifierOptions withRegionsOf(org.csdlab.ebpf.elf.LoadedProgram loaded) {
    VerifierOptions o = this;
    for (int i = 0; i < loaded.regions().size(); i++) {
      var region = loaded.regions().get(i);
      o =
          o.withRegion(
              region.name(),
              org.csdlab.ebpf.elf.LoadedProgram.regionAddress(i),
              region.bytes().length,
              region.writable());
    }
    return o;
  }

  public VerifierOptions withReadOnlyRegion(String name, long base) {
    return withRegion(name, base, false);
  }

  /**
   * The context r1 points to at entry is {@code sizeBytes} long, and writable when {@code
   * writable}.
   */
  public VerifierOptions withContext(long sizeBytes, boolean writable) {
    return new VerifierOptions(
        helpers,
        regions,
        log,
        maxCallDepth,
        contextLengthInR2,
        maxProcessedInstructions,
        maxStoredStates,
        sizeBytes,
        writable,
        maps);
  }

  /** Whether the context's size is declared. */
  public boolean contextSizeKnown() {
    return contextSizeBytes != UNKNOWN_CONTEXT_SIZE;
  }

  /** The map with {@code handle} has {@code definition} (replacing one with that handle). */
  public VerifierOptions withMap(long handle, MapDefinition definition) {
    if (definition == null) {
      throw new IllegalArgumentException(
          "map handle 0x" + Long.toHexString(handle) + ": no definition");
    }
    Map<Long, MapDefinition> m = new TreeMap<>(maps);
    m.put(handle, definition);
    return new VerifierOptions(
        helpers,
        regions,
        log,
        maxCallDepth,
        contextLengthInR2,
        maxProcessedInstructions,
        maxStoredStates,
        contextSizeBytes,
        contextWritable,
        m);
  }

  /** The maps of {@code set}, each under the handle a program loads it by. */
  public VerifierOptions withMaps(MapSet set) {
    VerifierOptions o = this;
    for (int i = 0; i < set.maps().size(); i++) {
      o = o.withMap(MapSet.handleOf(i), set.maps().get(i).definition());
    }
    return o;
  }

  /** {@code definitions}, the {@code i}-th under the handle {@link MapSet#handleOf}({@code i}). */
  public VerifierOptions withMaps(List<MapDefinition> definitions) {
    VerifierOptions o = this;
    for (int i = 0; i < definitions.size(); i++) {
      o = o.withMap(MapSet.handleOf(i), definitions.get(i));
    }
    return o;
  }

  /** The map named by the handle {@code handle}, or null when it is no declared map's. */
  public MapDefinition mapOf(long handle) {
    return maps.get(handle);
  }

  /**
   * Everything an ELF object's program declares: its data regions ({@link #withRegionsOf}) and its
   * maps under the handles {@link LoadedProgram#mapSet()} gives them.
   */
  public VerifierOptions withDeclarationsOf(LoadedProgram loaded) {
    return withRegionsOf(loaded).withMaps(loaded.maps());
  }
}
