package org.csdlab.lab.tutorial;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code csdlab tutorial run N}: one tutorial, its text, code and results in the terminal. */
@Command(
    name = "run",
    description = "Run one tutorial in the terminal: its text, its code, what the code prints.")
public final class TutorialRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand TutorialCommand parent;

  @Parameters(
      index = "0",
      paramLabel = "N",
      description = "The tutorial's number (see: csdlab tutorial list).")
  int number;

  @Override
  public Integer call() {
    Tutorial tutorial = tutorial(spec, parent.catalog(), number);
    PrintWriter out = spec.commandLine().getOut();
    PrintStream transcript =
        new PrintStream(new WriterOutputStream(out), true, StandardCharsets.UTF_8);
    TutorialRun run = TutorialRunner.builder().transcript(transcript).build().run(tutorial);
    transcript.flush();
    out.println();
    out.println(run.summary());
    out.flush();
    return run.passed() ? 0 : 1;
  }

  /**
   * Tutorial {@code number} of {@code catalog}; a number it lacks is a usage error (exit status 2)
   * listing the numbers.
   */
  static Tutorial tutorial(CommandSpec spec, TutorialCatalog catalog, int number) {
    try {
      return catalog.get(number);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "N: " + e.getMessage(),
          spec.positionalParameters().get(0),
          Integer.toString(number));
    }
  }
}
