package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsdlabKernelTest {

  @Test
  void nextIndentGoesOneLevelDeeperAfterAnOpener() {
    assertEquals("  ", CsdlabKernel.nextIndent("for (int i = 0; i < 3; i++) {"));
    assertEquals("    ", CsdlabKernel.nextIndent("if (x) {\n  while (y) {"));
    assertEquals("  ", CsdlabKernel.nextIndent("if (x) {\n  int y = 1 +"));
  }

  @Test
  void traceMagicIsRecognisedOnlyAsTheFirstLineAndKeepsLineNumbers() {
    assertTrue(TraceMagic.present("%trace\nfoo();"));
    assertTrue(TraceMagic.present("  %trace  "));
    assertFalse(TraceMagic.present("foo();\n%trace"));
    assertFalse(TraceMagic.present("%tracer\nfoo();"));
    assertEquals("\nfoo();", TraceMagic.strip("%trace\nfoo();"));
    assertEquals("", TraceMagic.strip("%trace"));
  }
}
