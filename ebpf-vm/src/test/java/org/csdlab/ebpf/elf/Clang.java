package org.csdlab.ebpf.elf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Compiles the C sources under {@code src/test/resources/elf} with clang ({@code CLANG} to choose
 * one). Without clang the calling test is skipped, except on CI ({@code CI=true}), where that is a
 * failure.
 */
final class Clang {
  static final String CLANG =
      System.getenv("CLANG") == null || System.getenv("CLANG").isBlank()
          ? "clang"
          : System.getenv("CLANG");

  private Clang() {}

  /** Skips (or fails under CI=true) unless clang runs. */
  static void require() {
    if (run(List.of(CLANG, "--version")) == null) {
      String message = CLANG + " is not installed (install clang, or set CLANG)";
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but " + message);
      }
      Assumptions.abort(message);
    }
  }

  /** clang's major version, e.g. 14. */
  static int majorVersion() {
    require();
    String version = run(List.of(CLANG, "-dumpversion"));
    return Integer.parseInt(version.trim().split("\\.")[0]);
  }

  /**
   * Compiles resource {@code elf/<source>} into {@code dir} with {@code -O2 -target bpf -c} and
   * {@code extra}.
   */
  static Path compile(String source, Path dir, String... extra) {
    require();
    Path c = dir.resolve(source);
    Path object = dir.resolve(source.replace(".c", "") + (extra.length == 0 ? "" : "-g") + ".o");
    try {
      Files.write(c, resource(source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of(CLANG, "-O2", "-target", "bpf", "-c"));
    command.addAll(List.of(extra));
    command.addAll(List.of(c.toString(), "-o", object.toString()));
    String output = run(command);
    if (output == null || !Files.exists(object)) {
      fail("clang failed: " + String.join(" ", command) + "\n" + output);
    }
    return object;
  }

  /** The bytes of test resource {@code elf/<name>}. */
  static byte[] resource(String name) {
    try (InputStream in = Clang.class.getResourceAsStream("/elf/" + name)) {
      if (in == null) {
        fail("missing test resource elf/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a command; its output, or null when it cannot start or fails. */
  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      return process.exitValue() == 0 ? output : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
