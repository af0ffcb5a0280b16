package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value-checked option of every command, given a bad value: a usage error (exit status 2),
 * one line naming the option and what it accepts, found before the command did any work (nothing on
 * stdout, no file written). Failures of the work itself keep exit status 1.
 */
class UsageErrorsTest {
  @TempDir Path dir;

  private static final List<String> COMMANDS =
      List.of(
          "demo",
          "ebpf",
          "run",
          "verify",
          "asm",
          "disasm",
          "zns",
          "create",
          "report",
          "dataset",
          "generate",
          "bench",
          "jupyter",
          "install");

  /**
   * One bad command line and the message it must get, without the command's prefix and help
   * pointer.
   */
  private record Case(String message, String... args) {
    /** The command's qualified name: the leading arguments that name commands. */
    String command() {
      List<String> words = new ArrayList<>();
      for (String arg : args) {
        if (!COMMANDS.contains(arg)) {
          break;
        }
        words.add(arg);
      }
      return "csdlab " + String.join(" ", words);
    }
  }

  private List<Case> cases() throws IOException {
    String program = Files.writeString(dir.resolve("p.s"), "r0 = 1\nexit\n").toString();
    String image = dir.resolve("drive.img").toString();
    assertEquals(0, CliRun.of("zns", "create", image, "--zones", "4").status());
    String taken = Files.writeString(dir.resolve("taken.img"), "precious").toString();
    String out = dir.resolve("out.bin").toString();
    String missingDir = dir.resolve("no-such-dir").resolve("x").toString();
    String manifest = dir.resolve("manifest.json").toString();
    Files.writeString(Path.of(manifest), "{\"datasets\": []}");
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.createDirectories(home.resolve("tutorials/programs"));
    Files.createDirectories(home.resolve("tutorials/01-one"));
    Files.writeString(home.resolve("tutorials/01-one/tutorial.jsh"), "//md # One\n");
    String d = dir.toString();
    return List.of(
        // demo
        new Case(
            "--size must be a whole number of 16 MiB zones, at most 64 (1 GiB), got 10 MiB",
            "demo",
            "--size",
            "10MiB",
            "--no-chart"),
        new Case(
            "--size must be a whole number of 16 MiB zones, at most 64 (1 GiB), got 2 GiB",
            "demo",
            "--size",
            "2GiB",
            "--no-chart"),
        new Case(
            "--size must be a whole number of 16 MiB zones, at most 64 (1 GiB), got 16MB (16000000 bytes; for "
                + "16 MiB write 16MiB)",
            "demo",
            "--size",
            "16MB",
            "--no-chart"),
        new Case(
            "Invalid value for option '--size': 'lots' is not a size; write bytes or a number with a unit: "
                + "4096, 64KiB, 16MiB, 1GiB (powers of 1024) or 16MB, 1GB (powers of 1000)",
            "demo",
            "--size",
            "lots"),
        new Case(
            "Invalid value for option '--seed': 'x' is not a whole number", "demo", "--seed", "x"),
        new Case("--chart " + d + " is a directory; give the path of a file", "demo", "--chart", d),
        new Case(
            "--chart "
                + missingDir
                + " is in a directory that does not exist, "
                + dir.resolve("no-such-dir")
                + "; create it first or choose another place",
            "demo",
            "--chart",
            missingDir),
        new Case(
            "--chart /proc/x.html is in /proc, where no file can be created; choose a directory you can write to",
            "demo",
            "--chart",
            "/proc/x.html"),
        // ebpf run
        new Case("--fuel must be at least 1, got -5", "ebpf", "run", program, "--fuel", "-5"),
        new Case("--fuel must be at least 1, got 0", "ebpf", "run", program, "--fuel", "0"),
        new Case(
            "Invalid value for option '--fuel': 'abc' is not a whole number",
            "ebpf",
            "run",
            program,
            "--fuel",
            "abc"),
        new Case(
            "--trace-limit must be from 1 to 1000000, got 0",
            "ebpf",
            "run",
            program,
            "--trace-limit",
            "0"),
        new Case(
            "--trace-limit must be from 1 to 1000000, got 2000000",
            "ebpf",
            "run",
            program,
            "--trace",
            "--trace-limit",
            "2000000"),
        new Case(
            "--mem-hex is not hexadecimal: 'z' at position 0; write bytes as hex digits, e.g. 2a 00 00 00",
            "ebpf",
            "run",
            program,
            "--mem-hex",
            "zz"),
        new Case(
            "--mem-hex has an odd number of hex digits (3); write whole bytes, e.g. 2a 00 00 00",
            "ebpf",
            "run",
            program,
            "--mem-hex",
            "2a 0"),
        new Case(
            "Invalid value for option '--helpers': expected one of [LINUX, CONFORMANCE] (case-insensitive) but "
                + "was 'gpu'",
            "ebpf",
            "run",
            program,
            "--helpers",
            "gpu"),
        new Case(
            "Invalid value for option '--syntax': expected one of [LLVM, UBPF] (case-insensitive) but was 'att'",
            "ebpf",
            "run",
            program,
            "--syntax",
            "att"),
        // ebpf verify, asm, disasm
        new Case(
            "--max-processed-instructions must be at least 1, got 0",
            "ebpf",
            "verify",
            program,
            "--max-processed-instructions",
            "0"),
        new Case(
            "--max-stored-states must be at least 1, got -1",
            "ebpf",
            "verify",
            program,
            "--max-stored-states",
            "-1"),
        new Case(
            "Invalid value for option '--helpers': expected one of [LINUX, OPENCSD, CONFORMANCE] "
                + "(case-insensitive) but was 'gpu'",
            "ebpf",
            "verify",
            program,
            "--helpers",
            "gpu"),
        new Case(
            "--output " + d + " is a directory; give the path of a file",
            "ebpf",
            "asm",
            program,
            "-o",
            d),
        new Case(
            "--output "
                + missingDir
                + " is in a directory that does not exist, "
                + dir.resolve("no-such-dir")
                + "; create it first or choose another place",
            "ebpf",
            "asm",
            program,
            "-o",
            missingDir),
        new Case(
            "Invalid value for option '--to': expected one of [LLVM, UBPF] (case-insensitive) but was 'att'",
            "ebpf",
            "disasm",
            program,
            "--to",
            "att"),
        // zns create, report
        new Case(
            "--zones: invalid geometry: zone count must be at least 1, was 0",
            "zns",
            "create",
            out,
            "--zones",
            "0"),
        new Case(
            "--zone-size must be a positive multiple of the block size 4096 B, got 16MB (16000000 bytes; for 16 "
                + "MiB write 16MiB)",
            "zns",
            "create",
            out,
            "--zone-size",
            "16MB"),
        new Case(
            "--zone-capacity: invalid geometry: zone capacity must be between 1 block and the zone size (4096 "
                + "blocks), was 8192",
            "zns",
            "create",
            out,
            "--zone-capacity",
            "32MiB"),
        new Case(
            "--block-size must be 512 or 4096, got 1024",
            "zns",
            "create",
            out,
            "--block-size",
            "1024"),
        new Case(
            "--max-open: invalid geometry: max open zones must be at least 1 (or UNLIMITED), was 0",
            "zns",
            "create",
            out,
            "--max-open",
            "0"),
        new Case(
            "--max-open: invalid geometry: max open zones (20) must not exceed max active zones (14)",
            "zns",
            "create",
            out,
            "--max-open",
            "20"),
        new Case(
            d
                + " is a directory; give the name of an image file to create in it, e.g. "
                + dir.resolve("drive.img"),
            "zns",
            "create",
            d,
            "--force"),
        new Case(
            taken + " already exists; choose another name or add --force to replace it",
            "zns",
            "create",
            taken),
        new Case(
            "FILE "
                + missingDir
                + " is in a directory that does not exist, "
                + dir.resolve("no-such-dir")
                + "; create it first or choose another place",
            "zns",
            "create",
            missingDir),
        new Case(
            "Invalid value for option '--filter': expected one of [ALL, EMPTY, IMPLICITLY_OPENED, "
                + "EXPLICITLY_OPENED, CLOSED, FULL, READ_ONLY, OFFLINE] (case-insensitive) but was 'some'",
            "zns",
            "report",
            image,
            "--filter",
            "some"),
        // dataset generate
        new Case(
            "'pictures' is neither a generator (u32-readings, sensor-records, log-lines) nor a dataset of "
                + manifest
                + " (csdlab dataset list)",
            "dataset",
            "generate",
            "pictures",
            "--manifest",
            manifest,
            "-o",
            out),
        new Case(
            "--size 6 B: u32-readings datasets need a positive size that is a multiple of 4 bytes, was 6",
            "dataset",
            "generate",
            "u32-readings",
            "--size",
            "6",
            "-o",
            out),
        new Case(
            "--selectivity must be a fraction from 0 to 1, got 2.0",
            "dataset",
            "generate",
            "u32-readings",
            "--selectivity",
            "2",
            "-o",
            out),
        new Case(
            "--zone must be 0 or more, got -1",
            "dataset",
            "generate",
            "u32-readings",
            "--zone",
            "-1",
            "--image",
            image),
        new Case(
            "--zone: zone 9 does not exist; the device has zones 0 to 3 (image " + image + ")",
            "dataset",
            "generate",
            "u32-readings",
            "--zone",
            "9",
            "--image",
            image,
            "--no-progress"),
        new Case(
            "--size: 80 MiB needs 5 zones of 16 MiB, but the device has only 4 (64 MiB); write at most that "
                + "much, or use a device with more zones (image "
                + image
                + ")",
            "dataset",
            "generate",
            "u32-readings",
            "--size",
            "80MiB",
            "--image",
            image,
            "--no-progress"),
        new Case(
            "--zone: 48 MiB needs 3 zones of 16 MiB from zone 2, but the device ends at zone 3; start at zone 1 "
                + "or lower, or write less (image "
                + image
                + ")",
            "dataset",
            "generate",
            "u32-readings",
            "--size",
            "48MiB",
            "--zone",
            "2",
            "--image",
            image,
            "--no-progress"),
        new Case(
            "--output " + d + " is a directory; give the path of a file",
            "dataset",
            "generate",
            "u32-readings",
            "-o",
            d),
        new Case(
            "dataset logs-1MiB-seed7 has its own size, seed and selectivity; --size, --seed and --selectivity "
                + "apply to generators",
            "dataset",
            "generate",
            "logs-1MiB-seed7",
            "--seed",
            "3",
            "-o",
            out),
        new Case(
            "--zone applies with --image only; a file has no zones",
            "dataset",
            "generate",
            "u32-readings",
            "--zone",
            "3",
            "-o",
            out),
        // jupyter
        new Case(
            "--notebooks "
                + missingDir
                + " is not a directory; give the directory of the notebooks (default: "
                + "notebooks/ of the csdlab directory)",
            "jupyter",
            "--notebooks",
            missingDir),
        // bench
        new Case("no benchmark group 'gpu'; groups: vm, zns, csd", "bench", "gpu"),
        new Case(
            "--size must be a multiple of 1 MiB from 1 MiB to 1 GiB, got 3 KiB",
            "bench",
            "--size",
            "3k"),
        new Case(
            "--size must be a multiple of 1 MiB from 1 MiB to 1 GiB, got 2 GiB",
            "bench",
            "--size",
            "2GiB"),
        new Case(
            "--time must be more than 0 and at most 600 seconds, got 0.0", "bench", "--time", "0"),
        new Case("--warmup must be from 0 to 600 seconds, got -1.0", "bench", "--warmup", "-1"),
        new Case(
            "--engine must be interpreter, jit or auto, got 'gpu'", "bench", "--engine", "gpu"),
        new Case(
            "Invalid value for option '--time': 'soon' is not a number", "bench", "--time", "soon"),
        // jupyter install
        new Case(
            "--heap: heap limit '1k' is below the minimum of 256m that JShell and the lab need",
            "jupyter",
            "install",
            "--kernels-dir",
            d,
            "--heap",
            "1k"),
        new Case(
            "--jar "
                + dir.resolve("none.jar")
                + " is not a file; name the csdlab.jar the kernel runs (build it "
                + "with ./csdlab version)",
            "jupyter",
            "install",
            "--kernels-dir",
            d,
            "--jar",
            dir.resolve("none.jar").toString()),
        // tutorial
        new Case(
            "N: there is no tutorial 9; the tutorials are 1",
            "tutorial",
            "--home",
            home.toString(),
            "run",
            "9"),
        new Case(
            "N: there is no tutorial 9; the tutorials are 1",
            "tutorial",
            "--home",
            home.toString(),
            "check",
            "9"),
        new Case(
            "--junit-xml "
                + missingDir
                + " is in a directory that does not exist, "
                + dir.resolve("no-such-dir")
                + "; create it first or choose another place",
            "tutorial",
            "--home",
            home.toString(),
            "check",
            "--junit-xml",
            missingDir));
  }

