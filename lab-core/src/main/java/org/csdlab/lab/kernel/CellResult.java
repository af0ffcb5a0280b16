package org.csdlab.lab.kernel;

import java.util.List;

/**
 * What a cell that ran to its end produced: the value of its last expression when it ended in one
 * (which may be {@code null}), and notes worth showing (declarations still waiting for a type they
 * refer to).
 */
public record CellResult(boolean hasValue, Object value, List<String> notes) {

  public CellResult {
    notes = List.copyOf(notes);
  }

  static CellResult noValue(List<String> notes) {
    return new CellResult(false, null, notes);
  }
}
