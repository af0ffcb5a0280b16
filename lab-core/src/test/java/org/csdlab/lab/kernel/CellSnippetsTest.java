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
