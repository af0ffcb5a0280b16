package org.csdlab.lab.tutorial;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.csdlab.lab.kernel.JupyterLauncher;

/**
 * Executes a notebook under real Jupyter, with nbclient (what {@code jupyter nbconvert --execute}
 * runs) driven by a small Python script shipped in the jar ({@value #DRIVER}): every code cell runs
 * even after errors, a cell past {@link #cellTimeout} is interrupted, and once the notebook has run
 * {@link #notebookTimeout} the cells left are not run; each such cell is marked in its metadata
 * ({@value #RUN_MARK}: {@code timed_out_s}, {@code not_run}, {@code kernel_died}). The Python
 * process itself is stopped if it outlives the budget by {@link #GRACE} (kernel start-up and
 * shutdown), so a notebook can never hang the grader.
 */
public final class NotebookExecutor {

  /** The driver script, a resource beside this class. */
  public static final String DRIVER = "execute_notebook.py";

  /** The cell metadata key where the driver marks cells it interrupted or did not run. */
  public static final String RUN_MARK = "csdlab_run";

  /** Time allowed beyond the notebook budget for the kernel to start and stop. */
  public static final Duration GRACE = Duration.ofSeconds(150);

  /** How Python with nbclient is installed, for messages. */
  public static final String INSTALL_NBCLIENT_HINT =
      "On Debian or Ubuntu: sudo apt-get install python3-nbclient"
          + " jupyter-client (elsewhere: pip install nbclient); or name the Python that has it with --python";

  private static final int KERNEL_DID_NOT_START = 3;
  private static final int LOG_TAIL_CHARS = 2000;

  private final Path python;
  private final String kernelName;
  private final Duration cellTimeout;
  private final Duration notebookTimeout;
  private final Map<String, String> environment;

