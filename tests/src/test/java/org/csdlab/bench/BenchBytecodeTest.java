package org.csdlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.csdlab.ebpf.Program;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The committed benchmark bytecode is valid and is what build.sh makes from the C sources. */
class BenchBytecodeTest {
  private static final Path SOURCES = Path.of("src", "main", "resources", "bench");

  @ParameterizedTest
  @EnumSource(BenchProgram.class)
  void bytecodeDecodesToAProgramEndingInExit(BenchProgram benchProgram) {
    byte[] bytecode = benchProgram.bytecode();
    Program program = Program.decode(bytecode);
    assertEquals(bytecode.length / 8, program.slotCount());
    assertArrayEquals(bytecode, program.encode());
  }

  @Test
  void committedBytecodeMatchesWhatBuildShProduces(@TempDir Path out)
      throws IOException, InterruptedException {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    boolean toolsPresent = onPath("clang") && onPath("llvm-objcopy");
    if (!toolsPresent) {
      if (ci) {
        fail(
            "clang and llvm-objcopy are needed on CI to check the benchmark bytecode;"
                + " .ci/run must install them (apt-get install clang llvm)");
      }
      assumeTrue(false, "clang or llvm-objcopy not on PATH; skipping the rebuild check");
    }

    Process build =
        new ProcessBuilder("bash", SOURCES.resolve("build.sh").toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(build.waitFor(120, TimeUnit.SECONDS), "build.sh did not finish in 120 s");
    assertEquals(0, build.exitValue(), "build.sh failed:\n" + log);

    String committedClang = Files.readString(SOURCES.resolve("clang-version.txt")).strip();
    String localClang = Files.readString(out.resolve("clang-version.txt")).strip();
    assumeTrue(
        majorVersion(committedClang).equals(majorVersion(localClang)),
        "the .bin files were made by '"
            + committedClang
            + "', this machine has '"
            + localClang
            + "'; another clang major version may emit different bytecode, so not comparing");

    for (BenchProgram program : BenchProgram.values()) {
      String bin = program.fileName() + ".bin";
      assertArrayEquals(
          Files.readAllBytes(SOURCES.resolve(bin)),
          Files.readAllBytes(out.resolve(bin)),
          bin
              + " differs from what build.sh makes of "
              + program.fileName()
              + ".c; run tests/src/main/resources/bench/build.sh and commit the result");
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** "Debian clang version 14.0.6" gives "14". */
  private static String majorVersion(String versionLine) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("version (\\d+)").matcher(versionLine);
    return m.find() ? m.group(1) : versionLine;
  }
}
