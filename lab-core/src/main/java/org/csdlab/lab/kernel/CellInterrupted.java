package org.csdlab.lab.kernel;

import java.util.List;

/** The cell was interrupted (the notebook's stop button); the kernel is ready for the next cell. */
public final class CellInterrupted extends CellError {

  CellInterrupted(int line, String where) {
    super(
        Kind.INTERRUPTED,
        line,
        "the cell was interrupted " + where,
        List.of(
            "Interrupted " + where + ".",
            "What ran before the interrupt stays defined; the next cell runs normally."));
  }
}
