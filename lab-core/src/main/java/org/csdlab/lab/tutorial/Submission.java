package org.csdlab.lab.tutorial;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.csdlab.lab.io.InputFile;
import org.csdlab.lab.io.InputFileException;

/**
 * A student's notebook handed in for grading, read and checked: an nbformat 4 notebook generated
 * from a csdlab tutorial ({@code metadata.csdlab.tutorial}), with the student's exercise cells
 * found by their metadata ({@code cell.metadata.csdlab.exercise}). See {@link NotebookGenerator}.
 *
 * @param file the file as named
 * @param student who handed it in: the file name without {@code .ipynb}
 * @param tutorial the name of the tutorial it was generated from, e.g. {@code 01-hello-ebpf}
 * @param notebook the notebook as read (not changed by grading)
 */
public record Submission(Path file, String student, String tutorial, ObjectNode notebook) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How Jackson names a place in its messages: {@code [Source: REDACTED (...); line: 1, column:
   * 11]}.
   */
  private static final Pattern SOURCE_IN_MESSAGE =
      Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

  public Submission {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(tutorial, "tutorial");
    notebook = Objects.requireNonNull(notebook, "notebook").deepCopy();
  }

  /** Who handed in {@code file}: its name without {@code .ipynb}. */
  public static String studentOf(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    return name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
  }

  /**
   * Reads and checks {@code file} (UTF-8, at most {@link InputFile#TEXT_MAX_BYTES}).
   *
   * @throws SubmissionException saying why it cannot be graded
   */
  public static Submission read(Path file) {
    String text;
    try {
      text = InputFile.text(file, "notebook").readString();
    } catch (InputFileException e) {
      throw new SubmissionException(file, SubmissionException.Reason.UNREADABLE, e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SubmissionException(
          file,
          SubmissionException.Reason.NOT_JSON,
          "not a notebook: not JSON"
              + where
              + " ("
              + SOURCE_IN_MESSAGE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2")
              + ")",
          e);
    }
    if (root == null
        || !root.isObject()
        || !root.path("cells").isArray()
        || root.path("nbformat").asInt() != 4) {
      throw new SubmissionException(
          file,
          SubmissionException.Reason.NOT_A_NOTEBOOK,
          "JSON, but not a Jupyter" + " notebook (an nbformat 4 object with a cells list)",
          null);
    }
    JsonNode tutorial = root.path("metadata").path(NotebookGenerator.METADATA_KEY).path("tutorial");
    if (!tutorial.isTextual() || tutorial.asText().isBlank()) {
      throw new SubmissionException(
          file,
          SubmissionException.Reason.NOT_A_TUTORIAL_NOTEBOOK,
          "a notebook, but not"
              + " a csdlab tutorial notebook (its metadata has no "
              + NotebookGenerator.METADATA_KEY
              + ".tutorial); hand"
              + " out the student notebooks of notebooks/"
              + Tutorial.STUDENT_DIRECTORY
              + "/ (./csdlab tutorial notebooks)",
          null);
    }
    return new Submission(file, studentOf(file), tutorial.asText(), (ObjectNode) root);
  }

  /**
   * The index in {@code cells} of the student's cell for exercise {@code id}: the last cell tagged
   * with it.
   */
  public Optional<Integer> answerCell(String id) {
    Optional<Integer> found = Optional.empty();
    JsonNode cells = notebook.path("cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonNode tag = cells.get(i).path("metadata").path(NotebookGenerator.METADATA_KEY);
      boolean answer = !"checks".equals(tag.path("role").asText());
      if (answer
          && "code".equals(cells.get(i).path("cell_type").asText())
          && id.equals(tag.path("exercise").asText())) {
        found = Optional.of(i);
      }
    }
    return found;
  }

  /**
   * The notebook to execute: the student's cells with each exercise's hidden checks (from {@code
   * source}, the teacher's) inserted right after the student's cell for it, each ending by printing
   * {@link #completionMark}. Checks cells already in the notebook are dropped: only the teacher's
   * source is trusted.
   *
   * @return the notebook, and where each exercise's checks cell is in it
   */
  public Plan plan(TutorialSource source, String nonce) {
    ObjectNode copy = notebook.deepCopy();
    ArrayNode cells = JSON.createArrayNode();
    Map<Integer, Exercise> after = new HashMap<>();
    for (Exercise exercise : source.exercises()) {
      answerCell(exercise.id()).ifPresent(index -> after.put(index, exercise));
    }
    Map<String, Integer> checksCells = new LinkedHashMap<>();
    Map<String, Integer> answerCells = new LinkedHashMap<>();
    JsonNode original = notebook.path("cells");
    for (int i = 0; i < original.size(); i++) {
      JsonNode cell = original.get(i);
      if ("checks"
          .equals(
              cell.path("metadata").path(NotebookGenerator.METADATA_KEY).path("role").asText())) {
        continue;
      }
      cells.add(cell.deepCopy());
      Exercise exercise = after.get(i);
      if (exercise != null) {
        answerCells.put(exercise.id(), cells.size() - 1);
        String checks =
            source.exerciseCell(exercise.id(), Exercise.Role.CHECKS).orElseThrow().text();
        cells.add(
            checksCell(
                exercise,
                checks + "\nSystem.out.println(\"" + completionMark(nonce, exercise) + "\");"));
        checksCells.put(exercise.id(), cells.size() - 1);
      }
    }
    copy.set("cells", cells);
    return new Plan(copy, answerCells, checksCells);
  }

  /**
   * The line a checks cell prints when it ran to its end; {@code nonce} is fresh for each grading
   * run.
   */
  public static String completionMark(String nonce, Exercise exercise) {
    return "csdlab-grader " + nonce + " " + exercise.id() + " done";
  }

  private static ObjectNode checksCell(Exercise exercise, String code) {
    ObjectNode cell = JSON.createObjectNode();
    cell.put("cell_type", "code");
    cell.putNull("execution_count");
    cell.put("id", "grade-" + exercise.id());
    ObjectNode tag = cell.putObject("metadata").putObject(NotebookGenerator.METADATA_KEY);
    tag.put("exercise", exercise.id());
    tag.put("role", "checks");
    cell.putArray("outputs");
    cell.put("source", code);
    return cell;
  }

  /**
   * A notebook ready to execute for grading.
   *
   * @param notebook the notebook with the hidden checks in it
   * @param answerCells where each exercise's student cell is, by exercise id (missing exercises
   *     absent)
   * @param checksCells where each exercise's checks cell is, by exercise id
   */
  public record Plan(
      ObjectNode notebook, Map<String, Integer> answerCells, Map<String, Integer> checksCells) {
    public Plan {
      answerCells = Map.copyOf(answerCells);
      checksCells = Map.copyOf(checksCells);
    }
  }
}
