package org.csdlab.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.csdlab.lab.kernel.HeapLimit;
import org.csdlab.lab.kernel.KernelInstaller;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Jupyter for one test: the csdlab kernelspec installed into a temporary data directory,
 * and the Python and {@code jupyter} commands that use it. A missing tool skips the test locally
 * and fails it when {@code CI=true}.
 */
public final class JupyterSetup {

  public static final long PROCESS_TIMEOUT_SECONDS = 300;

  public final Path python;
  public final Path jupyter;
  public final Path home;
  public final Path dataDir;

  private JupyterSetup(Path python, Path jupyter, Path home) {
    this.python = python;
    this.jupyter = jupyter;
    this.home = home;
    this.dataDir = home.resolve("data");
  }

  /** Finds the tools and installs the kernelspec under {@code home}, or skips (fails under CI). */
  public static JupyterSetup install(Path home) throws IOException, InterruptedException {
    return install(home, HeapLimit.DEFAULT);
  }

  /** {@link #install(Path)} with a kernel whose heap limit is {@code heap}. */
  public static JupyterSetup install(Path home, HeapLimit heap)
      throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("csdlab.jar", "../lab-core/target/csdlab.jar"));
    if (!Files.isRegularFile(jar)) {
      missing(
          "the lab jar "
              + jar.toAbsolutePath()
              + " (run mvn verify, which packages lab-core first)");
    }
    Path python =
        firstWorking(
            List.of("/usr/bin/python3", "python3"),
            "-c",
            "import jupyter_client, nbclient, nbconvert");
    if (python == null) {
      missing(
          "python3 with jupyter_client, nbclient and nbconvert (apt-get install jupyter-nbconvert"
              + " python3-nbclient jupyter-client python3-ipykernel)");
    }
    Path jupyter = firstWorking(List.of("/usr/bin/jupyter", "jupyter"), "nbconvert", "--version");
    if (jupyter == null) {
      missing("the jupyter command with nbconvert (apt-get install jupyter-nbconvert)");
    }
    JupyterSetup setup = new JupyterSetup(python, jupyter, home);
    KernelInstaller.forThisJvm(jar, heap).installInto(setup.dataDir.resolve("kernels"));
    return setup;
  }

  /**
   * Runs {@code command} in {@code workDir} with this Jupyter's environment; returns exit code and
   * output.
   */
  public Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(home, "process", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("JUPYTER_DATA_DIR", dataDir.toString());
    env.put("JUPYTER_PATH", dataDir.toString());
    env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
    env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
    env.put("IPYTHONDIR", home.resolve("ipython").toString());
    Process process = builder.start();
    if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail(
          "timed out after "
              + PROCESS_TIMEOUT_SECONDS
              + " s: "
              + command
              + "\n"
              + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log));
  }

  /**
   * Executes {@code notebook} with {@code jupyter nbconvert --execute} under the kernel its
   * metadata names, from {@code workDir}, writing the executed copy to {@code executed} (a path
   * ending in {@code .ipynb}); a cell may take {@code cellTimeoutSeconds}.
   */
  public Result execute(Path workDir, Path notebook, Path executed, long cellTimeoutSeconds)
      throws IOException, InterruptedException {
    String name = executed.getFileName().toString();
    return run(
        workDir,
        List.of(
            jupyter.toString(),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=" + cellTimeoutSeconds,
            "--output-dir",
            executed.toAbsolutePath().getParent().toString(),
            "--output",
            name.substring(0, name.length() - ".ipynb".length()),
            notebook.toString()));
  }

  public record Result(int exitCode, String output) {}

  /** A notebook's text field, which nbformat stores as one string or as a list of lines. */
  public static String text(com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isArray()) {
      StringBuilder joined = new StringBuilder();
      node.forEach(line -> joined.append(line.asText()));
      return joined.toString();
    }
    return node.asText();
  }

  private static Path firstWorking(List<String> candidates, String... args)
      throws InterruptedException {
    for (String candidate : candidates) {
      List<String> command = new ArrayList<>();
      command.add(candidate);
      command.addAll(List.of(args));
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
          return Path.of(candidate);
        }
        process.destroyForcibly();
      } catch (IOException e) {
        // Not installed under this name; try the next one.
      }
    }
    return null;
  }

  private static void missing(String what) {
    String message = "needs " + what;
    if ("true".equals(System.getenv("CI"))) {
      fail(message + ", which CI must install (.ci/run)");
    }
    Assumptions.abort(message);
  }
}
