package org.csdlab.lab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.csdlab.lab.Comparison;
import org.csdlab.lab.CsdRun;
import org.csdlab.lab.HostRun;
import org.csdlab.lab.LabConfig;
import org.csdlab.lab.Quantities;
import org.csdlab.lab.chart.BytesMoved;
import org.csdlab.lab.chart.Chart;
import org.csdlab.lab.chart.Charts;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.csdlab.lab.monitor.TimeAxis;
import org.csdlab.zns.timing.TimingProfile;

/**
 * The page {@code csdlab demo --chart FILE} writes: a heading, what the demo ran with, the
 * comparison table, what the charts show and why wall time differs from modeled time, then the
 * three charts (bytes moved, throughput over modeled time, over wall-clock time).
 */
final class DemoPage {
  static final String TITLE = "csdlab demo: offloaded filtering";
  static final String BYTES_TITLE = "Bytes moved: counting on the host vs on the drive";

  /** What the demo was run with. */
  record Parameters(long datasetBytes, int zones, long seed, long threshold, LabConfig config) {}

  private DemoPage() {}

  /** Writes the page to {@code file} and returns it. */
  static Path save(
      Path file,
      Parameters parameters,
      Comparison comparison,
      HostRun onHost,
      CsdRun onDrive,
      ThroughputMonitor monitor) {
    Chart bytes =
        Charts.bytesMoved(
            BYTES_TITLE,
            List.of(
                new BytesMoved("host", onHost.hostBytes(), onHost.hostBytes()),
                new BytesMoved("drive (eBPF)", onDrive.mediaBytesRead(), onDrive.hostBytes())));
    List<HtmlRenderable> parts =
        List.of(
            () -> parametersHtml(parameters),
            comparison,
            () -> explanationHtml(parameters, comparison, onHost, onDrive),
            bytes,
            monitor.chart(TimeAxis.MODELED),
            monitor.chart(TimeAxis.WALL_CLOCK));
    return Charts.saveHtml(file, TITLE, parts);
  }

  static String parametersHtml(Parameters p) {
    LabConfig config = p.config();
    return "<p>"
        + Html.escape(
            "Counting the u32 sensor readings above RAND_MAX/2 on the host, then with an eBPF kernel"
                + " on an emulated computational-storage drive.")
        + "</p>"
        + Html.panel(
            "Parameters",
            Html.table(
                List.of("parameter", "value"),
                List.of(
                    List.of(
                        "dataset",
                        Quantities.bytes(p.datasetBytes())
                            + " of little-endian u32 readings in "
                            + p.zones()
                            + (p.zones() == 1 ? " zone" : " zones")
                            + " of "
                            + Quantities.bytes(config.geometry().zoneCapacityBytes())),
                    List.of("seed", String.valueOf(p.seed())),
                    List.of("threshold", "RAND_MAX/2 = " + p.threshold()),
                    List.of("timing profile", timing(config.timing())),
                    List.of(
                        "drive core",
                        String.format(
                            Locale.ROOT,
                            "%,d eBPF instructions/s (modeled)",
                            config.coreInstructionsPerSecond())),
                    List.of("drive memory", Quantities.bytes(config.memoryBytes())),
                    List.of(
                        "this computer",
                        "Java "
                            + Runtime.version()
                            + ", "
                            + Runtime.getRuntime().availableProcessors()
                            + " processors"))));
  }

  /**
   * As {@code teaching: 2 channels × 2 dies, read 50.0 µs, program 500.0 µs, host link 78.1 MiB/s},
   * in the lab's units.
   */
  static String timing(TimingProfile timing) {
    if (timing.noDelays()) {
      return timing.name() + ": no delays";
    }
    long link = timing.linkBandwidthBytesPerSecond();
    return timing.name()
        + ": "
        + timing.channels()
        + (timing.channels() == 1 ? " channel × " : " channels × ")
        + timing.diesPerChannel()
        + (timing.diesPerChannel() == 1 ? " die" : " dies")
        + ", read "
        + Quantities.nanos(timing.readLatencyNanos())
        + ", program "
        + Quantities.nanos(timing.programLatencyNanos())
        + ", host link "
        + (link == TimingProfile.UNLIMITED
            ? "unlimited"
            : String.format(Locale.ROOT, "%.1f MiB/s", link / (double) (1 << 20)));
  }

  /** Two paragraphs: what the charts show, and why wall time is not modeled time. */
  static String explanationHtml(
      Parameters p, Comparison comparison, HostRun onHost, CsdRun onDrive) {
    String charts =
        "The first chart shows the bytes each count moved: the host read all "
            + Quantities.bytes(onHost.hostBytes())
            + " over the host link, the drive read the same "
            + Quantities.bytes(onDrive.mediaBytesRead())
            + " from its flash and sent only "
            + Quantities.bytes(onDrive.hostBytes())
            + " back (a count per zone). The other two show the throughput of"
            + " each step, one after the other (writing the dataset, the host's count, the drive's count): over modeled"
            + " time, as the drive model (timing profile "
            + p.config().timing().name()
            + ") says the flash, the link"
            + " and the drive's core take them, the same on every computer; and over wall-clock time, as this computer"
            + " took them.";
    String why =
        "In modeled time the drive is "
            + times(comparison.modeledSpeedup())
            + " the host; on the wall"
            + " clock it is "
            + times(comparison.wallSpeedup())
            + " the host. Wall time differs because nothing here is a real"
            + " drive: the drive's kernel runs on this JVM's eBPF interpreter, which executes every instruction in"
            + " software, while the host's count is Java that the JVM compiles to machine code; modeled time is what"
            + " the drive model says a drive with its own core would take.";
    return "<p>" + Html.escape(charts) + "</p><p>" + Html.escape(why) + "</p>";
  }

  /** A host / drive time ratio as words: {@code 1.82× faster than}, {@code 2.50× slower than}. */
  static String times(double hostOverDrive) {
    if (Double.isNaN(hostOverDrive) || Double.isInfinite(hostOverDrive)) {
      return "not comparable with";
    }
    return hostOverDrive >= 1
        ? Quantities.ratio(hostOverDrive) + " faster than"
        : Quantities.ratio(1 / hostOverDrive) + " slower than";
  }
}
