package org.csdlab.zns.csd;

import static org.csdlab.zns.csd.CsdTestSupport.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.VerificationException;
import org.junit.jupiter.api.Test;

/** A kernel not proved safe for every run is verified for each run's call information. */
class KernelVerdictsTest {
  private static final int MEMORY = 1 << 20;
  private static final int MAX_CALL_INFO = 1 << 19;

  private final ComputationalStorage csd =
      ComputationalStorage.builder(device())
          .memoryBytes(MEMORY)
          .maxCallInfoBytes(MAX_CALL_INFO)
          .build();

  /** Reads the memory's byte at offset {@code at} after the call information, unchecked. */
  private static Program readsMemoryAt(int at) {
    return Assembler.assemble(
        """
        r1 = r10
        r1 += -8
        r2 = r10
        r2 += -16
        call 7
        r1 = *(u64 *)(r10 - 8)
        r2 = %d
        r1 += r2
        r0 = *(u8 *)(r1 + 0)
        exit"""
            .formatted(at));
  }

  /** Writes the memory's last 8 bytes: mem + mem_size - 8, safe for every length. */
  private static final Program WRITES_THE_LAST_WORD =
      Assembler.assemble(
          """
          r1 = r10
          r1 += -8
          r2 = r10
          r2 += -16
          call 7
          r1 = *(u64 *)(r10 - 8)
          r2 = *(u64 *)(r10 - 16)
          r1 += r2
          *(u64 *)(r1 - 8) = 7
          r0 = 0
          exit""");

  @Test
  void aBoundThatRelatesTheMemorysStartAndSizeIsProvedForEachRunsLength() {
    // for every run at once the start (0..512 KiB) and the size (512 KiB..1 MiB) are only ranges
    assertEquals(
        ErrorCode.OUT_OF_BOUNDS,
        org.csdlab.ebpf.verifier.PathVerifier.verify(WRITES_THE_LAST_WORD, csd.verifierOptions())
            .code());
    CsdKernel kernel = csd.load(WRITES_THE_LAST_WORD);
    for (int length : new int[] {0, 8, 4096, MAX_CALL_INFO}) {
      assertTrue(csd.verify(WRITES_THE_LAST_WORD, length).ok(), "length " + length);
      assertEquals(0, kernel.run(new byte[length]).r0(), "length " + length);
    }
  }

  @Test
  void aRunWhoseCallInformationLeavesTooLittleMemoryIsRefusedBeforeItStarts() {
    int at = MEMORY - MAX_CALL_INFO + 100;
    Program program = readsMemoryAt(at);
    CsdKernel kernel = csd.load(program);
    assertEquals(0, kernel.run(new byte[16]).r0());
    int tooLong = MEMORY - at;
    VerificationException e =
        assertThrows(VerificationException.class, () -> kernel.run(new byte[tooLong]));
    assertEquals(ErrorCode.OUT_OF_BOUNDS, e.code());
    assertTrue(
        e.getMessage().contains("for a run with " + tooLong + " bytes of call information"),
        e.getMessage());
    assertFalse(csd.verify(program, tooLong).ok());
    assertTrue(csd.verify(program, tooLong - 1).ok());
    assertEquals(0, kernel.run(new byte[tooLong - 1]).r0());
  }

  @Test
  void aKernelSafeForEveryRunIsNotVerifiedAgain() {
    Program safe = readsMemoryAt(0);
    assertTrue(
        org.csdlab.ebpf.verifier.PathVerifier.verify(safe, csd.verifierOptions()).ok(),
        "byte 0 after the call information is inside the memory for every length");
    CsdKernel kernel = csd.load(safe);
    assertEquals(0, kernel.run(new byte[MAX_CALL_INFO]).r0());
  }

  @Test
  void aLengthOverTheDrivesLimitHasNoOptions() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> csd.verifierOptionsFor(MAX_CALL_INFO + 1));
    assertTrue(e.getMessage().contains("(maxCallInfoBytes)"), e.getMessage());
  }
}
