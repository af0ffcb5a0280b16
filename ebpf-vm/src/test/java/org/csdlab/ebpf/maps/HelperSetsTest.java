package org.csdlab.ebpf.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.Verifier;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every helper a set lets the VM run has the prototype the verifier checks calls against. */
class HelperSetsTest {

  /**
   * The verifier options the lab uses with each set: its own prototypes, from the registry the VM
   * runs.
   */
  private static VerifierOptions optionsFor(String set, HelperRegistry registry) {
    return set.equals("linux")
        ? VerifierOptions.defaults()
        : VerifierOptions.defaults().withHelpers(registry);
  }

  @ParameterizedTest
  @ValueSource(strings = {"linux", "conformance"})
  void everyHelperTheVmRunsHasThePrototypeTheVerifierUses(String set) {
    HelperRegistry registry = HelperSets.named(set, MapSet.of(List.of()));
    VerifierOptions options = optionsFor(set, registry);
    assertEquals(registry.prototypes(), options.helpers());
    registry
        .entries()
        .forEach(
            (id, entry) -> {
              assertEquals(id, entry.prototype().id());
              VerificationResult r =
                  Verifier.verify(HelperCalls.callingWithAllArguments(id), options);
              assertTrue(r.ok(), set + " helper " + id + " (" + entry.name() + "): " + r);
            });
  }

  @Test
  void theDefaultPrototypesAreTheLinuxRegistrys() {
    assertEquals(List.of(1, 2, 3, 5, 6, 7, 130), List.copyOf(LinuxHelpers.prototypes().keySet()));
    assertEquals(
        new LinuxHelpers(MapSet.of(List.of())).registry().prototypes(), LinuxHelpers.prototypes());
  }

  @Test
  void aProgramCallingGetPrandomAndRingbufOutputVerifiesAndRuns() {
    MapSet maps = MapSet.of(new MapDefinition(MapType.RINGBUF, 0, 0, 4096, "events"));
    Program program =
        Assembler.assemble(
            """
                    call 7
                    *(u32 *)(r10 - 4) = r0
                    r1 = 0x%s ll
                    r2 = r10
                    r2 += -4
                    r3 = 4
                    r4 = 0
                    call 130
                    exit
                """
                .formatted(Long.toHexString(maps.handle("events"))));
    VerificationResult verified = Verifier.verify(program, VerifierOptions.defaults());
    assertTrue(verified.ok(), verified.toString());
    LinuxHelpers helpers = new LinuxHelpers(maps, LinuxHelpers.counterClock(), 7);
    ExecutionResult run =
        maps.configure(Vm.builder(program)).helpers(helpers.registry()).build().run();
    assertEquals(0, run.r0());
    List<byte[]> records = maps.get("events", RingBufferMap.class).records();
    assertEquals(1, records.size());
    assertEquals(4, records.get(0).length);
  }

  @Test
  void aHelperCannotBeRegisteredWithoutItsPrototype() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HelperRegistry.empty().with(null, (ctx, a, b, c, d, f) -> 0));
    assertEquals("a helper needs its prototype (id, name, arguments, return type)", e.getMessage());
  }

  @Test
  void anUnknownHelperIsRefusedByBothTheVerifierAndTheVm() {
    Program program = HelperCalls.callingWithAllArguments(99);
    assertEquals(
        ErrorCode.UNKNOWN_HELPER, Verifier.verify(program, VerifierOptions.defaults()).code());
    HelperRegistry linux = HelperSets.linux(MapSet.of(List.of()));
    assertThrows(
        org.csdlab.ebpf.HelperException.class, () -> Vm.builder(program).helpers(linux).build());
  }
}
