package org.csdlab.lab.tutorial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csdlab.lab.io.InputFile;

/**
 * A tutorial's single source: a JShell script ({@code tutorial.jsh}) whose comments carry the text.
 * The script runs as it is in {@code jshell}; the notebook is generated from it.
 *
 * <pre>
 * //md # Hello eBPF
 * //md
 * //md We assemble a program that returns 42.
 * import org.csdlab.ebpf.*;
 * var hello = Assembler.assemble("r0 = 42\nexit");
 * //--
 * Check.that("r0", Vm.builder(hello).build().run(new byte[0]).r0()).is(42);
 * </pre>
 *
 * <ul>
 *   <li>Consecutive lines starting with {@code //md} form one markdown cell; the marker and one
 *       space after it are removed ({@code //md} alone is an empty markdown line).
 *   <li>Everything else is code. Code between two markdown cells is one code cell; a line {@code
 *       //--} splits it into two cells.
 *   <li>Blank lines around a cell are dropped; cells left empty disappear.
 * </ul>
 *
 * <p>An <b>exercise</b> is a block of marker lines, all of them comments to {@code jshell}, so the
 * teacher's script runs its reference solution and its hidden checks as they are:
 *
 * <pre>
 * //exercise sum-to-100 "Sum 1 to 100 in a loop"
 * //stub var sumTo100 = lab.ebpf().assemble("sum-to-100", """
 * //stub     r0 = 0
 * //stub     exit
 * //stub     """);
 * //solution
 * var sumTo100 = lab.ebpf().assemble("sum-to-100", ...);
 * //hidden
 * Check.that("r0 of your program", sumTo100.run().r0()).is(5050);
 * //end
 * </pre>
 *
 * <ul>
 *   <li>{@code //exercise ID "TITLE"} opens it: the id ({@link Exercise#ID}) is the stable name
 *       grading reports use, unique in the tutorial.
 *   <li>{@code //stub} lines (marker and one space removed) are the student's starting code; they
 *       come first, and there may be none.
 *   <li>After {@code //solution}, the reference solution: one code cell.
 *   <li>After {@code //hidden}, the checks only the teacher's copy holds: one code cell.
 *   <li>{@code //end} closes it. Inside an exercise there is no {@code //md} and no {@code //--}.
 * </ul>
 *
 * A source that breaks these rules is refused with a {@link TutorialSourceException} naming the
 * line.
 *
 * @param cells the cells in order
 */
public record TutorialSource(List<Cell> cells) {

  /** The marker of a markdown line. */
  public static final String MARKDOWN = "//md";

  /** A line that ends one code cell and starts another. */
  public static final String CELL_BREAK = "//--";

  /** Opens an exercise: {@code //exercise ID "TITLE"}. */
  public static final String EXERCISE = "//exercise";

  /** A line of an exercise's stub. */
  public static final String STUB = "//stub";

  /** Starts an exercise's reference solution. */
  public static final String SOLUTION = "//solution";

  /** Starts an exercise's hidden checks. */
  public static final String HIDDEN = "//hidden";

  /** Closes an exercise. */
  public static final String END = "//end";

  public TutorialSource {
    cells = List.copyOf(Objects.requireNonNull(cells, "cells"));
  }

  /**
   * Reads and parses a tutorial source file (UTF-8, a regular file of at most {@link
   * InputFile#TEXT_MAX_BYTES}).
   *
   * @throws TutorialSourceException naming the file and the line when the exercise markers are
   *     misused
   */
  public static TutorialSource read(Path file) {
    String text = InputFile.text(file, "tutorial source").readString();
    try {
      return parse(text);
    } catch (TutorialSourceException e) {
      throw e.in(file);
    }
  }

  /**
   * Parses a tutorial source's text.
   *
   * @throws TutorialSourceException naming the line when the exercise markers are misused
   */
  public static TutorialSource parse(String text) {
    Objects.requireNonNull(text, "text");
    return new Parser().parse(text.split("\r?\n", -1));
  }

  /** The title: the first markdown heading, without its {@code #} marks. */
  public String title() {
    for (Cell cell : cells) {
      if (cell.kind() == Cell.Kind.MARKDOWN) {
        for (String line : cell.text().split("\n")) {
          if (line.startsWith("#")) {
            return line.replaceFirst("^#+\\s*", "").strip();
          }
        }
      }
    }
    return "(untitled)";
  }

