package org.csdlab.zns.csd;

import static org.csdlab.ebpf.maps.HelperCalls.callingWithAllArguments;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.VerificationException;
import org.junit.jupiter.api.Test;

/**
 * The CSD's verifier: the opencsd helpers the VM runs are exactly those whose prototypes it checks;
 * its budgets.
 */
class OpenCsdHelpersTest {

  @Test
  void theVerifierKnowsTheKernelMemoryAsAWritableContextOfItsRealSize() {
    ComputationalStorage csd =
        ComputationalStorage.builder(CsdTestSupport.device()).memoryBytes(12_345).build();
    org.csdlab.ebpf.verifier.VerifierOptions options = csd.verifierOptions();
    assertEquals(12_345, options.contextSizeBytes());
    assertTrue(options.contextWritable());
    assertEquals(
        ComputationalStorage.DEFAULT_MEMORY_BYTES,
        ComputationalStorage.of(CsdTestSupport.device()).verifierOptions().contextSizeBytes());
  }

  @Test
  void loadRefusesTheNestedCallReproducerAsTooComplex() {
    // issue 11: main calls f1 ten times, each fi calls fi+1 ten times, 7 levels deep, each call
    // passing its own pointer offset, so that every one of the 10^7 chains enters the leaf
    // differently
    StringBuilder source = new StringBuilder();
    long step = 1;
    for (int f = 0; f < 7; f++, step *= 11) {
      source.append(f == 0 ? "" : "f" + f + ":\n").append("r6 = r1\n");
      for (int call = 1; call <= 10; call++) {
        source
            .append("r1 = r6\nr1 += ")
            .append(call * step)
            .append("\ncall f")
            .append(f + 1)
            .append('\n');
      }
      source.append("r0 = 0\nexit\n");
    }
    Program nested = Assembler.assemble(source.append("f7:\nr0 = 0\nexit\n").toString());
    ComputationalStorage csd = ComputationalStorage.of(CsdTestSupport.device());
    VerificationException e = assertThrows(VerificationException.class, () -> csd.load(nested));
    assertEquals(ErrorCode.TOO_COMPLEX, e.code());
    assertTrue(
        e.getMessage().contains("over its budget maxStoredStates = 100,000"), e.getMessage());
  }

  @Test
  void theRegistryTheVmRunsHasThePrototypesTheVerifierChecks() {
    HelperRegistry registry =
        OpenCsdHelpers.registry(
            new CsdSession(
                CsdTestSupport.device(),
                4096,
                ComputationalStorage.DEFAULT_DEBUG_LINES,
                ComputationalStorage.DEFAULT_DEBUG_BYTES,
                ComputationalStorage.DEFAULT_REFUSAL_LIMIT));
    assertEquals(OpenCsdHelpers.prototypes(), registry.prototypes());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), List.copyOf(registry.entries().keySet()));
  }

  @Test
  void everyHelperTheVmRunsIsAcceptedWhenLoading() {
    ComputationalStorage csd = ComputationalStorage.of(CsdTestSupport.device());
    HelperRegistry registry =
        OpenCsdHelpers.registry(
            new CsdSession(
                CsdTestSupport.device(),
                4096,
                ComputationalStorage.DEFAULT_DEBUG_LINES,
                ComputationalStorage.DEFAULT_DEBUG_BYTES,
                ComputationalStorage.DEFAULT_REFUSAL_LIMIT));
    registry
        .entries()
        .forEach(
            (id, entry) ->
                assertDoesNotThrow(
                    () -> csd.load(callingWithAllArguments(id)), id + " " + entry.name()));
  }
}
