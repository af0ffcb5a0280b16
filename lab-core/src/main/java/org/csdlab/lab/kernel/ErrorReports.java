package org.csdlab.lab.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Builds the readable error reports of a cell: what went wrong and which line of the cell (or of an
 * earlier cell's declaration) it happened on, the stack trace only when asked for.
 */
final class ErrorReports {

  private static final int MAX_COMPILER_ERRORS = 5;

  private final JShell shell;

  /**
   * Where every snippet evaluated so far came from, by snippet id, so that a frame in a method an
   * earlier cell declared points at that cell's line.
   */
  private final Map<String, Origin> origins = new HashMap<>();

  /** A snippet's cell and its piece of that cell. */
  private record Origin(CellText cell, CellSnippets.Piece piece) {}

  ErrorReports(JShell shell) {
    this.shell = shell;
  }

  /** Remembers that snippet {@code id} is {@code piece} of {@code cell}. */
  void evaluated(String id, CellText cell, CellSnippets.Piece piece) {
    origins.put(id, new Origin(cell, piece));
  }

  /** The cell ends inside {@code piece}: a brace, parenthesis or operand is missing. */
  CompilationError incomplete(CellText cell, CellSnippets.Piece piece) {
    int line = cell.lineOf(piece.offset());
    List<String> lines = new ArrayList<>();
    lines.add("The cell ends in the middle of the statement that starts at line " + line + ":");
    lines.add("  " + cell.line(line));
    lines.add("A closing brace, parenthesis or an operand is missing.");
    return new CompilationError(
        "the statement at line " + line + " is not finished", line, 1, lines);
  }

  /**
   * {@code jshell}, reading the cell as a script, would end the snippet before {@code offset} and
   * reject the line there (see {@link CellSnippets#firstScriptBreak}).
   */
  CompilationError scriptBreak(CellText cell, int offset) {
    int line = cell.lineOf(offset);
    List<String> lines =
        List.of(
            "jshell reads line "
                + (line - 1)
                + " as a statement of its own, so it would reject line "
                + line
                + ":",
            "  " + cell.line(line),
            "This cell is also a jshell script (tutorials run in jshell): continue the statement inside its"
                + " parentheses, or put the whole call on one line.");
    return new CompilationError(
        "line " + line + " starts a new statement when jshell reads the cell" + " line by line",
        line,
        cell.columnOf(offset),
        lines);
  }

  /** The compiler's errors for {@code piece}, each pointing at its line and columns in the cell. */
  CompilationError compilation(CellText cell, CellSnippets.Piece piece, List<Diag> diagnostics) {
    List<Diag> errors = diagnostics.stream().filter(Diag::isError).collect(Collectors.toList());
    if (errors.isEmpty()) {
      errors = diagnostics;
    }
    List<String> lines = new ArrayList<>();
    int firstLine = cell.lineOf(piece.offset());
    int firstColumn = 1;
    String firstMessage = "the code at line " + firstLine + " does not compile";
    for (int i = 0; i < Math.min(errors.size(), MAX_COMPILER_ERRORS); i++) {
      Diag diag = errors.get(i);
      int start = clamp(cell, piece.offset() + (int) Math.max(0, startOf(diag)));
      int end = clamp(cell, piece.offset() + (int) Math.max(startOf(diag), diag.getEndPosition()));
      int line = cell.lineOf(start);
      int column = cell.columnOf(start);
      String message = diag.getMessage(Locale.ENGLISH);
      if (i == 0) {
        firstLine = line;
        firstColumn = column;
        firstMessage = "line " + line + ", column " + column + ": " + firstLine(message);
      } else {
        lines.add("");
      }
      lines.add("Compilation error at line " + line + ", column " + column + ":");
      String text = cell.line(line);
      lines.add("  " + text);
      int width = Math.max(1, Math.min(end, start + text.length() - column + 1) - start);
      lines.add("  " + " ".repeat(column - 1) + "^".repeat(width));
      message.lines().forEach(lines::add);
    }
    if (errors.isEmpty()) {
      lines.add("The code at line " + firstLine + " was rejected:");
      lines.add("  " + cell.line(firstLine));
    } else if (errors.size() > MAX_COMPILER_ERRORS) {
      lines.add("(" + (errors.size() - MAX_COMPILER_ERRORS) + " more errors)");
    }
    return new CompilationError(firstMessage, firstLine, firstColumn, lines);
  }

  /**
   * What the cell threw: the exception and message, then the lines of the cell (or of earlier
   * declarations) it passed through; every frame when {@code fullTrace}.
   */
  UncaughtException uncaught(
      CellText cell, CellSnippets.Piece piece, Throwable thrown, boolean fullTrace) {
    int pieceLine = cell.lineOf(piece.offset());
    if (thrown instanceof UnresolvedReferenceException unresolved) {
      return unresolved(unresolved.getSnippet(), pieceLine);
    }
    String className = className(thrown);
    String headline = headline(thrown);
    List<String> lines = new ArrayList<>();
    lines.add(headline);
    addFrames(lines, cell, thrown, fullTrace);
    for (Throwable cause = thrown.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      lines.add("Caused by: " + headline(cause));
      addFrames(lines, cell, cause, fullTrace);
    }
    if (className.equals(ExitFromCell.class.getName())) {
      lines.add(
          "What ran before the call stays defined; the next cell runs normally."
              + " Restart the kernel (Kernel > Restart) for a fresh start.");
    } else if (className.equals(OutOfMemoryError.class.getName())) {
      lines.add(HeapLimit.outOfMemoryAdvice());
    }
    if (!fullTrace && cell.location().inNotebook()) {
      lines.add("(Put %trace on the first line of the cell to see the whole stack trace.)");
    }
    return new UncaughtException(
        className, thrown.getMessage(), thrownLine(thrown, pieceLine), headline, lines);
  }

  /**
   * The line where {@code thrown} left the deepest snippet whose origin is known, else {@code
   * pieceLine}.
   */
  private int thrownLine(Throwable thrown, int pieceLine) {
    for (StackTraceElement frame : thrown.getStackTrace()) {
      String file = frame.getFileName();
      Origin origin = file != null && file.startsWith("#") ? origins.get(file.substring(1)) : null;
      if (origin != null) {
        return origin.cell().lineOf(origin.piece().offset())
            + Math.max(1, frame.getLineNumber())
            - 1;
      }
    }
    return pieceLine;
  }

  private UncaughtException unresolved(DeclarationSnippet snippet, int line) {
    List<String> missing = shell.unresolvedDependencies(snippet).collect(Collectors.toList());
    String what =
        snippet.kind().name().toLowerCase(Locale.ROOT).replace("type_decl", "type")
            + " "
            + snippet.name();
    String message = what + " cannot be used until " + String.join(", ", missing) + " is declared";
    return new UncaughtException(
        UnresolvedReferenceException.class.getName(),
        message,
        line,
        message,
        List.of(
            "The " + message + ".",
            "  " + firstLine(snippet.source()),
            "Declare "
                + String.join(", ", missing)
                + " (in this cell or another one), then run this cell again."));
  }

  private void addFrames(List<String> lines, CellText cell, Throwable thrown, boolean fullTrace) {
    StackTraceElement[] frames = thrown.getStackTrace();
    List<String> frameLines = new ArrayList<>();
    for (int i = 0; i < frames.length; i++) {
      StackTraceElement frame = frames[i];
      Optional<String> snippetLine = describeSnippetFrame(cell, frame);
      if (snippetLine.isPresent()) {
        frameLines.add("  " + snippetLine.get());
      } else if (fullTrace || i == 0) {
        frameLines.add("  at " + frame);
      }
    }
    lines.addAll(RepeatedFrames.fold(frameLines, "  "));
  }

  private Optional<String> describeSnippetFrame(CellText cell, StackTraceElement frame) {
    String file = frame.getFileName();
    if (file == null || !file.startsWith("#")) {
      return Optional.empty();
    }
    String id = file.substring(1);
    int snippetLine = Math.max(1, frame.getLineNumber());
    String where = frame.getMethodName().isEmpty() ? "" : "in " + frame.getMethodName() + ", ";
    Origin origin = origins.get(id);
    if (origin != null) {
      CellText text = origin.cell();
      int line = text.lineOf(origin.piece().offset()) + snippetLine - 1;
      if (text == cell || !text.name().equals(cell.name())) {
        return Optional.of(
            where + "at line " + line + " of " + text.name() + ": " + text.line(line).strip());
      }
      return Optional.of(where + "declared in an earlier cell: " + text.line(line).strip());
    }
    String source =
        shell.snippets().filter(s -> s.id().equals(id)).map(Snippet::source).findFirst().orElse("");
    String[] sourceLines = source.split("\n", -1);
    String text = snippetLine <= sourceLines.length ? sourceLines[snippetLine - 1].strip() : "";
    return Optional.of(where + "declared in an earlier cell: " + text);
  }

  private static String className(Throwable thrown) {
    return thrown instanceof EvalException eval
        ? eval.getExceptionClassName()
        : thrown.getClass().getName();
  }

  private static String headline(Throwable thrown) {
    String message = thrown.getMessage();
    return className(thrown) + (message == null ? "" : ": " + message);
  }

  private static long startOf(Diag diag) {
    return diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
  }

  private static int clamp(CellText cell, int offset) {
    return Math.min(Math.max(offset, 0), cell.text().length());
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