  /** The code cells only, in order. */
  public List<Cell> codeCells() {
    return cells.stream().filter(Cell::isCode).toList();
  }

  /** The exercises, in order. */
  public List<Exercise> exercises() {
    return cells.stream()
        .flatMap(c -> c.exercise().stream())
        .filter(p -> p.role() == Exercise.Role.SOLUTION)
        .map(Exercise.Part::exercise)
        .toList();
  }

  /** The cell of exercise {@code id} that plays {@code role}. */
  public Optional<Cell> exerciseCell(String id, Exercise.Role role) {
    return cells.stream()
        .filter(
            c ->
                c.exercise()
                    .filter(p -> p.role() == role && p.exercise().id().equals(id))
                    .isPresent())
        .findFirst();
  }

  /** Whether {@code line} is {@code marker} alone or followed by a space and more. */
  private static boolean isMarker(String line, String marker) {
    return line.startsWith(marker)
        && (line.length() == marker.length() || line.charAt(marker.length()) == ' ');
  }

  /** The text after a marker and the one space that follows it. */
  private static String afterMarker(String line, String marker) {
    return line.length() <= marker.length() + 1 ? "" : line.substring(marker.length() + 1);
  }

  /** Reads a source line by line into cells; one use per text. */
  private static final class Parser {
    private static final Pattern HEADER =
        Pattern.compile(Pattern.quote(EXERCISE) + "\\s+(\\S+)\\s+\"([^\"]*)\"\\s*");
    private static final List<String> EXERCISE_MARKERS =
        List.of(EXERCISE, STUB, SOLUTION, HIDDEN, END);

    /** Where the parser is: outside exercises, or in which part of one. */
    private enum State {
      TEXT,
      STUB,
      SOLUTION,
      HIDDEN
    }

    private final List<Cell> cells = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private final Map<String, Integer> exerciseLines = new HashMap<>();
    private final List<String> stub = new ArrayList<>();
    private Cell.Kind pendingKind = Cell.Kind.CODE;
    private int pendingStart = 1;
    private State state = State.TEXT;
    private String exerciseId;
    private String exerciseTitle;
    private int exerciseLine;
    private Exercise exercise;

    TutorialSource parse(String[] lines) {
      for (int i = 0; i < lines.length; i++) {
        int lineNumber = i + 1;
        if (state == State.TEXT) {
          text(lines[i], lineNumber);
        } else {
          inExercise(lines[i], lineNumber);
        }
      }
      if (state != State.TEXT) {
        throw new TutorialSourceException(
            null,
            exerciseLine,
            "exercise "
                + exerciseId
                + " has no "
                + END
                + " line; close it after its hidden checks");
      }
      flush(Optional.empty());
      return new TutorialSource(cells);
    }

    private void text(String line, int lineNumber) {
      if (isMarker(line, EXERCISE)) {
        open(line, lineNumber);
        return;
      }
      for (String marker : EXERCISE_MARKERS) {
        if (isMarker(line, marker)) {
          throw new TutorialSourceException(
              null,
              lineNumber,
              marker
                  + " outside an exercise; an exercise starts"
                  + " with "
                  + EXERCISE
                  + " ID \"TITLE\"");
        }
      }
      Cell.Kind kind = isMarker(line, MARKDOWN) ? Cell.Kind.MARKDOWN : Cell.Kind.CODE;
      boolean cellBreak = kind == Cell.Kind.CODE && line.strip().equals(CELL_BREAK);
      if (kind != pendingKind || cellBreak) {
        flush(Optional.empty());
        pendingKind = kind;
        pendingStart = lineNumber;
        if (cellBreak) {
          pendingStart = lineNumber + 1;
          return;
        }
      }
      pending.add(kind == Cell.Kind.MARKDOWN ? afterMarker(line, MARKDOWN) : line);
    }

