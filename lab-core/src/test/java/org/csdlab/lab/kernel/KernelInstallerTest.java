package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelInstallerTest {

  @TempDir Path dir;

  @Test
  void writesKernelJsonWithAbsolutePathsAndMessageInterrupts() throws Exception {
    Path jar = Files.writeString(dir.resolve("csdlab.jar"), "not really a jar");
    Path kernelDir = KernelInstaller.forThisJvm(jar).installInto(dir.resolve("kernels"));

    assertEquals(dir.resolve("kernels/csdlab").toAbsolutePath(), kernelDir);
    JsonNode spec = new ObjectMapper().readTree(kernelDir.resolve("kernel.json").toFile());
    assertEquals("Java (csdlab)", spec.path("display_name").asText());
    assertEquals("java", spec.path("language").asText());
    assertEquals("message", spec.path("interrupt_mode").asText());
    List<String> argv = new ObjectMapper().convertValue(spec.path("argv"), List.class);
    assertEquals(KernelInstaller.currentJava().toString(), argv.get(0));
    assertTrue(Path.of(argv.get(0)).isAbsolute());
    assertEquals(
        List.of(
            "-cp",
            jar.toAbsolutePath().toString(),
            KernelMain.class.getName(),
            "{connection_file}"),
        argv.subList(argv.size() - 4, argv.size()));
    assertEquals("-Xmx2048m", argv.get(1), "the default heap limit, 2g");
    assertTrue(argv.stream().noneMatch(a -> a.contains("ExitOnOutOfMemoryError")), argv.toString());
  }

  @Test
  void kernelOnJdk25GetsTheLaunchersUnsafeMemoryAccessOptionAndJdk17DoesNot() throws Exception {
    Path jar = Files.writeString(dir.resolve("csdlab.jar"), "jar");
    List<String> on25 = new KernelInstaller(fakeJdk("jdk-25", "25.0.3"), jar).argv();
    assertTrue(on25.contains("--sun-misc-unsafe-memory-access=allow"), on25.toString());
    assertTrue(on25.contains("-Dstdout.encoding=UTF-8"), on25.toString());
    assertTrue(on25.contains("--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED"), on25.toString());
    List<String> on17 = new KernelInstaller(fakeJdk("jdk-17", "17.0.15"), jar).argv();
    assertTrue(
        on17.stream().noneMatch(a -> a.startsWith("--sun-misc-unsafe-memory-access")),
        on17.toString());
    assertTrue(on17.contains("-Dfile.encoding=UTF-8"), on17.toString());
    assertEquals(
        on25.subList(on25.size() - 4, on25.size()), on17.subList(on17.size() - 4, on17.size()));
  }

  /** A JDK home with an executable bin/java and a release file naming {@code version}. */
  private Path fakeJdk(String name, String version) throws Exception {
    Path home = Files.createDirectories(dir.resolve(name));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
    Path java =
        Files.writeString(
            Files.createDirectories(home.resolve("bin")).resolve("java"), "#!/bin/sh\n");
    assertTrue(java.toFile().setExecutable(true));
    return java;
  }

  @Test
  void heapLimitIsConfigurableAndChecked() throws Exception {
    Path jar = Files.writeString(dir.resolve("csdlab.jar"), "jar");
    List<String> argv = KernelInstaller.forThisJvm(jar, HeapLimit.parse("512m")).argv();
    assertEquals("-Xmx512m", argv.get(1));
    assertEquals(4L << 30, HeapLimit.parse("4G").bytes());
    IllegalArgumentException small =
        assertThrows(IllegalArgumentException.class, () -> HeapLimit.parse("64m"));
    assertEquals(
        "heap limit '64m' is below the minimum of 256m that JShell and the lab need",
        small.getMessage());
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> HeapLimit.parse("lots"));
    assertEquals(
        "heap limit 'lots' is not a size like 512m or 4g (a whole number followed by k, m or g)",
        bad.getMessage());
  }

  @Test
  void reinstallingReplacesTheKernelJson() throws Exception {
    Path jar = Files.writeString(dir.resolve("csdlab.jar"), "jar");
    Path kernels = dir.resolve("kernels");
    Files.createDirectories(kernels.resolve("csdlab"));
    Files.writeString(kernels.resolve("csdlab/kernel.json"), "{\"old\": true}");
    KernelInstaller.forThisJvm(jar).installInto(kernels);
    assertTrue(Files.readString(kernels.resolve("csdlab/kernel.json")).contains("Java (csdlab)"));
  }

  @Test
  void missingJarIsRefusedWithHowToBuildIt() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> KernelInstaller.forThisJvm(dir.resolve("absent.jar")));
    assertTrue(error.getMessage().contains("absent.jar does not exist"), error.getMessage());
    assertTrue(error.getMessage().contains("mvn"), error.getMessage());
  }

  @Test
  void prefixKernelsDirFollowsJupyterLayout() {
    assertEquals(
        Path.of("/opt/env/share/jupyter/kernels"),
        KernelInstaller.prefixKernelsDir(Path.of("/opt/env")));
  }

  @Test
  void userKernelsDirEndsInJupyterKernels() {
    Path user = KernelInstaller.userKernelsDir();
    assertEquals("kernels", user.getFileName().toString());
    assertTrue(user.isAbsolute() || System.getenv("JUPYTER_DATA_DIR") != null, user.toString());
  }
}
