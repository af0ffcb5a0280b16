package org.csdlab.ebpf;

/** Base of every error the eBPF VM reports: bad programs, bad assembly, faults while running. */
public class EbpfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message that says what was wrong and where. */
  public EbpfException(String message) {
    super(message);
  }

  /** An error caused by another. */
  public EbpfException(String message, Throwable cause) {
    super(message, cause);
  }
}
