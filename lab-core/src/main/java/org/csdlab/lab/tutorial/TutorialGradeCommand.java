package org.csdlab.lab.tutorial;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code csdlab tutorial grade STUDENT.ipynb... [--junit-xml FILE]}: executes each student's
 * notebook under the csdlab kernel with the hidden checks of its tutorial's exercises, and reports
 * per student and per exercise. Exit status 0 when every notebook was graded, whatever the students
 * scored; 1 when a file could not be graded; 2 for bad arguments.
 */
@Command(
    name = "grade",
    description = {
      "Grade students' notebooks: run each under the csdlab kernel (real Jupyter) with the hidden"
          + " checks of its tutorial's exercises after the student's cells, and report each exercise."
    },
    footer = {
      "",
      "Exit status: 0 when every notebook was graded (whatever the students scored; the report and the"
          + " JUnit XML say who passed what), 1 when a file could not be graded (not a csdlab tutorial notebook,"
          + " unreadable, Jupyter or the kernel failed), 2 for bad arguments. A student's cell that fails, loops"
          + " or is missing fails that exercise only. See tutorials/TEACHING.md."
    })
public final class TutorialGradeCommand implements Callable<Integer> {
  /** The most a cell or a notebook may be given: a day. */
  static final long MAX_TIMEOUT_SECONDS = 24 * 3600;

  @Spec CommandSpec spec;

  @ParentCommand TutorialCommand parent;

  @Parameters(
      paramLabel = "STUDENT.ipynb",
      arity = "1..*",
      description =
          "Students' notebooks, each a copy of one in notebooks/student/ that a student filled in; the file name names the student.")
  List<Path> notebooks = new ArrayList<>();

  @Option(
      names = "--junit-xml",
      paramLabel = "FILE",
      description =
          "Also write a JUnit XML report to FILE: one test suite per notebook, one test case per exercise.")
  Path junitXml;

  @Option(
      names = "--cell-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "Interrupt a cell that runs longer than this; its exercise fails (default: ${DEFAULT-VALUE}).")
  long cellTimeoutSeconds;

  @Option(
      names = "--notebook-timeout",
      paramLabel = "SECONDS",
      defaultValue = "900",
      description =
          "Stop running a notebook's cells after this long in all; the exercises not reached fail"
              + " (default: ${DEFAULT-VALUE}).")
  long notebookTimeoutSeconds;

  @Option(
      names = "--kernel",
      paramLabel = "NAME",
      defaultValue = NotebookGenerator.KERNEL_NAME,
      description = "The Jupyter kernelspec to run the notebooks with (default: ${DEFAULT-VALUE}).")
  String kernel;

  @Option(
      names = "--python",
      paramLabel = "FILE",
      description =
          "The Python with nbclient to run Jupyter from (default: the one of the jupyter command, else"
              + " python3).")
  Path python;

  @Option(
      names = "--executed-dir",
      paramLabel = "DIR",
      description =
          "Keep each executed notebook, with the hidden checks' output, as DIR/STUDENT.ipynb.")
  Path executedDir;

  @Override
  public Integer call() throws InterruptedException {
    checkTimeout("--cell-timeout", cellTimeoutSeconds);
    checkTimeout("--notebook-timeout", notebookTimeoutSeconds);
    if (cellTimeoutSeconds > notebookTimeoutSeconds) {
      throw new ParameterException(
          spec.commandLine(),
          "--cell-timeout ("
              + cellTimeoutSeconds
              + " s) is longer than"
              + " --notebook-timeout ("
              + notebookTimeoutSeconds
              + " s)");
    }
    if (!kernel.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new ParameterException(
          spec.commandLine(),
          "--kernel: '"
              + kernel
              + "' is not a kernelspec name"
              + " (letters, digits, '.', '_' and '-')");
    }
    Map<String, Path> students = new HashMap<>();
    for (Path notebook : notebooks) {
      Path earlier = students.putIfAbsent(Submission.studentOf(notebook), notebook);
      if (earlier != null) {
        throw new ParameterException(
            spec.commandLine(),
            "two notebooks name the student "
                + Submission.studentOf(notebook)
                + ": "
                + earlier
                + " and "
                + notebook
                + "; a notebook's file name names"
                + " its student in the report, so rename one");
      }
    }
    TutorialCatalog catalog = parent.catalog();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path interpreter = NotebookExecutor.findPython(Optional.ofNullable(python)).orElse(null);
    Optional<String> pythonProblem =
        interpreter == null
            ? Optional.of("no python3 found on the PATH")
            : NotebookExecutor.checkPython(interpreter);
    if (pythonProblem.isPresent()) {
      err.println(
          "Cannot grade: grading runs the notebooks with Jupyter's nbclient, and "
              + pythonProblem.get()
              + ". "
              + NotebookExecutor.INSTALL_NBCLIENT_HINT);
      return 1;
    }
    NotebookExecutor executor =
        new NotebookExecutor(
            interpreter,
            kernel,
            Duration.ofSeconds(cellTimeoutSeconds),
            Duration.ofSeconds(notebookTimeoutSeconds),
            Map.of(
                TutorialCatalog.HOME_VARIABLE,
                catalog.root().toString(),
                "PYTHONIOENCODING",
                "utf-8"));
    NotebookGrader grader = new NotebookGrader(catalog, executor, Optional.ofNullable(executedDir));
    List<StudentGrade> grades = new ArrayList<>();
    for (Path notebook : notebooks) {
      StudentGrade grade = grader.grade(notebook);
      grades.add(grade);
      out.print(GradeReport.text(grade));
      out.flush();
    }
    out.println(GradeReport.summary(grades));
    if (junitXml != null) {
      JUnitXmlReport.writeGrades(grades, junitXml);
      out.println("JUnit report: " + junitXml);
    }
    return grades.stream().allMatch(StudentGrade::graded) ? 0 : 1;
  }

  private void checkTimeout(String option, long seconds) {
    if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(
              Locale.ROOT,
              "%s must be 1 to %d seconds," + " was %d",
              option,
              MAX_TIMEOUT_SECONDS,
              seconds));
    }
  }
}
