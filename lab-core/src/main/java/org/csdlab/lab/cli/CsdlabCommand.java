package org.csdlab.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code csdlab} command: its subcommands and the options every command shares. */
@Command(
    name = "csdlab",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = CsdlabVersion.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description =
        "A computational-storage lab: an emulated NVMe ZNS SSD with an eBPF core, an eBPF VM, "
            + "and a log-structured filesystem.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {
      DemoCommand.class,
      JshellCommand.class,
      JupyterCommand.class,
      EbpfCommand.class,
      ZnsCommand.class,
      DatasetCommand.class,
      org.csdlab.lab.tutorial.TutorialCommand.class,
      BenchCommand.class,
      VersionCommand.class,
    })
final class CsdlabCommand extends CommandGroup {
  /**
   * Read by {@link ErrorReport} from the parse result; declared here so every command accepts it.
   */
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "On an error, print the full stack trace as well as the one-line message.")
  boolean debug;

  /** The root's footer; set after construction so that subcommands do not inherit it. */
  static final String[] FOOTER = {
    "",
    "Start with csdlab demo, then csdlab jshell. Every command takes --help.",
    "",
    "Exit status: 0 when the command did what was asked, 1 when it failed, 2 for a usage error (an unknown "
        + "command or option, or a value the option does not accept)."
  };
}
