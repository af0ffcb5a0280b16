package org.csdlab.zns.csd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.ebpf.HelperPrototype.ReturnRange;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.PathVerifier;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.junit.jupiter.api.Test;

/**
 * A drive's verifier options carry its facts: the geometry helpers' exact values, and where
 * get_mem_info and get_call_info point in its kernel memory, so verifier v2 checks accesses through
 * them against the memory the run really has; and a run never passes more call information than the
 * facts allow.
 */
class DriveVerifierOptionsTest {
  private static final int MEMORY_BYTES = 8192;
  private static final int MAX_CALL_INFO_BYTES = 1024;

  private final ComputationalStorage csd =
      ComputationalStorage.builder(CsdTestSupport.device())
          .memoryBytes(MEMORY_BYTES)
          .maxCallInfoBytes(MAX_CALL_INFO_BYTES)
          .build();

  private VerificationResult verify(String source) {
    return PathVerifier.verify(Assembler.assemble(source), csd.verifierOptions());
  }

  @Test
  void theGeometryHelpersReturnTheDrivesExactValues() {
    VerifierOptions options = csd.verifierOptions();
    assertEquals(
        ReturnRange.exactly(CsdTestSupport.GEOMETRY.blockSizeBytes()),
        options.helpers().get(OpenCsdHelpers.GET_SECTOR_SIZE).returns());
    assertEquals(
        ReturnRange.exactly(CsdTestSupport.GEOMETRY.zoneCapacityBlocks()),
        options.helpers().get(OpenCsdHelpers.GET_ZONE_CAPACITY).returns());
    assertEquals(
        ReturnRange.exactly(CsdTestSupport.GEOMETRY.zoneSizeBlocks()),
        options.helpers().get(OpenCsdHelpers.GET_ZONE_SIZE).returns());
    // a kernel may size a stack buffer by a fact: exactly 4096 never fits 512 bytes of stack
    VerificationResult r =
        verify(
            """
            call 4
            r4 = r0
            r1 = 0
            r2 = 0
            r3 = 0
            r5 = r10
            r5 += -512
            call 2
            r0 = 0
            exit
            """);
    assertEquals(ErrorCode.HELPER_BUFFER_TOO_SMALL, r.code(), r.toString());
    assertTrue(r.error().rule().startsWith("read may access 4096 bytes (r4 = 4096)"), r.toString());
  }

  private static final String MEM_INFO =
      """
      r1 = r10
      r1 += -8
      r2 = r10
      r2 += -16
      call 7
      r1 = *(u64 *)(r10 - 8)
      """;

  @Test
  void memInfosPointerReachesTheMemoryLeftAfterTheLargestCallInformation() {
    int last = MEMORY_BYTES - MAX_CALL_INFO_BYTES - 8;
    VerificationResult fits = verify(MEM_INFO + "*(u64 *)(r1 + " + last + ") = 1\nr0 = 0\nexit");
    assertTrue(fits.ok(), fits.toString());
    VerificationResult over =
        verify(MEM_INFO + "*(u64 *)(r1 + " + (last + 1) + ") = 1\nr0 = 0\nexit");
    assertEquals(ErrorCode.OUT_OF_BOUNDS, over.code(), over.toString());
    assertTrue(over.error().rule().contains("outside the context [0, 8192)"), over.toString());
    // and the run agrees: with the largest call information the last accepted store is the
    // memory's last u64
    CsdKernel kernel =
        csd.load(Assembler.assemble(MEM_INFO + "*(u64 *)(r1 + " + last + ") = 1\nr0 = 0\nexit"));
    assertEquals(0, kernel.run(new byte[MAX_CALL_INFO_BYTES]).r0());
  }

  @Test
  void callInfosPointerMayBeNullUntilTested() {
    String prefix =
        """
        *(u64 *)(r10 - 8) = 0
        r1 = r10
        r1 += -8
        call 8
        r1 = *(u64 *)(r10 - 8)
        """;
    VerificationResult unchecked = verify(prefix + "r0 = *(u64 *)(r1 + 0)\nexit");
    assertEquals(ErrorCode.NULL_CHECK_MISSING, unchecked.code(), unchecked.toString());
    VerificationResult checked =
        verify(prefix + "r0 = 0\nif r1 == 0 goto +1\nr0 = *(u64 *)(r1 + 8184)\nexit");
    assertTrue(checked.ok(), checked.toString());
  }
}
