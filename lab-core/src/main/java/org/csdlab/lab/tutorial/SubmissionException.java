package org.csdlab.lab.tutorial;

import java.nio.file.Path;

/** A file handed in for grading that cannot be graded: why, and which file. */
public final class SubmissionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a file cannot be graded. */
  public enum Reason {
    /** Missing, not a regular file, too large, not UTF-8 or unreadable. */
    UNREADABLE,
    /** Not JSON at all. */
    NOT_JSON,
    /** JSON, but not an nbformat 4 notebook. */
    NOT_A_NOTEBOOK,
    /** A notebook, but not one generated from a csdlab tutorial. */
    NOT_A_TUTORIAL_NOTEBOOK,
    /** A tutorial notebook of a tutorial this checkout does not have. */
    UNKNOWN_TUTORIAL,
    /** Jupyter or the kernel failed, or the run went past the grader's own time limit. */
    EXECUTION_FAILED
  }

  private final transient Path file;
  private final Reason reason;
  private final String problem;

  SubmissionException(Path file, Reason reason, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.reason = reason;
    this.problem = problem;
  }

  /** The file handed in. */
  public Path file() {
    return file;
  }

  /** Why it cannot be graded. */
  public Reason reason() {
    return reason;
  }

  /** What is wrong, without the file name. */
  public String problem() {
    return problem;
  }
}
