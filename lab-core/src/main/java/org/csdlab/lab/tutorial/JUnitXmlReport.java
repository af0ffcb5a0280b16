package org.csdlab.lab.tutorial;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Tutorial runs as a JUnit XML report, the format CI servers show test results from: one {@code
 * <testsuite>} per tutorial, one {@code <testcase>} per check (a {@code <failure>} when it did not
 * hold) and one per cell that stopped the run with a compile error, an exception or a timeout (an
 * {@code <error>}). A failed check that stopped the run is reported once, as a failure.
 */
public final class JUnitXmlReport {

  private JUnitXmlReport() {}

  /** Writes the report of {@code runs} to {@code file}, creating its directory. */
  public static void write(List<TutorialRun> runs, Path file) {
    toFile(file, out -> write(runs, out));
  }

  /** Writes the report of {@code runs} to {@code out} as UTF-8. */
  public static void write(List<TutorialRun> runs, OutputStream out) throws IOException {
    document(
        out,
        "csdlab tutorials",
        runs.stream().mapToLong(JUnitXmlReport::tests).sum(),
        runs.stream().mapToLong(JUnitXmlReport::failures).sum(),
        runs.stream().mapToLong(JUnitXmlReport::errors).sum(),
        runs.stream().mapToLong(TutorialRun::elapsedNanos).sum(),
        xml -> {
          for (TutorialRun run : runs) {
            suite(xml, run);
          }
        });
  }

  /**
   * Writes the grades of a class to {@code file}, creating its directory: one {@code <testsuite>}
   * per notebook handed in (named after the student), one {@code <testcase>} per exercise (named by
   * its id): a {@code <failure>} when a check failed or the exercise is missing, an {@code <error>}
   * when the student's cell threw, timed out or was not reached. A file that could not be graded is
   * a suite with one {@code notebook} test case in error.
   */
  public static void writeGrades(List<StudentGrade> grades, Path file) {
    toFile(file, out -> writeGrades(grades, out));
  }

  /**
   * Writes the grades of a class to {@code out} as UTF-8 (see {@link #writeGrades(List, Path)}).
   */
  public static void writeGrades(List<StudentGrade> grades, OutputStream out) throws IOException {
    document(
        out,
        "csdlab grades",
        grades.stream().mapToLong(JUnitXmlReport::gradeTests).sum(),
        grades.stream().mapToLong(g -> gradeFailures(g, true)).sum(),
        grades.stream().mapToLong(g -> gradeFailures(g, false)).sum(),
        grades.stream().mapToLong(StudentGrade::elapsedNanos).sum(),
        xml -> {
          for (StudentGrade grade : grades) {
            gradeSuite(xml, grade);
          }
        });
  }

