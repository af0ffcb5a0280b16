package org.csdlab.ebpf.verifier;

import java.util.Optional;

/**
 * Outcome of a verification: ok, or the primary error; what the analysis spent; the log when asked
 * for; and, for an accepted program, the most instructions any run of it can execute.
 *
 * @param instructionBound for an accepted program, an upper bound on the instructions one run
 *     executes (so a fuel of this many never runs out), {@link Long#MAX_VALUE} when the proven
 *     bound does not fit a long; {@link #NO_BOUND} when the analysis proves none (a refusal, or v1,
 *     which does not prove termination)
 */
public record VerificationResult(
    VerifierError error, String log, AnalysisCost cost, long instructionBound) {

  /** The {@link #instructionBound} of a result that proves no bound. */
  public static final long NO_BOUND = -1;

  /** A result that proves no instruction bound. */
  public VerificationResult(VerifierError error, String log, AnalysisCost cost) {
    this(error, log, cost, NO_BOUND);
  }

  /** True when {@link #instructionBound} is a proven bound. */
  public boolean hasInstructionBound() {
    return instructionBound >= 0;
  }

  public boolean ok() {
    return error == null;
  }

  public Optional<VerifierError> primaryError() {
    return Optional.ofNullable(error);
  }

  public ErrorCode code() {
    return error == null ? null : error.code();
  }

  /**
   * Throws a {@link VerificationException} carrying the primary error unless the program passed.
   */
  public VerificationResult orThrow() {
    if (error != null) {
      throw new VerificationException(error);
    }
    return this;
  }

  /**
   * The same result with {@code fix} as the primary error's fix (see {@link
   * VerifierError#withFix}); a pass stays a pass.
   */
  public VerificationResult withFix(String fix) {
    return error == null
        ? this
        : new VerificationResult(error.withFix(fix), log, cost, instructionBound);
  }

  @Override
  public String toString() {
    return ok() ? "verified" : error.message();
  }
}
