package org.csdlab.lab.kernel;

import java.util.List;

/** A magic cell ({@code %threads ...}) was written in a way the kernel does not understand. */
public final class MagicUsageError extends CellError {

  MagicUsageError(String message) {
    super(message, List.of(message));
  }
}
