package org.csdlab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Main class of {@code benchmarks.jar}: runs {@link EbpfBenchmark} (interpreter and JIT) and {@link
 * NativeBenchmark} (the same C sources compiled by gcc) with JMH, and ends with a table of million
 * eBPF instructions per second per program and engine, and the {@link EngineTable} (native,
 * interpreter and JIT side by side, as markdown). Any JMH command-line option passes through; a
 * benchmark pattern such as {@code ZnsBenchmark} runs those instead, and for {@link ZnsBenchmark}
 * the report ends with MB/s per case against {@code System.arraycopy}.
 *
 * <p>The forked benchmark JVM is the one running this class unless JMH's {@code -jvm} says
 * otherwise. {@code --jdk DIR} (repeatable, this class's own option) runs the whole set once on
 * each JDK ({@code DIR/bin/java}) and prints the tables of each.
 */
public final class BenchReport {
  /** The option naming a JDK to run the benchmarks on; JMH never sees it. */
  static final String JDK_OPTION = "--jdk";

  private BenchReport() {}

  public static void main(String[] args) throws IOException, RunnerException {
    List<String> jmhArgs = new ArrayList<>();
    List<Path> jdks = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].equals(JDK_OPTION)) {
        jmhArgs.add(args[i]);
        continue;
      }
      if (i + 1 == args.length) {
        System.err.println("benchmarks: " + JDK_OPTION + " needs a JDK directory");
        System.exit(2);
        return;
      }
      Path java = Path.of(args[++i], "bin", "java");
      if (!Files.isExecutable(java)) {
        System.err.println("benchmarks: " + JDK_OPTION + " " + args[i] + ": no executable " + java);
        System.exit(2);
        return;
      }
      jdks.add(java);
    }
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      System.err.println("benchmarks: " + e.getMessage() + " (-h lists the options)");
      System.exit(2);
      return;
    }
    if (cli.shouldHelp()
        || cli.shouldList()
        || cli.shouldListWithParams()
        || cli.shouldListProfilers()
        || cli.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
      return;
    }
    if (BenchReport.class.getResource("/META-INF/BenchmarkList") == null) {
      System.err.println(
          "benchmarks: no JMH benchmark list on the class path; build with"
              + " mvn -B -q -Pbench -pl tests -am package -DskipTests and run java -jar tests/target/benchmarks.jar");
      System.exit(2);
      return;
    }
    List<Collection<RunResult>> runs = new ArrayList<>();
    for (Path java : jdks.isEmpty() ? Collections.<Path>singletonList(null) : jdks) {
      ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
      if (cli.getIncludes().isEmpty()) {
        options.include(EbpfBenchmark.class.getName()).include(NativeBenchmark.class.getName());
      }
      if (java != null) {
        options.jvm(java.toString());
      }
      runs.add(new Runner(options.build()).run());
    }
    // All tables at the end, after JMH's own output of every JDK.
    for (Collection<RunResult> results : runs) {
      print(results, System.out);
      EngineTable.print(results, System.out);
      EngineTable.printCsd(results, System.out);
      printZns(results, System.out);
    }
  }

  /**
   * The ZNS table: MB/s (10^6 bytes) per operation and size, and the ratio to its arraycopy
   * baseline, for the mean and for the best iteration (less disturbed by other load on the machine,
   * since both sides of a ratio run at different times).
   */
  static void printZns(Collection<RunResult> results, PrintStream out) {
    Map<String, Map<String, double[]>> mbPerSecond =
        new TreeMap<>(Comparator.comparingLong(Long::parseLong));
    BenchmarkParams first = null;
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      String name = params.getBenchmark();
      if (!name.startsWith(ZnsBenchmark.class.getName() + ".")) {
        continue;
      }
      first = first == null ? params : first;
      String size = params.getParam("sizeBytes");
      String op = name.substring(name.lastIndexOf('.') + 1);
      Result<?> primary = result.getPrimaryResult();
      double bytes = Long.parseLong(size) / 1e6;
      mbPerSecond
          .computeIfAbsent(size, k -> new TreeMap<>())
          .put(
              op,
              new double[] {primary.getScore() * bytes, primary.getStatistics().getMax() * bytes});
    }
    if (first == null) {
      return;
    }
    out.println();
    out.println("ZNS memory backend throughput (instant timing) against System.arraycopy");
    out.printf(
        Locale.ROOT,
        "JDK %s, %s %s%n    %s%n",
        first.getJdkVersion(),
        first.getVmName(),
        first.getVmVersion(),
        first.getJvm());
    out.printf(
        Locale.ROOT,
        "%-8s %-7s %10s %-8s %10s %7s   %10s %10s %7s%n",
        "size",
        "op",
        "MB/s",
        "baseline",
        "MB/s",
        "ratio",
        "best MB/s",
        "best base",
        "ratio");
    for (Map.Entry<String, Map<String, double[]>> bySize : mbPerSecond.entrySet()) {
      Map<String, double[]> ops = bySize.getValue();
      for (String[] pair : new String[][] {{"append", "copyIn"}, {"read", "copyOut"}}) {
        double[] device = ops.get(pair[0]);
        double[] copy = ops.get(pair[1]);
        if (device == null && copy == null) {
          continue;
        }
        out.printf(
            Locale.ROOT,
            "%-8s %-7s %10s %-8s %10s %7s   %10s %10s %7s%n",
            size(bySize.getKey()),
            pair[0],
            mb(device, 0),
            pair[1],
            mb(copy, 0),
            ratio(device, copy, 0),
            mb(device, 1),
            mb(copy, 1),
            ratio(device, copy, 1));
      }
    }
  }

  private static String mb(double[] figures, int which) {
    return figures == null ? "-" : String.format(Locale.ROOT, "%.0f", figures[which]);
  }

  private static String ratio(double[] device, double[] copy, int which) {
    return device == null || copy == null || copy[which] == 0
        ? "-"
        : String.format(Locale.ROOT, "%.0f%%", 100 * device[which] / copy[which]);
  }

  /** The summary table: one line per program and engine run. */
  static void print(Collection<RunResult> results, PrintStream out) {
    List<RunResult> rows = new ArrayList<>();
    for (RunResult result : results) {
      if (result.getParams().getBenchmark().startsWith(EbpfBenchmark.class.getName() + ".")) {
        rows.add(result);
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    rows.sort(
        Comparator.comparing((RunResult r) -> programOrder(r.getParams().getParam("program")))
            .thenComparing(r -> r.getParams().getParam("sizeBytes"))
            .thenComparing(r -> r.getParams().getParam("engine")));
    BenchmarkParams first = rows.get(0).getParams();
    out.println();
    out.println("eBPF throughput per engine (bounds checks and fuel on)");
    out.printf(
        Locale.ROOT,
        "JDK %s, %s %s%n    %s%n",
        first.getJdkVersion(),
        first.getVmName(),
        first.getVmVersion(),
        first.getJvm());
    out.printf(
        Locale.ROOT,
        "%-12s %-12s %8s %9s %14s %20s %15s%n",
        "program",
        "engine",
        "buffer",
        "runs/s",
        "insn/run",
        "Minsn/s",
        "(min..max)");
    for (RunResult row : rows) {
      BenchmarkParams params = row.getParams();
      Result<?> runs = row.getPrimaryResult();
      Result<?> instructions = row.getSecondaryResults().get("instructions");
      long perRun = runs.getScore() > 0 ? Math.round(instructions.getScore() / runs.getScore()) : 0;
      double error = instructions.getScoreError();
      String score =
          String.format(Locale.ROOT, "%.1f", instructions.getScore() / 1e6)
              + (Double.isFinite(error) ? String.format(Locale.ROOT, " ± %.1f", error / 1e6) : "");
      String range =
          String.format(
              Locale.ROOT,
              "(%.0f..%.0f)",
              instructions.getStatistics().getMin() / 1e6,
              instructions.getStatistics().getMax() / 1e6);
      out.printf(
          Locale.ROOT,
          "%-12s %-12s %8s %9.3f %,14d %20s %15s%n",
          params.getParam("program"),
          engineColumn(row),
          size(params.getParam("sizeBytes")),
          runs.getScore(),
          perRun,
          score,
          range);
    }
  }

  /** The engine asked for, and what ran when the JIT fell back to the interpreter. */
  private static String engineColumn(RunResult row) {
    String engine = row.getParams().getParam("engine");
    Result<?> compiled = row.getSecondaryResults().get("compiledRuns");
    boolean interpreted = compiled == null || !(compiled.getScore() > 0);
    return "JIT".equalsIgnoreCase(engine) && interpreted ? "JIT→interp." : engine;
  }

  static int programOrder(String name) {
    try {
      return BenchProgram.named(name).ordinal();
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  static String size(String bytes) {
    if (bytes == null) {
      return "?";
    }
    long n = Long.parseLong(bytes);
    if (n % (1 << 20) == 0) {
      return (n >> 20) + " MiB";
    }
    if (n % (1 << 10) == 0) {
      return (n >> 10) + " KiB";
    }
    return n + " B";
  }
}