  @TestFactory
  Stream<DynamicTest> everyBadValueIsAUsageErrorNamingTheOptionFoundBeforeAnyWork()
      throws IOException {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    String.join(" ", c.args()),
                    () -> {
                      CliRun run = CliRun.of(c.args());
                      assertEquals(2, run.status(), run.err());
                      String command =
                          c.args()[0].equals("tutorial")
                              ? "csdlab tutorial " + tutorialCommand(c.args())
                              : c.command();
                      assertEquals(
                          command + ": " + c.message() + " (see " + command + " --help)",
                          run.errorLine());
                      assertEquals("", run.out(), "the command started its work");
                      assertTrue(Files.notExists(dir.resolve("out.bin")), "a file was written");
                      assertTrue(
                          Files.notExists(dir.resolve("no-such-dir")), "a directory was made");
                      assertEquals("precious", Files.readString(dir.resolve("taken.img")));
                    }));
  }

  private static String tutorialCommand(String[] args) {
    return Arrays.asList(args).contains("run") ? "run" : "check";
  }

  @Test
  void aTutorialHomeWithoutTutorialsIsAUsageError() {
    CliRun run = CliRun.of("tutorial", "--home", dir.toString(), "list");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab tutorial: --home "
            + dir
            + " holds no tutorials directory; give the csdlab directory, the one"
            + " that holds tutorials/ (see csdlab tutorial --help)",
        run.errorLine());
  }

  @Test
  void failuresOfTheWorkKeepExitStatus1() throws IOException {
    CliRun missing = CliRun.of("ebpf", "run", dir.resolve("none.s").toString());
    assertEquals(1, missing.status());
    assertEquals(
        "csdlab ebpf run: no such program file: " + dir.resolve("none.s"), missing.errorLine());
    Path loop = Files.writeString(dir.resolve("loop.s"), "l: goto l\nexit\n");
    CliRun fuel = CliRun.of("ebpf", "run", loop.toString(), "--fuel", "1000");
    assertEquals(1, fuel.status());
    Path refused = Files.writeString(dir.resolve("refused.s"), "r0 += r2\nexit\n");
    assertEquals(1, CliRun.of("ebpf", "verify", refused.toString()).status());
  }
}
