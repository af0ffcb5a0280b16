package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CellSnippetsTest {

  private static JShell shell;

  @BeforeAll
  static void start() {
    shell = JShell.builder().executionEngine("local").build();
  }

  @AfterAll
  static void stop() {
    shell.close();
  }

  @Test
  void splitsACellIntoSnippetsWithTheirOffsets() {
    String cell = "class A {}\n\n  int x = 1;\nx + 1";
    List<CellSnippets.Piece> pieces = CellSnippets.split(shell.sourceCodeAnalysis(), cell);
    assertEquals(3, pieces.size());
    assertEquals("class A {}", pieces.get(0).source());
    assertEquals(0, pieces.get(0).offset());
    assertEquals("int x = 1;", pieces.get(1).source());
    assertEquals(cell.indexOf("int x"), pieces.get(1).offset());
    assertEquals("x + 1", pieces.get(2).source());
    assertEquals(cell.indexOf("x + 1"), pieces.get(2).offset());
  }

  @Test
  void aCompleteLineEndsItsSnippetUnlessTheNextLineGoesOnWithIt() {
    String cell =
        "Math.abs(-1)          // one\n\nint y = 2;\n\"a\"\n    .repeat(2)\nif (y > 1) y--;\nelse y++;\nMath.max(y,\n    3)\n";
    List<CellSnippets.Piece> pieces = CellSnippets.split(shell.sourceCodeAnalysis(), cell);
    assertEquals(
        List.of(
            "Math.abs(-1)          // one\n",
            "int y = 2;",
            "\"a\"\n    .repeat(2)\n",
            "if (y > 1) y--;\nelse y++;",
            "Math.max(y,\n    3)\n"),
        pieces.stream().map(CellSnippets.Piece::source).toList());
    assertEquals(cell.indexOf("int y"), pieces.get(1).offset());
    assertEquals(cell.indexOf("Math.max"), pieces.get(4).offset());
  }

  @Test
  void lookingForLineEndsStopsAtItsBudget() {
    // Every line ends in a name inside one open call: each would be a candidate line end.
    String line = "  argument_with_a_long_name_to_fill_the_line,\n  more\n";
    String cell =
        "java.util.List.of(\n"
            + line.repeat(CellSnippets.MAX_PROBE_CHARS / line.length() / 8)
            + "  0)\nint z = 1;";
    List<CellSnippets.Piece> pieces = CellSnippets.split(shell.sourceCodeAnalysis(), cell);
    // Past the budget the snippet ends where JShell's own analysis says: here, with the next line.
    assertEquals(1, pieces.size());
    assertTrue(
        pieces.get(0).source().startsWith("java.util.List.of(\n"),
        pieces.get(0).source().substring(0, 40));
  }

  @Test
  void anUnfinishedTailIsTheLastPieceMarkedIncomplete() {
    String cell = "int y = 2;\nwhile (y > 0) {";
    List<CellSnippets.Piece> pieces = CellSnippets.split(shell.sourceCodeAnalysis(), cell);
    assertEquals(2, pieces.size());
    assertEquals(Completeness.DEFINITELY_INCOMPLETE, pieces.get(1).completeness());
    assertTrue(pieces.get(1).incomplete());
    assertEquals(cell.indexOf("while"), pieces.get(1).offset());
  }

  @Test
  void blankCellHasNoSnippets() {
    assertTrue(CellSnippets.split(shell.sourceCodeAnalysis(), "  \n\t").isEmpty());
  }

  @Test
  void cellTextMapsOffsetsToLinesAndColumns() {
    CellText text = new CellText("ab\ncde\n");
    assertEquals(1, text.lineOf(1));
    assertEquals(2, text.lineOf(3));
    assertEquals(2, text.columnOf(4));
    assertEquals("cde", text.line(2));
    assertEquals("", text.line(7));
  }
}
