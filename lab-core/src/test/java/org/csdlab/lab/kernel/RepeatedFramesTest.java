package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedFramesTest {

  @Test
  void oneFrameRepeatedBecomesTheFrameAndACount() {
    List<String> lines = new ArrayList<>(List.of("  at top"));
    lines.addAll(Collections.nCopies(1023, "  at f"));
    assertEquals(
        List.of("  at top", "  at f", "  ... the frame above repeated 1022 more times"),
        RepeatedFrames.fold(lines, "  "));
  }

  @Test
  void aCycleOfThreeFramesIsKeptOnceWithItsCount() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 341; i++) {
      lines.addAll(List.of("a", "b", "c"));
    }
    lines.add("main");
    assertEquals(
        List.of("a", "b", "c", "... the 3 frames above repeated 340 more times", "main"),
        RepeatedFrames.fold(lines, ""));
  }

  @Test
  void linesWithoutRepeatsStayAsTheyAre() {
    List<String> lines = List.of("a", "b", "a", "c", "b");
    assertEquals(lines, RepeatedFrames.fold(lines, ""));
  }

  @Test
  void aSingleRepeatSaysOnce() {
    assertEquals(
        List.of("x", "... the frame above repeated 1 more time", "y"),
        RepeatedFrames.fold(List.of("x", "x", "y"), ""));
  }
}
