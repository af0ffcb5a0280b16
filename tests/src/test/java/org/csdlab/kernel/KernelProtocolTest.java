package org.csdlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.csdlab.lab.kernel.HeapLimit;
import org.csdlab.testing.JupyterSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the installed csdlab kernel over the Jupyter protocol with jupyter_client ({@code
 * kernel/drive_kernel.py}): execute with streams and rich results, compile errors, live displays,
 * interrupting an infinite loop and running the next cell, completion, is_complete and inspection
 * (with the lab's own javadoc, which the kernel reads from the sources in its jar).
 */
class KernelProtocolTest {

  @TempDir Path home;

  @Test
  void kernelAnswersExecuteInterruptCompletionAndIsComplete() throws Exception {
    JupyterSetup jupyter = JupyterSetup.install(home);
    Path script = home.resolve("drive_kernel.py");
    try (InputStream in = KernelProtocolTest.class.getResourceAsStream("/kernel/drive_kernel.py")) {
      Files.copy(in, script);
    }
    JupyterSetup.Result result =
        jupyter.run(home, List.of(jupyter.python.toString(), script.toString()));
    String output = result.output();
    assertEquals(0, result.exitCode(), output);
    for (String check :
        List.of(
            "execute",
            "html",
            "compile error",
            "display",
            "interrupt",
            "complete",
            "is_complete",
            "inspect",
            "inspect javadoc")) {
      assertTrue(output.contains("OK " + check + "\n"), "no OK for " + check + " in:\n" + output);
    }
    assertTrue(output.contains("DONE"), output);
  }

  /**
   * One kernel with a 320 MiB heap takes the cells that used to end or wedge it (issue 11): each
   * ends in an error that says what happened, and {@code 1 + 1} answers after it ({@code
   * kernel/survive_kernel.py}).
   */
  @Test
  void kernelSurvivesExitOutOfMemorySpinningThreadsDeepRecursionAndPrintFloods() throws Exception {
    JupyterSetup jupyter = JupyterSetup.install(home, HeapLimit.parse("320m"));
    Path script = home.resolve("survive_kernel.py");
    for (String name :
        List.of("survive_kernel.py", "drive_kernel.py")) { // the first imports the second
      try (InputStream in = KernelProtocolTest.class.getResourceAsStream("/kernel/" + name)) {
        Files.copy(in, home.resolve(name));
      }
    }
    JupyterSetup.Result result =
        jupyter.run(home, List.of(jupyter.python.toString(), script.toString()));
    String output = result.output();
    assertEquals(0, result.exitCode(), output);
    for (String check :
        List.of("exit", "out of memory", "threads", "stack overflow", "print flood")) {
      assertTrue(output.contains("OK " + check + "\n"), "no OK for " + check + " in:\n" + output);
    }
    assertTrue(output.contains("DONE"), output);
  }
}
