package org.csdlab.lab.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.csdlab.lab.Quantities;
import org.csdlab.lab.Renderings;
import org.csdlab.lab.display.Displays;
import org.csdlab.lab.display.MimeBundle;
import org.csdlab.lab.display.Renderers;
import org.csdlab.lab.io.InputFile;
import org.csdlab.lab.io.InputFileException;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The csdlab Jupyter kernel: Java cells run by a {@link CellEvaluator} in this JVM with the lab
 * imported; the last expression's value is shown through {@link Renderers} (text and HTML), what
 * the cell prints becomes stream output, errors are short reports pointing at the cell's lines (a
 * first line {@code %trace} adds the stack trace), and {@link Displays#sink()} shows and updates
 * displays in place while the cell runs. The magics IJava and JJava users expect work on a cell's
 * first lines ({@link CellMagics}: {@code %lsmagic}, {@code %time}, {@code %%time}, {@code %jars},
 * {@code %classpath}, {@code %load}). A cell's printed output has a budget ({@link CellOutput}); a
 * {@code %threads} cell lists (and {@code %threads stop} stops) the threads cells started.
 * plotly.js reaches the notebook once ({@link PlotlyDelivery}).
 */
public final class CsdlabKernel extends BaseKernel implements AutoCloseable {

  /** A first cell line that asks for full stack traces in this cell's error report. */
  public static final String TRACE_MAGIC = "%trace";

  /** How often what a running cell printed is sent to the notebook. */
  static final long OUTPUT_FLUSH_MILLIS = 100;

  private final CellEvaluator evaluator;
  private final PlotlyDelivery plotly = new PlotlyDelivery();

  /** Sends what the running cell printed in batches, every {@value #OUTPUT_FLUSH_MILLIS} ms. */
  private final ScheduledExecutorService outputFlusher =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "csdlab-output");
            thread.setDaemon(true);
            return thread;
          });

  private volatile CellOutput cellOutput;

  private CsdlabKernel(Builder builder, CellEvaluator evaluator) {
    super(
        builder.name(),
        builder.version(),
        languageInfo(),
        List.of(
            new HelpLink("csdlab", "https://github.com/csdlab/csdlab"),
            new HelpLink(
                "Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/index.html")),
        builder.historyManager(),
        builder.io(),
        builder.commManager(),
        builder.renderer(),
        null,
        builder.magicsRegistry(),
        false,
        builder.errorStyler());
    this.evaluator = evaluator;
  }

  /**
   * A kernel with a fresh {@link CellEvaluator} starting with the {@link Prelude#lab()} imports.
   */
  public static CsdlabKernel create() {
    return new Builder().build();
  }

  private static LanguageInfo languageInfo() {
    return new LanguageInfo.Builder("java")
        .version(Runtime.version().toString())
        .mimetype("text/x-java-source")
        .fileExtension(".jshell")
        .pygments("java")
        .codemirror("text/x-java")
        .build();
  }

  @Override
  public String getBanner() {
    return "Java "
        + Runtime.version()
        + " with csdlab; imported: "
        + String.join(", ", evaluator.importedPackages());
  }

  @Override
  protected void replaceOutputStreams(ShellReplyEnvironment env) {
    super.replaceOutputStreams(env);
    // jjava-jupyter restores the streams it replaced once the request is answered.
    CellOutput output = new CellOutput(io.out, io.err, CellOutput.DEFAULT_BUDGET_BYTES);
    cellOutput = output;
    System.setOut(output.out());
    System.setErr(output.err());
  }

  @Override
  public DisplayData eval(String code) {
    Optional<ThreadsMagic.Action> threads = ThreadsMagic.parse(code);
    if (threads.isPresent()) {
      String text =
          threads.get() == ThreadsMagic.Action.LIST
              ? ThreadsMagic.list(evaluator.cellThreads())
              : ThreadsMagic.stopped(evaluator.stopCellThreads());
      return new DisplayData(text);
    }
    CellMagics.Parsed cell = CellMagics.parse(code);
    Displays.install(new KernelDisplaySink(io.display, plotly));
    ScheduledFuture<?> flushing =
        outputFlusher.scheduleWithFixedDelay(
            this::flushCellOutput, OUTPUT_FLUSH_MILLIS, OUTPUT_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    try {
      CellResult result = run(cell);
      result.notes().forEach(System.err::println);
      if (!result.hasValue()) {
        return null;
      }
      MimeBundle bundle = render(result.value());
      plotly.deliverBefore(bundle.html(), io.display::display);
      return JupyterDisplay.of(bundle);
    } finally {
      flushing.cancel(false);
      Displays.reset();
      // Everything the cell printed goes out before its result.
      System.out.flush();
      System.err.flush();
      CellOutput output = cellOutput;
      if (output != null) {
        output.finish();
      }
    }
  }

  /** Runs the cell's line magics in order, then its code; {@code %%time} times both. */
  private CellResult run(CellMagics.Parsed cell) {
    long started = System.nanoTime();
    try {
      CellResult result = CellResult.noValue(List.of());
      for (CellMagics.Line line : cell.lines()) {
        result = run(line, cell.fullTrace());
      }
      return cell.code().isBlank() ? result : evaluator.evaluate(cell.code(), cell.fullTrace());
    } finally {
      if (cell.timed()) {
        System.out.println("Wall time: " + Quantities.nanos(System.nanoTime() - started));
      }
    }
  }

  /** Runs one line magic; {@code %time} and {@code %load} give the value of the code they ran. */
  private CellResult run(CellMagics.Line line, boolean fullTrace) {
    switch (line.magic()) {
      case JARS, CLASSPATH -> {
        List<Path> paths =
            line.magic() == CellMagics.Magic.JARS
                ? ClassPathMagic.jars(line.argument(), line.line())
                : ClassPathMagic.classPath(line.argument(), line.line());
        paths.forEach(evaluator::addToClassPath);
        System.out.println(
            "Added to the class path: "
                + paths.stream().map(Path::toString).collect(Collectors.joining(", ")));
      }
      case LOAD -> {
        return load(line, fullTrace);
      }
      case LSMAGIC -> System.out.println(CellMagics.list());
      case TIME -> {
        // The code keeps its line and column in the cell, so errors point where it is.
        String code = "\n".repeat(line.line() - 1) + " ".repeat(line.column()) + line.argument();
        long started = System.nanoTime();
        try {
          return evaluator.evaluate(code, fullTrace);
        } finally {
          System.out.println("Wall time: " + Quantities.nanos(System.nanoTime() - started));
        }
      }
      case THREADS ->
          throw new MagicUsageError(
              line.line(),
              ThreadsMagic.MAGIC
                  + " must be alone in its cell: %threads lists the threads cells started, %threads stop stops them");
      default -> {
        // %trace: read by the evaluation itself
      }
    }
    return CellResult.noValue(List.of());
  }

  private CellResult load(CellMagics.Line line, boolean fullTrace) {
    List<String> words = ClassPathMagic.words("%load", line.argument(), line.line());
    if (words.size() != 1) {
      throw new MagicUsageError(
          line.line(),
          "%load takes one file, not "
              + words.size()
              + ": %load FILE runs the"
              + " snippets of a .jsh or .java file");
    }
    Path file =
        Path.of(
            words.get(0).startsWith("~/")
                ? System.getProperty("user.home") + words.get(0).substring(1)
                : words.get(0));
    String text;
    try {
      text = InputFile.text(file, "file to load").readString();
    } catch (InputFileException e) {
      throw new MagicUsageError(line.line(), "%load: " + e.getMessage());
    }
    return evaluator.evaluate(text, new CellLocation(file.toString(), 1, true), fullTrace);
  }

  /**
   * The value's rendering; rendering runs the value's own code (toString, toHtml) on the kernel's
   * shell thread, where an Error would end that thread and with it the kernel.
   */
  private static MimeBundle render(Object value) {
    try {
      return Renderers.render(value);
    } catch (OutOfMemoryError | StackOverflowError e) {
      String what =
          e instanceof OutOfMemoryError
              ? "ran out of memory"
              : "recursed too deeply (StackOverflowError)";
      throw new UncaughtException(
          e.getClass().getName(),
          "showing the cell's value " + what,
          List.of(
              "Showing the cell's value (its toString or toHtml) "
                  + what
                  + "; the kernel is still running.",
              e instanceof OutOfMemoryError
                  ? HeapLimit.outOfMemoryAdvice()
                  : "A value that contains itself, or a very deep structure, cannot be shown; assign it to a variable instead of ending the cell with it."));
    }
  }

  private void flushCellOutput() {
    CellOutput output = cellOutput;
    if (output != null) {
      output.flush();
    }
  }

  @Override
  public Object evalRaw(String code) {
    CellResult result = evaluator.evaluate(code, false);
    return result.hasValue() ? result.value() : null;
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    return evaluator.inspect(code, at).map(DisplayData::new).orElse(null);
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    Completion completion = evaluator.complete(code, at);
    return new ReplacementOptions(completion.candidates(), completion.start(), completion.end());
  }

  @Override
  public String isComplete(String code) {
    String source;
    try {
      source = CellMagics.parse(code).code();
    } catch (MagicUsageError e) {
      return IS_COMPLETE_YES; // run it, so that the error says what is wrong with the magic
    }
    switch (evaluator.isComplete(source)) {
      case COMPLETE:
        return IS_COMPLETE_YES;
      case INVALID:
        return IS_COMPLETE_BAD;
      default:
        return nextIndent(code);
    }
  }

  /**
   * The indentation for the next line of an unfinished cell: the last line's, one level deeper
   * after an opener.
   */
  static String nextIndent(String code) {
    String last = code.substring(code.lastIndexOf('\n') + 1);
    String indent = last.substring(0, last.length() - last.stripLeading().length());
    String trimmed = last.strip();
    boolean opens = trimmed.endsWith("{") || trimmed.endsWith("(") || trimmed.endsWith("[");
    return opens ? indent + "  " : indent;
  }

  @Override
  public void interrupt() {
    evaluator.interrupt();
  }

  @Override
  public List<String> formatError(Throwable error) {
    if (error instanceof CellError cellError) {
      return cellError.lines();
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "The kernel failed while running the cell (this is a bug in csdlab, please report it):");
    lines.addAll(super.formatError(error));
    return lines;
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    super.onShutdown(isRestarting);
    close();
  }

  @Override
  public void close() {
    outputFlusher.shutdownNow();
    evaluator.close();
  }

  /** Builds the kernel with jjava-jupyter's defaults for its I/O, comms and renderer. */
  public static final class Builder extends BaseKernelBuilder<Builder, CsdlabKernel> {

    @Override
    public CsdlabKernel build() {
      Renderings.install(); // lab objects and charts render even before a cell touches Lab
      return new CsdlabKernel(this, CellEvaluator.create());
    }

    private String name() {
      return name != null ? name : "csdlab";
    }

    private String version() {
      String implementation = CsdlabKernel.class.getPackage().getImplementationVersion();
      return version != null ? version : implementation != null ? implementation : "development";
    }

    private org.dflib.jjava.jupyter.kernel.history.HistoryManager historyManager() {
      return buildHistoryManager();
    }

    private org.dflib.jjava.jupyter.kernel.JupyterIO io() {
      return buildJupyterIO(buildJupyterIOEncoding());
    }

    private org.dflib.jjava.jupyter.kernel.comm.CommManager commManager() {
      return buildCommManager();
    }

    private org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
      return buildRenderer();
    }

    private org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magicsRegistry() {
      return buildMagicsRegistry();
    }

    private org.dflib.jjava.jupyter.kernel.util.StringStyler errorStyler() {
      return buildErrorStyler();
    }
  }
}
