package org.csdlab.ebpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.VmExecutionException;
import org.csdlab.ebpf.maps.HelperSets;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.maps.MapType;
import org.csdlab.ebpf.verifier.Verifier;

/**
 * The interpreter on structured programs, verified or not, with a fuel limit, the Linux helpers
 * over an array and a hash map, a writable context and a read-only canary region: a result or a
 * {@link VmExecutionException} (and {@link ProgramFormatException} where the program is built).
 * Isolation oracle: the read-only canary is never changed, a result never claims more instructions
 * than the fuel allowed, and a run that faults leaves the canary intact too.
 */
class VmFuzz {
  private static final FuzzOracle ORACLE =
      FuzzOracle.expecting("vm", VmExecutionException.class, ProgramFormatException.class);
  private static final long FUEL = 20_000;
  private static final byte[] CANARY = canary();

  @Fuzz(tries = 2000)
  void structuredPrograms(@ForAll long seed) {
    Random random = new Random(seed);
    List<Instruction> instructions =
        new ProgramShapes(random).program(1 + random.nextInt(40), random.nextInt(4) == 0);
    byte[] context = new byte[random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(96)];
    random.nextBytes(context);
    byte[] canary = CANARY.clone();
    ORACLE.check(
        () -> "seed " + seed + ": " + instructions, () -> run(instructions, context, canary));
    assertArrayEquals(CANARY, canary, "the read-only canary region changed");
  }

  private static ExecutionResult run(
      List<Instruction> instructions, byte[] context, byte[] canary) {
    Program program = Program.of(instructions);
    boolean verified = Verifier.verify(program).ok();
    MapSet maps =
        MapSet.of(
            new MapDefinition(MapType.ARRAY, 4, 8, 4, "counters"),
            new MapDefinition(MapType.HASH, 8, 16, 8, "table"));
    Vm vm =
        maps.configure(Vm.builder(program))
            .helpers(HelperSets.linux(maps))
            .readOnlyRegion("canary", canary)
            .fuel(FUEL)
            .build();
    ExecutionResult result = vm.run(context);
    assertTrue(result.instructionsExecuted() <= FUEL, result + " (verified: " + verified + ")");
    return result;
  }

  private static byte[] canary() {
    byte[] bytes = new byte[256];
    Arrays.fill(bytes, (byte) 0xa5);
    return bytes;
  }
}
