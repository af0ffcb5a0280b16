package org.csdlab.lab.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Free space is checked before the first byte, and a write that fails part way leaves no partial
 * file.
 */
class DatasetFileWriterTest {
  private static final long GiB = 1L << 30;

  @TempDir Path dir;

  private final ThroughputMonitor quiet = ThroughputMonitor.quiet();

  /** A file system with {@code usable} bytes free and the real files of the temporary directory. */
  private static DatasetFileWriter withFreeSpace(long usable) {
    return new DatasetFileWriter(Files::newOutputStream, new DiskRoom(directory -> usable));
  }

  @Test
  void aDatasetLargerThanTheFreeSpaceIsRefusedBeforeAnyByte() {
    Path file = dir.resolve("readings.bin");
    DatasetSpec spec = DatasetSpec.of(Generator.U32_READINGS, 1L << 40, 7);
    long usable = (long) (80.2 * GiB);
    DatasetWriteException e =
        assertThrows(
            DatasetWriteException.class, () -> withFreeSpace(usable).write(spec, quiet, file));
    assertEquals(
        "not enough disk space to write 1.0 TiB to "
            + file
            + ": "
            + dir.toAbsolutePath()
            + " has 80.2 GiB"
            + " free, and 64.0 MiB are kept free beyond the data; choose a smaller size or a directory on a larger disk",
        e.getMessage());
    assertFalse(Files.exists(file), "nothing was created");
    assertEquals(1L << 40, e.sizeBytes());
    assertEquals(usable, e.usableBytes());
    assertEquals(0, e.writtenBytes());
  }

  @Test
  void theMarginCounts() throws IOException {
    DatasetSpec spec = DatasetSpec.of(Generator.U32_READINGS, 64 * 1024, 1);
    Path file = dir.resolve("small.bin");
    assertThrows(
        DatasetWriteException.class,
        () -> withFreeSpace(DiskRoom.MARGIN_BYTES + 64 * 1024 - 1).write(spec, quiet, file));
    assertFalse(Files.exists(file));
    withFreeSpace(DiskRoom.MARGIN_BYTES + 64 * 1024).write(spec, quiet, file);
    assertEquals(64 * 1024, Files.size(file));
  }

  @Test
  void theFileItReplacesCountsAsFreeSpace() throws IOException {
    DatasetSpec spec = DatasetSpec.of(Generator.U32_READINGS, 64 * 1024, 1);
    Path file = Files.write(dir.resolve("old.bin"), new byte[64 * 1024]);
    withFreeSpace(DiskRoom.MARGIN_BYTES).write(spec, quiet, file);
    assertArrayEquals(Datasets.of(spec).monitor(quiet).bytes(), Files.readAllBytes(file));
  }

  /** Writes to the real file until {@code limit} bytes, then fails as a full disk does. */
  private static final class FillingDisk extends FilterOutputStream {
    private long left;

    FillingDisk(OutputStream out, long limit) {
      super(out);
      this.left = limit;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > left) {
        out.write(b, off, (int) left);
        left = 0;
        throw new IOException("No space left on device");
      }
      out.write(b, off, len);
      left -= len;
    }
  }

  @Test
  void aDiskThatFillsDuringTheWriteLeavesNoPartialFile() {
    Path file = dir.resolve("readings.bin");
    DatasetSpec spec = DatasetSpec.of(Generator.U32_READINGS, 3L << 20, 7);
    boolean[] opened = {false};
    DatasetFileWriter writer =
        new DatasetFileWriter(
            path -> {
              opened[0] = true;
              return new FillingDisk(Files.newOutputStream(path), (2L << 20) + 100);
            },
            new DiskRoom(directory -> Long.MAX_VALUE));
    DatasetWriteException e =
        assertThrows(DatasetWriteException.class, () -> writer.write(spec, quiet, file));
    assertTrue(opened[0]);
    assertEquals(
        "writing "
            + file
            + " stopped after 2.0 MiB of 3.0 MiB: the disk filled up (No space left on device);"
            + " the partial file was removed",
        e.getMessage());
    assertFalse(Files.exists(file), "the partial file is gone");
    assertEquals(2L << 20, e.writtenBytes());
    assertEquals(file, e.file());
    assertInstanceOf(IOException.class, e.getCause());
  }

  @Test
  void otherWriteFailuresSayWhatHappened() {
    Path file = dir.resolve("logs.txt");
    DatasetSpec spec = DatasetSpec.of(Generator.LOG_LINES, 10 * 1024, 1);
    DatasetFileWriter writer =
        new DatasetFileWriter(
            path ->
                new FilterOutputStream(Files.newOutputStream(path)) {
                  @Override
                  public void write(byte[] b, int off, int len) throws IOException {
                    throw new IOException("Input/output error");
                  }
                },
            new DiskRoom(directory -> Long.MAX_VALUE));
    DatasetWriteException e =
        assertThrows(DatasetWriteException.class, () -> writer.write(spec, quiet, file));
    assertEquals(
        "writing "
            + file
            + " stopped after 0 B of 10.0 KiB: the write failed (Input/output error);"
            + " the partial file was removed",
        e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void datasetsHaveAStatedMaximum() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetSpec.of(Generator.U32_READINGS, 100L << 40, 7));
    assertEquals(
        "a dataset is at most 1.0 TiB (DatasetSpec.MAX_SIZE_BYTES), was 100.0 TiB (109951162777600 bytes)",
        e.getMessage());
    assertEquals(
        DatasetSpec.MAX_SIZE_BYTES,
        DatasetSpec.of(Generator.U32_READINGS, 1L << 40, 7).sizeBytes());
  }

  @Test
  void aDeviceTargetIsNeitherCheckedForSpaceNorRemoved() {
    Path devNull = Path.of("/dev/null");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull), "no /dev/null here");
    DatasetSpec spec = DatasetSpec.of(Generator.U32_READINGS, 2L << 20, 1);
    DatasetFile written =
        withFreeSpace(0).write(spec, quiet, devNull); // no room anywhere: not asked
    assertEquals(Datasets.of(spec).monitor(quiet).sha256(), written.sha256());
    DatasetFileWriter failing =
        new DatasetFileWriter(
            path -> new FillingDisk(Files.newOutputStream(path), 1 << 20),
            new DiskRoom(directory -> 0));
    DatasetWriteException e =
        assertThrows(DatasetWriteException.class, () -> failing.write(spec, quiet, devNull));
    assertEquals(
        "writing /dev/null stopped after 1.0 MiB of 2.0 MiB: the disk filled up (No space left on device)",
        e.getMessage());
    assertTrue(Files.exists(devNull), "a device is never removed");
  }
}
