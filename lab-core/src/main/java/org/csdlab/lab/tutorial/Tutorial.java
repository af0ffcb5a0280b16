package org.csdlab.lab.tutorial;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One tutorial of the catalog: {@code tutorials/NN-name/tutorial.jsh} and the notebook generated
 * from it, {@code notebooks/NN-name.ipynb} (the teacher's: everything) and {@code
 * notebooks/student/NN-name.ipynb} (the student's: exercise stubs, no solutions or hidden checks).
 *
 * @param number its number, from the directory name ({@code 01-hello-ebpf} is 1)
 * @param name the directory name, e.g. {@code 01-hello-ebpf}
 * @param title the first heading of its text
 * @param script its source, a JShell script
 * @param notebook where its (teacher's) notebook is, generated from the script
 */
public record Tutorial(int number, String name, String title, Path script, Path notebook) {

  /** The file every tutorial directory holds. */
  public static final String SCRIPT = "tutorial.jsh";

  public Tutorial {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(notebook, "notebook");
    if (number < 1) {
      throw new IllegalArgumentException(
          "tutorial numbers start at 1, was " + number + " for " + name);
    }
  }

  /** The directory of student notebooks, inside the notebooks directory. */
  public static final String STUDENT_DIRECTORY = "student";

  /**
   * Where its student notebook is: {@code student/} beside the teacher's notebook, same file name.
   */
  public Path studentNotebook() {
    return notebook.resolveSibling(STUDENT_DIRECTORY).resolve(notebook.getFileName());
  }

  /** Parses the tutorial's current source. */
  public TutorialSource source() {
    return TutorialSource.read(script);
  }

  @Override
  public String toString() {
    return String.format("%2d  %s", number, title);
  }
}
