package org.csdlab.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.csdlab.lab.monitor.ProgressBars;
import org.csdlab.lab.tutorial.TutorialCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code csdlab demo}: the offloaded-filtering demo, host against drive. */
@Command(
    name = "demo",
    description =
        "Count sensor readings above RAND_MAX/2 on the host and on the drive, and compare.",
    footer = {
      "",
      "The drive is the lab's: an emulated ZNS SSD with an eBPF core (teaching timing profile). The "
          + "readings are u32 values in [0, RAND_MAX] from a seeded generator. The host reads every byte over the host "
          + "link and counts in Java; on the drive, the lab's eBPF kernel count_u32_above counts and returns only the "
          + "count. Modeled time is the drive model's (deterministic); wall time is this computer's.",
      "",
      ByteSize.UNITS_HELP
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "256MiB",
      converter = ByteSize.Converter.class,
      description = "Size of the dataset, whole 16 MiB zones (default: ${DEFAULT-VALUE}).")
  ByteSize size;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "7",
      description = "Seed of the readings (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--chart",
      paramLabel = "FILE",
      description =
          "Where to write the charts, an HTML page that opens offline (default: target/csdlab-demo.html in "
              + "the csdlab directory). Its directory must exist.")
  Path chart;

  @Option(names = "--no-chart", description = "Write no chart.")
  boolean noChart;

  @Option(
      names = "--progress",
      negatable = true,
      description = "Show progress bars on stderr (default: in a terminal).")
  Boolean progress;

  @Override
  public Integer call() {
    // every argument is checked before the demo starts: a bad one must not cost a whole run
    OffloadDemo demo = new OffloadDemo(size.bytes() >> 20);
    demo.sizeProblem(size.bytes())
        .ifPresent(
            problem -> {
              throw BadArgument.of(
                  spec, "--size", "--size " + problem + ", got " + size.described());
            });
    Path chartFile = noChart ? null : chartFile();
    if (progress != null) { // the lab's monitor reads this when it decides on bars
      System.setProperty(ProgressBars.PROPERTY, progress ? "bar" : "none");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "csdlab demo: %s of u32 sensor readings on an emulated computational-storage drive,%n",
        size);
    out.println(
        "counted above RAND_MAX/2 on the host and on the drive. The demo runs, in JShell terms:");
    out.println();
    demo.code(seed).lines().forEach(line -> out.println("  " + line));
    out.println();
    out.flush();
    OffloadDemo.Result result = demo.run(seed, chartFile);
    out.println();
    out.println(result.comparison());
    if (result.chart() != null) {
      out.println();
      out.println("Charts (open in a browser, no internet needed): " + result.chart());
    }
    return result.comparison().sameAnswer() ? 0 : 1;
  }

  /**
   * The chart file, checked: {@code --chart} as given (its directory must exist), or by default
   * target/csdlab-demo.html of the csdlab directory (the build's own directory, made when missing),
   * wherever csdlab runs from.
   */
  private Path chartFile() {
    Path file = chart != null ? chart : defaultChartFile();
    BadArgument.requireWritable(spec, "--chart", file);
    return file.toAbsolutePath().normalize();
  }

  private static Path defaultChartFile() {
    Path directory =
        TutorialCatalog.home()
            .map(home -> home.resolve("target"))
            .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return directory.resolve("csdlab-demo.html");
  }
}
