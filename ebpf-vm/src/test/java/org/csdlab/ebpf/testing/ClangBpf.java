package org.csdlab.ebpf.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Compiles C kernels for tests as {@code tutorials/programs/Makefile} does ({@code clang -target
 * bpf -O2 -g0 -I include -Wall}), one place for every module's tests (ebpf-vm's test jar). Without
 * clang a test is skipped, except under {@code CI=true}, where a missing clang fails it; {@code
 * CLANG} names another compiler.
 */
public final class ClangBpf {
  /** How long one compile may take. */
  static final long TIMEOUT_SECONDS = 120;

  private ClangBpf() {}

  /**
   * The object file of {@code source}, compiled with {@code include} on the include path into
   * {@code outDir}.
   */
  public static byte[] compile(Path source, Path include, Path outDir) {
    String clang =
        System.getenv("CLANG") == null || System.getenv("CLANG").isBlank()
            ? "clang"
            : System.getenv("CLANG");
    Path out = outDir.resolve(source.getFileName().toString().replaceFirst("\\.c$", "") + ".o");
    List<String> command =
        List.of(
            clang,
            "-target",
            "bpf",
            "-O2",
            "-g0",
            "-I",
            include.toString(),
            "-Wall",
            "-c",
            source.toString(),
            "-o",
            out.toString());
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      String message = clang + " is not installed (install clang, or set CLANG)";
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but " + message);
      }
      Assumptions.abort(message);
      return null;
    }
    try {
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("clang did not finish in " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        fail("clang failed: " + String.join(" ", command) + "\n" + log);
      }
      return Files.readAllBytes(out);
    } catch (IOException e) {
      return fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while clang ran", e);
    }
  }
}
