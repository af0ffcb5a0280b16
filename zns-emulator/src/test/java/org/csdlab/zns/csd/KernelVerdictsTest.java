package org.csdlab.zns.csd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.VerificationException;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.VerifierError;
import org.junit.jupiter.api.Test;

/** Which verdict a drive acts on for a load and for each run's call information. */
class KernelVerdictsTest {
  private static final VerificationResult ACCEPTED = new VerificationResult(null, null, null);

  private static VerificationResult refused(String rule) {
    return new VerificationResult(
        new VerifierError(ErrorCode.OUT_OF_BOUNDS, 3, "r0 = *(u8 *)(r1 + 0)", rule, Map.of(), null),
        null,
        null);
  }

  /** Refuses lengths over 100 and records every length it is asked for. */
  private final List<Integer> asked = new ArrayList<>();

  private final IntFunction<VerificationResult> upTo100 =
      bytes -> {
        asked.add(bytes);
        return bytes > 100 ? refused("the access reaches past the memory") : ACCEPTED;
      };

  @Test
  void aKernelSafeForEveryRunIsNeverVerifiedAgain() {
    KernelVerdicts verdicts = new KernelVerdicts(ACCEPTED, upTo100);
    assertSame(ACCEPTED, verdicts.atLoad());
    verdicts.requireRun(500);
    assertEquals(List.of(), asked);
  }

  @Test
  void otherwiseLoadActsOnTheVerdictWithoutCallInformationAndEachRunOnItsLength() {
    KernelVerdicts verdicts = new KernelVerdicts(refused("for every run"), upTo100);
    assertTrue(verdicts.atLoad().ok());
    verdicts.requireRun(8);
    verdicts.requireRun(8);
    VerificationException e =
        assertThrows(VerificationException.class, () -> verdicts.requireRun(101));
    assertEquals(ErrorCode.OUT_OF_BOUNDS, e.code());
    assertTrue(
        e.getMessage()
            .contains(
                "for a run with 101 bytes of call information: the access reaches past the memory"),
        e.getMessage());
    assertEquals(List.of(0, 8, 101), asked, "each length verified once");
  }

  @Test
  void onlyTheLatestLengthsAreKept() {
    KernelVerdicts verdicts = new KernelVerdicts(refused("for every run"), upTo100);
    for (int n = 0; n <= KernelVerdicts.KEPT_LENGTHS; n++) {
      verdicts.requireRun(n);
    }
    asked.clear();
    verdicts.requireRun(KernelVerdicts.KEPT_LENGTHS);
    verdicts.requireRun(0);
    assertEquals(List.of(0), asked, "length 0, the eldest, was dropped and is verified again");
  }
}
