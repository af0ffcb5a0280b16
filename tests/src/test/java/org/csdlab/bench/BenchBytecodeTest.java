package org.csdlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    BuildTools.require("check the benchmark bytecode", "clang llvm", "clang", "llvm-objcopy");
    BuildTools.runScript(SOURCES.resolve("build.sh"), Map.of(), out.toString());

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

  /** "Debian clang version 14.0.6" gives "14". */
  private static String majorVersion(String versionLine) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("version (\\d+)").matcher(versionLine);
    return m.find() ? m.group(1) : versionLine;
  }
}
