package org.csdlab.lab.tutorial;

import java.nio.file.Path;
import org.csdlab.lab.display.Displays;

/**
 * What tutorial scripts call ({@code import static org.csdlab.lab.tutorial.Tutorials.*;}): files
 * that ship with the tutorials wherever the script runs, and {@link #show} to put a value in front
 * of the reader in JShell and in a notebook alike.
 */
public final class Tutorials {

  private Tutorials() {}

  /**
   * A file under {@code tutorials/}, e.g. {@code file("programs/count_u32.o")}; works from JShell
   * in the project directory and from a notebook in {@code notebooks/}.
   */
  public static Path file(String relative) {
    return TutorialCatalog.locate().file(relative);
  }

  /**
   * Shows {@code value}: its text in JShell or a terminal, its HTML (a table, a zone map, a chart)
   * in a notebook. JShell prints nothing for a bare expression in a script, so tutorials show what
   * the reader should see with this.
   */
  public static void show(Object value) {
    Displays.sink().show(value);
  }
}
