package org.csdlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

/** The engine table turns JMH's runs per second into ns per run, ratios and Minsn/s, per JVM. */
class EngineTableTest {
  private static final String SIZE = "67108864";

  @Test
  void setsTheEnginesBesideNativeCodeAndMarksAJitThatWasInterpreted() {
    List<RunResult> results = new ArrayList<>();
    // count_above: native 1 ms, interpreter 50 ms, JIT asked for but interpreted (52 ms)
    results.add(result(NativeBenchmark.class, "count_above", null, 1000, Map.of()));
    results.add(
        result(
            EbpfBenchmark.class,
            "count_above",
            "INTERPRETER",
            20,
            Map.of("instructions", 20 * 125e6, "compiledRuns", 0.0)));
    results.add(
        result(
            EbpfBenchmark.class,
            "count_above",
            "JIT",
            1000 / 52.0,
            Map.of("instructions", 1000 / 52.0 * 125e6, "compiledRuns", 0.0)));
    // fnv1a: native 4 ms, no interpreter run, JIT 5 ms and compiled
    results.add(result(NativeBenchmark.class, "fnv1a", null, 250, Map.of()));
    results.add(
        result(
            EbpfBenchmark.class,
            "fnv1a",
            "JIT",
            200,
            Map.of("instructions", 200 * 470e6, "compiledRuns", 200.0)));
    // not an engine benchmark: left out
    results.add(result(ZnsBenchmark.class, null, null, 5, Map.of()));

    assertEquals(
        lines(
            "",
            "Native (gcc -O2), interpreter and JIT: time per run, JDK 17.0.15 (OpenJDK 64-Bit"
                + " Server VM 17.0.15+6, /jdk17/bin/java)",
            "",
            "| program | buffer | native ns/run | interpreter ns/run | JIT ns/run"
                + " | interpreter/native | JIT/native | interpreter Minsn/s | JIT Minsn/s |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|",
            "| count_above | 64 MiB | 1,000,000 | 50,000,000 | 52,000,000 * | 50.00× | 52.00× *"
                + " | 2500 | 2404 * |",
            "| fnv1a | 64 MiB | 4,000,000 | - | 5,000,000 | - | 1.25× | - | 94000 |",
            "",
            "\\* the JIT was asked for but every run was interpreted (compiledRuns = 0); the"
                + " setup's line in the output above says why.",
            ""),
        printed(out -> EngineTable.print(results, out)));
  }

  @Test
  void theDrivesTableGivesMediaMegabytesPerSecondPerEngine() {
    List<RunResult> results =
        List.of(
            result(
                CsdBenchmark.class,
                null,
                "INTERPRETER",
                0.5,
                Map.of("bytes", 0.5 * 268435456, "instructions", 0.5 * 500e6, "compiledRuns", 0.0)),
            result(
                CsdBenchmark.class,
                null,
                "JIT",
                8,
                Map.of("bytes", 8.0 * 268435456, "instructions", 8 * 500e6, "compiledRuns", 8.0)));

    assertEquals(
        lines(
            "",
            "count_u32.o on the drive (256 MiB zone, 4 KiB reads), JDK 17.0.15 (/jdk17/bin/java)",
            "",
            "| engine | runs/s | media MB/s | Minsn/s |",
            "|---|--:|--:|--:|",
            "| INTERPRETER | 0.50 | 134 | 250 |",
            "| JIT | 8.00 | 2147 | 4000 |",
            ""),
        printed(out -> EngineTable.printCsd(results, out)));
  }

  private static String lines(String... lines) {
    return String.join("\n", lines);
  }

  private static String printed(Consumer<PrintStream> print) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  /** A one-iteration JMH result of {@code benchmark.run} at {@code runsPerSecond}. */
  private static RunResult result(
      Class<?> benchmark,
      String program,
      String engine,
      double runsPerSecond,
      Map<String, Double> counters) {
    WorkloadParams workload = new WorkloadParams();
    if (program != null) {
      workload.put("program", program, 0);
      workload.put("sizeBytes", SIZE, 2);
    }
    if (engine != null) {
      workload.put("engine", engine, 1);
    }
    IterationParams warmup = new IterationParams(IterationType.WARMUP, 0, TimeValue.seconds(1), 1);
    IterationParams measurement =
        new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.seconds(1), 1);
    BenchmarkParams params =
        new BenchmarkParams(
            benchmark.getName() + ".run",
            "generated",
            false,
            1,
            new int[] {1},
            List.of(),
            1,
            0,
            warmup,
            measurement,
            Mode.Throughput,
            workload,
            TimeUnit.SECONDS,
            1,
            "/jdk17/bin/java",
            List.of(),
            "17.0.15",
            "OpenJDK 64-Bit Server VM",
            "17.0.15+6",
            "1.37",
            TimeValue.minutes(10));
    IterationResult iteration = new IterationResult(params, measurement, null);
    long second = TimeUnit.SECONDS.toNanos(1);
    iteration.addResult(
        new ThroughputResult(ResultRole.PRIMARY, "run", runsPerSecond, second, TimeUnit.SECONDS));
    counters.forEach(
        (name, perSecond) ->
            iteration.addResult(
                new ThroughputResult(
                    ResultRole.SECONDARY, name, perSecond, second, TimeUnit.SECONDS)));
    return new RunResult(params, List.of(new BenchmarkResult(params, List.of(iteration))));
  }
}
