package org.csdlab.lab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Runs cells with JShell in this JVM: the one cell runner of csdlab, behind the notebook kernel,
 * {@code tutorial run} and {@code tutorial check}, so a cell is cut into the same snippets, fails
 * with the same {@link CellError} and stops the same way wherever it runs. Values come back as the
 * real objects, a cell may hold several declarations and statements (classes in one cell may refer
 * to each other, and a statement may go on over several lines, {@code .method()} lines included),
 * and a running cell can be interrupted from another thread. The cells' classes are rewritten so
 * that {@code System.exit} does not end this JVM ({@link ExitFromCell}), a cell that fills the heap
 * is stopped ({@link CellOutOfMemory}), and the threads cells start can be listed and stopped. Also
 * answers completion, inspection and "is this cell complete?" from JShell's source analysis.
 */
public final class CellEvaluator implements AutoCloseable {

  private static final long STOP_RETRY_MILLIS = 50;
  private static final long STUBBORN_NANOS = 5_000_000_000L;

  private final JShell shell;
  private final CapturingExecutionControl control;
  private final SourceCodeAnalysis analysis;
  private final ErrorReports reports;
  private final List<String> importedPackages;
  private final List<String> addedClassPath = new ArrayList<>();
  private final MemoryReserve memoryReserve = new MemoryReserve();
  private final CellThreads cellThreads;
  private final LowMemoryGuard memoryGuard;

  private final Object runState = new Object();
  private boolean running;
  private boolean interruptRequested;
  private boolean stoppingThreads;

  /** Why the running cell is being stopped when it is not the user's interrupt. */
  private LowMemoryGuard.Reading memoryStop;

  /** An evaluator with the {@link Prelude#lab()} start-up, as {@code ./csdlab jshell} has. */
  public static CellEvaluator create() {
    return new CellEvaluator(Prelude.lab());
  }

  /** An evaluator that starts with {@code prelude}'s imports, and this JVM's class path. */
  public CellEvaluator(Prelude prelude) {
    CapturingExecutionProvider provider = new CapturingExecutionProvider();
    this.shell = JShell.builder().executionEngine(provider, Map.of()).build();
    // Through addToClasspath, not a --class-path compiler option: that option would hide what
    // %jars and %classpath add later.
    shell.addToClasspath(System.getProperty("java.class.path"));
    this.control = provider.control();
    this.cellThreads = new CellThreads(control);
    this.memoryGuard = new LowMemoryGuard(this::stopForMemory);
    this.analysis = shell.sourceCodeAnalysis();
    this.reports = new ErrorReports(shell);
    this.importedPackages = importAll(prelude);
  }

  /** The packages imported at start (a static import as its class). */
  public List<String> importedPackages() {
    return importedPackages;
  }

  /**
   * Adds a jar or a directory of classes to the class path the cells compile against and load from;
   * later cells see its classes. The path is taken as it is: callers check it first.
   */
  public synchronized void addToClassPath(java.nio.file.Path path) {
    String entry = path.toAbsolutePath().normalize().toString();
    if (!addedClassPath.contains(entry)) {
      shell.addToClasspath(entry);
      addedClassPath.add(entry);
    }
  }

  /** What {@link #addToClassPath} added, in order. */
  public synchronized List<String> addedClassPath() {
    return List.copyOf(addedClassPath);
  }

  /**
   * Checks that the {@code jshell} tool, which reads a script line by line and ends a snippet at
   * the first line where the text so far is complete, cuts {@code cell} into the snippets this
   * evaluator does. They differ where a statement goes on after a line that is complete on its own
   * (a {@code .method()} line): this evaluator runs it, {@code jshell} rejects the line.
   *
   * @throws CompilationError at the first line {@code jshell} would read as a new snippet
   */
  public synchronized void requireReadableAsScript(String cell, CellLocation location) {
    CellText text = new CellText(cell, location);
    CellSnippets.firstScriptBreak(analysis, cell)
        .ifPresent(
            offset -> {
              throw reports.scriptBreak(text, offset);
            });
  }

  /**
   * Runs {@code cell}, snippet after snippet. Returns the value of the last snippet when it is an
   * expression; throws a {@link CellError} at the first snippet that does not compile or throws, or
   * when interrupted (see {@link #interrupt()}).
   *
   * @param fullTrace whether an exception's report lists every stack frame rather than the cell's
   *     lines
   */
  public CellResult evaluate(String cell, boolean fullTrace) {
    return evaluate(cell, CellLocation.NOTEBOOK_CELL, fullTrace);
  }

