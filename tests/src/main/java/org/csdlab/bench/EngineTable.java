package org.csdlab.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The engines side by side, as a markdown table per JVM: for each program and buffer, the time per
 * run of {@link NativeBenchmark} (gcc -O2), and of {@link EbpfBenchmark} on the interpreter and on
 * the JIT, their ratios to native code and the eBPF instructions per second. A cell whose benchmark
 * did not run shows {@code -}. A JIT row whose runs were all interpreted (the VM fell back) is
 * marked, so a fallback never passes for a JIT figure.
 */
final class EngineTable {
  private static final String NATIVE = "native";
  private static final String INTERPRETER = "INTERPRETER";
  private static final String JIT = "JIT";
  private static final String FELL_BACK_NOTE =
      "\\* the JIT was asked for but every run was interpreted (compiledRuns = 0);"
          + " the setup's line in the output above says why.";

  private EngineTable() {}

  static void print(Collection<RunResult> results, PrintStream out) {
    // JVM -> "program sizeBytes" -> engine -> result
    Map<String, Map<String, Map<String, RunResult>>> tables = new TreeMap<>();
    Map<String, BenchmarkParams> jvms = new TreeMap<>();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      String engine = engineOf(params);
      if (engine == null) {
        continue;
      }
      String jvm = params.getJvm() + " " + params.getJdkVersion();
      jvms.putIfAbsent(jvm, params);
      tables
          .computeIfAbsent(jvm, k -> new TreeMap<>(rowOrder()))
          .computeIfAbsent(
              params.getParam("program") + " " + params.getParam("sizeBytes"),
              k -> new LinkedHashMap<>())
          .put(engine, result);
    }
    for (Map.Entry<String, Map<String, Map<String, RunResult>>> table : tables.entrySet()) {
      printTable(jvms.get(table.getKey()), table.getValue(), out);
    }
  }

  /** {@code native}, {@code INTERPRETER} or {@code JIT}; null for other benchmarks. */
  private static String engineOf(BenchmarkParams params) {
    String name = params.getBenchmark();
    if (name.startsWith(NativeBenchmark.class.getName() + ".")) {
      return NATIVE;
    }
    if (name.startsWith(EbpfBenchmark.class.getName() + ".")) {
      return params.getParam("engine").toUpperCase(Locale.ROOT);
    }
    return null;
  }

  private static Comparator<String> rowOrder() {
    return Comparator.comparing((String key) -> BenchReport.programOrder(key.split(" ")[0]))
        .thenComparing(key -> Long.parseLong(key.split(" ")[1]));
  }

  private static void printTable(
      BenchmarkParams jvm, Map<String, Map<String, RunResult>> rows, PrintStream out) {
    out.println();
    out.printf(
        Locale.ROOT,
        "Native (gcc -O2), interpreter and JIT: time per run, JDK %s (%s %s, %s)%n%n",
        jvm.getJdkVersion(),
        jvm.getVmName(),
        jvm.getVmVersion(),
        jvm.getJvm());
    out.println(
        "| program | buffer | native ns/run | interpreter ns/run | JIT ns/run"
            + " | interpreter/native | JIT/native | interpreter Minsn/s | JIT Minsn/s |");
    out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|");
    boolean fellBack = false;
    for (Map.Entry<String, Map<String, RunResult>> entry : rows.entrySet()) {
      Map<String, RunResult> engines = entry.getValue();
      String[] key = entry.getKey().split(" ");
      double nativeNanos = nanosPerRun(engines.get(NATIVE));
      double interpreterNanos = nanosPerRun(engines.get(INTERPRETER));
      double jitNanos = nanosPerRun(engines.get(JIT));
      boolean jitInterpreted = engines.containsKey(JIT) && !ranCompiled(engines.get(JIT));
      fellBack |= jitInterpreted;
      String mark = jitInterpreted ? " *" : "";
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          key[0],
          BenchReport.size(key[1]),
          nanos(nativeNanos),
          nanos(interpreterNanos),
          nanos(jitNanos) + mark,
          ratio(interpreterNanos, nativeNanos),
          ratio(jitNanos, nativeNanos) + mark,
          minsn(engines.get(INTERPRETER)),
          minsn(engines.get(JIT)) + mark);
    }
    if (fellBack) {
      out.println();
      out.println(FELL_BACK_NOTE);
    }
  }

  /**
   * The {@link CsdBenchmark} table per JVM: MB/s of media (10^6 bytes) and eBPF instructions per
   * second of the drive's kernel on each engine.
   */
  static void printCsd(Collection<RunResult> results, PrintStream out) {
    Map<String, Map<String, RunResult>> tables = new TreeMap<>();
    Map<String, BenchmarkParams> jvms = new TreeMap<>();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      if (!params.getBenchmark().startsWith(CsdBenchmark.class.getName() + ".")) {
        continue;
      }
      String jvm = params.getJvm() + " " + params.getJdkVersion();
      jvms.putIfAbsent(jvm, params);
      tables
          .computeIfAbsent(jvm, k -> new TreeMap<>())
          .put(params.getParam("engine").toUpperCase(Locale.ROOT), result);
    }
    for (Map.Entry<String, Map<String, RunResult>> table : tables.entrySet()) {
      BenchmarkParams jvm = jvms.get(table.getKey());
      out.println();
      out.printf(
          Locale.ROOT,
          "count_u32.o on the drive (256 MiB zone, 4 KiB reads), JDK %s (%s)%n%n",
          jvm.getJdkVersion(),
          jvm.getJvm());
      out.println("| engine | runs/s | media MB/s | Minsn/s |");
      out.println("|---|--:|--:|--:|");
      boolean fellBack = false;
      for (Map.Entry<String, RunResult> row : table.getValue().entrySet()) {
        RunResult result = row.getValue();
        boolean jitInterpreted = row.getKey().equals(JIT) && !ranCompiled(result);
        fellBack |= jitInterpreted;
        Result<?> bytes = result.getSecondaryResults().get("bytes");
        out.printf(
            Locale.ROOT,
            "| %s | %.2f | %s | %s |%n",
            row.getKey() + (jitInterpreted ? " *" : ""),
            result.getPrimaryResult().getScore(),
            bytes == null ? "-" : String.format(Locale.ROOT, "%.0f", bytes.getScore() / 1e6),
            minsn(result));
      }
      if (fellBack) {
        out.println();
        out.println(FELL_BACK_NOTE);
      }
    }
  }

  /** Mean ns per run: the inverse of the mean runs per second; NaN when it did not run. */
  private static double nanosPerRun(RunResult result) {
    if (result == null || !(result.getPrimaryResult().getScore() > 0)) {
      return Double.NaN;
    }
    return 1e9 / result.getPrimaryResult().getScore();
  }

  private static boolean ranCompiled(RunResult result) {
    Result<?> compiled = result.getSecondaryResults().get("compiledRuns");
    return compiled != null && compiled.getScore() > 0;
  }

  private static String nanos(double nanos) {
    return Double.isNaN(nanos) ? "-" : String.format(Locale.ROOT, "%,.0f", nanos);
  }

  private static String ratio(double nanos, double nativeNanos) {
    return Double.isNaN(nanos) || Double.isNaN(nativeNanos)
        ? "-"
        : String.format(Locale.ROOT, "%.2f×", nanos / nativeNanos);
  }

  private static String minsn(RunResult result) {
    if (result == null) {
      return "-";
    }
    Result<?> instructions = result.getSecondaryResults().get("instructions");
    return instructions == null
        ? "-"
        : String.format(Locale.ROOT, "%.0f", instructions.getScore() / 1e6);
  }
}
