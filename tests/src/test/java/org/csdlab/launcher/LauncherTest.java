package org.csdlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./csdlab} launcher from the repository root, as the README runs it. In a reactor build
 * lab-core's jar is fresh, so the launcher runs it without building.
 */
class LauncherTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private record Result(int status, String out) {}

  private static Result csdlab(String... args) throws IOException, InterruptedException {
    return csdlabWithInput("", args);
  }

  /** Runs {@code ./csdlab ARGS} with {@code input} as its standard input. */
  private static Result csdlabWithInput(String input, String... args)
      throws IOException, InterruptedException {
    return csdlabIn(Map.of(), input, args);
  }

  /**
   * Runs {@code ./csdlab ARGS} with {@code input} as its standard input and {@code environment}
   * added to this one.
   */
  private static Result csdlabIn(Map<String, String> environment, String input, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("csdlab").toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("csdlab-launcher", ".txt");
    Path stdin = Files.writeString(Files.createTempFile("csdlab-launcher", ".in"), input);
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(ROOT.toFile())
              .redirectErrorStream(true)
              .redirectInput(stdin.toFile())
              .redirectOutput(output.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) { // a build on first use takes about a minute
        process.destroyForcibly();
        throw new AssertionError(
            "./csdlab " + String.join(" ", args) + " did not finish in 5 minutes");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(stdin);
    }
  }

  @Test
  void versionNamesCsdlabAndTheJdk() throws Exception {
    Result result = csdlab("--version");
    assertEquals(0, result.status(), result.out());
    List<String> lines =
        result.out().lines().filter(l -> !l.startsWith("csdlab: ")).toList(); // build messages
    assertEquals(2, lines.size(), result.out());
    assertTrue(lines.get(0).matches("csdlab \\d+\\.\\d+\\.\\d+.*"), lines.get(0));
    assertTrue(lines.get(1).startsWith("JDK "), lines.get(1));
  }

  @Test
  void badArgumentsGiveOneLineAndStatus2() throws Exception {
    Result result = csdlab("ebpf", "run");
    assertEquals(2, result.status(), result.out());
    List<String> lines =
        result.out().lines().filter(l -> !l.startsWith("csdlab: ")).toList(); // build messages
    assertEquals(
        List.of("csdlab ebpf run: Missing required parameter: 'FILE' (see csdlab ebpf run --help)"),
        lines);
  }

  @Test
  void jshellRunsAPipedSessionWithTheLabImported() throws Exception {
    String session =
        String.join(
            "\n",
            "var lab = Lab.create()",
            "lab.ebpf().assemble(\"r0 = 6\\nr0 *= 7\\nexit\").run().r0()",
            "lab.device().geometry().zoneCount()",
            "/exit",
            "");
    Result result = csdlabWithInput(session, "jshell");
    assertEquals(0, result.status(), result.out());
    assertTrue(result.out().contains("Three things to try"), result.out());
    assertTrue(result.out().contains("lab ==> Lab["), result.out());
    assertTrue(result.out().contains("$2 ==> 42"), result.out());
    assertTrue(result.out().contains("$3 ==> 64"), result.out());
    assertTrue(
        !result.out().contains("Exception") && !result.out().contains("WARNING"), result.out());
  }

  /**
   * A locale whose charset has no ✓ (LC_ALL=C is ASCII): the launcher's JVMs still write UTF-8,
   * never "?".
   */
  private static final Map<String, String> C_LOCALE = Map.of("LC_ALL", "C", "LANG", "C");

  @Test
  void tutorialCheckPrintsCheckMarksUnderTheCLocale() throws Exception {
    Result result = csdlabIn(C_LOCALE, "", "tutorial", "check", "1");
    assertEquals(0, result.status(), result.out());
    assertTrue(
        result.out().lines().anyMatch(l -> l.startsWith("\u2713 01-hello-ebpf: ")), result.out());
    assertTrue(result.out().lines().noneMatch(l -> l.startsWith("?")), result.out());
  }

  @Test
  void jshellSnippetsPrintCheckMarksUnderTheCLocale() throws Exception {
    // printed by the snippets' JVM (JShell's agent) and shown as a value by JShell itself
    String session = "System.out.println(\"\\u2713 printed\")\n\"\\u2717 shown\"\n/exit\n";
    Result result = csdlabIn(C_LOCALE, session, "jshell");
    assertEquals(0, result.status(), result.out());
    assertTrue(result.out().contains("\u2713 printed"), result.out());
    assertTrue(result.out().contains("==> \"\u2717 shown\""), result.out());
    assertTrue(
        !result.out().contains("? printed") && !result.out().contains("\"? shown"), result.out());
  }

  /**
   * {@code ./csdlab jshell} on JDK 19 or later writes a class-data archive at the end of its first
   * session, starts from it quietly afterwards, and writes a new one once the jar is newer.
   */
  @Test
  void jshellMakesAClassDataArchiveOnceAndStartsFromIt() throws Exception {
    Result version = csdlab("--version");
    java.util.regex.Matcher jdk =
        java.util.regex.Pattern.compile("(?m)^JDK (\\d+)").matcher(version.out());
    assertTrue(jdk.find(), version.out());
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Integer.parseInt(jdk.group(1)) >= 19,
        "class-data archives of the loaded classes need JDK 19 or later");
    Path archives = ROOT.resolve("target/cds");
    deleteArchives(archives);
    String session = "6 * 7\n/exit\n";

    Result first = csdlabWithInput(session, "jshell");
    assertEquals(0, first.status(), first.out());
    assertTrue(first.out().contains("==> 42"), first.out());
    List<Path> made = archives(archives);
    assertEquals(1, made.size(), made.toString());
    assertTrue(
        made.get(0).getFileName().toString().matches("jshell-" + jdk.group(1) + "[^/]*\\.jsa"),
        made.toString());
    java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(made.get(0));

    Result second = csdlabWithInput(session, "jshell");
    assertEquals(0, second.status(), second.out());
    assertTrue(second.out().contains("==> 42"), second.out());
    assertTrue(!second.out().contains("cds") && !second.out().contains("warning"), second.out());
    assertEquals(
        written,
        Files.getLastModifiedTime(made.get(0)),
        "an up-to-date archive is used, not written again");

    Path jar = ROOT.resolve("lab-core/target/csdlab.jar");
    Files.setLastModifiedTime(
        jar, java.nio.file.attribute.FileTime.fromMillis(written.toMillis() + 1));
    Result afterRebuild = csdlabWithInput(session, "jshell");
    assertEquals(0, afterRebuild.status(), afterRebuild.out());
    assertTrue(
        Files.getLastModifiedTime(made.get(0)).compareTo(Files.getLastModifiedTime(jar)) > 0,
        "a jar newer than the archive gets a new archive");
    assertEquals(made, archives(archives), "no temporary archive left behind");
  }

  private static List<Path> archives(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static void deleteArchives(Path dir) throws IOException {
    for (Path archive : archives(dir)) {
      Files.delete(archive);
    }
  }
}
