package org.csdlab.lab;

import java.util.Objects;
import org.csdlab.ebpf.EbpfException;

/**
 * A lab program that {@link EbpfProgram#run()} or {@link EbpfProgram#trace()} did not run because
 * the verifier refuses it, as Linux would not load it. Carries the verifier's {@link Verification};
 * the message is the refusal and how to run the program anyway.
 */
public final class ProgramRefusedException extends EbpfException {
  private static final long serialVersionUID = 1L;

  private final transient Verification verification;
  private final String action;

  ProgramRefusedException(String action, Verification verification) {
    super(message(action, verification));
    this.action = action;
    this.verification = Objects.requireNonNull(verification, "verification");
  }

  private static String message(String action, Verification verification) {
    String unverified = action + "Unverified()";
    return verification.name()
        + " did not "
        + action
        + ": the verifier refuses it. "
        + verification.error().orElseThrow().message()
        + (verification.error().orElseThrow().message().endsWith(".") ? "" : ".")
        + " To "
        + action
        + " it anyway for an experiment, call "
        + unverified
        + " (the VM still checks every memory access and the fuel limit).";
  }

  /** What the verifier said. */
  public Verification verification() {
    return verification;
  }

  /** What was refused: {@code run} or {@code trace}. */
  public String action() {
    return action;
  }
}
