package org.csdlab.zns.csd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.csdlab.ebpf.verifier.VerificationException;
import org.csdlab.ebpf.verifier.VerificationResult;

/**
 * What the verifier said of one kernel for the runs a drive starts. Where the call information ends
 * decides where {@code get_mem_info}'s memory starts and how long it is, so a kernel proved safe
 * for every length is run as is, and one that is not (its bounds relate the memory's size to its
 * start, which the verifier's per-value ranges cannot keep) is verified again for the length of
 * each run, with exact figures, before the run starts.
 */
final class KernelVerdicts {
  /** Lengths whose verdicts are kept at most; an older one is verified again when it comes back. */
  static final int KEPT_LENGTHS = 64;

  private final VerificationResult everyRun;
  private final IntFunction<VerificationResult> forLength;
  private final Map<Integer, VerificationResult> byLength =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, VerificationResult> eldest) {
          return size() > KEPT_LENGTHS;
        }
      };

  /**
   * The verdicts of a kernel whose verdict for every run is {@code everyRun} and for a run with
   * {@code n} bytes of call information {@code forLength.apply(n)}.
   */
  KernelVerdicts(VerificationResult everyRun, IntFunction<VerificationResult> forLength) {
    this.everyRun = everyRun;
    this.forLength = forLength;
  }

  /**
   * Verdicts that accept every run: for a kernel built without the verifier, where what it runs is
   * what is under test (package-private: a drive's {@code load} always verifies).
   */
  static KernelVerdicts acceptingEveryRun() {
    return new KernelVerdicts(
        new VerificationResult(null, null, null),
        bytes -> {
          throw new IllegalStateException("every run is accepted");
        });
  }

  /**
   * The verdict {@code load} acts on: the one for every run when the kernel passes it, else the one
   * for a run without call information.
   */
  synchronized VerificationResult atLoad() {
    return everyRun.ok() ? everyRun : forRun(0);
  }

  /** The verdict for a run with {@code callInfoBytes} of call information. */
  synchronized VerificationResult forRun(int callInfoBytes) {
    if (everyRun.ok()) {
      return everyRun;
    }
    return byLength.computeIfAbsent(callInfoBytes, forLength::apply);
  }

  /**
   * Throws the verifier's refusal of a run with {@code callInfoBytes} of call information.
   *
   * @throws VerificationException the kernel is refused for that length
   */
  void requireRun(int callInfoBytes) {
    VerificationResult verdict = forRun(callInfoBytes);
    if (!verdict.ok()) {
      throw new VerificationException(
          verdict
              .primaryError()
              .orElseThrow()
              .withRule(
                  "for a run with "
                      + callInfoBytes
                      + " bytes of call information: "
                      + verdict.primaryError().orElseThrow().rule()));
    }
  }
}
