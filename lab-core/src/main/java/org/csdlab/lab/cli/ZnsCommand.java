package org.csdlab.lab.cli;

import picocli.CommandLine.Command;

/** {@code csdlab zns}: device image files of the emulated ZNS drive. */
@Command(
    name = "zns",
    description = "Create and inspect ZNS device image files.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {ZnsCreateCommand.class, ZnsReportCommand.class})
final class ZnsCommand extends CommandGroup {}
