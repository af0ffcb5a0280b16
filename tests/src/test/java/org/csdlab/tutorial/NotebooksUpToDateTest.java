package org.csdlab.tutorial;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.csdlab.lab.tutorial.NotebookGenerator;
import org.csdlab.lab.tutorial.Tutorial;
import org.csdlab.lab.tutorial.TutorialCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The committed notebooks are exactly what the generator makes of the tutorials' scripts. */
class NotebooksUpToDateTest {

  private static final String REGENERATE =
      "regenerate the notebooks with: ./csdlab tutorial notebooks";

  @TestFactory
  Stream<DynamicTest> everyNotebookIsGeneratedFromItsTutorial() {
    return ProjectFiles.catalog().all().stream()
        .map(
            tutorial ->
                DynamicTest.dynamicTest(
                    tutorial.name(),
                    () -> {
                      assertTrue(
                          NotebookGenerator.isUpToDate(tutorial, NotebookGenerator.Edition.TEACHER),
                          tutorial.notebook()
                              + " differs from what "
                              + tutorial.script()
                              + " makes; "
                              + REGENERATE);
                      assertTrue(
                          NotebookGenerator.isUpToDate(tutorial, NotebookGenerator.Edition.STUDENT),
                          tutorial.studentNotebook()
                              + " differs from what "
                              + tutorial.script()
                              + " makes; "
                              + REGENERATE);
                    }));
  }

  @Test
  void everyNumberedNotebookHasATutorial() throws IOException {
    TutorialCatalog catalog = ProjectFiles.catalog();
    Set<Path> expected =
        catalog.all().stream()
            .flatMap(t -> Stream.of(t.notebook(), t.studentNotebook()))
            .collect(Collectors.toSet());
    try (Stream<Path> files =
        Stream.concat(
            Files.list(catalog.notebooks()),
            Files.list(catalog.notebooks().resolve(Tutorial.STUDENT_DIRECTORY)))) {
      for (Path notebook :
          files.filter(f -> f.getFileName().toString().matches("\\d{2}-.*\\.ipynb")).toList()) {
        assertTrue(
            expected.contains(notebook),
            notebook
                + " has no tutorials/NN-name/tutorial.jsh: "
                + "remove it, or add its tutorial and "
                + REGENERATE);
      }
    }
  }
}
