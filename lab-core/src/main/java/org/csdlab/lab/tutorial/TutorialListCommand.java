package org.csdlab.lab.tutorial;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code csdlab tutorial list}: the tutorials with their numbers, titles and files. */
@Command(name = "list", description = "List the tutorials: number, title, script.")
public final class TutorialListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand TutorialCommand parent;

  @Override
  public Integer call() {
    TutorialCatalog catalog = parent.catalog();
    PrintWriter out = spec.commandLine().getOut();
    int width = catalog.all().stream().mapToInt(t -> t.title().length()).max().orElse(0);
    for (Tutorial t : catalog.all()) {
      out.printf(
          "%2d  %-" + width + "s  %s%n",
          t.number(),
          t.title(),
          catalog.root().relativize(t.script()));
    }
    if (catalog.all().isEmpty()) {
      out.println("no tutorials in " + catalog.directory());
    }
    return 0;
  }
}
