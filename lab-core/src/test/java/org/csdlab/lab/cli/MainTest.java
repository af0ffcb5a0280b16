package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void noCommandIsAUsageErrorThatPrintsTheCommandList() {
    CliRun run = CliRun.of();
    assertEquals(2, run.status());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("Usage: csdlab "), run.err());
    for (String command :
        new String[] {"demo", "jshell", "jupyter", "ebpf", "zns", "dataset", "bench", "version"}) {
      assertTrue(
          run.err().contains("\n  " + command + " "), command + " missing from:\n" + run.err());
    }
    assertTrue(run.err().contains("Start with csdlab demo, then csdlab jshell."), run.err());
    assertTrue(
        run.err()
            .replaceAll("\\s+", " ")
            .contains(
                ", 2 for a usage error (an unknown command or option, or a"
                    + " value the option does not accept)."),
        run.err());
  }

  @Test
  void aCommandGroupWithoutItsSubcommandIsAUsageErrorThatPrintsItsSubcommands() {
    String[][] groups = {
      {"ebpf", "asm", "disasm", "run", "verify"},
      {"zns", "create", "report"},
      {"dataset", "generate", "list"},
      {"tutorial", "list", "run", "check"}
    };
    for (String[] group : groups) {
      CliRun run = CliRun.of(group[0]);
      assertEquals(2, run.status(), run.err());
      assertEquals("", run.out());
      assertTrue(run.err().startsWith("Usage: csdlab " + group[0]), run.err());
      for (int i = 1; i < group.length; i++) {
        assertTrue(
            run.err().contains("\n  " + group[i] + " "), group[i] + " missing from:\n" + run.err());
      }
    }
    CliRun help = CliRun.of("ebpf", "--help"); // asked for, the usage is no error
    assertEquals(0, help.status());
    assertTrue(help.out().startsWith("Usage: csdlab ebpf"), help.out());
  }

  @Test
  void versionNamesCsdlabAndTheJdkHome() {
    for (String[] args : new String[][] {{"--version"}, {"version"}, {"-V"}}) {
      CliRun run = CliRun.of(args);
      assertEquals(0, run.status());
      String[] lines = run.out().split("\\R");
      assertEquals(2, lines.length, run.out());
      assertTrue(lines[0].startsWith("csdlab "), lines[0]);
      assertTrue(lines[1].startsWith("JDK " + Runtime.version()), lines[1]);
      assertTrue(lines[1].endsWith(" at " + System.getProperty("java.home")), lines[1]);
    }
  }

  @Test
  void everyCommandHasHelpAndVersion() {
    String[][] commands = {
      {"demo"},
      {"jshell"},
      {"jupyter"},
      {"jupyter", "install"},
      {"ebpf"},
      {"ebpf", "asm"},
      {"ebpf", "disasm"},
      {"ebpf", "run"},
      {"ebpf", "verify"},
      {"zns"},
      {"zns", "create"},
      {"zns", "report"},
      {"dataset"},
      {"dataset", "generate"},
      {"dataset", "list"},
      {"bench"},
      {"version"}
    };
    for (String[] command : commands) {
      String name = "csdlab " + String.join(" ", command);
      CliRun help = CliRun.of(append(command, "--help"));
      assertEquals(0, help.status(), name);
      assertTrue(help.out().startsWith("Usage: " + name), help.out());
      CliRun version = CliRun.of(append(command, "--version"));
      assertEquals(0, version.status(), name);
      assertTrue(version.out().startsWith("csdlab "), version.out());
    }
  }

  @Test
  void unknownCommandIsOneLineWithStatus2() {
    CliRun run = CliRun.of("frobnicate");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab: unknown command 'frobnicate'; commands: demo, jshell, jupyter, ebpf, zns, dataset, tutorial, bench, version "
            + "(see csdlab --help)",
        run.errorLine());
    assertEquals("", run.out());
  }

  @Test
  void unknownSubcommandIsOneLine() {
    CliRun run = CliRun.of("ebpf", "link");
    assertEquals(2, run.status());
    assertEquals(
        "csdlab ebpf: unknown command 'link'; commands: asm, disasm, run, verify (see csdlab ebpf --help)",
        run.errorLine());
  }

  @Test
  void unknownOptionIsOneLine() {
    CliRun run = CliRun.of("demo", "--sise", "32MiB");
    assertEquals(2, run.status());
    assertTrue(run.errorLine().startsWith("csdlab demo: Unknown option"), run.errorLine());
    assertTrue(
        run.errorLine().endsWith("did you mean --size? (see csdlab demo --help)"), run.errorLine());
  }

  @Test
  void debugAddsTheStackTrace() {
    CliRun run = CliRun.of("ebpf", "run", "--debug", "no-such-file.s");
    assertEquals(1, run.status());
    assertTrue(
        run.err().startsWith("csdlab ebpf run: no such program file: no-such-file.s\n"), run.err());
    assertTrue(run.err().contains("NoSuchFileException"), run.err());
  }

  @Test
  void internalErrorsNameTheTypeAndPointToDebug() {
    assertEquals(
        "internal error java.lang.NullPointerException: x (run with --debug for the stack trace)",
        ErrorReport.describe(new NullPointerException("x")));
    assertEquals("two lines", ErrorReport.describe(new IllegalArgumentException("two\n  lines")));
    assertEquals(
        "permission denied: /x",
        ErrorReport.describe(
            new java.io.UncheckedIOException(
                "cannot write /x", new java.nio.file.AccessDeniedException("/x"))));
    assertEquals(
        "file already exists: /y",
        ErrorReport.describe(new java.nio.file.FileAlreadyExistsException("/y")));
  }

  private static String[] append(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }
}