  /**
   * {@link #evaluate(String, boolean)} for a cell from {@code location}: reports name it and number
   * its lines as the location says.
   */
  public synchronized CellResult evaluate(String cell, CellLocation location, boolean fullTrace) {
    List<String> declaredVariables = new ArrayList<>();
    try {
      return evaluateCell(new CellText(cell, location), fullTrace, declaredVariables);
    } catch (OutOfMemoryError | InternalError e) {
      // JShell itself (compiling, reporting) or this evaluator's own bookkeeping ran out, often
      // because what the cell's variables hold fills the heap; JShell wraps some of these in an
      // InternalError. Caught out here so that no OutOfMemoryError leaves a cell, wherever it
      // lands.
      OutOfMemoryError outOfMemory = outOfMemoryIn(e);
      if (outOfMemory == null) {
        throw e;
      }
      throw outOfMemoryReport(outOfMemory, declaredVariables);
    }
  }

  private UncaughtException outOfMemoryReport(
      OutOfMemoryError outOfMemory, List<String> declaredVariables) {
    List<String> released;
    try {
      released = releaseMemory(declaredVariables);
    } catch (OutOfMemoryError again) {
      memoryReserve.release();
      System.gc();
      released = List.of(); // the report still goes out; its advice says what to let go
    }
    UncaughtException report =
        new UncaughtException(
            OutOfMemoryError.class.getName(),
            "the kernel ran out of memory running the cell",
            List.of(
                "java.lang.OutOfMemoryError: " + outOfMemory.getMessage(),
                HeapLimit.outOfMemoryAdvice()));
    return released.isEmpty() ? report : report.withNote(releasedNote(released));
  }