  private static void gradeSuite(XMLStreamWriter xml, StudentGrade grade)
      throws XMLStreamException {
    String className = "grades." + grade.tutorial().orElse("unknown") + "." + grade.student();
    startSuite(
        xml,
        clean(grade.student()),
        gradeTests(grade),
        gradeFailures(grade, true),
        gradeFailures(grade, false),
        grade.elapsedNanos());
    xml.writeCharacters("\n    ");
    xml.writeStartElement("properties");
    property(xml, "file", grade.file().toString());
    grade.tutorial().ifPresent(t -> property(xml, "tutorial", t));
    xml.writeEndElement();
    if (grade.problem().isPresent()) {
      SubmissionException problem = grade.problem().get();
      testcase(
          xml,
          clean(className),
          "notebook",
          "error",
          problem.reason().name().toLowerCase(Locale.ROOT),
          problem.problem(),
          problem.getMessage());
    }
    for (ExerciseGrade exercise : grade.exercises()) {
      String element =
          exercise.passed() ? null : exercise.outcome().isFailure() ? "failure" : "error";
      testcase(
          xml,
          clean(className),
          exercise.exercise().id(),
          element,
          exercise.outcome().name().toLowerCase(Locale.ROOT),
          exercise.message(),
          exercise.details());
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  /** Opens a {@code <testsuite>} with its counts. */
  private static void startSuite(
      XMLStreamWriter xml, String name, long tests, long failures, long errors, long nanos)
      throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", name);
    xml.writeAttribute("tests", Long.toString(tests));
    xml.writeAttribute("failures", Long.toString(failures));
    xml.writeAttribute("errors", Long.toString(errors));
    xml.writeAttribute("skipped", "0");
    xml.writeAttribute("time", seconds(nanos));
  }

  private static void property(XMLStreamWriter xml, String name, String value) {
    try {
      xml.writeCharacters("\n      ");
      xml.writeEmptyElement("property");
      xml.writeAttribute("name", name);
      xml.writeAttribute("value", clean(value));
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A test case; {@code element} is {@code failure}, {@code error} or null when it passed. */
  private static void testcase(
      XMLStreamWriter xml,
      String className,
      String name,
      String element,
      String type,
      String message,
      String details)
      throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", className);
    xml.writeAttribute("name", name);
    xml.writeAttribute("time", "0");
    if (element != null) {
      xml.writeStartElement(element);
      xml.writeAttribute("message", clean(message));
      xml.writeAttribute("type", type);
      xml.writeCharacters(clean(details));
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private static int gradeTests(StudentGrade grade) {
    return grade.exercises().size() + (grade.graded() ? 0 : 1);
  }

  /** The failures ({@code failures} true) or errors of a notebook's grades. */
  private static long gradeFailures(StudentGrade grade, boolean failures) {
    if (!failures && !grade.graded()) {
      return 1;
    }
    return grade.exercises().stream()
        .filter(e -> !e.passed() && e.outcome().isFailure() == failures)
        .count();
  }

  /** What writes the body of a report. */
  private interface Body {
    void write(XMLStreamWriter xml) throws XMLStreamException;
  }

  /** What writes a report to a stream. */
  private interface Writing {
    void write(OutputStream out) throws IOException;
  }

  private static void toFile(Path file, Writing writing) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        writing.write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the JUnit report " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A {@code <testsuites>} document with these totals around {@code body}, which writes the suites.
   */
  private static void document(
      OutputStream out, String name, long tests, long failures, long errors, long nanos, Body body)
      throws IOException {
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", name);
      xml.writeAttribute("tests", Long.toString(tests));
      xml.writeAttribute("failures", Long.toString(failures));
      xml.writeAttribute("errors", Long.toString(errors));
      xml.writeAttribute("time", seconds(nanos));
      body.write(xml);
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
    }
  }

  private static void suite(XMLStreamWriter xml, TutorialRun run) throws XMLStreamException {
    String className = "tutorials." + run.name();
    startSuite(xml, run.name(), tests(run), failures(run), errors(run), run.elapsedNanos());
    xml.writeCharacters("\n    ");
    xml.writeStartElement("properties");
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", "title");
    xml.writeAttribute("value", clean(run.title()));
    xml.writeEndElement();
    for (CheckResult check : run.checks()) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", className);
      xml.writeAttribute("name", clean(check.description()));
      xml.writeAttribute("time", "0");
      if (!check.passed()) {
        xml.writeStartElement("failure");
        xml.writeAttribute("message", clean(check.line()));
        xml.writeAttribute("type", "check");
        xml.writeCharacters(
            clean(
                check.printed()
                    + run.error()
                        .filter(FailedCell::isCheck)
                        .map(e -> "\n" + e.describe())
                        .orElse("")));
        xml.writeEndElement();
      }
      xml.writeEndElement();
    }
    if (run.error().isPresent() && !run.error().get().isCheck()) {
      FailedCell error = run.error().get();
      xml.writeCharacters("\n    ");
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", className);
      xml.writeAttribute("name", "cell " + error.cell() + " (line " + error.line() + ")");
      xml.writeAttribute("time", "0");
      xml.writeStartElement("error");
      xml.writeAttribute("message", clean(error.reason()));
      xml.writeAttribute("type", error.kind().name().toLowerCase(Locale.ROOT));
      xml.writeCharacters(clean(error.describe()));
      xml.writeEndElement();
      xml.writeEndElement();
    }
    xml.writeCharacters("\n    ");
    xml.writeStartElement("system-out");
    xml.writeCData(clean(run.output()).replace("]]>", "]]]]><![CDATA[>"));
    xml.writeEndElement();
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static int tests(TutorialRun run) {
    return run.checks().size() + errors(run);
  }

  private static int failures(TutorialRun run) {
    return run.failedChecks().size();
  }

  private static int errors(TutorialRun run) {
    return run.error().filter(e -> !e.isCheck()).isPresent() ? 1 : 0;
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
  }

  /** XML 1.0 cannot hold most control characters, even escaped: drop them (e.g. ANSI colours). */
  private static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              boolean allowed =
                  c == 0x9
                      || c == 0xA
                      || c == 0xD
                      || (c >= 0x20 && c <= 0xD7FF)
                      || (c >= 0xE000 && c <= 0xFFFD)
                      || (c >= 0x10000 && c <= 0x10FFFF);
              if (allowed) {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }
}
