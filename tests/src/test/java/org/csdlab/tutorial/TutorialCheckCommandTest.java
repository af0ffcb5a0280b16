package org.csdlab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.csdlab.lab.cli.Main;
import org.csdlab.lab.tutorial.Tutorial;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** {@code csdlab tutorial check N --junit-xml FILE} passes for every tutorial, run in this JVM. */
class TutorialCheckCommandTest {

  @TempDir Path reports;

  @Test
  void tutorialsAreNumberedFromOneWithoutGaps() {
    List<Tutorial> all = ProjectFiles.catalog().all();
    assertTrue(all.size() >= 1, "tutorials found: " + all);
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i + 1, all.get(i).number(), "tutorials are numbered 1, 2, 3...: " + all);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyTutorialChecksOut() {
    return ProjectFiles.catalog().all().stream()
        .map(
            tutorial ->
                DynamicTest.dynamicTest(
                    tutorial.name(),
                    () -> {
                      Path report = reports.resolve(tutorial.name() + ".xml");
                      StringWriter out = new StringWriter();
                      StringWriter err = new StringWriter();
                      int status =
                          Main.execute(
                              new PrintWriter(out, true),
                              new PrintWriter(err, true),
                              "tutorial",
                              "--home",
                              ProjectFiles.catalog().root().toString(),
                              "check",
                              Integer.toString(tutorial.number()),
                              "--junit-xml",
                              report.toString());
                      String printed = out + "\n" + err;
                      assertEquals(0, status, printed);
                      assertTrue(printed.contains("✓ " + tutorial.name() + ": "), printed);
                      assertFalse(printed.contains("✗"), printed);
                      Element suites =
                          DocumentBuilderFactory.newInstance()
                              .newDocumentBuilder()
                              .parse(report.toFile())
                              .getDocumentElement();
                      Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
                      assertEquals(tutorial.name(), suite.getAttribute("name"));
                      assertEquals("0", suite.getAttribute("failures"), printed);
                      assertEquals("0", suite.getAttribute("errors"), printed);
                      assertTrue(
                          Integer.parseInt(suite.getAttribute("tests")) >= 5,
                          "a tutorial checks what it states: " + printed);
                    }));
  }

  @Test
  void anUnknownTutorialIsAnErrorNamingTheOnesThatExist() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        Main.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "tutorial",
            "--home",
            ProjectFiles.catalog().root().toString(),
            "check",
            "99");
    assertEquals(2, status, out + "\n" + err); // a usage error, found before any tutorial runs
    assertTrue(
        err.toString().contains("N: there is no tutorial 99; the tutorials are 1, "),
        err.toString());
  }
}
