package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JupyterCommandTest {
  @TempDir Path dir;

  @Test
  void installWritesAKernelspecThatRunsTheJar() throws Exception {
    Path jar = Files.write(dir.resolve("csdlab.jar"), new byte[] {'P', 'K'});
    Path kernels = dir.resolve("kernels");
    CliRun run =
        CliRun.of(
            "jupyter", "install", "--kernels-dir", kernels.toString(), "--jar", jar.toString());
    assertEquals(0, run.status(), run.err());
    String spec = Files.readString(kernels.resolve("csdlab/kernel.json"));
    assertTrue(
        spec.contains(jar.toString()) && spec.contains("org.csdlab.lab.kernel.KernelMain"), spec);
    assertTrue(
        run.out()
            .startsWith("Installed the kernel 'Java (csdlab)' in " + kernels.resolve("csdlab")),
        run.out());
  }

  @Test
  void installIntoAPrefix() throws Exception {
    Path jar = Files.write(dir.resolve("csdlab.jar"), new byte[] {'P', 'K'});
    CliRun run =
        CliRun.of("jupyter", "install", "--prefix", dir.toString(), "--jar", jar.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(Files.isRegularFile(dir.resolve("share/jupyter/kernels/csdlab/kernel.json")));
  }

  @Test
  void installRefusesAMissingJarAndTwoPlaces() {
    CliRun missing =
        CliRun.of(
            "jupyter",
            "install",
            "--kernels-dir",
            dir.toString(),
            "--jar",
            dir.resolve("none.jar").toString());
    assertEquals(2, missing.status());
    assertEquals(
        "csdlab jupyter install: --jar "
            + dir.resolve("none.jar")
            + " is not a file; name the csdlab.jar the "
            + "kernel runs (build it with ./csdlab version) (see csdlab jupyter install --help)",
        missing.errorLine());
    CliRun both = CliRun.of("jupyter", "install", "--user", "--prefix", dir.toString());
    assertEquals(2, both.status());
    assertTrue(both.errorLine().contains("mutually exclusive"), both.errorLine());
  }

  @Test
  void installOutsideTheJarSaysHow() {
    CliRun run = CliRun.of("jupyter", "install", "--kernels-dir", dir.toString());
    assertEquals(1, run.status());
    assertEquals(
        "csdlab jupyter install: this csdlab is not running from csdlab.jar; install with ./csdlab jupyter "
            + "install, or name the jar with --jar",
        run.errorLine());
  }
}
