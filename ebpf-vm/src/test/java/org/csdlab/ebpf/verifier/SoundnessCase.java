package org.csdlab.ebpf.verifier;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;

/**
 * One program of the soundness property ({@link PathVerifierSoundnessTest}) with everything it
 * declares: its assembly, its context's size, its named regions and its maps, and what its
 * generator put in it ({@link Feature}), for the tallies.
 *
 * <p>The regions sit at the addresses the VM gives them: the VM lays out the stack, the context,
 * then the regions in the order the builder adds them, each at its own 4 GiB base ({@link
 * #regionAddress}), and the map values after them.
 */
record SoundnessCase(
    long seed,
    String assembly,
    int contextSizeBytes,
    boolean contextWritable,
    List<RegionSpec> regions,
    List<MapDefinition> maps,
    Set<Feature> features) {

  /** A named region the program may point into with {@code lddw}. */
  record RegionSpec(String name, int lengthBytes, boolean writable) {}

  /** What a generated program contains. */
  enum Feature {
    CONTEXT_ACCESS,
    STACK_ACCESS,
    MAP_VALUE_ACCESS,
    REGION_ACCESS,
    VARIABLE_OFFSET,
    HELPER_BUFFER,
    LOCAL_CALL,
    LOOP,
    ENDLESS_LOOP
  }

  SoundnessCase {
    regions = List.copyOf(regions);
    maps = List.copyOf(maps);
    features = Set.copyOf(features);
  }

  /** The VM address of the {@code index}-th region: after the stack (0) and the context (1). */
  static long regionAddress(int index) {
    return (long) (index + 3) << 32;
  }

  /** The program; throws as the assembler does when a reduced text no longer reads. */
  Program program() {
    return Assembler.assemble(assembly);
  }

  /** The same case with other assembly (a reduction step). */
  SoundnessCase withAssembly(String text) {
    return new SoundnessCase(
        seed, text, contextSizeBytes, contextWritable, regions, maps, features);
  }

  /**
   * Instructions the analysis of a generated program may process: 1% of the default, as the
   * programs are small and a loop that never ends costs the whole budget, which would dominate the
   * campaign's time; soundness does not depend on it (a larger budget only accepts more of the
   * nested loops).
   */
  static final long MAX_PROCESSED_INSTRUCTIONS = 10_000;

  /**
   * What the verifier is told: the Linux helpers, the context, the regions, the maps and {@link
   * #MAX_PROCESSED_INSTRUCTIONS}.
   */
  VerifierOptions options() {
    VerifierOptions o =
        VerifierOptions.defaults()
            .withContext(contextSizeBytes, contextWritable)
            .withMaps(maps)
            .withMaxProcessedInstructions(MAX_PROCESSED_INSTRUCTIONS);
    for (int i = 0; i < regions.size(); i++) {
      RegionSpec r = regions.get(i);
      o = o.withRegion(r.name(), regionAddress(i), r.lengthBytes(), r.writable());
    }
    return o;
  }

  /** The declarations as Java a regression test can paste. */
  String optionsText() {
    StringBuilder text =
        new StringBuilder("VerifierOptions.defaults().withContext(")
            .append(contextSizeBytes)
            .append(", ")
            .append(contextWritable)
            .append(").withMaxProcessedInstructions(")
            .append(MAX_PROCESSED_INSTRUCTIONS)
            .append(")");
    for (int i = 0; i < regions.size(); i++) {
      RegionSpec r = regions.get(i);
      text.append(
          String.format(
              ".withRegion(\"%s\", 0x%xL, %d, %b)",
              r.name(), regionAddress(i), r.lengthBytes(), r.writable()));
    }
    if (!maps.isEmpty()) {
      text.append(".withMaps(List.of(")
          .append(
              maps.stream()
                  .map(
                      m ->
                          String.format(
                              "new MapDefinition(MapType.%s, %d, %d, %d, \"%s\")",
                              m.type(), m.keySize(), m.valueSize(), m.maxEntries(), m.name()))
                  .collect(Collectors.joining(", ")))
          .append("))");
    }
    return text.toString();
  }

  /** The handle the program loads for the {@code index}-th map. */
  static long mapHandle(int index) {
    return MapSet.handleOf(index);
  }
}
