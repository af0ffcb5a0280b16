package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmOptionsTest {

  @TempDir Path dir;

  @Test
  void optionsAreGivenFromTheirFirstRelease() {
    JvmOptions options =
        JvmOptions.parse(
            """
        # a note
        17 -Dfile.encoding=UTF-8

        23 --sun-misc-unsafe-memory-access=allow
        """);
    assertEquals(List.of("-Dfile.encoding=UTF-8"), options.forFeature(17));
    assertEquals(List.of("-Dfile.encoding=UTF-8"), options.forFeature(22));
    assertEquals(
        List.of("-Dfile.encoding=UTF-8", "--sun-misc-unsafe-memory-access=allow"),
        options.forFeature(25));
  }

  @Test
  void aLineThatIsNoReleaseAndOptionIsRefusedByNumber() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> JvmOptions.parse("17 -Da=b\n--enable-preview\n"));
    assertEquals(
        "jvm-options line 2: '--enable-preview' is not a JDK feature release followed by one option,"
            + " like '23 --sun-misc-unsafe-memory-access=allow'",
        error.getMessage());
  }

  @Test
  void theShippedListForcesUtf8Output() {
    List<String> options = JvmOptions.shipped().forFeature(25);
    assertTrue(
        options.containsAll(
            List.of(
                "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8",
                "--sun-misc-unsafe-memory-access=allow")),
        options.toString());
    assertFalse(
        JvmOptions.shipped().forFeature(17).contains("--sun-misc-unsafe-memory-access=allow"));
  }

  @Test
  void featureComesFromTheReleaseFile() throws IOException {
    Files.writeString(
        dir.resolve("release"), "JAVA_RUNTIME_VERSION=\"x\"\nJAVA_VERSION=\"25.0.3\"\n");
    assertEquals(OptionalInt.of(25), JvmOptions.featureOf(dir));
    Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"1.8.0_392\"\n");
    assertEquals(OptionalInt.of(8), JvmOptions.featureOf(dir));
    assertEquals(OptionalInt.empty(), JvmOptions.featureOf(dir.resolve("absent")));
  }

  /**
   * Every JDK installed here starts with the options the list gives its release (JDK 17 refuses
   * unknown ones).
   */
  @Test
  void everyInstalledJdkAcceptsItsOptions() throws Exception {
    List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(jvms)) {
        entries.forEach(homes::add);
      }
    }
    int checked = 0;
    for (Path home : homes) {
      Path java = home.resolve("bin/java");
      OptionalInt feature = JvmOptions.featureOf(home);
      if (!Files.isExecutable(java)
          || feature.isEmpty()
          || feature.getAsInt() < KernelInstaller.OLDEST_FEATURE) {
        continue;
      }
      List<String> command = new ArrayList<>(List.of(java.toString()));
      command.addAll(JvmOptions.shipped().forFeature(feature.getAsInt()));
      command.add("-version");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), command.toString());
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), command + "\n" + output);
      assertFalse(
          output.contains("WARNING") || output.contains("Unrecognized"), command + "\n" + output);
      checked++;
    }
    assertTrue(checked >= 1, "no JDK found to check, not even this one");
  }
}
