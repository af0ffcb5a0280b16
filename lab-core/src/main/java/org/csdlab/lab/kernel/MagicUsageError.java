package org.csdlab.lab.kernel;

import java.util.List;

/**
 * A magic line ({@code %threads ...}, {@code %jars ...}) was written in a way the kernel does not
 * understand, or what it names cannot be used (a missing jar); nothing of the cell ran.
 */
public final class MagicUsageError extends CellError {

  MagicUsageError(String message) {
    this(1, message);
  }

  /** An error of the magic on {@code line} of the cell. */
  MagicUsageError(int line, String message) {
    super(Kind.MAGIC, line, message, List.of(message));
  }
}