  /**
   * @param python a Python interpreter that can import nbclient and nbformat
   * @param kernelName the kernelspec to run the notebook with
   * @param environment variables added to the driver's (and so the kernel's) environment
   */
  public NotebookExecutor(
      Path python,
      String kernelName,
      Duration cellTimeout,
      Duration notebookTimeout,
      Map<String, String> environment) {
    this.python = Objects.requireNonNull(python, "python");
    this.kernelName = Objects.requireNonNull(kernelName, "kernelName");
    this.cellTimeout = Objects.requireNonNull(cellTimeout, "cellTimeout");
    this.notebookTimeout = Objects.requireNonNull(notebookTimeout, "notebookTimeout");
    this.environment = Map.copyOf(environment);
    if (cellTimeout.toSeconds() < 1 || notebookTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "timeouts are at least 1 s, were " + cellTimeout + " and " + notebookTimeout);
    }
  }

  /** The longest a cell may run. */
  public Duration cellTimeout() {
    return cellTimeout;
  }

  /** The longest the whole notebook may run. */
  public Duration notebookTimeout() {
    return notebookTimeout;
  }

  /**
   * The Python to use: {@code configured} when given, else the interpreter that runs the {@code
   * jupyter} command on the PATH (its {@code #!} line), else {@code python3} on the PATH; empty
   * when none is found.
   */
  public static Optional<Path> findPython(Optional<Path> configured) {
    if (configured.isPresent()) {
      return configured;
    }
    Optional<Path> fromJupyter = JupyterLauncher.jupyter().flatMap(NotebookExecutor::interpreterOf);
    return fromJupyter.isPresent() ? fromJupyter : JupyterLauncher.onPath("python3");
  }

  /**
   * Checks that {@code python} runs and imports nbclient and nbformat.
   *
   * @return empty when it does, else what is wrong
   */
  public static Optional<String> checkPython(Path python) {
    Path log = null;
    try {
      log = Files.createTempFile("csdlab-python-check", ".log");
      Process process =
          new ProcessBuilder(python.toString(), "-c", "import nbclient, nbformat")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.of(python + " did not answer within 60 s");
      }
      if (process.exitValue() == 0) {
        return Optional.empty();
      }
      String printed = log(log).strip();
      return Optional.of(
          python
              + " cannot import nbclient and nbformat (exit status "
              + process.exitValue()
              + ")"
              + (printed.isEmpty() ? "" : ": " + printed));
    } catch (IOException e) {
      return Optional.of("cannot run " + python + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while checking " + python);
    } finally {
      if (log != null) {
        log.toFile().delete();
      }
    }
  }

  /**
   * Executes {@code notebook} (a file) in {@code workDir} and returns the executed notebook's file,
   * {@code output}.
   *
   * @throws ExecutionFailure when the kernel does not start or the driver fails or overruns
   */
  public Path execute(Path notebook, Path output, Path workDir) throws InterruptedException {
    Path scratch = output.toAbsolutePath().getParent();
    Path driver = scratch.resolve(DRIVER);
    Path log = scratch.resolve(output.getFileName() + ".log");
    try {
      if (!Files.exists(driver)) {
        try (InputStream in = NotebookExecutor.class.getResourceAsStream(DRIVER)) {
          if (in == null) {
            throw new IllegalStateException(
                "the grader's driver " + DRIVER + " is missing from the csdlab jar");
          }
          Files.write(driver, in.readAllBytes());
        }
      }
      List<String> command =
          new ArrayList<>(
              List.of(
                  python.toString(),
                  driver.toString(),
                  notebook.toString(),
                  output.toString(),
                  kernelName,
                  Long.toString(cellTimeout.toSeconds()),
                  Long.toString(notebookTimeout.toSeconds()),
                  workDir.toAbsolutePath().toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      long limitSeconds = notebookTimeout.plus(GRACE).toSeconds();
      try {
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
          throw new ExecutionFailure(
              "Jupyter was still running the notebook after "
                  + limitSeconds
                  + " s (its budget of "
                  + notebookTimeout.toSeconds()
                  + " s and "
                  + GRACE.toSeconds()
                  + " s for the kernel to start and stop) and was stopped",
              log(log));
        }
      } finally {
        if (process.isAlive()) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      }
      if (process.exitValue() == KERNEL_DID_NOT_START) {
        throw new ExecutionFailure(
            "the kernel '"
                + kernelName
                + "' could not start (install it with ./csdlab"
                + " jupyter install --user, or --prefix for all users)",
            log(log));
      }
      if (process.exitValue() != 0 || !Files.isRegularFile(output)) {
        throw new ExecutionFailure(
            "Jupyter failed to run the notebook (exit status " + process.exitValue() + ")",
            log(log));
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run " + python + " to execute " + notebook + ": " + e.getMessage(), e);
    }
  }

  /** The notebook could not be executed; {@link #log} holds the end of Jupyter's output. */
  public static final class ExecutionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String log;

    ExecutionFailure(String message, String log) {
      super(message);
      this.log = log;
    }

    /** The last lines Jupyter printed. */
    public String log() {
      return log;
    }
  }

  private static String log(Path log) {
    try {
      return Files.isRegularFile(log)
          ? tail(Files.readString(log, StandardCharsets.ISO_8859_1))
          : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static String tail(String text) {
    return text.length() <= LOG_TAIL_CHARS
        ? text
        : "..." + text.substring(text.length() - LOG_TAIL_CHARS);
  }

  /** The interpreter in a script's {@code #!} line, when it names a Python. */
  private static Optional<Path> interpreterOf(Path script) {
    try (InputStream in = Files.newInputStream(script)) {
      String first =
          new String(in.readNBytes(256), StandardCharsets.ISO_8859_1)
              .lines()
              .findFirst()
              .orElse("");
      if (!first.startsWith("#!")) {
        return Optional.empty();
      }
      String[] words = first.substring(2).strip().split("\\s+");
      String interpreter = words[0].endsWith("/env") && words.length > 1 ? words[1] : words[0];
      if (!Path.of(interpreter).getFileName().toString().startsWith("python")) {
        return Optional.empty();
      }
      return interpreter.contains("/")
          ? Optional.of(Path.of(interpreter))
          : JupyterLauncher.onPath(interpreter);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
