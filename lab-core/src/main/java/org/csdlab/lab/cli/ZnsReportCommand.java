package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.csdlab.lab.io.InputFile;
import org.csdlab.zns.ReportFilter;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.csdlab.zns.ZoneState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code csdlab zns report FILE}: the zones of a device image, as Report Zones lists them. */
@Command(
    name = "report",
    description = "List the zones of a device image file (Report Zones).",
    footer = {
      "",
      "Zones that were open when the image was closed are reported Closed, as after a restart.",
      "",
      "Examples:",
      "  csdlab zns report drive.img",
      "  csdlab zns report drive.img --filter full"
    })
final class ZnsReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description =
          "A device image (made by csdlab zns create or ZnsDevice.builder(...).file(...)).")
  Path file;

  @Option(
      names = {"-f", "--filter"},
      paramLabel = "FILTER",
      defaultValue = "ALL",
      description = "Which zones, ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ReportFilter filter;

  @Option(names = "--non-empty", description = "Leave out Empty zones.")
  boolean nonEmpty;

  @Override
  public Integer call() {
    InputFile.opened(file, "device image").requireRegular();
    try (ZnsDevice device = ZnsDevice.open(file)) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(file + ": " + ZnsCreateCommand.describe(device.geometry()));
      List<Zone> zones =
          device.report(filter).stream()
              .filter(z -> !nonEmpty || z.state() != ZoneState.EMPTY)
              .toList();
      out.printf(
          Locale.ROOT,
          "%5s  %-18s %12s %12s %10s %9s%n",
          "zone",
          "state",
          "start LBA",
          "write ptr",
          "written",
          "used");
      Map<ZoneState, Integer> counts = new EnumMap<>(ZoneState.class);
      for (Zone z : zones) {
        counts.merge(z.state(), 1, Integer::sum);
        out.printf(
            Locale.ROOT,
            "%5d  %-18s %12d %12d %10d %8.1f%%%n",
            z.id(),
            z.state(),
            z.startLba(),
            z.writePointer(),
            z.writtenBlocks(),
            100.0 * z.writtenBlocks() / z.capacityBlocks());
      }
      StringBuilder summary = new StringBuilder();
      counts.forEach(
          (state, n) ->
              summary
                  .append(summary.length() == 0 ? "" : ", ")
                  .append(n)
                  .append(' ')
                  .append(state));
      out.printf(
          Locale.ROOT,
          "%d zone%s listed (filter %s%s)%s%n",
          zones.size(),
          zones.size() == 1 ? "" : "s",
          filter,
          nonEmpty ? ", non-empty" : "",
          zones.isEmpty() ? "" : ": " + summary);
    }
    return 0;
  }
}
