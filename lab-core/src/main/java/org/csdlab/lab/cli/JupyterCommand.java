package org.csdlab.lab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.csdlab.lab.kernel.JupyterLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code csdlab jupyter}: Jupyter on the tutorial notebooks with the csdlab kernel. */
@Command(
    name = "jupyter",
    description = "Start Jupyter on the tutorial notebooks (csdlab kernel).",
    subcommands = JupyterInstallCommand.class,
    synopsisSubcommandLabel = "[COMMAND]",
    footer = {"", "First install the kernel, once:", "  csdlab jupyter install --user"})
final class JupyterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--notebooks",
      paramLabel = "DIR",
      description =
          "The notebooks directory (default: notebooks/ of the csdlab directory, wherever csdlab runs "
              + "from).")
  Path notebooks;

  @Override
  public Integer call() throws Exception {
    if (notebooks != null && !Files.isDirectory(notebooks)) {
      throw BadArgument.of(
          spec,
          "--notebooks",
          "--notebooks "
              + notebooks
              + " is not a directory; give the directory "
              + "of the notebooks (default: notebooks/ of the csdlab directory)");
    }
    Path directory = notebooks != null ? notebooks : Installation.file("notebooks", "--notebooks");
    return JupyterLauncher.launch(directory, System.out, System.err);
  }
}
