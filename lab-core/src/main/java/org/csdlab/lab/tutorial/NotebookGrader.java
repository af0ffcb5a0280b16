package org.csdlab.lab.tutorial;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.csdlab.lab.io.InputFile;
import org.csdlab.lab.io.InputFileException;

/**
 * Grades students' notebooks ({@code ./csdlab tutorial grade}): for each file, finds its tutorial
 * from the notebook's metadata, puts each exercise's hidden checks (from the teacher's {@code
 * tutorial.jsh}) after the student's cell for it, executes the notebook under the csdlab kernel
 * with real Jupyter ({@link NotebookExecutor}) and reads each exercise's outcome from the outputs.
 * A file that cannot be graded gets its reason; the others are graded all the same.
 *
 * <p>The notebook runs in the catalog's {@code notebooks/} directory, with {@code CSDLAB_HOME} set
 * to the catalog's root, as the tutorials expect.
 */
public final class NotebookGrader {

  /**
   * The most bytes read back from an executed notebook (outputs are cut by the driver well below
   * this).
   */
  public static final long EXECUTED_MAX_BYTES = 64L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TutorialCatalog catalog;
  private final NotebookExecutor executor;
  private final Optional<Path> executedDir;

  /**
   * @param executedDir where to keep each executed notebook (as {@code STUDENT.ipynb}), for the
   *     teacher to read; empty to keep none
   */
  public NotebookGrader(
      TutorialCatalog catalog, NotebookExecutor executor, Optional<Path> executedDir) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.executedDir = Objects.requireNonNull(executedDir, "executedDir");
  }

  /** Grades one notebook; never throws for what the file holds. */
  public StudentGrade grade(Path file) throws InterruptedException {
    long start = System.nanoTime();
    Optional<String> tutorialName = Optional.empty();
    try {
      Submission submission = Submission.read(file);
      tutorialName = Optional.of(submission.tutorial());
      Tutorial tutorial = tutorial(submission);
      TutorialSource source = tutorial.source();
      String nonce = UUID.randomUUID().toString();
      Submission.Plan plan = submission.plan(source, nonce);
      JsonNode executed = execute(submission, plan);
      ExecutedNotebook notebook = new ExecutedNotebook(executed, nonce);
      List<ExerciseGrade> grades =
          source.exercises().stream().map(e -> notebook.grade(e, plan)).toList();
      return new StudentGrade(
          file,
          submission.student(),
          tutorialName,
          grades,
          Optional.empty(),
          System.nanoTime() - start);
    } catch (SubmissionException e) {
      return new StudentGrade(
          file,
          Submission.studentOf(file),
          tutorialName,
          List.of(),
          Optional.of(e),
          System.nanoTime() - start);
    } catch (NotebookExecutor.ExecutionFailure e) {
      String log = e.log().isBlank() ? "" : "\n" + e.log().strip();
      return new StudentGrade(
          file,
          Submission.studentOf(file),
          tutorialName,
          List.of(),
          Optional.of(
              new SubmissionException(
                  file, SubmissionException.Reason.EXECUTION_FAILED, e.getMessage() + log, e)),
          System.nanoTime() - start);
    }
  }

  private Tutorial tutorial(Submission submission) {
    return catalog.all().stream()
        .filter(t -> t.name().equals(submission.tutorial()))
        .findFirst()
        .orElseThrow(
            () ->
                new SubmissionException(
                    submission.file(),
                    SubmissionException.Reason.UNKNOWN_TUTORIAL,
                    "a notebook of tutorial "
                        + submission.tutorial()
                        + ", which "
                        + catalog.directory()
                        + " does not have"
                        + " (it has "
                        + catalog.all().stream()
                            .map(Tutorial::name)
                            .collect(Collectors.joining(", "))
                        + ")",
                    null));
  }

  private JsonNode execute(Submission submission, Submission.Plan plan)
      throws InterruptedException {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("csdlab-grade-");
      Path input = scratch.resolve("submitted.ipynb");
      Files.writeString(
          input,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan.notebook()),
          StandardCharsets.UTF_8);
      Path output = executor.execute(input, scratch.resolve("executed.ipynb"), catalog.notebooks());
      JsonNode executed;
      try {
        executed =
            JSON.readTree(
                new InputFile(output, "executed notebook", EXECUTED_MAX_BYTES).readString());
      } catch (InputFileException | JacksonException e) {
        throw new SubmissionException(
            submission.file(), SubmissionException.Reason.EXECUTION_FAILED, e.getMessage(), e);
      }
      if (executedDir.isPresent()) {
        Files.createDirectories(executedDir.get());
        Files.copy(
            output,
            executedDir.get().resolve(submission.student() + ".ipynb"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      return executed;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot grade " + submission.file() + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(scratch);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // A temporary directory left behind harms nothing.
    }
  }
}
