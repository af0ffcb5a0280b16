package org.csdlab.lab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file the user named for the lab to write, before any work starts: it must not be a
 * directory or a device, and its directory must exist and take new files. The lab never creates the
 * directories of a path the user gave: a typo in a path is an error, not a new directory tree.
 */
public final class OutputFile {
  private OutputFile() {}

  /**
   * Returns {@code file} when it can be written.
   *
   * @throws OutputFileException naming the file and what is wrong with it
   */
  public static Path check(Path file) {
    if (Files.isDirectory(file)) {
      throw new OutputFileException(
          file, OutputFileException.Reason.DIRECTORY, "is a directory; give the path of a file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new OutputFileException(
          file,
          OutputFileException.Reason.NOT_REGULAR,
          "is not a regular file; give the path of a file");
    }
    Path directory = file.toAbsolutePath().normalize().getParent();
    if (directory == null || !Files.exists(directory)) {
      throw new OutputFileException(
          file,
          OutputFileException.Reason.NO_DIRECTORY,
          "is in a directory that does not "
              + "exist, "
              + directory
              + "; create it first or choose another place");
    }
    if (!Files.isDirectory(directory)) {
      throw new OutputFileException(
          file,
          OutputFileException.Reason.NO_DIRECTORY,
          "is in " + directory + ", which is not a directory");
    }
    if (!canCreateFileIn(directory)) {
      throw new OutputFileException(
          file,
          OutputFileException.Reason.UNWRITABLE,
          "is in "
              + directory
              + ", where no file can be created; choose a directory you can write to");
    }
    return file;
  }

  /**
   * Whether a new file can be made in {@code directory}, found by making one: permission bits say
   * nothing for root, and file systems such as /proc refuse new files whatever the bits say.
   */
  private static boolean canCreateFileIn(Path directory) {
    try {
      Files.delete(Files.createTempFile(directory, ".csdlab-probe-", ".tmp"));
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
