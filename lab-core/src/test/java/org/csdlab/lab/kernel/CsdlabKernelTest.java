package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CsdlabKernelTest {

  private static CsdlabKernel kernel;

  @BeforeAll
  static void start() {
    kernel = CsdlabKernel.create();
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  @Test
  void lastValueRendersAsTextAndHtml() {
    DisplayData data =
        kernel.eval(
            "class Shiny implements HtmlRenderable {\n"
                + "  public String toHtml() { return \"<i>shiny</i>\"; }\n"
                + "  public String toString() { return \"shiny\"; }\n"
                + "}\nnew Shiny()");
    assertEquals("shiny", data.getData(MIMEType.TEXT_PLAIN));
    assertEquals("<i>shiny</i>", data.getData(MIMEType.TEXT_HTML));
  }

  @Test
  void cellWithoutValueHasNoResult() {
    assertNull(kernel.eval("int quiet = 1;"));
  }

  @Test
  void errorsAreFormattedAsTheirReportWithoutStackTrace() {
    CompilationError error =
        assertThrows(CompilationError.class, () -> kernel.eval("int wrong = \"no\";"));
    List<String> lines = kernel.formatError(error);
    assertEquals(error.lines(), lines);
    assertFalse(String.join("\n", lines).contains("at org.csdlab"), String.join("\n", lines));
  }

  @Test
  void traceMagicAsksForTheWholeStackTrace() {
    UncaughtException error =
        assertThrows(UncaughtException.class, () -> kernel.eval("%trace\nList.of().get(0)"));
    assertTrue(
        error.lines().stream().anyMatch(l -> l.startsWith("  at java.base/")),
        error.lines().toString());
    assertTrue(
        error.lines().contains("  at line 2 of this cell: List.of().get(0)"),
        error.lines().toString());
  }

  @Test
  void isCompleteUsesJupyterWords() {
    assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int a = 1;"));
    assertEquals(BaseKernel.IS_COMPLETE_BAD, kernel.isComplete("}"));
    assertEquals("  ", kernel.isComplete("if (true) {"));
  }

  @Test
  void completionReplacesTheWordBeingTyped() {
    ReplacementOptions options = kernel.complete("\"x\".isEm", 8);
    assertTrue(
        options.getReplacements().contains("isEmpty()"), options.getReplacements().toString());
    assertEquals(4, options.getSourceStart());
    assertEquals(8, options.getSourceEnd());
  }

  @Test
  void nextIndentGoesOneLevelDeeperAfterAnOpener() {
    assertEquals("  ", CsdlabKernel.nextIndent("for (int i = 0; i < 3; i++) {"));
    assertEquals("    ", CsdlabKernel.nextIndent("if (x) {\n  while (y) {"));
    assertEquals("  ", CsdlabKernel.nextIndent("if (x) {\n  int y = 1 +"));
  }

  @Test
  void traceMagicIsRecognisedOnTheFirstLinesAndKeepsLineNumbers() {
    assertTrue(CellMagics.parse("%trace\nfoo();").fullTrace());
    assertTrue(CellMagics.parse("  %trace  ").fullTrace());
    assertFalse(CellMagics.parse("foo();\n%trace").fullTrace());
    assertEquals("\nfoo();", CellMagics.parse("%trace\nfoo();").code());
    assertEquals("", CellMagics.parse("%trace").code());
    MagicUsageError tracer =
        assertThrows(MagicUsageError.class, () -> CellMagics.parse("%tracer\nfoo();"));
    assertTrue(
        tracer.getMessage().startsWith("unknown magic %tracer; the magics are "),
        tracer.getMessage());
  }
}
