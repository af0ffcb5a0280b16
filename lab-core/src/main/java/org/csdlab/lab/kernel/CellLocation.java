package org.csdlab.lab.kernel;

import java.util.Objects;

/**
 * Where a cell's text comes from, for its error reports: how they name it ({@code this cell},
 * {@code cell 4}, {@code setup.jsh}) and the number of its first line, so that a report points at
 * the line the reader sees (a tutorial's cells at the lines of its source file).
 *
 * @param name how reports name the cell: {@code at line 3 of this cell}
 * @param firstLine the number of the cell's first line, from 1
 * @param inNotebook whether the cell runs in a notebook, where reports may suggest {@code %trace}
 */
public record CellLocation(String name, int firstLine, boolean inNotebook) {

  /** A notebook cell: {@code this cell}, lines from 1. */
  public static final CellLocation NOTEBOOK_CELL = new CellLocation("this cell", 1, true);

  public CellLocation {
    Objects.requireNonNull(name, "name");
    if (firstLine < 1) {
      throw new IllegalArgumentException("firstLine is 1-based, was " + firstLine);
    }
  }
}
