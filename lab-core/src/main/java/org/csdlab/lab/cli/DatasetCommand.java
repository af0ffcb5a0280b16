package org.csdlab.lab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code csdlab dataset}: the lab's seeded datasets. */
@Command(name = "dataset", description = "Generate the lab's seeded datasets into files or device images.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {DatasetGenerateCommand.class, DatasetListCommand.class})
final class DatasetCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
