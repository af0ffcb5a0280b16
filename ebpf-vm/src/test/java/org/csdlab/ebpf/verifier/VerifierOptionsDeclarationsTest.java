package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.elf.DataRegion;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.maps.MapType;
import org.junit.jupiter.api.Test;

/** What a loading path declares to the verifier: the context's size, maps by handle, regions. */
class VerifierOptionsDeclarationsTest {
  private static final MapDefinition COUNTS = new MapDefinition(MapType.ARRAY, 4, 8, 16, "counts");
  private static final MapDefinition SEEN = new MapDefinition(MapType.HASH, 12, 24, 64, "seen");

  @Test
  void byDefaultTheContextSizeIsUnknownAndNoMapIsDeclared() {
    VerifierOptions options = VerifierOptions.defaults();
    assertEquals(VerifierOptions.UNKNOWN_CONTEXT_SIZE, options.contextSizeBytes());
    assertFalse(options.contextSizeKnown());
    assertTrue(options.maps().isEmpty());
  }

  @Test
  void theContextIsDeclaredWithItsSizeAndWhetherItIsWritable() {
    VerifierOptions options = VerifierOptions.defaults().withContext(16, false);
    assertEquals(16, options.contextSizeBytes());
    assertFalse(options.contextWritable());
    // the other withers keep it
    assertEquals(16, options.withLog(true).withMaxCallDepth(2).contextSizeBytes());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> VerifierOptions.defaults().withContext(-2, true));
    assertEquals(
        "contextSizeBytes must be at least 0 (or UNKNOWN_CONTEXT_SIZE), got -2", e.getMessage());
  }

  @Test
  void theMapsOfAMapSetAreKnownByTheHandlesProgramsLoad() {
    MapSet set = MapSet.of(COUNTS, SEEN);
    VerifierOptions options = VerifierOptions.defaults().withMaps(set);
    assertEquals(COUNTS, options.mapOf(set.handle("counts")));
    assertEquals(SEEN, options.mapOf(set.handle("seen")));
    assertEquals(24, options.mapOf(MapSet.handleOf(1)).valueSize());
    assertNull(options.mapOf(MapSet.handleOf(2)));
  }

  @Test
  void anElfProgramDeclaresItsRegionsWithTheirLengthsAndItsMaps() {
    Program program = Assembler.assemble("r0 = 0\nexit");
    LoadedProgram loaded =
        new LoadedProgram(
            "prog",
            program,
            List.of(
                new DataRegion(".rodata", new byte[13], false),
                new DataRegion(".bss", new byte[40], true)),
            List.of(COUNTS, SEEN));
    VerifierOptions options = VerifierOptions.defaults().withDeclarationsOf(loaded);
    assertEquals(
        List.of(
            new VerifierOptions.Region(".rodata", LoadedProgram.regionAddress(0), 13, false),
            new VerifierOptions.Region(".bss", LoadedProgram.regionAddress(1), 40, true)),
        options.regions());
    MapSet built = loaded.mapSet();
    assertEquals(COUNTS, options.mapOf(built.handle("counts")));
    assertEquals(SEEN, options.mapOf(built.handle("seen")));
  }
}
