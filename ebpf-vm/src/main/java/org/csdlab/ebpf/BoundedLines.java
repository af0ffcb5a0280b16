package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Output lines a program produces (trace_printk, debug strings), kept up to a number of lines and
 * of UTF-8 bytes so that a program printing in a loop cannot exhaust memory. The lines kept are the
 * first ones; once one line does not fit, it and every later line are only counted, so what is kept
 * is always a prefix of what was printed. Safe for several threads.
 */
public final class BoundedLines {
  private final int maxLines;
  private final long maxBytes;
  private final List<String> lines = new ArrayList<>();
  private long keptBytes;
  private long droppedLines;

  /** Keeps at most {@code maxLines} lines of at most {@code maxBytes} UTF-8 bytes in all. */
  public BoundedLines(int maxLines, long maxBytes) {
    if (maxLines < 0 || maxBytes < 0) {
      throw new IllegalArgumentException(
          "the most lines and bytes kept must be at least 0, got "
              + maxLines
              + " lines and "
              + maxBytes
              + " bytes");
    }
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
  }

  /** Keeps {@code line} if it and all lines before it fit; counts it as dropped otherwise. */
  public synchronized void add(String line) {
    if (droppedLines > 0 || lines.size() >= maxLines) {
      droppedLines++;
      return;
    }
    long bytes = utf8Bytes(line);
    if (bytes > maxBytes - keptBytes) {
      droppedLines++;
      return;
    }
    lines.add(line);
    keptBytes += bytes;
  }

  /** The lines kept, in order. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Lines printed but not kept, as they went over the limits. */
  public synchronized long droppedLines() {
    return droppedLines;
  }

  /** Forgets every line and the dropped count, for the next run. */
  public synchronized void clear() {
    lines.clear();
    keptBytes = 0;
    droppedLines = 0;
  }

  /** The most lines kept. */
  public int maxLines() {
    return maxLines;
  }

  /** The most UTF-8 bytes kept, over all lines. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * The lines kept, one a line, then {@code ... 12 more lines not kept (limit: 1000 lines, 1048576
   * bytes)} when some were dropped.
   */
  public synchronized String text() {
    StringBuilder out = new StringBuilder();
    lines.forEach(line -> out.append(line).append('\n'));
    if (droppedLines > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "... %,d more line%s not kept (limit: %,d lines, %,d bytes)%n",
              droppedLines,
              droppedLines == 1 ? "" : "s",
              maxLines,
              maxBytes));
    }
    return out.toString();
  }

  /** The UTF-8 length of {@code s}, counted without encoding it (a line may be megabytes long). */
  public static long utf8Bytes(String s) {
    long out = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out++;
      } else if (c < 0x800) {
        out += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out += 4;
        i++;
      } else {
        out += 3;
      }
    }
    return out;
  }

  @Override
  public synchronized String toString() {
    return "BoundedLines["
        + lines.size()
        + " lines"
        + (droppedLines > 0 ? ", " + droppedLines + " dropped" : "")
        + "]";
  }
}
