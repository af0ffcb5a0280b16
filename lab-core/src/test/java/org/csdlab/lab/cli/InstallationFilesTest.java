package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.csdlab.lab.dataset.DatasetManifest;
import org.csdlab.lab.tutorial.TutorialCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset commands read the csdlab directory's manifest wherever csdlab runs from, as {@code
 * tutorial list} finds the tutorials: here csdlab runs in a JVM of its own whose working directory
 * is an empty directory outside the checkout, with no CSDLAB_HOME.
 */
class InstallationFilesTest {
  @TempDir Path elsewhere;

  private static final Path MANIFEST =
      TutorialCatalog.home().orElseThrow().resolve(DatasetManifest.FILE);

  @Test
  void datasetListReadsTheInstallationsManifestFromAnotherWorkingDirectory() throws Exception {
    Run run = csdlab("dataset", "list");
    assertEquals(0, run.status(), run.output());
    assertTrue(run.output().contains("Datasets of " + MANIFEST + ":\n"), run.output());
    assertTrue(run.output().contains("  readings-256MiB-seed7 "), run.output());
  }

  @Test
  void aNamedDatasetIsFoundAndCheckedFromAnotherWorkingDirectory() throws Exception {
    Run run = csdlab("dataset", "generate", "logs-1MiB-seed7", "-o", "logs.bin", "--no-progress");
    assertEquals(0, run.status(), run.output());
    assertTrue(
        run.output().contains("matches logs-1MiB-seed7 in " + MANIFEST + "\n"), run.output());
    assertEquals(1L << 20, Files.size(elsewhere.resolve("logs.bin")));
  }

  @Test
  void anExplicitManifestIsReadFromTheWorkingDirectory() throws Exception {
    Files.writeString(elsewhere.resolve("mine.json"), "{\"datasets\": []}");
    Run run = csdlab("dataset", "list", "--manifest", "mine.json");
    assertEquals(0, run.status(), run.output());
    assertTrue(run.output().contains("Datasets of mine.json:\n"), run.output());
  }

  private record Run(int status, String output) {}

  /** Runs csdlab in a new JVM with the test's class path, in {@link #elsewhere}. */
  private Run csdlab(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true);
    builder.environment().remove(TutorialCatalog.HOME_VARIABLE);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("csdlab did not finish: " + output);
    }
    return new Run(process.exitValue(), output);
  }
}
