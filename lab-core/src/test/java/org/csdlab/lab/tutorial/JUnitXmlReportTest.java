package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlReportTest {

  private static Document report(List<TutorialRun> runs) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JUnitXmlReport.write(runs, out);
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(out.toByteArray()));
  }

  private static final CheckResult OK = new CheckResult("r0", true, "r0 is 42");
  private static final CheckResult BAD =
      new CheckResult(
          "bytes <moved> & \"sent\"", false, "bytes <moved> & \"sent\": expected 8 but was 9");

  /** How the real runner fails {@code source}. */
  private static Optional<FailedCell> failureOf(String source) {
    Optional<FailedCell> failure =
        TutorialRunner.builder().build().run("t", TutorialSource.parse(source)).error();
    assertTrue(failure.isPresent(), source);
    return failure;
  }

  @Test
  void oneSuitePerTutorialOneCasePerCheckAndPerCellError() throws Exception {
    TutorialRun passed =
        new TutorialRun(
            "01-hello", "Hello", List.of(OK), Optional.empty(), "✓ r0 is 42\n", 1_500_000_000L);
    TutorialRun failedCheck =
        new TutorialRun(
            "02-zones",
            "Zones",
            List.of(OK, BAD),
            failureOf(
                "//md # Zones\nimport org.csdlab.lab.tutorial.*;\nCheck.that(\"one\", 1).is(2);\n"),
            "out ]]> \u001b[31m",
            0);
    TutorialRun crashed =
        new TutorialRun(
            "03-filter",
            "Filter",
            List.of(),
            failureOf(
                "//md # Filter\n//md\n//md text\nint zone = 3;\n//--\nint[] a = new int[2];\n\n\na[zone] = 1;\n"),
            "",
            0);
    Document doc = report(List.of(passed, failedCheck, crashed));

    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("4", root.getAttribute("tests"));
    assertEquals("1", root.getAttribute("failures"));
    assertEquals("1", root.getAttribute("errors"));
    NodeList suites = root.getElementsByTagName("testsuite");
    assertEquals(3, suites.getLength());
    Element first = (Element) suites.item(0);
    assertEquals("01-hello", first.getAttribute("name"));
    assertEquals("1.500", first.getAttribute("time"));
    Element second = (Element) suites.item(1);
    assertEquals("2", second.getAttribute("tests"));
    assertEquals("1", second.getAttribute("failures"));
    Element failure = (Element) second.getElementsByTagName("failure").item(0);
    assertEquals(BAD.line(), failure.getAttribute("message"));
    assertEquals(BAD.description(), ((Element) failure.getParentNode()).getAttribute("name"));
    assertEquals(
        "out ]]> [31m", second.getElementsByTagName("system-out").item(0).getTextContent());
    Element third = (Element) suites.item(2);
    Element error = (Element) third.getElementsByTagName("error").item(0);
    assertEquals("exception", error.getAttribute("type"));
    assertEquals(
        "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 2",
        error.getAttribute("message"));
    assertEquals("cell 3 (line 9)", ((Element) error.getParentNode()).getAttribute("name"));
    assertEquals(
        "tutorials.03-filter", ((Element) error.getParentNode()).getAttribute("classname"));
  }

  @Test
  void gradesAreOneSuitePerStudentAndOneCasePerExercise() throws Exception {
    Exercise answer = new Exercise("answer-42", "Make answer 42", "", 1);
    Exercise loop = new Exercise("sum-loop", "Sum in a loop", "", 9);
    StudentGrade alice =
        new StudentGrade(
            java.nio.file.Path.of("class/alice.ipynb"),
            "alice",
            Optional.of("01-hello"),
            List.of(
                new ExerciseGrade(answer, ExerciseGrade.Outcome.PASSED, "", "✓ answer is 42\n"),
                new ExerciseGrade(
                    loop, ExerciseGrade.Outcome.TIMEOUT, "your cell ran longer than 60 s", "")),
            Optional.empty(),
            2_000_000_000L);
    StudentGrade bob =
        new StudentGrade(
            java.nio.file.Path.of("class/bob.ipynb"),
            "bob",
            Optional.of("01-hello"),
            List.of(
                new ExerciseGrade(
                    answer, ExerciseGrade.Outcome.FAILED, "answer: expected 42 but was 41", ""),
                new ExerciseGrade(loop, ExerciseGrade.Outcome.MISSING, "no cell", "")),
            Optional.empty(),
            0);
    StudentGrade carol =
        new StudentGrade(
            java.nio.file.Path.of("class/carol.ipynb"),
            "carol",
            Optional.empty(),
            List.of(),
            Optional.of(
                new SubmissionException(
                    java.nio.file.Path.of("class/carol.ipynb"),
                    SubmissionException.Reason.NOT_JSON,
                    "not a notebook: not JSON",
                    null)),
            0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JUnitXmlReport.writeGrades(List.of(alice, bob, carol), out);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(out.toByteArray()));

    Element root = doc.getDocumentElement();
    assertEquals("5", root.getAttribute("tests"));
    assertEquals("2", root.getAttribute("failures"));
    assertEquals("2", root.getAttribute("errors"));
    NodeList suites = root.getElementsByTagName("testsuite");
    assertEquals(3, suites.getLength());
    Element first = (Element) suites.item(0);
    assertEquals("alice", first.getAttribute("name"));
    NodeList aliceCases = first.getElementsByTagName("testcase");
    assertEquals("answer-42", ((Element) aliceCases.item(0)).getAttribute("name"));
    assertEquals("grades.01-hello.alice", ((Element) aliceCases.item(0)).getAttribute("classname"));
    assertEquals(0, ((Element) aliceCases.item(0)).getChildNodes().getLength());
    Element timeout =
        (Element) ((Element) aliceCases.item(1)).getElementsByTagName("error").item(0);
    assertEquals("timeout", timeout.getAttribute("type"));
    assertEquals("your cell ran longer than 60 s", timeout.getAttribute("message"));
    NodeList bobFailures = ((Element) suites.item(1)).getElementsByTagName("failure");
    assertEquals(
        "answer: expected 42 but was 41", ((Element) bobFailures.item(0)).getAttribute("message"));
    assertEquals("missing", ((Element) bobFailures.item(1)).getAttribute("type"));
    Element carolError = (Element) ((Element) suites.item(2)).getElementsByTagName("error").item(0);
    assertEquals("not_json", carolError.getAttribute("type"));
    assertEquals("notebook", ((Element) carolError.getParentNode()).getAttribute("name"));
  }
}
