package org.csdlab.lab.io;

import java.nio.file.Path;

/**
 * A file the user named for the lab to write that cannot be written, found before any work: {@code
 * /nonexistent/x.html is in a directory that does not exist, /nonexistent; create it first or
 * choose another place}.
 */
public final class OutputFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why the file cannot be written. */
  public enum Reason {
    /** It is a directory. */
    DIRECTORY,
    /** It is a device, a FIFO or a socket. */
    NOT_REGULAR,
    /** Its directory does not exist, or is not a directory. */
    NO_DIRECTORY,
    /** Its directory takes no new files (permissions, a read-only or virtual file system). */
    UNWRITABLE
  }

  private final transient Path file;
  private final Reason reason;
  private final String problem;

  OutputFileException(Path file, Reason reason, String problem) {
    super(InputFile.shown(file) + " " + problem);
    this.file = file;
    this.reason = reason;
    this.problem = problem;
  }

  /** The file as the user named it. */
  public Path file() {
    return file;
  }

  /** Why it cannot be written. */
  public Reason reason() {
    return reason;
  }

  /** What is wrong, without the file's name: {@code is a directory; give the path of a file}. */
  public String problem() {
    return problem;
  }
}
