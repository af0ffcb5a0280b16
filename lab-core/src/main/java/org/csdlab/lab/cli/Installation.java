package org.csdlab.lab.cli;

import java.nio.file.Path;
import org.csdlab.lab.tutorial.TutorialCatalog;

/**
 * Files of the csdlab directory that commands read by default ({@code datasets/manifest.json},
 * {@code notebooks/}), found wherever csdlab runs from, as {@code csdlab tutorial} finds the
 * tutorials ({@link TutorialCatalog#home()}: {@code -Dcsdlab.home}, {@code CSDLAB_HOME}, the
 * working directory or its parents, or the location of csdlab.jar).
 */
final class Installation {
  private Installation() {}

  /**
   * {@code relative} in the csdlab directory, e.g. {@code datasets/manifest.json}.
   *
   * @param option the option that names another file instead, for the message when there is no
   *     csdlab directory
   */
  static Path file(String relative, String option) {
    return TutorialCatalog.home()
        .map(home -> home.resolve(relative))
        .orElseThrow(
            () ->
                new CliException(
                    "cannot find the csdlab directory for "
                        + relative
                        + "; name the file with "
                        + option
                        + ", or set "
                        + TutorialCatalog.HOME_VARIABLE
                        + "=DIR to the directory that holds tutorials/"));
  }
}
