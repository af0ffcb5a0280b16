package org.csdlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.csdlab.testing.JupyterSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the installed csdlab kernel over the Jupyter protocol with jupyter_client
 * ({@code kernel/drive_kernel.py}): execute with streams and rich results, compile errors, live
 * displays, interrupting an infinite loop and running the next cell, completion, is_complete and
 * inspection.
 */
class KernelProtocolTest {

  @TempDir
  Path home;

  @Test
  void kernelAnswersExecuteInterruptCompletionAndIsComplete() throws Exception {
    JupyterSetup jupyter = JupyterSetup.install(home);
    Path script = home.resolve("drive_kernel.py");
    try (InputStream in = KernelProtocolTest.class.getResourceAsStream("/kernel/drive_kernel.py")) {
      Files.copy(in, script);
    }
    JupyterSetup.Result result = jupyter.run(home, List.of(jupyter.python.toString(), script.toString()));
    String output = result.output();
    assertEquals(0, result.exitCode(), output);
    for (String check : List.of("execute", "html", "compile error", "display", "interrupt", "complete", "is_complete", "inspect")) {
      assertTrue(output.contains("OK " + check + "\n"), "no OK for " + check + " in:\n" + output);
    }
    assertTrue(output.contains("DONE"), output);
  }
}
