package org.csdlab.lab.tutorial;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code csdlab tutorial}: list, run and check the tutorials, and regenerate their notebooks. */
@Command(name = "tutorial",
    description = "The guided tutorials: list them, run one, check them all, regenerate the notebooks, grade"
        + " students' notebooks.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {TutorialListCommand.class, TutorialRunCommand.class, TutorialCheckCommand.class,
        TutorialNotebooksCommand.class, TutorialGradeCommand.class},
    footer = {"", "Each tutorial is one file, tutorials/NN-name/tutorial.jsh: a JShell script whose //md "
        + "comments are its text. Its notebooks, notebooks/NN-name.ipynb (the teacher's) and "
        + "notebooks/student/NN-name.ipynb (exercise stubs, no solutions), are generated from it."})
public final class TutorialCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--home", paramLabel = "DIR",
      description = "The csdlab directory that holds tutorials/ (default: found from the working directory).")
  Path home;

  /** The catalog of {@code --home}, or the one found from where csdlab runs. */
  TutorialCatalog catalog() {
    return home == null ? TutorialCatalog.locate() : TutorialCatalog.of(home);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
