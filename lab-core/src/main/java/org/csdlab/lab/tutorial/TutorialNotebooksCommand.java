package org.csdlab.lab.tutorial;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code csdlab tutorial notebooks}: regenerates notebooks/*.ipynb from the tutorials' scripts. */
@Command(
    name = "notebooks",
    description = {
      "Regenerate notebooks/NN-name.ipynb (the teacher's: solutions and hidden checks) and"
          + " notebooks/student/NN-name.ipynb (the student's: exercise stubs) from each tutorials/NN-name/tutorial.jsh."
    })
public final class TutorialNotebooksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand TutorialCommand parent;

  @Option(
      names = "--check",
      description =
          "Change nothing; exit status 1 if a notebook (teacher's or student's) is not what its script makes.")
  boolean check;

  @Override
  public Integer call() {
    TutorialCatalog catalog = parent.catalog();
    PrintWriter out = spec.commandLine().getOut();
    int stale = 0;
    for (Tutorial tutorial : catalog.all()) {
      for (NotebookGenerator.Edition edition : NotebookGenerator.Edition.values()) {
        String notebook =
            catalog.root().relativize(NotebookGenerator.path(tutorial, edition)).toString();
        if (check) {
          boolean upToDate = NotebookGenerator.isUpToDate(tutorial, edition);
          stale += upToDate ? 0 : 1;
          out.println((upToDate ? "up to date: " : "STALE:      ") + notebook);
        } else {
          out.println(
              (NotebookGenerator.write(tutorial, edition) ? "wrote:      " : "unchanged:  ")
                  + notebook);
        }
      }
    }
    if (stale > 0) {
      out.println(
          stale
              + " notebook(s) differ from their tutorial.jsh; regenerate with: ./csdlab tutorial notebooks");
    }
    return stale == 0 ? 0 : 1;
  }
}
