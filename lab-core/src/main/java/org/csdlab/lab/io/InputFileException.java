package org.csdlab.lab.io;

import java.nio.file.Path;

/**
 * A file a user named that the lab refuses to read: it is missing, not a regular file, larger than
 * its budget, or cannot be read. The message names the file, what it was for and the budget; the
 * fields carry the same for programs.
 */
public final class InputFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a file was refused. */
  public enum Reason {
    /** There is no such file. */
    MISSING,
    /** It is a directory, a device, a FIFO or a socket. */
    NOT_REGULAR,
    /** It holds more bytes than its budget. */
    TOO_LARGE,
    /** The system refused to read it (permissions, I/O error). */
    UNREADABLE
  }

  private final transient Path file;
  private final Reason reason;
  private final long sizeBytes;
  private final long maxBytes;
  private final String problem;

  /**
   * As {@code program file /dev/zero is a character device, not a regular file}, or {@code no such
   * program file: x.o}.
   */
  InputFileException(
      InputFile input, Reason reason, long sizeBytes, String problem, Throwable cause) {
    super(
        reason == Reason.MISSING
            ? "no such " + input.what() + ": " + InputFile.shown(input.path())
            : input.what() + " " + InputFile.shown(input.path()) + " " + problem,
        cause);
    this.file = input.path();
    this.problem = problem;
    this.reason = reason;
    this.sizeBytes = sizeBytes;
    this.maxBytes = input.maxBytes();
  }

  /**
   * What is wrong with the file, without its name: {@code no such file}, {@code is a directory,
   * ...}.
   */
  public String problem() {
    return problem;
  }

  /** The file as the user named it. */
  public Path file() {
    return file;
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }

  /** Its size in bytes, or -1 when it is not known (missing, not regular). */
  public long sizeBytes() {
    return sizeBytes;
  }

  /**
   * The budget: the most bytes read from a file of its kind, or -1 for a file opened rather than
   * read.
   */
  public long maxBytes() {
    return maxBytes;
  }
}
