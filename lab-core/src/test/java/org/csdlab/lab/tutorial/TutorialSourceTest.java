package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TutorialSourceTest {

  private static final String SOURCE =
      """
      //md # Hello eBPF
      //md
      //md We assemble a program.
      import java.util.*;

      var x = 1;
      //--
      x + 1
      //md More text,
      //md on two lines.
      //--
      //md After a break.
      int y = 2;
      """;

  @Test
  void markdownRunsAndCodeBetweenThemBecomeCells() {
    List<Cell> cells = TutorialSource.parse(SOURCE).cells();
    assertEquals(
        List.of(
            new Cell(Cell.Kind.MARKDOWN, "# Hello eBPF\n\nWe assemble a program.", 1),
            new Cell(Cell.Kind.CODE, "import java.util.*;\n\nvar x = 1;", 4),
            new Cell(Cell.Kind.CODE, "x + 1", 8),
            new Cell(Cell.Kind.MARKDOWN, "More text,\non two lines.", 9),
            new Cell(Cell.Kind.MARKDOWN, "After a break.", 12),
            new Cell(Cell.Kind.CODE, "int y = 2;", 13)),
        cells);
  }

  @Test
  void titleIsTheFirstHeading() {
    assertEquals("Hello eBPF", TutorialSource.parse(SOURCE).title());
    assertEquals("(untitled)", TutorialSource.parse("int x = 1;").title());
  }

  @Test
  void commentsThatOnlyStartLikeTheMarkerAreCode() {
    List<Cell> cells = TutorialSource.parse("//mdx not markdown\n// a comment\nint z;").cells();
    assertEquals(
        List.of(new Cell(Cell.Kind.CODE, "//mdx not markdown\n// a comment\nint z;", 1)), cells);
  }

  @Test
  void blankLinesAroundCellsAndEmptyCellsDisappear() {
    List<Cell> cells = TutorialSource.parse("\n\n//--\n//--\n\n  int a;   \n\n").cells();
    assertEquals(List.of(new Cell(Cell.Kind.CODE, "  int a;", 6)), cells);
  }

  @Test
  void windowsLineEndingsParseLikeUnixOnes() {
    assertEquals(
        TutorialSource.parse("//md # T\nint a;\n").cells(),
        TutorialSource.parse("//md # T\r\nint a;\r\n").cells());
  }
}
