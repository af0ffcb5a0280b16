package org.csdlab.lab.tutorial;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.csdlab.lab.display.Renderers;
import org.csdlab.lab.kernel.CellError;
import org.csdlab.lab.kernel.CellEvaluator;
import org.csdlab.lab.kernel.CellLocation;
import org.csdlab.lab.kernel.CellOutput;
import org.csdlab.lab.kernel.CellResult;
import org.csdlab.lab.kernel.Prelude;

/**
 * Runs a tutorial's script headless, in this JVM, cell by cell with the notebook kernel's own
 * {@link CellEvaluator}: a cell is cut into snippets, fails and stops exactly as it does in the
 * tutorial's notebook (the same {@link CellError} report, with the lines of the tutorial source),
 * and {@code System.exit} or a full heap in a cell ends the cell, not the run's JVM. The code sees
 * this JVM's classes, so the lab and the checks are shared with the runner. It collects what the
 * code prints (each cell within the kernel's output budget) and every {@link Check}, and stops at
 * the first cell that fails to compile, throws or fails a check.
 *
 * <p>A tutorial is also a {@code jshell} script, so the run starts from {@code jshell}'s own
 * imports ({@link Prelude#jshellDefault()}), not the notebook's, and refuses a cell that {@code
 * jshell}, reading it line by line, would cut differently (a {@code .method()} line after a line
 * that is complete on its own; see {@link CellEvaluator#requireReadableAsScript}).
 *
 * <p>Runs are serialised: while one runs, {@code System.out} and {@code System.err} are redirected
 * to it and {@link CheckLog} records into it.
 */
public final class TutorialRunner {

  private static final Object RUNNING = new Object();

  /** How often the time limit stops a run that is past it, until the running cell has ended. */
  private static final long STOP_REPEAT_MILLIS = 100;

  private final PrintStream transcript;
  private final Duration timeout;

  private TutorialRunner(Builder builder) {
    this.transcript = builder.transcript;
    this.timeout = builder.timeout;
  }

  /** A runner with no transcript and a 5-minute limit per tutorial. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of a {@link TutorialRunner}. */
  public static final class Builder {
    private PrintStream transcript;
    private Duration timeout = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * Shows the run as it goes on {@code out}: each cell's text and code, what the code prints and
     * the value a cell ends with (as a notebook would show it, in text). Without a transcript only
     * checks and output are collected.
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
      Optional<FailedCell> error;
      try {
        error = CheckLog.recording(checks::add, () -> runCells(source, out));
      } finally {
        System.setOut(savedOut);
        System.setErr(savedErr);
        out.flush();
      }
      return new TutorialRun(
          name,
          source.title(),
          checks,
          error,
          captured.toString(StandardCharsets.UTF_8),
          System.nanoTime() - start);
    }
  }

  private Optional<FailedCell> runCells(TutorialSource source, PrintStream out) {
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tutorial-watchdog");
              t.setDaemon(true);
              return t;
            });
    AtomicBoolean timedOut = new AtomicBoolean();
    try (CellEvaluator evaluator = new CellEvaluator(Prelude.jshellDefault())) {
      // Past the deadline, stop whatever runs, again and again: a stop that comes between two
      // cells would otherwise be lost (the evaluator itself keeps stopping the cell it runs).
      watchdog.scheduleWithFixedDelay(
          () -> {
            timedOut.set(true);
            evaluator.interrupt();
          },
          timeout.toMillis(),
          STOP_REPEAT_MILLIS,
          TimeUnit.MILLISECONDS);
      List<Cell> cells = source.cells();
      for (int i = 0; i < cells.size(); i++) {
        Cell cell = cells.get(i);
        if (transcript != null) {
          out.println(cell.isCode() ? indent(cell.text()) : "\n" + cell.text() + "\n");
        }
        if (cell.isCode()) {
          Optional<FailedCell> failure = runCell(evaluator, i + 1, cell, out, timedOut);
          if (failure.isPresent()) {
            return failure;
          }
        }
      }
      return Optional.empty();
    } finally {
      watchdog.shutdownNow();
    }
  }

  private Optional<FailedCell> runCell(
      CellEvaluator evaluator, int number, Cell cell, PrintStream out, AtomicBoolean timedOut) {
    CellLocation location = new CellLocation("cell " + number, cell.firstLine(), false);
    CellOutput output = new CellOutput(out, out, CellOutput.DEFAULT_BUDGET_BYTES);
    System.setOut(output.out());
    System.setErr(output.err());
    try {
      evaluator.requireReadableAsScript(cell.text(), location);
      CellResult result = evaluator.evaluate(cell.text(), location, false);
      result.notes().forEach(System.err::println);
      if (transcript != null && result.hasValue()) {
        System.out.println(Renderers.render(result.value()).text());
      }
      return Optional.empty();
    } catch (CellError error) {
      if (timedOut.get() && error.kind() == CellError.Kind.INTERRUPTED) {
        return Optional.of(
            new FailedCell(
                number,
                error,
                "stopped at line "
                    + error.line()
                    + ": the tutorial ran longer than "
                    + describe(timeout)));
      }
      return Optional.of(FailedCell.of(number, error));
    } finally {
      output.finish();
    }
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String indent(String code) {
    return code.lines().map(l -> "  │ " + l).collect(Collectors.joining("\n"));
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
