package org.csdlab.lab.kernel;

import java.util.List;

/**
 * Completion candidates, and the range of the cell [start, end) that a chosen candidate replaces.
 */
public record Completion(List<String> candidates, int start, int end) {

  public Completion {
    candidates = List.copyOf(candidates);
  }
}
