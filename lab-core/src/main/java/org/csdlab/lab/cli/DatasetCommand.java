package org.csdlab.lab.cli;

import picocli.CommandLine.Command;

/** {@code csdlab dataset}: the lab's seeded datasets. */
@Command(
    name = "dataset",
    description = "Generate the lab's seeded datasets into files or device images.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {DatasetGenerateCommand.class, DatasetListCommand.class})
final class DatasetCommand extends CommandGroup {}
