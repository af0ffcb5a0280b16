package org.csdlab.ebpf.verifier;

import java.util.Optional;

/**
 * Outcome of a verification: ok, or the primary error; what the analysis spent; the log when asked
 * for.
 */
public record VerificationResult(VerifierError error, String log, AnalysisCost cost) {

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
    return error == null ? this : new VerificationResult(error.withFix(fix), log, cost);
  }

  @Override
  public String toString() {
    return ok() ? "verified" : error.message();
  }
}
