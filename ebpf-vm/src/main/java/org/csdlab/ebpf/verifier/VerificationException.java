package org.csdlab.ebpf.verifier;

import org.csdlab.ebpf.EbpfException;

/** A program refused by the verifier. */
public final class VerificationException extends EbpfException {
  private final transient VerifierError error;

  public VerificationException(VerifierError error) {
    super(error.message());
    this.error = error;
  }

  public VerifierError error() {
    return error;
  }

  public ErrorCode code() {
    return error.code();
  }
}
