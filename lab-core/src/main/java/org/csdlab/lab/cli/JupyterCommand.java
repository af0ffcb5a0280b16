package org.csdlab.lab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.csdlab.lab.kernel.JupyterLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code csdlab jupyter}: Jupyter on the tutorial notebooks with the csdlab kernel. */
@Command(name = "jupyter", description = "Start Jupyter on the tutorial notebooks (csdlab kernel).",
    subcommands = JupyterInstallCommand.class,
    synopsisSubcommandLabel = "[COMMAND]",
    footer = {"", "First install the kernel once: csdlab jupyter install --user"})
final class JupyterCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--notebooks", paramLabel = "DIR", defaultValue = "notebooks",
      description = "The notebooks directory (default: ${DEFAULT-VALUE}, from the repository root).")
  Path notebooks;

  @Override
  public Integer call() throws Exception {
    return JupyterLauncher.launch(notebooks, System.out, System.err);
  }
}
