package org.csdlab.lab.tutorial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code csdlab tutorial}: list, run and check the tutorials, and regenerate their notebooks. */
@Command(
    name = "tutorial",
    description =
        "The guided tutorials: list them, run one, check them all, regenerate the notebooks, grade"
            + " students' notebooks.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {
      TutorialListCommand.class,
      TutorialRunCommand.class,
      TutorialCheckCommand.class,
      TutorialNotebooksCommand.class,
      TutorialGradeCommand.class
    },
    footer = {
      "",
      "Each tutorial is one file, tutorials/NN-name/tutorial.jsh: a JShell script whose //md "
          + "comments are its text. Its notebooks, notebooks/NN-name.ipynb (the teacher's) and "
          + "notebooks/student/NN-name.ipynb (exercise stubs, no solutions), are generated from it."
    })
public final class TutorialCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "The csdlab directory that holds tutorials/ (default: found from the working directory).")
  Path home;

  /**
   * The catalog of {@code --home} (one without tutorials is a usage error), or the one found from
   * where csdlab runs.
   */
  TutorialCatalog catalog() {
    if (home == null) {
      return TutorialCatalog.locate();
    }
    if (!Files.isDirectory(home.resolve("tutorials"))) {
      throw new ParameterException(
          spec.commandLine(),
          "--home "
              + home
              + " holds no tutorials directory; give the "
              + "csdlab directory, the one that holds tutorials/",
          spec.findOption("--home"),
          home.toString());
    }
    return TutorialCatalog.of(home);
  }

  /**
   * Without a subcommand: a usage error (exit status 2) that prints the usage on stderr, as every
   * command group.
   */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    spec.commandLine().getErr().flush();
    return spec.exitCodeOnInvalidInput();
  }
}
