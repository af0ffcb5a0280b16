package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code csdlab demo}: the offloaded-filtering demo, host against drive. */
@Command(name = "demo", description = "Count sensor readings above RAND_MAX/2 on the host and on the drive, and compare.",
    footer = {"", "The drive is an emulated ZNS SSD with an eBPF core (teaching timing profile). The readings",
        "are u32 values, uniform in [0, RAND_MAX], from a seeded generator. The drive runs the tutorial",
        "kernel tutorials/programs/count_u32.o, one zone at a time; the host reads every zone and counts in Java.",
        "Modeled time is the drive's timing model (deterministic); wall time is this computer's."})
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--size", paramLabel = "SIZE", defaultValue = "256MiB", converter = ByteSize.Converter.class,
      description = "Size of the dataset, whole 16 MiB zones (default: ${DEFAULT-VALUE}).")
  ByteSize size;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Seed of the readings (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--progress", negatable = true, description = "Show progress bars (default: when output is a terminal).")
  Boolean progress;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("csdlab demo: %s of u32 sensor readings (seed %d) on an emulated computational-storage drive%n",
        size, seed);
    out.println("Counting the readings above RAND_MAX/2, on the host and on the drive...");
    out.flush();
    boolean show = progress != null ? progress : System.console() != null;
    OffloadDemo.Comparison c = new OffloadDemo(show).run(size.bytes(), seed);
    out.println();
    out.print(table(c));
    out.println();
    out.println(verdict(c));
    return c.host().count() == c.drive().count() ? 0 : 1;
  }

  static String table(OffloadDemo.Comparison c) {
    StringBuilder t = new StringBuilder();
    String row = "  %-30s %18s %18s%n";
    t.append(String.format(Locale.ROOT, row, "", "host", "drive (eBPF)"));
    t.append(String.format(Locale.ROOT, row, "readings above RAND_MAX/2", count(c.host().count()),
        count(c.drive().count())));
    t.append(String.format(Locale.ROOT, row, "bytes over the host link", ByteSize.format(c.host().hostLinkBytes()),
        ByteSize.format(c.drive().hostLinkBytes())));
    t.append(String.format(Locale.ROOT, row, "modeled time (drive model)", duration(c.host().modeledNanos()),
        duration(c.drive().modeledNanos())));
    t.append(String.format(Locale.ROOT, row, "wall time (this computer)", duration(c.host().wallNanos()),
        duration(c.drive().wallNanos())));
    return t.toString();
  }

  private static String verdict(OffloadDemo.Comparison c) {
    if (c.host().count() != c.drive().count()) {
      return "The counts differ: the kernel or the emulator has a bug.";
    }
    double ratio = (double) c.host().hostLinkBytes() / Math.max(1, c.drive().hostLinkBytes());
    return String.format(Locale.ROOT, "Same answer; offloading moved %,.0fx fewer bytes over the host link.", ratio);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** As {@code 812 µs}, {@code 3.27 ms} or {@code 1.234 s}. */
  static String duration(long nanos) {
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }
}
