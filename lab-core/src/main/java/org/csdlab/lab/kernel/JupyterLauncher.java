package org.csdlab.lab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts Jupyter on the tutorials' notebooks ({@code ./csdlab jupyter}) when Jupyter and the csdlab
 * kernel are installed, and otherwise says what to install.
 */
public final class JupyterLauncher {

  /** How to get Jupyter, for messages. */
  public static final String INSTALL_JUPYTER_HINT =
      "Jupyter is not installed. On Debian or Ubuntu: sudo apt-get install jupyter-notebook"
          + " (elsewhere: pip install notebook); then ./csdlab jupyter install --user";

  /** How to get the kernel, for messages. */
  public static final String INSTALL_KERNEL_HINT =
      "The csdlab kernel is not installed in Jupyter yet: run ./csdlab jupyter install --user";

  private static final long KERNELSPEC_TIMEOUT_SECONDS = 60;

  private JupyterLauncher() {}

  /** The {@code jupyter} command on the PATH, if any. */
  public static Optional<Path> jupyter() {
    return onPath("jupyter");
  }

  /** An executable called {@code name} in a directory of the PATH. */
  public static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code jupyter kernelspec list} knows the csdlab kernel. */
  public static boolean kernelInstalled(Path jupyter) {
    try {
      Process process =
          new ProcessBuilder(jupyter.toString(), "kernelspec", "list", "--json")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      CompletableFuture<byte[]> output =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      if (!process.waitFor(KERNELSPEC_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      JsonNode specs = new ObjectMapper().readTree(output.get()).path("kernelspecs");
      return process.exitValue() == 0 && specs.has(KernelInstaller.KERNEL_NAME);
    } catch (IOException | java.util.concurrent.ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The command that serves {@code notebooks}: JupyterLab when installed, else the classic
   * notebook; empty when neither is.
   */
  public static Optional<List<String>> command(Path jupyter, Path notebooks) {
    String app =
        onPath("jupyter-lab").isPresent()
            ? "lab"
            : onPath("jupyter-notebook").isPresent() ? "notebook" : null;
    if (app == null) {
      return Optional.empty();
    }
    List<String> command =
        new ArrayList<>(
            List.of(jupyter.toString(), app, "--notebook-dir=" + notebooks.toAbsolutePath()));
    return Optional.of(command);
  }

  /**
   * Runs Jupyter on {@code notebooks} until it exits and returns its exit code; prints what to
   * install and returns 1 when Jupyter or the kernel is missing.
   */
  public static int launch(Path notebooks, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    Optional<Path> jupyter = jupyter();
    if (jupyter.isEmpty()) {
      err.println(INSTALL_JUPYTER_HINT);
      return 1;
    }
    Optional<List<String>> command = command(jupyter.get(), notebooks);
    if (command.isEmpty()) {
      err.println(INSTALL_JUPYTER_HINT);
      return 1;
    }
    if (!kernelInstalled(jupyter.get())) {
      err.println(INSTALL_KERNEL_HINT);
      return 1;
    }
    if (!Files.isDirectory(notebooks)) {
      err.println(
          "No notebooks directory at "
              + notebooks.toAbsolutePath()
              + "; run csdlab from the project's root.");
      return 1;
    }
    out.println("Starting " + String.join(" ", command.get()));
    return new ProcessBuilder(command.get()).inheritIO().start().waitFor();
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
