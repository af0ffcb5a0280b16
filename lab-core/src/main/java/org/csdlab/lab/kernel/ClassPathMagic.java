package org.csdlab.lab.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.Excerpt;
import org.csdlab.lab.io.InputFile;
import org.csdlab.lab.io.InputFileException;

/**
 * The paths {@code %jars} and {@code %classpath} name, checked before any is added: each must be
 * there, a jar must be a regular file that is a zip archive, a {@code %classpath} entry a jar or a
 * directory. Arguments are separated by spaces (a path with spaces goes in double quotes) or by the
 * path separator; a leading {@code ~/} is the home directory; a glob ({@code lib/*.jar}) in the
 * last part of a path matches files of that directory, at most {@value #MAX_MATCHES}.
 */
final class ClassPathMagic {

  /**
   * The most paths one magic line adds: a glob that matches more is refused before anything is
   * added.
   */
  static final int MAX_MATCHES = 1_000;

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private ClassPathMagic() {}

  /** The jars of a {@code %jars} line, on {@code line} of the cell. */
  static List<Path> jars(String argument, int line) {
    return resolve("%jars", argument, line, false);
  }

  /** The jars and directories of a {@code %classpath} line. */
  static List<Path> classPath(String argument, int line) {
    return resolve("%classpath", argument, line, true);
  }

  private static List<Path> resolve(
      String magic, String argument, int line, boolean directoriesToo) {
    List<Path> paths = new ArrayList<>();
    for (String word : words(magic, argument, line)) {
      for (String entry : word.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        for (Path path : expand(magic, entry, line)) {
          paths.add(check(magic, path, line, directoriesToo));
          if (paths.size() > MAX_MATCHES) {
            throw new MagicUsageError(
                line,
                magic
                    + " "
                    + Excerpt.of(argument)
                    + " names more than "
                    + MAX_MATCHES
                    + " paths; name fewer (a narrower glob)");
          }
        }
      }
    }
    return List.copyOf(paths);
  }

  /** The arguments, split at spaces outside double quotes. */
  static List<String> words(String magic, String argument, int line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < argument.length(); i++) {
      char c = argument.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new MagicUsageError(
          line, magic + ": a double quote is not closed in " + Excerpt.of(argument));
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }

  private static List<Path> expand(String magic, String entry, int line) {
    String name =
        entry.startsWith("~/") ? System.getProperty("user.home") + entry.substring(1) : entry;
    try {
      Path path = Path.of(name);
      Path fileName = path.getFileName();
      if (fileName == null || !isGlob(fileName.toString())) {
        if (isGlob(name)) {
          throw new MagicUsageError(
              line,
              magic + ": only the last part of a path may be a glob, not in " + Excerpt.of(entry));
        }
        return List.of(path);
      }
      Path directory = path.getParent() == null ? Path.of("") : path.getParent();
      if (isGlob(directory.toString())) {
        throw new MagicUsageError(
            line,
            magic + ": only the last part of a path may be a glob, not in " + Excerpt.of(entry));
      }
      List<Path> matches = new ArrayList<>();
      try (DirectoryStream<Path> found =
          Files.newDirectoryStream(
              directory.toString().isEmpty() ? Path.of(".") : directory, fileName.toString())) {
        for (Path match : found) {
          matches.add(directory.toString().isEmpty() ? match.getFileName() : match);
          if (matches.size() > MAX_MATCHES) {
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        throw new MagicUsageError(
            line,
            magic
                + ": cannot list "
                + Excerpt.of(directory.toString().isEmpty() ? "." : directory.toString())
                + " for "
                + Excerpt.of(entry)
                + ": "
                + e.getMessage());
      }
      if (matches.isEmpty()) {
        throw new MagicUsageError(line, magic + ": " + Excerpt.of(entry) + " matches no file");
      }
      matches.sort(null);
      return matches;
    } catch (InvalidPathException e) {
      throw new MagicUsageError(
          line, magic + ": " + Excerpt.of(entry) + " is not a path: " + e.getReason());
    }
  }

  private static Path check(String magic, Path path, int line, boolean directoriesToo) {
    if (directoriesToo && Files.isDirectory(path)) {
      return path;
    }
    InputFile file = InputFile.opened(path, directoriesToo ? "class path entry" : "jar");
    try {
      file.requireRegular();
    } catch (InputFileException e) {
      String allowed = directoriesToo ? " (a %classpath entry is a jar or a directory)" : "";
      throw new MagicUsageError(line, magic + ": " + e.getMessage() + allowed);
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(ZIP_MAGIC.length);
    } catch (IOException e) {
      throw new MagicUsageError(
          line, magic + ": cannot read " + Excerpt.of(path.toString()) + ": " + e.getMessage());
    }
    if (!java.util.Arrays.equals(head, ZIP_MAGIC)) {
      throw new MagicUsageError(
          line,
          magic
              + ": "
              + Excerpt.of(path.toString())
              + " is not a jar (a jar is a zip"
              + " archive; its first bytes are PK\\3\\4)");
    }
    return path;
  }

  private static boolean isGlob(String text) {
    return text.indexOf('*') >= 0
        || text.indexOf('?') >= 0
        || text.indexOf('[') >= 0
        || text.indexOf('{') >= 0;
  }
}
