package org.csdlab.lab.tutorial;

import java.nio.file.Path;
import java.util.Optional;

/** A tutorial source that cannot be parsed: what is wrong, at which line of which file. */
public final class TutorialSourceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String problem;

  TutorialSourceException(Path file, int line, String problem) {
    super((file == null ? "" : file + ": ") + "line " + line + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** The same problem, located in {@code file}. */
  TutorialSourceException in(Path file) {
    return new TutorialSourceException(file, line, problem);
  }

  /** The source file, when the text came from one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The 1-based line of the source where the problem is. */
  public int line() {
    return line;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
