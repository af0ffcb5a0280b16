package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.csdlab.lab.monitor.ProgressBars;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code csdlab demo}: the offloaded-filtering demo, host against drive. */
@Command(name = "demo",
    description = "Count sensor readings above RAND_MAX/2 on the host and on the drive, and compare.",
    footer = {"", "The drive is the lab's: an emulated ZNS SSD with an eBPF core (teaching timing",
        "profile). The readings are u32 values in [0, RAND_MAX] from a seeded generator. The host",
        "reads every byte over the host link and counts in Java; on the drive, the lab's eBPF",
        "kernel count_u32_above counts and returns only the count. Modeled time is the drive",
        "model's (deterministic); wall time is this computer's."})
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--size", paramLabel = "SIZE", defaultValue = "256MiB", converter = ByteSize.Converter.class,
      description = "Size of the dataset, whole 16 MiB zones (default: ${DEFAULT-VALUE}).")
  ByteSize size;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Seed of the readings (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--chart", paramLabel = "FILE", defaultValue = "target/csdlab-demo.html",
      description = "Where to write the charts, an HTML page that opens offline (default: ${DEFAULT-VALUE}).")
  Path chart;

  @Option(names = "--no-chart", description = "Write no chart.")
  boolean noChart;

  @Option(names = "--progress", negatable = true,
      description = "Show progress bars on stderr (default: in a terminal).")
  Boolean progress;

  @Override
  public Integer call() {
    if (size.bytes() % (1 << 20) != 0) {
      throw new CliException("the dataset size must be a whole number of MiB, got " + size);
    }
    if (progress != null) { // the lab's monitor reads this when it decides on bars
      System.setProperty(ProgressBars.PROPERTY, progress ? "bar" : "none");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("csdlab demo: %s of u32 sensor readings on an emulated computational-storage drive,%n", size);
    out.println("counted above RAND_MAX/2 on the host and on the drive. The demo runs, in JShell terms:");
    out.println();
    OffloadDemo demo = new OffloadDemo(size.bytes() >> 20);
    demo.code(seed).lines().forEach(line -> out.println("  " + line));
    out.println();
    out.flush();
    OffloadDemo.Result result = demo.run(seed, noChart ? null : chart.toAbsolutePath().normalize());
    out.println();
    out.println(result.comparison());
    if (result.chart() != null) {
      out.println();
      out.println("Charts (open in a browser, no internet needed): " + result.chart());
    }
    return result.comparison().sameAnswer() ? 0 : 1;
  }
}
