package org.csdlab.lab.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.csdlab.lab.monitor.Sample;
import org.csdlab.lab.monitor.ThroughputMonitor;

/**
 * Writes a dataset to a file without leaving a mess: before the first byte it checks that the file
 * system has room for the whole dataset ({@link DiskRoom}), and when a write fails part way (the
 * disk filling up after all, because something else wrote meanwhile) it removes the partial file.
 * Both end in a {@link DatasetWriteException} with the figures.
 */
final class DatasetFileWriter {
  /** Opens the file for writing. */
  interface Opener {
    OutputStream open(Path file) throws IOException;
  }

  /** The real file system. */
  static final DatasetFileWriter SYSTEM =
      new DatasetFileWriter(Files::newOutputStream, DiskRoom.SYSTEM);

  private final Opener opener;
  private final DiskRoom room;

  DatasetFileWriter(Opener opener, DiskRoom room) {
    this.opener = opener;
    this.room = room;
  }

  DatasetFile write(DatasetSpec spec, ThroughputMonitor monitor, Path file) {
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null && !Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "cannot write " + file + ": directory " + directory + " does not exist");
    }
    // a device or FIFO (-o /dev/null) takes no file system space, and is never removed
    boolean toFile = !Files.exists(file) || Files.isRegularFile(file);
    if (toFile) {
      room.check(file, spec.sizeBytes(), replacedBytes(file));
    }
    OutputStream opened;
    try {
      opened = opener.open(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    long[] written = {0};
    try (OutputStream out = opened) {
      String sha256 =
          Generation.run(
              spec,
              monitor,
              "generate " + spec.generator().id() + " to " + file.getFileName(),
              (chunk, length) -> {
                out.write(chunk, 0, length);
                written[0] += length;
                return Sample.NO_MODELED_TIME;
              });
      return new DatasetFile(spec, file, spec.sizeBytes(), sha256);
    } catch (IOException e) {
      String aftermath =
          !toFile
              ? null
              : remove(file)
                  ? "the partial file was removed"
                  : "the partial file could not be removed; delete it by hand";
      throw DatasetWriteException.failed(file, spec.sizeBytes(), written[0], e, aftermath);
    } catch (RuntimeException
        | Error e) { // interrupted, out of memory: no half-written dataset either
      if (toFile) {
        remove(file);
      }
      throw e;
    }
  }

  /** The bytes of the file that writing replaces: it is truncated before the first write. */
  private static long replacedBytes(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Removes the partial file, if it is still a regular file. */
  private static boolean remove(Path file) {
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        return false;
      }
      Files.deleteIfExists(file);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
