package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JupyterLauncherTest {

  @TempDir Path dir;

  @Test
  void findsExecutablesOnThePath() {
    assertTrue(JupyterLauncher.onPath("sh").isPresent());
    assertFalse(JupyterLauncher.onPath("csdlab-no-such-command-here").isPresent());
  }

  @Test
  void kernelIsInstalledWhenKernelspecListNamesIt() throws Exception {
    assertTrue(
        JupyterLauncher.kernelInstalled(
            fakeJupyter("echo '{\"kernelspecs\": {\"csdlab\": {}, \"python3\": {}}}'")));
  }

  @Test
  void kernelIsNotInstalledWhenKernelspecListLacksItOrFails() throws Exception {
    assertFalse(
        JupyterLauncher.kernelInstalled(
            fakeJupyter("echo '{\"kernelspecs\": {\"python3\": {}}}'")));
    assertFalse(JupyterLauncher.kernelInstalled(fakeJupyter("echo 'not json'; exit 1")));
  }

  private Path fakeJupyter(String body) throws Exception {
    Path script = Files.createTempFile(dir, "jupyter", ".sh");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
