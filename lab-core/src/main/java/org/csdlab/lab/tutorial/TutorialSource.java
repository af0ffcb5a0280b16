package org.csdlab.lab.tutorial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.csdlab.lab.io.InputFile;

/**
 * A tutorial's single source: a JShell script ({@code tutorial.jsh}) whose comments carry the text.
 * The script runs as it is in {@code jshell}; the notebook is generated from it.
 *
 * <pre>
 * //md # Hello eBPF
 * //md
 * //md We assemble a program that returns 42.
 * import org.csdlab.ebpf.*;
 * var hello = Assembler.assemble("r0 = 42\nexit");
 * //--
 * Check.that("r0", Vm.builder(hello).build().run(new byte[0]).r0()).is(42);
 * </pre>
 *
 * <ul>
 *   <li>Consecutive lines starting with {@code //md} form one markdown cell; the marker and one
 *       space after it are removed ({@code //md} alone is an empty markdown line).
 *   <li>Everything else is code. Code between two markdown cells is one code cell; a line
 *       {@code //--} splits it into two cells.
 *   <li>Blank lines around a cell are dropped; cells left empty disappear.
 * </ul>
 *
 * @param cells the cells in order
 */
public record TutorialSource(List<Cell> cells) {

  /** The marker of a markdown line. */
  public static final String MARKDOWN = "//md";
  /** A line that ends one code cell and starts another. */
  public static final String CELL_BREAK = "//--";

  public TutorialSource {
    cells = List.copyOf(Objects.requireNonNull(cells, "cells"));
  }

  /**
   * Reads and parses a tutorial source file (UTF-8, a regular file of at most {@link
   * InputFile#TEXT_MAX_BYTES}).
   */
  public static TutorialSource read(Path file) {
    return parse(InputFile.text(file, "tutorial source").readString());
  }

  /** Parses a tutorial source's text. */
  public static TutorialSource parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Cell> cells = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    Cell.Kind pendingKind = Cell.Kind.CODE;
    int pendingStart = 1;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int lineNumber = i + 1;
      Cell.Kind kind = isMarkdown(line) ? Cell.Kind.MARKDOWN : Cell.Kind.CODE;
      boolean cellBreak = kind == Cell.Kind.CODE && line.strip().equals(CELL_BREAK);
      if (kind != pendingKind || cellBreak) {
        flush(cells, pendingKind, pending, pendingStart);
        pendingKind = kind;
        pendingStart = lineNumber;
        if (cellBreak) {
          pendingStart = lineNumber + 1;
          continue;
        }
      }
      pending.add(kind == Cell.Kind.MARKDOWN ? markdownText(line) : line);
    }
    flush(cells, pendingKind, pending, pendingStart);
    return new TutorialSource(cells);
  }

  /** The title: the first markdown heading, without its {@code #} marks. */
  public String title() {
    for (Cell cell : cells) {
      if (cell.kind() == Cell.Kind.MARKDOWN) {
        for (String line : cell.text().split("\n")) {
          if (line.startsWith("#")) {
            return line.replaceFirst("^#+\\s*", "").strip();
          }
        }
      }
    }
    return "(untitled)";
  }

  /** The code cells only, in order. */
  public List<Cell> codeCells() {
    return cells.stream().filter(Cell::isCode).toList();
  }

  private static boolean isMarkdown(String line) {
    return line.startsWith(MARKDOWN) && (line.length() == MARKDOWN.length() || line.charAt(MARKDOWN.length()) == ' ');
  }

  private static String markdownText(String line) {
    return line.length() <= MARKDOWN.length() + 1 ? "" : line.substring(MARKDOWN.length() + 1);
  }

  private static void flush(List<Cell> cells, Cell.Kind kind, List<String> lines, int start) {
    int first = 0;
    int last = lines.size();
    while (first < last && lines.get(first).isBlank()) {
      first++;
    }
    while (last > first && lines.get(last - 1).isBlank()) {
      last--;
    }
    if (first < last) {
      List<String> body = lines.subList(first, last).stream().map(TutorialSource::stripTrailing).toList();
      cells.add(new Cell(kind, String.join("\n", body), start + first));
    }
    lines.clear();
  }

  private static String stripTrailing(String line) {
    return line.stripTrailing();
  }
}
