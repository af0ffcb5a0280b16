package org.csdlab.lab.tutorial;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A notebook the grader executed ({@link NotebookExecutor}), read for the outcome of each exercise
 * from the outputs of the student's cell and of the checks cell after it ({@link Submission.Plan}).
 */
final class ExecutedNotebook {

  private static final int MESSAGE_MAX_CHARS = 500;

  /** How a failed check starts its line ({@link Check}); the second where output is not UTF-8. */
  private static final String FAILED_MARK = "✗ ";

  private static final String FAILED_ASCII = "[FAIL] ";

  private final JsonNode cells;
  private final String nonce;

  ExecutedNotebook(JsonNode notebook, String nonce) {
    this.cells = Objects.requireNonNull(notebook, "notebook").path("cells");
    this.nonce = Objects.requireNonNull(nonce, "nonce");
  }

  /** The grade of {@code exercise}, whose cells {@code plan} placed. */
  ExerciseGrade grade(Exercise exercise, Submission.Plan plan) {
    Integer answerIndex = plan.answerCells().get(exercise.id());
    Integer checksIndex = plan.checksCells().get(exercise.id());
    if (answerIndex == null || checksIndex == null) {
      return new ExerciseGrade(
          exercise,
          ExerciseGrade.Outcome.MISSING,
          "no cell of the notebook is exercise "
              + exercise.id()
              + " (cell metadata "
              + NotebookGenerator.METADATA_KEY
              + ".exercise): was it deleted, or"
              + " its metadata removed?",
          "");
    }
    JsonNode answer = cells.path(answerIndex);
    JsonNode checks = cells.path(checksIndex);
    Optional<ExerciseGrade> stopped = stopped(exercise, answer, "your cell");
    if (stopped.isPresent()) {
      return stopped.get();
    }
    Optional<JsonNode> answerError = error(answer);
    if (answerError.isPresent()) {
      return new ExerciseGrade(
          exercise,
          ExerciseGrade.Outcome.ERROR,
          "error in your cell: " + summary(answerError.get()),
          traceback(answerError.get()));
    }
    stopped = stopped(exercise, checks, "the checks of your cell");
    if (stopped.isPresent()) {
      return stopped.get();
    }
    String printed = printed(checks);
    Optional<JsonNode> checksError = error(checks);
    if (checksError.isPresent()) {
      Optional<String> failedCheck =
          printed
              .lines()
              .filter(l -> l.startsWith(FAILED_MARK) || l.startsWith(FAILED_ASCII))
              .findFirst();
      String message =
          failedCheck
              .map(l -> l.substring(l.indexOf(' ') + 1))
              .orElse(
                  "the checks could not run on what your cell left: " + summary(checksError.get()));
      return new ExerciseGrade(
          exercise,
          ExerciseGrade.Outcome.FAILED,
          cut(message),
          printed + traceback(checksError.get()));
    }
    String mark = Submission.completionMark(nonce, exercise);
    if (printed.lines().noneMatch(mark::equals)) {
      return new ExerciseGrade(
          exercise,
          ExerciseGrade.Outcome.FAILED,
          "the checks did not run to their end (no"
              + " completion mark was printed: does your cell change System.out?)",
          printed);
    }
    return new ExerciseGrade(
        exercise,
        ExerciseGrade.Outcome.PASSED,
        "",
        printed
            .lines()
            .filter(l -> !l.equals(mark))
            .map(l -> l + "\n")
            .collect(Collectors.joining()));
  }

  /** The grade when {@code cell} was interrupted or never ran. */
  private static Optional<ExerciseGrade> stopped(Exercise exercise, JsonNode cell, String what) {
    JsonNode mark = cell.path("metadata").path(NotebookExecutor.RUN_MARK);
    if (mark.has("timed_out_s")) {
      return Optional.of(
          new ExerciseGrade(
              exercise,
              ExerciseGrade.Outcome.TIMEOUT,
              what
                  + " ran longer than "
                  + mark.path("timed_out_s").asLong()
                  + " s and was interrupted (an endless loop?)",
              ""));
    }
    if (mark.has("not_run")) {
      return Optional.of(
          new ExerciseGrade(
              exercise,
              ExerciseGrade.Outcome.NOT_RUN,
              what + " did not run: " + mark.path("not_run").asText(),
              ""));
    }
    if (mark.has("kernel_died")) {
      return Optional.of(
          new ExerciseGrade(
              exercise, ExerciseGrade.Outcome.ERROR, "the kernel died while " + what + " ran", ""));
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> error(JsonNode cell) {
    for (JsonNode output : cell.path("outputs")) {
      if ("error".equals(output.path("output_type").asText())) {
        return Optional.of(output);
      }
    }
    return Optional.empty();
  }

  /** What the cell printed on its streams. */
  private static String printed(JsonNode cell) {
    StringBuilder text = new StringBuilder();
    for (JsonNode output : cell.path("outputs")) {
      if ("stream".equals(output.path("output_type").asText())) {
        text.append(text(output.path("text")));
      }
    }
    return text.toString();
  }

  /** An error output in one line: its value, and the compiler's symbol line when there is one. */
  private static String summary(JsonNode error) {
    String value = error.path("evalue").asText();
    List<String> lines = new ArrayList<>();
    error.path("traceback").forEach(l -> lines.add(l.asText()));
    String symbol =
        lines.stream()
            .map(String::strip)
            .filter(l -> l.startsWith("symbol:"))
            .findFirst()
            .map(l -> " (" + l.replaceAll("\\s+", " ") + ")")
            .orElse("");
    return cut(value + symbol);
  }

  private static String traceback(JsonNode error) {
    StringBuilder text = new StringBuilder();
    error.path("traceback").forEach(l -> text.append(l.asText()).append('\n'));
    return text.toString();
  }

  private static String cut(String message) {
    String line = message.replace('\n', ' ');
    return line.length() <= MESSAGE_MAX_CHARS ? line : line.substring(0, MESSAGE_MAX_CHARS) + "...";
  }

  /** A notebook text field, which nbformat stores as one string or as a list of lines. */
  static String text(JsonNode node) {
    if (node.isArray()) {
      StringBuilder joined = new StringBuilder();
      node.forEach(line -> joined.append(line.asText()));
      return joined.toString();
    }
    return node.asText();
  }
}
