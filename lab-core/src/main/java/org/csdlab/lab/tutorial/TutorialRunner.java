package org.csdlab.lab.tutorial;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs a tutorial's script headless, in this JVM, with JShell's local execution engine (the code
 * sees this JVM's classes, so the lab and the checks are shared with the runner). It collects what
 * the code prints and every {@link Check}, and stops at the first cell that fails to compile,
 * throws or fails a check, naming the cell and the source line.
 *
 * <p>Runs are serialised: while one runs, {@code System.out} and {@code System.err} are redirected
 * to it and {@link CheckLog} records into it.
 */
public final class TutorialRunner {

  private static final Object RUNNING = new Object();

  private final String classPath;
  private final PrintStream transcript;
  private final Duration timeout;

  private TutorialRunner(Builder builder) {
    this.classPath = builder.classPath;
    this.transcript = builder.transcript;
    this.timeout = builder.timeout;
  }

  /** A runner with this JVM's class path, no transcript and a 5-minute limit per tutorial. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of a {@link TutorialRunner}. */
  public static final class Builder {
    private String classPath = System.getProperty("java.class.path", "");
    private PrintStream transcript;
    private Duration timeout = Duration.ofMinutes(5);

    private Builder() {}

    /** The class path the scripts compile against (default: {@code java.class.path}). */
    public Builder classPath(String classPath) {
      this.classPath = Objects.requireNonNull(classPath, "classPath");
      return this;
    }

    /**
     * Shows the run as it goes on {@code out}: each cell's text and code, what the code prints and
     * the values of expressions. Without a transcript only checks and output are collected.
     */
    public Builder transcript(PrintStream out) {
      this.transcript = Objects.requireNonNull(out, "out");
      return this;
    }

    /** Stops a tutorial that runs longer than this. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public TutorialRunner build() {
      return new TutorialRunner(this);
    }
  }

  /** Runs one tutorial of a catalog. */
  public TutorialRun run(Tutorial tutorial) {
    return run(tutorial.name(), tutorial.source());
  }

  /** Runs a parsed tutorial source; {@code name} labels the result. */
  public TutorialRun run(String name, TutorialSource source) {
    synchronized (RUNNING) {
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      OutputStream target = transcript == null ? captured : new Tee(captured, transcript);
      PrintStream out = new PrintStream(target, true, StandardCharsets.UTF_8);
      PrintStream savedOut = System.out;
      PrintStream savedErr = System.err;
      List<CheckResult> checks = new ArrayList<>();
      long start = System.nanoTime();
      Optional<CellError> error;
      System.setOut(out);
      System.setErr(out);
      try {
        error = CheckLog.recording(checks::add, () -> runCells(source, out));
      } finally {
        System.setOut(savedOut);
        System.setErr(savedErr);
        out.flush();
      }
      return new TutorialRun(name, source.title(), checks, error, captured.toString(StandardCharsets.UTF_8),
          System.nanoTime() - start);
    }
  }

  private Optional<CellError> runCells(TutorialSource source, PrintStream out) {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tutorial-watchdog");
      t.setDaemon(true);
      return t;
    });
    AtomicBoolean timedOut = new AtomicBoolean();
    try (JShell shell = JShell.builder().executionEngine("local").out(out).err(out).build()) {
      if (!classPath.isBlank()) {
        shell.addToClasspath(classPath);
      }
      // Past the deadline, stop whatever runs, again and again: a stop that comes while a snippet
      // compiles, before the next one runs, would otherwise be lost.
      watchdog.scheduleWithFixedDelay(() -> {
        timedOut.set(true);
        shell.stop();
      }, timeout.toMillis(), 100, TimeUnit.MILLISECONDS);
      CellExecution execution = new CellExecution(shell, out, timedOut);
      List<Cell> cells = source.cells();
      for (int i = 0; i < cells.size(); i++) {
        Cell cell = cells.get(i);
        if (transcript != null) {
          out.println(cell.isCode() ? indent(cell.text()) : "\n" + cell.text() + "\n");
        }
        if (cell.isCode()) {
          Optional<CellError> error = execution.run(i + 1, cell);
          if (error.isPresent()) {
            return error;
          }
        }
      }
      return Optional.empty();
    } finally {
      watchdog.shutdownNow();
    }
  }

  private static String indent(String code) {
    return code.lines().map(l -> "  │ " + l).collect(Collectors.joining("\n"));
  }

  /** Evaluates cells snippet by snippet, keeping where each snippet came from. */
  private final class CellExecution {
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final PrintStream out;
    private final AtomicBoolean timedOut;
    private final Map<String, Integer> snippetLines = new HashMap<>();

    CellExecution(JShell shell, PrintStream out, AtomicBoolean timedOut) {
      this.shell = shell;
      this.analysis = shell.sourceCodeAnalysis();
      this.out = out;
      this.timedOut = timedOut;
    }

    /**
     * Reads the cell line by line as the {@code jshell} tool reads a script: a snippet ends at the
     * first line where the text so far is complete. So a line that is a complete expression on its
     * own ({@code Check.that(...)} followed by {@code .is(...)} on the next line) ends its snippet
     * here as it does in {@code jshell}, and the runner reports what {@code jshell} would.
     */
    Optional<CellError> run(int cellNumber, Cell cell) {
      String[] lines = cell.text().split("\n", -1);
      StringBuilder pending = new StringBuilder();
      int pendingLine = cell.firstLine();
      for (int i = 0; i < lines.length; i++) {
        if (pending.toString().isBlank()) {
          pending.setLength(0);
          pendingLine = cell.firstLine() + i;
        }
        pending.append(lines[i]).append('\n');
        while (true) {
          String text = pending.toString();
          SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(text);
          SourceCodeAnalysis.Completeness completeness = info.completeness();
          if (completeness == SourceCodeAnalysis.Completeness.EMPTY) {
            pending.setLength(0);
            break;
          }
          if (!completeness.isComplete() && completeness != SourceCodeAnalysis.Completeness.UNKNOWN) {
            break;   // read the next line
          }
          int line = pendingLine + newlines(text, leadingBlank(text));
          String source = completeness == SourceCodeAnalysis.Completeness.UNKNOWN ? text.strip()
              : info.source().stripLeading();
          Optional<CellError> error = eval(cellNumber, line, source);
          if (error.isPresent()) {
            return error;
          }
          String rest = completeness == SourceCodeAnalysis.Completeness.UNKNOWN ? "" : info.remaining();
          pendingLine += newlines(text, text.length() - rest.length());
          pending.setLength(0);
          pending.append(rest);
          if (rest.isBlank()) {
            break;
          }
        }
      }
      if (!pending.toString().isBlank()) {
        String text = pending.toString();
        int start = leadingBlank(text);
        return Optional.of(new CellError(cellNumber, pendingLine + newlines(text, start), CellError.Kind.COMPILE,
            "the code is incomplete here (a missing ';', ')' or '}'?)", lineAt(text, start)));
      }
      return Optional.empty();
    }

    private Optional<CellError> eval(int cellNumber, int line, String source) {
      List<SnippetEvent> events = timedOut.get() ? List.of() : shell.eval(source);
      if (timedOut.get()) {
        return Optional.of(new CellError(cellNumber, line, CellError.Kind.TIMEOUT,
            "stopped: the tutorial ran longer than " + describe(timeout), firstLine(source)));
      }
      for (SnippetEvent event : events) {
        if (event.causeSnippet() != null) {
          continue;
        }
        Snippet snippet = event.snippet();
        snippetLines.put(snippet.id(), line);
        if (event.status() == Snippet.Status.REJECTED) {
          List<Diag> diagnostics = shell.diagnostics(snippet).filter(Diag::isError).toList();
          Diag first = diagnostics.isEmpty() ? null : diagnostics.get(0);
          int errorLine = first == null || first.getPosition() < 0 ? line
              : line + newlines(source, (int) Math.min(first.getPosition(), source.length()));
          String message = first == null ? "the snippet was rejected" : first.getMessage(Locale.ROOT);
          return Optional.of(new CellError(cellNumber, errorLine, CellError.Kind.COMPILE, message,
              lineAt(source, first == null ? 0 : (int) Math.max(0, Math.min(first.getPosition(), source.length())))));
        }
        JShellException exception = event.exception();
        if (exception != null) {
          return Optional.of(failure(cellNumber, line, source, exception));
        }
        if (transcript != null && event.value() != null && isExpression(snippet)) {
          out.println(event.value());
        }
      }
      return Optional.empty();
    }

    private CellError failure(int cellNumber, int line, String source, JShellException exception) {
      if (timedOut.get()) {
        return new CellError(cellNumber, line, CellError.Kind.TIMEOUT,
            "stopped: the tutorial ran longer than " + describe(timeout), firstLine(source));
      }
      String className;
      if (exception instanceof EvalException eval) {
        className = eval.getExceptionClassName();
      } else if (exception instanceof UnresolvedReferenceException unresolved) {
        className = "unresolved reference";
        String missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) unresolved.getSnippet())
            .collect(Collectors.joining(", "));
        return new CellError(cellNumber, line, CellError.Kind.COMPILE,
            unresolved.getSnippet().source().lines().findFirst().orElse("") + " uses what is not defined: " + missing,
            firstLine(source));
      } else {
        className = exception.getClass().getName();
      }
      int errorLine = line;
      for (StackTraceElement element : exception.getStackTrace()) {
        String file = element.getFileName();
        if (file != null && file.startsWith("#") && snippetLines.containsKey(file.substring(1))
            && element.getLineNumber() > 0) {
          errorLine = snippetLines.get(file.substring(1)) + element.getLineNumber() - 1;
          break;
        }
      }
      boolean check = CheckFailedException.class.getName().equals(className);
      String simpleName = className.substring(className.lastIndexOf('.') + 1);
      String message = check ? exception.getMessage() : simpleName + ": " + exception.getMessage();
      return new CellError(cellNumber, errorLine, check ? CellError.Kind.CHECK : CellError.Kind.EXCEPTION, message,
          errorLine == line ? firstLine(source) : "");
    }
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static boolean isExpression(Snippet snippet) {
    return snippet.kind() == Snippet.Kind.EXPRESSION
        || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
  }

  private static int leadingBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int newlines(String s, int end) {
    int count = 0;
    for (int i = 0; i < end && i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  private static String lineAt(String s, int position) {
    int start = s.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
    if (position == 0) {
      start = 0;
    }
    int end = s.indexOf('\n', position);
    return s.substring(start, end < 0 ? s.length() : end);
  }

  private static String firstLine(String s) {
    return s.strip().lines().findFirst().orElse("");
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      try {
        first.write(b, off, len);
        second.write(b, off, len);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void flush() {
      try {
        first.flush();
        second.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
