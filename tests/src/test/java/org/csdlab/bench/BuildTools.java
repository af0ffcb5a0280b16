package org.csdlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The compilers the benchmark build scripts need, and running those scripts, for the tests. */
final class BuildTools {
  private BuildTools() {}

  /**
   * Skips the test when a tool is not on PATH, or fails it under {@code CI=true}, where .ci/run
   * must have installed it ({@code aptPackages} names the packages).
   */
  static void require(String why, String aptPackages, String... tools) {
    List<String> missing = new ArrayList<>();
    for (String tool : tools) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(
          missing
              + " not on PATH, but CI needs them to "
              + why
              + "; .ci/run must install them (apt-get install "
              + aptPackages
              + ")");
    }
    assumeTrue(false, missing + " not on PATH; skipping the check that would " + why);
  }

  /**
   * Runs {@code bash script args...} with the extra environment; fails the test unless it works.
   */
  static void runScript(Path script, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), script + " did not finish in 120 s");
    assertEquals(0, process.exitValue(), script + " failed:\n" + log);
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
}
