package org.csdlab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.csdlab.lab.kernel.KernelInstaller;
import org.csdlab.lab.tutorial.Tutorial;
import org.csdlab.lab.tutorial.TutorialCatalog;
import org.csdlab.testing.JupyterSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code csdlab tutorial grade} under real Jupyter with the csdlab kernel: students' notebooks of
 * tutorial 1 with a correct answer, a wrong one, an exception, an endless loop and a deleted
 * exercise, and files that are no tutorial notebooks, each get the outcome a teacher expects, in
 * bounded time (each process is stopped after {@link JupyterSetup#PROCESS_TIMEOUT_SECONDS}).
 * Skipped where Jupyter is absent, failed in CI.
 */
class TutorialGradeInJupyterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIMES_SIX = "times-six";
  private static final String SUM_TO_100 = "sum-to-100";

  @TempDir Path home;

  private JupyterSetup jupyter;
  private Tutorial tutorial;
  private Path classDir;

  @BeforeEach
  void setUp() throws IOException, InterruptedException {
    jupyter = JupyterSetup.install(home);
    tutorial = ProjectFiles.catalog().get(1);
    classDir = Files.createDirectories(home.resolve("class"));
  }

  /**
   * The student notebook of tutorial 1 with {@code answers} put into the exercise cells (null
   * deletes the cell).
   */
  private Path handIn(String student, Map<String, String> answers) throws IOException {
    ObjectNode notebook = (ObjectNode) JSON.readTree(tutorial.studentNotebook().toFile());
    ArrayNode cells = (ArrayNode) notebook.path("cells");
    for (int i = cells.size() - 1; i >= 0; i--) {
      String exercise = cells.get(i).path("metadata").path("csdlab").path("exercise").asText();
      if (answers.containsKey(exercise)) {
        if (answers.get(exercise) == null) {
          cells.remove(i);
        } else {
          ((ObjectNode) cells.get(i)).put("source", answers.get(exercise));
        }
      }
    }
    Path file = classDir.resolve(student + ".ipynb");
    Files.writeString(file, JSON.writeValueAsString(notebook));
    return file;
  }

  private JupyterSetup.Result grade(List<String> options, Path... notebooks)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                KernelInstaller.currentJava().toString(),
                "-D" + TutorialCatalog.HOME_PROPERTY + "=" + ProjectFiles.catalog().root(),
                "-cp",
                ProjectFiles.csdlabJar().toString(),
                "org.csdlab.lab.cli.Main",
                "tutorial",
                "grade",
                "--python",
                jupyter.python.toString()));
    command.addAll(options);
    for (Path notebook : notebooks) {
      command.add(notebook.toString());
    }
    return jupyter.run(classDir, command);
  }

  /**
   * outcome (or "passed") and message of each test case, by suite and case name: "alice/times-six".
   */
  private static Map<String, String> cases(Path xml) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Map<String, String> cases = new LinkedHashMap<>();
    NodeList suites = doc.getElementsByTagName("testsuite");
    for (int s = 0; s < suites.getLength(); s++) {
      Element suite = (Element) suites.item(s);
      NodeList testcases = suite.getElementsByTagName("testcase");
      for (int c = 0; c < testcases.getLength(); c++) {
        Element testcase = (Element) testcases.item(c);
        Element problem =
            (Element)
                (testcase.getElementsByTagName("failure").getLength() > 0
                    ? testcase.getElementsByTagName("failure").item(0)
                    : testcase.getElementsByTagName("error").item(0));
        cases.put(
            suite.getAttribute("name") + "/" + testcase.getAttribute("name"),
            problem == null
                ? "passed"
                : problem.getAttribute("type") + ": " + problem.getAttribute("message"));
      }
    }
    return cases;
  }

  @Test
  void eachStudentAndExerciseGetsItsOutcomeAndBadFilesTheirReason() throws Exception {
    String correctTimes =
        "var times = lab.ebpf().assemble(\"times\", \"r0 = 6\\nr0 *= 7\\nexit\");";
    Path alice =
        handIn(
            "alice",
            Map.of(
                TIMES_SIX,
                correctTimes,
                SUM_TO_100,
                "var sum100 = lab.ebpf().assemble(\"sum100\", \"r0 = 0\\nr1 = 0\\nloop:\\nr1 += 1\\nr0 += r1\\n"
                    + "if r1 != 100 goto loop\\nexit\");"));
    Path bob =
        handIn(
            "bob",
            Map.of(
                TIMES_SIX,
                "var times = lab.ebpf().assemble(\"times\", \"r0 = 7\\nr0 *= 5\\nexit\");",
                SUM_TO_100,
                "if (true) throw new IllegalStateException(\"bob gave up\");"));
    Map<String, String> carolAnswers = new LinkedHashMap<>();
    carolAnswers.put(TIMES_SIX, "long spins = 0;\nwhile (true) { spins++; }");
    carolAnswers.put(SUM_TO_100, null);
    Path carol = handIn("carol", carolAnswers);
    Path untouched = handIn("dave", Map.of());
    Path notJson = Files.writeString(classDir.resolve("erin.ipynb"), "{\"cells\": [");
    Path plain =
        Files.writeString(
            classDir.resolve("frank.ipynb"),
            "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4," + " \"nbformat_minor\": 5}");
    Path otherTutorial =
        Files.writeString(
            classDir.resolve("grace.ipynb"),
            "{\"cells\": [], \"metadata\":"
                + " {\"csdlab\": {\"tutorial\": \"09-nothing\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}");
    Path xml = home.resolve("grades.xml");

    JupyterSetup.Result result =
        grade(
            List.of("--cell-timeout", "15", "--junit-xml", xml.toString()),
            alice,
            bob,
            carol,
            untouched,
            notJson,
            plain,
            otherTutorial,
            classDir.resolve("nobody.ipynb"));

    String out = result.output();
    assertEquals(
        1,
        result.exitCode(),
        "files that are not tutorial notebooks make the exit status 1:\n" + out);
    assertTrue(out.contains(alice + " (01-hello-ebpf): 2 of 2 exercises passed"), out);
    assertTrue(out.contains(bob + " (01-hello-ebpf): 0 of 2 exercises passed"), out);
    assertTrue(
        out.contains("  FAILED   times-six   r0 of your program: expected 42 but was 35"), out);
    assertTrue(
        out.contains(
            "  ERROR    sum-to-100  error in your cell: java.lang.IllegalStateException: bob gave up"),
        out);
    assertTrue(
        out.contains("  TIMEOUT  times-six   your cell ran longer than 15 s and was interrupted"),
        out);
    assertTrue(
        out.contains("  MISSING  sum-to-100  no cell of the notebook is exercise sum-to-100"), out);
    assertTrue(out.contains(notJson + ": NOT GRADED: not a notebook: not JSON at line 1"), out);
    assertTrue(
        out.contains(plain + ": NOT GRADED: a notebook, but not a csdlab tutorial notebook"), out);
    assertTrue(
        out.contains(otherTutorial + ": NOT GRADED: a notebook of tutorial 09-nothing, which "),
        out);
    assertTrue(
        out.contains(classDir.resolve("nobody.ipynb") + ": NOT GRADED: no such notebook"), out);
    assertTrue(
        out.contains("graded 4 notebooks: 2 of 8 exercises passed; 4 files NOT GRADED"), out);

    Map<String, String> cases = cases(xml);
    assertEquals("passed", cases.get("alice/times-six"));
    assertEquals("passed", cases.get("alice/sum-to-100"));
    assertEquals("failed: r0 of your program: expected 42 but was 35", cases.get("bob/times-six"));
    assertEquals(
        "error: error in your cell: java.lang.IllegalStateException: bob gave up",
        cases.get("bob/sum-to-100"));
    assertTrue(
        cases.get("carol/times-six").startsWith("timeout: your cell ran longer than 15 s"),
        cases.toString());
    assertTrue(cases.get("carol/sum-to-100").startsWith("missing: "), cases.toString());
    // The stubs run without errors: an untouched student notebook fails its checks, it does not
    // break.
    assertEquals("failed: r0 of your program: expected 42 but was 7", cases.get("dave/times-six"));
    assertEquals(
        "failed: r0 of your program: expected 5050 but was 0", cases.get("dave/sum-to-100"));
    assertEquals(
        "not_json: not a notebook: not JSON at line 1, column 12 (Unexpected end-of-input: expected close"
            + " marker for Array (start marker at line 1, column 11))",
        cases.get("erin/notebook"));
    assertTrue(
        cases
            .get("frank/notebook")
            .startsWith(
                "not_a_tutorial_notebook: a notebook, but not a csdlab tutorial" + " notebook"),
        cases.toString());
    assertTrue(
        cases
            .get("grace/notebook")
            .startsWith("unknown_tutorial: a notebook of tutorial 09-nothing"),
        cases.toString());
    assertEquals(
        "unreadable: no such notebook: " + classDir.resolve("nobody.ipynb"),
        cases.get("nobody/notebook"));
    assertEquals(12, cases.size(), cases.toString());
  }

  @Test
  void aNotebookPastItsBudgetStopsAndTheExercisesLeftAreNotRun() throws Exception {
    Path looping =
        handIn("heidi", Map.of(TIMES_SIX, "while (true) { }", SUM_TO_100, "var sum100 = 1;"));
    Path xml = home.resolve("budget.xml");

    JupyterSetup.Result result =
        grade(
            List.of(
                "--cell-timeout", "20", "--notebook-timeout", "20", "--junit-xml", xml.toString()),
            looping);

    assertEquals(
        0,
        result.exitCode(),
        "a graded notebook makes the exit status 0, whatever the student scored:\n"
            + result.output());
    Map<String, String> cases = cases(xml);
    assertTrue(cases.get("heidi/times-six").matches("(timeout|not_run): .*"), cases.toString());
    assertEquals(
        "not_run: your cell did not run: the notebook used up its budget of 20 s",
        cases.get("heidi/sum-to-100"));
  }

  @Test
  void theTeachersNotebookPassesItsOwnHiddenChecks() throws Exception {
    JsonNode teacher = JSON.readTree(tutorial.notebook().toFile());
    Path copy =
        Files.writeString(classDir.resolve("teacher.ipynb"), JSON.writeValueAsString(teacher));

    JupyterSetup.Result result = grade(List.of(), copy);

    assertEquals(0, result.exitCode(), result.output());
    assertTrue(
        result.output().contains(copy + " (01-hello-ebpf): 2 of 2 exercises passed"),
        result.output());
  }

  @Test
  void aKernelThatCannotStartLeavesTheNotebookNotGradedSayingSo() throws Exception {
    Path notebook = handIn("ivan", Map.of());

    JupyterSetup.Result result = grade(List.of("--kernel", "no-such-kernel"), notebook);

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result
            .output()
            .contains(
                notebook
                    + ": NOT GRADED: the kernel 'no-such-kernel' could not start (install"
                    + " it with ./csdlab jupyter install --user, or --prefix for all users)"),
        result.output());
  }

  @Test
  void untouchedStudentNotebooksRunTheirStubsAndFailOnlyTheirChecks() throws Exception {
    TutorialCatalog catalog = ProjectFiles.catalog();
    List<Path> copies = new ArrayList<>();
    for (Tutorial other :
        catalog.all().subList(1, catalog.all().size())) { // tutorial 1's stubs: dave above
      copies.add(
          Files.copy(other.studentNotebook(), classDir.resolve("stub-" + other.name() + ".ipynb")));
    }
    Path xml = home.resolve("stubs.xml");

    JupyterSetup.Result result =
        grade(List.of("--junit-xml", xml.toString()), copies.toArray(Path[]::new));

    assertEquals(0, result.exitCode(), result.output());
    Map<String, String> cases = cases(xml);
    assertTrue(cases.size() >= 2 * copies.size(), cases.toString());
    cases.forEach(
        (name, outcome) ->
            assertTrue(
                outcome.startsWith("failed: "),
                name
                    + ": an untouched stub must run without error and fail only its checks, got "
                    + outcome));
  }
}
