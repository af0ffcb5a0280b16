package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
  }

  private static final CheckResult OK = new CheckResult("r0", true, "r0 is 42");
  private static final CheckResult BAD = new CheckResult("bytes <moved> & \"sent\"", false,
      "bytes <moved> & \"sent\": expected 8 but was 9");

  @Test
  void oneSuitePerTutorialOneCasePerCheckAndPerCellError() throws Exception {
    TutorialRun passed = new TutorialRun("01-hello", "Hello", List.of(OK), Optional.empty(), "✓ r0 is 42\n", 1_500_000_000L);
    TutorialRun failedCheck = new TutorialRun("02-zones", "Zones", List.of(OK, BAD),
        Optional.of(new CellError(3, 20, CellError.Kind.CHECK, "check failed", "Check.that(...)")), "out ]]> \u001b[31m", 0);
    TutorialRun crashed = new TutorialRun("03-filter", "Filter", List.of(),
        Optional.of(new CellError(5, 40, CellError.Kind.EXCEPTION, "ZnsException: zone 3 is full", "dev.write(0, b);")), "", 0);
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
    assertEquals("out ]]> [31m", second.getElementsByTagName("system-out").item(0).getTextContent());
    Element third = (Element) suites.item(2);
    Element error = (Element) third.getElementsByTagName("error").item(0);
    assertEquals("exception", error.getAttribute("type"));
    assertEquals("cell 5 (line 40)", ((Element) error.getParentNode()).getAttribute("name"));
    assertEquals("tutorials.03-filter", ((Element) error.getParentNode()).getAttribute("classname"));
  }
}
