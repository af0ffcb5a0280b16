package org.csdlab.lab.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds runs of repeated stack-trace lines, as a deep recursion leaves them: a block of one to
 * {@value #MAX_BLOCK_LINES} lines that repeats is shown once, followed by {@code "... the 3 frames
 * above repeated 340 more times"}. A StackOverflowError's 1,024 frames become a handful of lines.
 */
final class RepeatedFrames {

  /** The longest cycle of frames recognised (mutual recursion through this many methods). */
  static final int MAX_BLOCK_LINES = 32;

  private RepeatedFrames() {}

  /** {@code lines} with each repeated block kept once and a line saying how often it repeated. */
  static List<String> fold(List<String> lines, String indent) {
    List<String> folded = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      int bestBlock = 0;
      int bestRepeats = 0;
      for (int block = 1; block <= MAX_BLOCK_LINES && i + 2 * block <= lines.size(); block++) {
        int repeats = repeatsAt(lines, i, block);
        // Prefer the block that hides the most lines; a longer block must hide more to win.
        if (repeats >= 2 && (long) block * (repeats - 1) > (long) bestBlock * (bestRepeats - 1)) {
          bestBlock = block;
          bestRepeats = repeats;
        }
      }
      if (bestBlock == 0) {
        folded.add(lines.get(i));
        i++;
        continue;
      }
      folded.addAll(lines.subList(i, i + bestBlock));
      folded.add(
          indent
              + "... the "
              + (bestBlock == 1 ? "frame" : bestBlock + " frames")
              + " above repeated "
              + (bestRepeats - 1)
              + " more time"
              + (bestRepeats - 1 == 1 ? "" : "s"));
      i += bestBlock * bestRepeats;
    }
    return folded;
  }

  /**
   * How many times the {@code block} lines at {@code start} occur in a row from there (at least 1).
   */
  private static int repeatsAt(List<String> lines, int start, int block) {
    int repeats = 1;
    int next = start + block;
    while (next + block <= lines.size()
        && lines.subList(start, start + block).equals(lines.subList(next, next + block))) {
      repeats++;
      next += block;
    }
    return repeats;
  }
}
