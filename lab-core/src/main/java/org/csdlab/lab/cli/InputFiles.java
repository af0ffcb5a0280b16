package org.csdlab.lab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the files users name on the command line, with size limits and plain errors. */
final class InputFiles {
  /** The largest file a command reads whole: 256 MiB. */
  static final long MAX_BYTES = 256L << 20;

  private InputFiles() {
  }

  /** The bytes of {@code file}, which must be a regular file of at most {@link #MAX_BYTES}. */
  static byte[] read(Path file, String what) {
    try {
      if (Files.isDirectory(file)) {
        throw new CliException(what + " " + file + " is a directory, not a file");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new CliException(what + " " + file + " has " + size + " bytes; at most " + MAX_BYTES
            + " are read");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes} to {@code file}, replacing it. */
  static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