  private CellResult evaluateCell(
      CellText cell, boolean fullTrace, List<String> declaredVariables) {
    synchronized (runState) {
      while (stoppingThreads) {
        // An interrupt is stopping what earlier cells left running; this cell must not be caught in
        // it.
        try {
          runState.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      running = true;
      interruptRequested = false;
      memoryStop = null;
    }
    try {
      return run(cell, fullTrace, declaredVariables);
    } finally {
      boolean interrupted;
      synchronized (runState) {
        interrupted = interruptRequested && memoryStop == null;
        running = false;
        interruptRequested = false;
        memoryStop = null;
      }
      // An interrupt may have landed between the last snippet and now; it must not linger.
      Thread.interrupted();
      if (interrupted) {
        // The stop button means every thread cells started, not only the cell's own.
        cellThreads.stop(cellThreads.live());
      }
    }
  }

  /** {@link #evaluate(String, boolean)} with short error reports. */
  public CellResult evaluate(String cell) {
    return evaluate(cell, false);
  }

  /**
   * Stops the running cell, if any: its code ends at the next loop iteration or blocking call (on
   * JDK 17 at once), and {@link #evaluate} throws {@link CellInterrupted}; then the threads cells
   * started are stopped as well (see {@link CellThreads}). With no cell running, only those threads
   * are stopped. Safe from any thread.
   */
  public void interrupt() {
    synchronized (runState) {
      if (!running) {
        if (stoppingThreads) {
          return;
        }
        stoppingThreads = true;
      } else if (interruptRequested) {
        return;
      } else {
        interruptRequested = true;
      }
    }
    if (stoppingThreads()) {
      stopLeftThreads();
      return;
    }
    // A stop that lands while JShell compiles a snippet does nothing, and the snippet would then
    // run unstopped: keep stopping until the cell has ended.
    Thread stopper = new Thread(this::stopUntilCellEnds, "csdlab-interrupt");
    stopper.setDaemon(true);
    stopper.start();
  }

  /**
   * Stops the running cell because the heap is nearly full after a collection (see {@link
   * LowMemoryGuard}); the cell then ends in a {@link CellOutOfMemory}.
   */
  void stopForMemory(LowMemoryGuard.Reading reading) {
    synchronized (runState) {
      if (!running || interruptRequested) {
        return;
      }
      interruptRequested = true;
      memoryStop = reading;
    }
    // The reserve stays held: let go now, the cell's own loop would eat it before it stops, and
    // the report and the clearing would then find no room.
    Thread stopper = new Thread(this::stopUntilCellEnds, "csdlab-memory-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  private boolean stoppingThreads() {
    synchronized (runState) {
      return stoppingThreads;
    }
  }

  /**
   * Stops the threads earlier cells left running (an interrupt with no cell running is meant for
   * them) before it returns; a cell asked to run meanwhile waits for it.
   */
  private void stopLeftThreads() {
    try {
      cellThreads.stop(cellThreads.live());
    } finally {
      synchronized (runState) {
        stoppingThreads = false;
        runState.notifyAll();
      }
    }
  }

  /** The live threads that cells started (see {@link CellThreads}). */
  synchronized List<Thread> cellThreads() {
    return cellThreads.live();
  }

  /** Stops every live thread that cells started, as far as the JDK allows; waits up to 2 s. */
  synchronized CellThreads.Outcome stopCellThreads() {
    return cellThreads.stop(cellThreads.live());
  }

  private void stopUntilCellEnds() {
    long started = System.nanoTime();
    boolean told = false;
    while (true) {
      synchronized (runState) {
        if (!running || !interruptRequested) {
          return;
        }
      }
      if (!told && System.nanoTime() - started > STUBBORN_NANOS) {
        told = true;
        System.err.println(
            "Still stopping: the cell is inside library code that does not check for interrupts;"
                + " it stops when that call returns (or restart the kernel).");
      }
      try {
        shell.stop();
        Thread.sleep(STOP_RETRY_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The JShell closed or the snippet ended meanwhile; the loop condition decides.
      }
    }
  }

  /**
   * Runs the pieces of {@code cell}, adding the name of each variable it declares to {@code
   * declaredVariables}.
   */
  private CellResult run(CellText cell, boolean fullTrace, List<String> declaredVariables) {
    List<CellSnippets.Piece> pieces = CellSnippets.split(analysis, cell.text());
    List<Snippet> declared = new ArrayList<>();
    CellResult result = CellResult.noValue(List.of());
    for (CellSnippets.Piece piece : pieces) {
      int line = cell.lineOf(piece.offset());
      throwIfInterrupted(line, "before line " + line, declaredVariables);
      if (piece.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE) {
        throw reports.incomplete(cell, piece);
      }
      List<SnippetEvent> events = shell.eval(piece.source());
      throwIfInterrupted(line, "at line " + line, declaredVariables);
      Optional<SnippetEvent> evaluated =
          events.stream().filter(e -> e.causeSnippet() == null).findFirst();
      if (evaluated.isEmpty()) {
        continue;
      }
      SnippetEvent event = evaluated.get();
      Snippet snippet = event.snippet();
      reports.evaluated(snippet.id(), cell, piece);
      if (event.status() == Snippet.Status.REJECTED) {
        throw reports.compilation(
            cell, piece, shell.diagnostics(snippet).collect(Collectors.toList()));
      }
      if (event.exception() != null) {
        List<String> released =
            ranOutOfMemory(event.exception()) ? releaseMemory(declaredVariables) : List.of();
        UncaughtException report = reports.uncaught(cell, piece, event.exception(), fullTrace);
        if (!released.isEmpty()) {
          report = report.withNote(releasedNote(released));
        }
        throw report;
      }
      if (snippet instanceof DeclarationSnippet) {
        declared.add(snippet);
      }
      if (snippet instanceof VarSnippet variable) {
        declaredVariables.add(variable.name());
      }
      result = valueOf(snippet);
    }
    return new CellResult(result.hasValue(), result.value(), waitingDeclarations(declared));
  }

  private static String releasedNote(List<String> released) {
    return "To free memory, this cell's variables "
        + String.join(", ", released)
        + " were set to null.";
  }

  /** The OutOfMemoryError that is {@code thrown} or one of its causes, or null. */
  private static OutOfMemoryError outOfMemoryIn(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError outOfMemory) {
        return outOfMemory;
      }
    }
    return null;
  }

  private static boolean ranOutOfMemory(Throwable thrown) {
    String name =
        thrown instanceof EvalException eval
            ? eval.getExceptionClassName()
            : thrown.getClass().getName();
    return name.equals(OutOfMemoryError.class.getName());
  }

  /**
   * After a cell ran out of memory: lets the reserve go so the kernel's threads have room, sets the
   * object variables the cell declared to null (what they hold would otherwise fill the heap for
   * good), collects, and takes the reserve again. Returns the names of the variables cleared.
   */
  private List<String> releaseMemory(List<String> declaredVariables) {
    memoryReserve.release();
    List<String> cleared = control.clearVariables(declaredVariables);
    recoverMemory();
    return cleared;
  }

  private void recoverMemory() {
    System.gc();
    memoryReserve.restore();
  }

  private void throwIfInterrupted(int line, String where, List<String> declaredVariables) {
    LowMemoryGuard.Reading lowMemory;
    synchronized (runState) {
      if (!interruptRequested) {
        return;
      }
      lowMemory = memoryStop;
    }
    if (lowMemory == null) {
      throw new CellInterrupted(line, where);
    }
    throw new CellOutOfMemory(line, where, lowMemory, releaseMemory(declaredVariables));
  }

  /** The value an expression snippet produced, read back as the real object. */
  private CellResult valueOf(Snippet snippet) {
    if (snippet instanceof VarSnippet variable
        && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      return new CellResult(true, read(variable), List.of());
    }
    if (snippet instanceof ExpressionSnippet expression) {
      Optional<VarSnippet> variable =
          shell
              .variables()
              .filter(v -> v.name().equals(expression.name()) && shell.status(v).isActive())
              .findFirst();
      if (variable.isPresent()) {
        return new CellResult(true, read(variable.get()), List.of());
      }
    }
    return CellResult.noValue(List.of());
  }

  private Object read(VarSnippet variable) {
    shell.varValue(variable);
    return control.takeLastValue();
  }

  /** Notes for declarations of this cell that still refer to something not declared yet. */
  private List<String> waitingDeclarations(List<Snippet> declared) {
    List<String> notes = new ArrayList<>();
    for (Snippet snippet : declared) {
      if (shell.status(snippet) == Snippet.Status.RECOVERABLE_DEFINED
          || shell.status(snippet) == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        DeclarationSnippet declaration = (DeclarationSnippet) snippet;
        String missing =
            shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
        notes.add(
            kindName(declaration)
                + " "
                + declaration.name()
                + " is declared, but cannot be used until "
                + missing
                + " is declared.");
      }
    }
    return notes;
  }

  /**
   * Completion candidates at {@code cursor}: members, types, variables and keywords that fit there.
   */
  public synchronized Completion complete(String cell, int cursor) {
    int end = Math.min(Math.max(cursor, 0), cell.length());
    int start = currentSnippetStart(cell, end);
    String input = cell.substring(start, end);
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> suggestions =
        analysis.completionSuggestions(input, input.length(), anchor);
    Set<String> candidates = new LinkedHashSet<>();
    suggestions.stream()
        .filter(SourceCodeAnalysis.Suggestion::matchesType)
        .forEach(s -> candidates.add(s.continuation()));
    suggestions.forEach(s -> candidates.add(s.continuation()));
    return new Completion(new ArrayList<>(candidates), start + anchor[0], end);
  }

  /**
   * The signature and javadoc of what is at {@code cursor} (a method being called, a type, a
   * variable), or empty when there is nothing to document there.
   */
  public synchronized Optional<String> inspect(String cell, int cursor) {
    int end = Math.min(Math.max(cursor, 0), cell.length());
    while (end < cell.length() && Character.isJavaIdentifierPart(cell.charAt(end))) {
      end++;
    }
    int start = currentSnippetStart(cell, end);
    String input = cell.substring(start, end);
    List<SourceCodeAnalysis.Documentation> docs =
        analysis.documentation(input, input.length(), true);
    if (docs.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    for (SourceCodeAnalysis.Documentation doc : docs) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      text.append(doc.signature());
      if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
        text.append('\n').append(doc.javadoc().strip());
      }
    }
    return Optional.of(text.toString());
  }

  /** Whether {@code cell} could run as it is. */
  public synchronized CellCompleteness isComplete(String cell) {
    for (CellSnippets.Piece piece : CellSnippets.split(analysis, cell)) {
      if (piece.incomplete()) {
        return CellCompleteness.INCOMPLETE;
      }
      if (piece.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN) {
        return CellCompleteness.INVALID;
      }
    }
    return CellCompleteness.COMPLETE;
  }

  /**
   * Where the snippet holding position {@code end} starts: after the last complete snippet before
   * it.
   */
  private int currentSnippetStart(String cell, int end) {
    List<CellSnippets.Piece> pieces = CellSnippets.split(analysis, cell.substring(0, end));
    return pieces.isEmpty() ? end : pieces.get(pieces.size() - 1).rawStart();
  }

  private List<String> importAll(Prelude prelude) {
    List<String> imported = new ArrayList<>();
    List<String> packages = prelude.packages();
    for (int i = 0; i < prelude.imports().size(); i++) {
      // A rejected import (a JDK without that package) leaves no trace.
      List<SnippetEvent> events = shell.eval("import " + prelude.imports().get(i) + ";");
      if (events.stream().noneMatch(e -> e.status() == Snippet.Status.REJECTED)) {
        imported.add(packages.get(i));
      }
    }
    return List.copyOf(imported);
  }

  private static String kindName(DeclarationSnippet snippet) {
    switch (snippet.kind()) {
      case TYPE_DECL:
        return snippet
            .subKind()
            .name()
            .replace("_SUBKIND", "")
            .toLowerCase(Locale.ROOT)
            .replace("class", "Class")
            .replace("interface", "Interface")
            .replace("enum", "Enum")
            .replace("record", "Record")
            .replace("annotation_type", "Annotation");
      case METHOD:
        return "Method";
      case VAR:
        return "Variable";
      default:
        return "Declaration";
    }
  }

  @Override
  public void close() {
    memoryGuard.close();
    shell.close();
  }
}
