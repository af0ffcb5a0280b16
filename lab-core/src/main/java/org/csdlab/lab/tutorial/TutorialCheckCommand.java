package org.csdlab.lab.tutorial;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.csdlab.lab.io.OutputFile;
import org.csdlab.lab.io.OutputFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code csdlab tutorial check [N...] [--junit-xml FILE]}: runs tutorials headless and says which
 * held; exit status 1 when any check failed or any cell broke.
 */
@Command(
    name = "check",
    description =
        "Run tutorials headless and check what they state; exit status 1 if any check fails.")
public final class TutorialCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand TutorialCommand parent;

  @Parameters(paramLabel = "N", arity = "0..*", description = "Tutorial numbers (default: all).")
  List<Integer> numbers = new ArrayList<>();

  @Option(
      names = "--junit-xml",
      paramLabel = "FILE",
      description = "Also write a JUnit XML report to FILE.")
  Path junitXml;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print everything the tutorials print.")
  boolean verbose;

  @Override
  public Integer call() {
    if (junitXml != null) { // checked before the tutorials run, which takes minutes
      try {
        OutputFile.check(junitXml);
      } catch (OutputFileException e) {
        throw new ParameterException(
            spec.commandLine(),
            "--junit-xml " + e.getMessage(),
            spec.findOption("--junit-xml"),
            junitXml.toString());
      }
    }
    TutorialCatalog catalog = parent.catalog();
    List<Tutorial> tutorials =
        numbers.isEmpty()
            ? catalog.all()
            : numbers.stream().map(n -> TutorialRunCommand.tutorial(spec, catalog, n)).toList();
    PrintWriter out = spec.commandLine().getOut();
    TutorialRunner runner = TutorialRunner.builder().build();
    List<TutorialRun> runs = new ArrayList<>();
    for (Tutorial tutorial : tutorials) {
      TutorialRun run = runner.run(tutorial);
      runs.add(run);
      if (verbose || !run.passed()) {
        out.print(run.output());
      }
      out.println(run.summary());
      out.flush();
    }
    if (junitXml != null) {
      JUnitXmlReport.write(runs, junitXml);
      out.println("JUnit report: " + junitXml);
    }
    return runs.stream().allMatch(TutorialRun::passed) ? 0 : 1;
  }
}
