package org.csdlab.lab.tutorial;

import java.nio.file.Path;

/** What tutorial scripts call: files that ship with the tutorials, wherever the script runs. */
public final class Tutorials {

  private Tutorials() {}

  /**
   * A file under {@code tutorials/}, e.g. {@code Tutorials.file("programs/count_u32.o")}; works from
   * JShell in the project directory and from a notebook in {@code notebooks/}.
   */
  public static Path file(String relative) {
    return TutorialCatalog.locate().file(relative);
  }
}
