package org.csdlab.lab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {
  @TempDir Path dir;

  @Test
  void aRegularFileWithinItsBudgetIsRead() throws Exception {
    Path file = Files.write(dir.resolve("prog.bin"), new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, InputFile.program(file).readBytes());
    assertEquals(
        "r0 = 1",
        InputFile.text(Files.writeString(dir.resolve("p.s"), "r0 = 1"), "assembly").readString());
  }

  @Test
  void devZeroIsRefusedBeforeItIsRead() {
    Path zero = SpecialFiles.devZero();
    InputFileException e =
        assertThrows(InputFileException.class, () -> InputFile.program(zero).readBytes());
    assertEquals(
        "program file /dev/zero is a character device, not a regular file", e.getMessage());
    assertEquals(InputFileException.Reason.NOT_REGULAR, e.reason());
    assertEquals(zero, e.file());
  }

  @Test
  void aFifoIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = SpecialFiles.fifo(dir, "pipe");
    // opening a FIFO blocks until a writer comes: the refusal must come before any open
    InputFileException e =
        assertThrows(InputFileException.class, () -> InputFile.memory(fifo).readBytes());
    assertEquals(
        "memory file " + fifo + " is a FIFO (named pipe), not a regular file", e.getMessage());
    assertThrows(
        InputFileException.class, () -> InputFile.opened(fifo, "device image").requireRegular());
  }

  @Test
  void aDirectoryAndAMissingFileAreNamed() {
    assertEquals(
        "program file " + dir + " is a directory, not a regular file",
        assertThrows(InputFileException.class, () -> InputFile.program(dir).readBytes())
            .getMessage());
    InputFileException missing =
        assertThrows(
            InputFileException.class,
            () -> InputFile.text(dir.resolve("none.json"), "JSON file").readString());
    assertEquals("no such JSON file: " + dir.resolve("none.json"), missing.getMessage());
    assertEquals("no such file", missing.problem());
    assertEquals(InputFileException.Reason.MISSING, missing.reason());
  }

  @Test
  void aFileOverItsBudgetIsRefusedWithTheBudget() throws Exception {
    Path big = dir.resolve("big.json");
    try (var channel =
        java.nio.channels.FileChannel.open(
            big,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(
          java.nio.ByteBuffer.wrap(new byte[] {'{'}),
          InputFile.TEXT_MAX_BYTES); // sparse: one byte past
    }
    InputFileException e =
        assertThrows(InputFileException.class, () -> InputFile.text(big, "JSON file").readString());
    assertEquals(
        "JSON file " + big + " has 16,777,217 bytes, more than the 16 MiB read from a JSON file",
        e.getMessage());
    assertEquals(InputFile.TEXT_MAX_BYTES + 1, e.sizeBytes());
    assertEquals(InputFile.TEXT_MAX_BYTES, e.maxBytes());
  }

  @Test
  void textMustBeUtf8() throws Exception {
    Path file = Files.write(dir.resolve("latin1.s"), new byte[] {'r', '0', (byte) 0xe9});
    assertEquals(
        "tutorial source " + file + " is not UTF-8 text",
        assertThrows(
                InputFileException.class,
                () -> InputFile.text(file, "tutorial source").readString())
            .getMessage());
  }

  @Test
  void aVeryLongPathIsCutInTheMessage() {
    Path deep = dir.resolve("d".repeat(200)).resolve("e".repeat(200));
    String message =
        assertThrows(InputFileException.class, () -> InputFile.program(deep).readBytes())
            .getMessage();
    assertEquals(
        ("no such program file: " + deep).substring(0, 22 + 240)
            + "… ("
            + String.format(java.util.Locale.ROOT, "%,d", deep.toString().length() - 240)
            + " more characters)",
        message);
  }
}
