package org.csdlab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.csdlab.lab.kernel.KernelInstaller;
import org.csdlab.lab.tutorial.Tutorial;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tutorial notebook executes under real Jupyter ({@code nbconvert --execute}) with the csdlab
 * kernel installed into a temporary Jupyter path: no cell errors, every check prints ✓, none ✗,
 * and the notebooks that draw charts hold them. Skipped where Jupyter is absent, failed in CI.
 */
class TutorialNotebooksInJupyterTest {

  // Debian's Python has nbconvert and nbclient; the python3 first on PATH may not.
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final long TIMEOUT_MINUTES = 10;

  @TempDir
  Path home;

  @TestFactory
  Stream<DynamicTest> everyTutorialNotebookExecutes() throws IOException, InterruptedException {
    Path jar = ProjectFiles.csdlabJar();
    requireNbconvert();
    Path jupyterPath = home.resolve("share/jupyter");
    KernelInstaller.forThisJvm(jar).installInto(jupyterPath.resolve("kernels"));
    return ProjectFiles.catalog().all().stream()
        .map(tutorial -> DynamicTest.dynamicTest(tutorial.name(), () -> execute(tutorial, jupyterPath)));
  }

  private void execute(Tutorial tutorial, Path jupyterPath) throws IOException, InterruptedException {
    Path log = home.resolve(tutorial.name() + ".log");
    ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-m", "jupyter", "nbconvert", "--to", "notebook",
        "--execute", "--ExecutePreprocessor.timeout=" + TIMEOUT_MINUTES * 60, "--output-dir", home.toString(),
        tutorial.notebook().toString())
        .directory(tutorial.notebook().getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("JUPYTER_PATH", jupyterPath.toString());
    builder.environment().put("JUPYTER_DATA_DIR", home.resolve("data").toString());
    builder.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES + 1, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail(tutorial.notebook() + " did not finish within " + TIMEOUT_MINUTES + " minutes:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);

    JsonNode executed = new ObjectMapper().readTree(home.resolve(tutorial.notebook().getFileName()).toFile());
    StringBuilder printed = new StringBuilder();
    boolean chart = false;
    for (JsonNode cell : executed.path("cells")) {
      for (JsonNode out : cell.path("outputs")) {
        String type = out.path("output_type").asText();
        assertFalse(type.equals("error"), tutorial.name() + ": a cell failed: " + out);
        if (type.equals("stream")) {
          printed.append(text(out.path("text")));
        }
        chart |= text(out.path("data").path("text/html")).contains("Plotly.newPlot");
      }
    }
    String text = printed.toString();
    assertFalse(text.contains("✗"), tutorial.name() + ": a check failed:\n" + text);
    long ticks = text.lines().filter(l -> l.startsWith("✓ ")).count();
    long checks = TutorialScriptsInJshellTest.checkCalls(tutorial);
    assertTrue(ticks >= checks, tutorial.name() + ": expected at least " + checks + " ✓ lines, saw " + ticks + ":\n"
        + text);
    if (tutorial.source().codeCells().stream().anyMatch(c -> c.text().contains("Charts.")
        || c.text().contains(".chart("))) {
      assertTrue(chart, tutorial.name() + " draws charts, but the executed notebook holds none");
    }
  }

  private static void requireNbconvert() throws IOException, InterruptedException {
    boolean present = false;
    if (Files.isExecutable(PYTHON)) {
      Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import nbconvert, nbclient, jupyter_client")
          .redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      present = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }
    if (!present && ProjectFiles.inCi()) {
      fail("Jupyter is needed in CI: apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel");
    }
    Assumptions.assumeTrue(present, "Jupyter (nbconvert, nbclient) is not installed for " + PYTHON);
  }

  private static String text(JsonNode node) {
    if (node.isArray()) {
      StringBuilder joined = new StringBuilder();
      node.forEach(line -> joined.append(line.asText()));
      return joined.toString();
    }
    return node.asText();
  }
}
