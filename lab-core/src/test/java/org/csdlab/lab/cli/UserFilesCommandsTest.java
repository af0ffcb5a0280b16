package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.csdlab.lab.io.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads a file the user names refuses a device ({@code /dev/zero}, which would
 * exhaust memory) and a FIFO (which would block forever) before reading, in one line.
 */
class UserFilesCommandsTest {
  @TempDir Path dir;

  private static String refusal(Path file, String what) throws IOException {
    String kind =
        Files.isDirectory(file)
            ? "a directory"
            : file.toString().equals("/dev/zero") ? "a character device" : "a FIFO (named pipe)";
    return what + " " + file + " is " + kind + ", not a regular file";
  }

  private void assertRefused(Path special) throws IOException {
    String f = special.toString();
    Path prog = Files.writeString(dir.resolve("ok.s"), "r0 = 1\nexit\n");
    assertEquals(
        "csdlab ebpf run: " + refusal(special, "program file"),
        CliRun.of("ebpf", "run", f).errorLine());
    assertEquals(
        "csdlab ebpf verify: " + refusal(special, "program file"),
        CliRun.of("ebpf", "verify", f).errorLine());
    assertEquals(
        "csdlab ebpf disasm: " + refusal(special, "program file"),
        CliRun.of("ebpf", "disasm", f).errorLine());
    assertEquals(
        "csdlab ebpf asm: " + refusal(special, "assembly file"),
        CliRun.of("ebpf", "asm", f).errorLine());
    assertEquals(
        "csdlab ebpf run: " + refusal(special, "memory file"),
        CliRun.of("ebpf", "run", prog.toString(), "--mem", f).errorLine());
    assertEquals(
        "csdlab zns report: " + refusal(special, "device image"),
        CliRun.of("zns", "report", f).errorLine());
    assertEquals(
        "csdlab dataset generate: " + refusal(special, "device image"),
        CliRun.of(
                "dataset",
                "generate",
                "u32-readings",
                "--size",
                "4KiB",
                "--image",
                f,
                "--no-progress")
            .errorLine());
    assertEquals(
        "csdlab dataset generate: "
            + special
            + ": "
            + refusal(special, "JSON file").substring(("JSON file " + special + " ").length()),
        CliRun.of(
                "dataset",
                "generate",
                "some-dataset",
                "--manifest",
                f,
                "-o",
                dir.resolve("x.bin").toString())
            .errorLine());
    assertEquals(
        "csdlab dataset list: "
            + special
            + ": "
            + refusal(special, "JSON file").substring(("JSON file " + special + " ").length()),
        CliRun.of("dataset", "list", "--manifest", f).errorLine());
    assertFalse(Files.exists(dir.resolve("x.bin")));
  }

  @Test
  void devZeroIsRefusedByEveryCommand() throws IOException {
    assertRefused(SpecialFiles.devZero());
  }

  @Test
  void aFifoIsRefusedByEveryCommandWithoutBlocking() throws Exception {
    assertRefused(SpecialFiles.fifo(dir, "pipe"));
  }

  @Test
  void aDirectoryIsRefusedByEveryCommand() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertRefused(sub);
  }

  @Test
  void aProgramOverItsBudgetIsRefusedWithTheBudget() throws IOException {
    Path big = dir.resolve("big.bin");
    try (var channel =
        java.nio.channels.FileChannel.open(
            big,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(
          java.nio.ByteBuffer.wrap(new byte[8]), 64L << 20); // sparse, 8 bytes past 64 MiB
    }
    assertEquals(
        "csdlab ebpf run: program file "
            + big
            + " has 67,108,872 bytes, more than the 64 MiB read from a"
            + " program file",
        CliRun.of("ebpf", "run", big.toString()).errorLine());
  }

  @Test
  void aHundredThousandDigitImmediateGivesABoundedError() throws IOException {
    Path source =
        Files.writeString(dir.resolve("huge.s"), "r0 = " + "1".repeat(100_000) + "\nexit\n");
    for (String command : new String[] {"asm", "run", "verify"}) {
      CliRun run = CliRun.of("ebpf", command, source.toString());
      assertEquals(1, run.status());
      String line = run.err().lines().findFirst().orElseThrow();
      assertTrue(
          line.startsWith(
              "csdlab ebpf "
                  + command
                  + ": line 1, column 6: immediate "
                  + "1".repeat(80)
                  + "… (99,920 more characters) does not fit 32 bits"),
          line);
      assertTrue(line.length() < 600, line.length() + " characters");
      assertEquals(
          3, run.err().lines().count(), run.err()); // the line, the source excerpt and its caret
      assertTrue(run.err().length() < 1000, run.err().length() + " characters");
    }
  }

  @Test
  void longArgumentsAreCutInErrors() {
    String huge = "9".repeat(100_000);
    String size =
        CliRun.of("dataset", "generate", "u32-readings", "--size", huge, "-o", "x.bin").errorLine();
    assertTrue(
        size.contains("'" + "9".repeat(80) + "… (99,920 more characters)' is too large a size"),
        size);
    assertTrue(size.length() < 400, size.length() + " characters");
    String command = CliRun.of("x".repeat(100_000)).errorLine();
    assertTrue(
        command.startsWith(
            "csdlab: unknown command '" + "x".repeat(80) + "… (99,920 more characters)'"),
        command);
    assertTrue(
        command.length() < ErrorReport.MAX_LINE_CHARS + 100, command.length() + " characters");
    String fuel = CliRun.of("ebpf", "run", "p.s", "--fuel", huge).errorLine();
    assertTrue(fuel.length() < ErrorReport.MAX_LINE_CHARS + 100, fuel.length() + " characters");
  }
}
