package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tutorial subcommands on a small catalog of their own. */
class TutorialCommandTest {

  @TempDir Path root;

  private record Result(int status, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new TutorialCommand());
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--home";
    all[1] = root.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int status = line.execute(all);
    return new Result(status, out.toString(), err.toString());
  }

  private void tutorial(String name, String text) throws IOException {
    Path dir = Files.createDirectories(root.resolve("tutorials").resolve(name));
    Files.writeString(dir.resolve(Tutorial.SCRIPT), text);
  }

  @Test
  void listShowsNumberTitleAndScript() throws IOException {
    tutorial("01-sums", "//md # Sums\nint a = 1;\n");
    Result r = run("list");
    assertEquals(0, r.status());
    assertEquals(
        " 1  Sums  tutorials/01-sums/tutorial.jsh\n",
        r.out().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void checkExitsWithOneWhenACheckFailsAndWritesTheJUnitReport() throws IOException {
    tutorial(
        "01-good",
        "//md # Good\nimport org.csdlab.lab.tutorial.*;\nCheck.that(\"one\", 1).is(1);\n");
    tutorial(
        "02-bad", "//md # Bad\nimport org.csdlab.lab.tutorial.*;\nCheck.that(\"two\", 2).is(3);\n");
    Path report = root.resolve("report.xml");
    Result r = run("check", "--junit-xml", report.toString());
    assertEquals(1, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("✓ 01-good: 1 check passed"), r.out());
    assertTrue(r.out().contains("✗ two: expected 3 but was 2"), r.out());
    String xml = Files.readString(report);
    assertTrue(
        xml.contains("<testsuite name=\"02-bad\" tests=\"1\" failures=\"1\" errors=\"0\""), xml);
    assertEquals(0, run("check", "1").status());
  }

  @Test
  void notebooksWritesThenChecksTheGeneratedFiles() throws IOException {
    tutorial("01-sums", "//md # Sums\nint a = 1;\n");
    assertEquals(1, run("notebooks", "--check").status());
    Result written = run("notebooks");
    assertEquals(0, written.status());
    assertTrue(written.out().contains("wrote:      notebooks/01-sums.ipynb"), written.out());
    assertTrue(
        Files.readString(root.resolve("notebooks/01-sums.ipynb")).contains("\"name\": \"csdlab\""));
    Result checked = run("notebooks", "--check");
    assertEquals(0, checked.status(), checked.out());
    assertTrue(checked.out().contains("up to date: notebooks/01-sums.ipynb"), checked.out());
    assertTrue(
        checked.out().contains("up to date: notebooks/student/01-sums.ipynb"), checked.out());
  }

  @Test
  void notebooksCheckFindsAStaleStudentNotebook() throws IOException {
    tutorial("01-sums", "//md # Sums\nint a = 1;\n");
    assertEquals(0, run("notebooks").status());
    Files.writeString(root.resolve("notebooks/student/01-sums.ipynb"), "{}");
    Result checked = run("notebooks", "--check");
    assertEquals(1, checked.status(), checked.out());
    assertTrue(checked.out().contains("up to date: notebooks/01-sums.ipynb"), checked.out());
    assertTrue(
        checked.out().contains("STALE:      notebooks/student/01-sums.ipynb"), checked.out());
  }

  @Test
  void gradeRefusesBadTimeoutsAsBadArguments() throws IOException {
    tutorial("01-sums", "//md # Sums\nint a = 1;\n");
    Result zero = run("grade", "--cell-timeout", "0", "x.ipynb");
    assertEquals(2, zero.status(), zero.err());
    assertTrue(zero.err().contains("--cell-timeout must be 1 to 86400 seconds, was 0"), zero.err());
    Result longer = run("grade", "--cell-timeout", "100", "--notebook-timeout", "50", "x.ipynb");
    assertEquals(2, longer.status(), longer.err());
    assertTrue(
        longer.err().contains("--cell-timeout (100 s) is longer than --notebook-timeout (50 s)"),
        longer.err());
    assertEquals(2, run("grade").status());
    Result twice = run("grade", "a/alice.ipynb", "b/alice.ipynb");
    assertEquals(2, twice.status(), twice.err());
    assertTrue(
        twice
            .err()
            .contains("two notebooks name the student alice: a/alice.ipynb and b/alice.ipynb"),
        twice.err());
  }

  @Test
  void runPrintsTheTextTheCodeAndItsOutput() throws IOException {
    tutorial(
        "01-sums", "//md # Sums\n//md Six times seven.\nint a = 6;\nSystem.out.println(a * 7);\n");
    Result r = run("run", "1");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("Six times seven."), r.out());
    assertTrue(r.out().contains("│ int a = 6;"), r.out());
    assertTrue(r.out().contains("\n42\n"), r.out());
  }
}
