package org.csdlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The native baseline computes what the Java reference (and so the eBPF build) computes: the
 * library is built from the sources by build-native.sh with gcc, as the bench profile builds it.
 */
class NativeKernelsTest {
  private static final Path BUILD_NATIVE = Path.of("src", "main", "native", "build-native.sh");

  /** Buffer sizes: empty, shorter than a word, odd tails, several 4 KiB blocks. */
  private static final int[] SIZES = {0, 3, 7, 8, 13, 4096, 3 * 4096 + 5, 64 * 1024};

  @TempDir static Path libraryDir;

  private static NativeKernels kernels;

  @BeforeAll
  static void buildLibrary() throws IOException, InterruptedException {
    BuildTools.require("build the native benchmark baseline", "gcc", "gcc");
    BuildTools.runScript(
        BUILD_NATIVE, Map.of("JAVA_HOME", System.getProperty("java.home")), libraryDir.toString());
    kernels = NativeKernels.load(libraryDir.resolve("libcsdlab_bench.so"));
  }

  @ParameterizedTest
  @EnumSource(BenchProgram.class)
  void nativeResultEqualsJavaReference(BenchProgram program) {
    for (int size : SIZES) {
      byte[] data = BenchData.random(size, 7);
      assertEquals(
          program.reference(data),
          kernels.run(program, data),
          program + " over " + size + " bytes");
    }
  }

  @Test
  void checkAnswerAcceptsTheNativeAnswerAndNamesAWrongOne() {
    byte[] data = BenchData.random(4096, 3);
    long answer = kernels.run(BenchProgram.POPCOUNT, data);
    BenchProgram.POPCOUNT.checkAnswer("native code", answer, data);

    IllegalStateException wrong =
        assertThrows(
            IllegalStateException.class,
            () -> BenchProgram.POPCOUNT.checkAnswer("native code", answer + 1, data));
    assertEquals(
        "popcount on native code returned r0=0x"
            + Long.toHexString(answer + 1)
            + " but the Java reference computes 0x"
            + Long.toHexString(answer),
        wrong.getMessage());
  }

  @Test
  void theLoadedLibraryIsReturnedAgainAndAnotherOneIsRefused() {
    Path same = libraryDir.resolve("libcsdlab_bench.so");
    assertEquals(kernels, NativeKernels.load(same));

    IllegalStateException other =
        assertThrows(IllegalStateException.class, () -> NativeKernels.load(BUILD_NATIVE));
    assertTrue(
        other.getMessage().startsWith("the native benchmark library " + same.toAbsolutePath()),
        other.getMessage());
    assertTrue(other.getMessage().endsWith("beside it"), other.getMessage());
  }

  @Test
  void aMissingLibrarySaysHowToBuildIt() {
    Path missing = libraryDir.resolve("absent.so");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> NativeKernels.load(missing));
    assertEquals(
        "the native benchmark library "
            + missing.toAbsolutePath()
            + " does not exist; "
            + NativeKernels.BUILD_ADVICE,
        e.getMessage());
  }
}