    private void open(String line, int lineNumber) {
      Matcher header = HEADER.matcher(line);
      if (!header.matches()) {
        throw new TutorialSourceException(
            null,
            lineNumber,
            "an exercise starts with "
                + EXERCISE
                + " ID \"TITLE\" (e.g. "
                + EXERCISE
                + " sum-to-100 \"Sum 1 to 100\"), not: "
                + line);
      }
      String id = header.group(1);
      if (!Exercise.ID.matcher(id).matches()) {
        throw new TutorialSourceException(
            null,
            lineNumber,
            "exercise id '"
                + id
                + "' is not 1 to 63 lower-case"
                + " letters, digits and dashes (it names the exercise in grading reports)");
      }
      if (header.group(2).isBlank()) {
        throw new TutorialSourceException(
            null, lineNumber, "exercise " + id + " has an empty title");
      }
      Integer earlier = exerciseLines.putIfAbsent(id, lineNumber);
      if (earlier != null) {
        throw new TutorialSourceException(
            null,
            lineNumber,
            "exercise id "
                + id
                + " is already used at line "
                + earlier
                + "; ids name exercises in grading reports and must be unique");
      }
      flush(Optional.empty());
      state = State.STUB;
      exerciseId = id;
      exerciseTitle = header.group(2).strip();
      exerciseLine = lineNumber;
      stub.clear();
    }

    private void inExercise(String line, int lineNumber) {
      String where = "exercise " + exerciseId + " (line " + exerciseLine + ")";
      for (String forbidden : List.of(MARKDOWN, CELL_BREAK, EXERCISE)) {
        if (isMarker(line.strip(), forbidden)) {
          throw new TutorialSourceException(
              null,
              lineNumber,
              forbidden + " inside " + where + "; close the exercise with " + END + " first");
        }
      }
      switch (state) {
        case STUB -> {
          if (isMarker(line, STUB)) {
            stub.add(afterMarker(line, STUB));
          } else if (isMarker(line, SOLUTION)) {
            exercise =
                new Exercise(
                    exerciseId, exerciseTitle, String.join("\n", trimmed(stub)), exerciseLine);
            state = State.SOLUTION;
            pendingKind = Cell.Kind.CODE;
            pendingStart = lineNumber + 1;
          } else if (!line.isBlank()) {
            throw new TutorialSourceException(
                null,
                lineNumber,
                "in "
                    + where
                    + " only "
                    + STUB
                    + " lines come before "
                    + SOLUTION
                    + ", found: "
                    + line);
          }
        }
        case SOLUTION -> codePart(line, lineNumber, where, Exercise.Role.SOLUTION);
        case HIDDEN -> codePart(line, lineNumber, where, Exercise.Role.CHECKS);
        default -> throw new IllegalStateException("not in an exercise: " + state);
      }
    }

    /** A line of the solution or the hidden checks: code, or the marker that ends that part. */
    private void codePart(String line, int lineNumber, String where, Exercise.Role role) {
      boolean solution = role == Exercise.Role.SOLUTION;
      if (isMarker(line, solution ? HIDDEN : END)) {
        requireCode(
            where,
            solution ? "reference solution" : "hidden checks",
            solution ? SOLUTION : HIDDEN,
            lineNumber);
        flush(Optional.of(new Exercise.Part(exercise, role)));
        state = solution ? State.HIDDEN : State.TEXT;
        pendingStart = lineNumber + 1;
      } else {
        code(line, lineNumber, where);
      }
    }

    private void code(String line, int lineNumber, String where) {
      for (String marker : EXERCISE_MARKERS) {
        if (isMarker(line, marker)) {
          String expected = state == State.SOLUTION ? HIDDEN : END;
          throw new TutorialSourceException(
              null,
              lineNumber,
              marker
                  + " in the "
                  + state.name().toLowerCase(Locale.ROOT)
                  + " part of "
                  + where
                  + "; the next marker there is "
                  + expected);
        }
      }
      pending.add(line);
    }

    private void requireCode(String where, String what, String marker, int lineNumber) {
      if (pending.stream().allMatch(String::isBlank)) {
        throw new TutorialSourceException(
            null, lineNumber, where + " has no " + what + " after its " + marker + " line");
      }
    }

    private void flush(Optional<Exercise.Part> part) {
      List<String> body = trimmed(pending);
      if (!body.isEmpty()) {
        cells.add(
            new Cell(
                pendingKind, String.join("\n", body), pendingStart + leadingBlank(pending), part));
      }
      pending.clear();
    }

    private static int leadingBlank(List<String> lines) {
      int first = 0;
      while (first < lines.size() && lines.get(first).isBlank()) {
        first++;
      }
      return first;
    }

    /** The lines without the blank ones around them, each without trailing blanks. */
    private static List<String> trimmed(List<String> lines) {
      int first = leadingBlank(lines);
      int last = lines.size();
      while (last > first && lines.get(last - 1).isBlank()) {
        last--;
      }
      return lines.subList(first, last).stream().map(String::stripTrailing).toList();
    }
  }
}
