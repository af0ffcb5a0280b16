package org.csdlab.lab;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Trace;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.verifier.VerificationException;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.lab.chart.Charts;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.Renderers;
import org.csdlab.lab.display.TableHtml;
import org.csdlab.zns.CommandKind;
import org.csdlab.zns.DeviceStats;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.Zone;
import org.csdlab.zns.csd.CsdResult;
import org.csdlab.zns.timing.TimingProfile;
import tech.tablesaw.api.Table;

/**
 * HTML for the foreign types users meet directly (Tablesaw tables, devices, zones, programs, run
 * results, verifier results), registered with {@link Renderers}. {@link Lab} installs them when it
 * is loaded; the notebook kernel may call {@link #install()} itself. Installing twice does nothing.
 */
public final class Renderings {
  private static boolean installed;

  private Renderings() {}

  /** Registers the lab's HTML adapters once. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    Renderers.register(Table.class, TableHtml::of);
    Renderers.register(List.class, Renderings::listHtml);
    Renderers.register(Zone.class, zone -> ZoneMap.of(List.of(zone)).toHtml());
    Renderers.register(
        ZnsDevice.class, device -> new ZoneMap(device.geometry(), device.zones()).toHtml());
    Renderers.register(Program.class, program -> new Listing("program", program).toHtml());
    Renderers.register(
        LoadedProgram.class, loaded -> new Listing(loaded.name(), loaded.program()).toHtml());
    Renderers.register(ExecutionResult.class, Renderings::executionHtml);
    Renderers.register(
        Trace.class, trace -> Html.panel(trace.toString(), Html.pre(trace.listing())));
    Renderers.register(
        VerificationResult.class,
        result ->
            Html.panel(result.ok() ? "✔ verified" : "✘ refused", Html.pre(result.toString())));
    Renderers.register(
        VerificationException.class,
        e -> Html.panel("✘ refused by the verifier (" + e.code() + ")", Html.pre(e.getMessage())));
    Renderers.register(CsdResult.class, result -> CsdRun.of("kernel", null, result, 0).toHtml());
    Renderers.register(DeviceStats.class, Renderings::statsHtml);
    Renderers.register(
        Geometry.class, geometry -> Html.panel("Geometry", Html.pre(geometry.toString())));
    Renderers.register(
        TimingProfile.class,
        timing -> Html.panel("Timing profile " + timing.name(), Html.pre(timing.toString())));
    Charts.registerRenderers();
  }

  /** A list of zones renders as a zone map; other lists have no HTML form. */
  private static String listHtml(List<?> list) {
    if (list.isEmpty() || !list.stream().allMatch(Zone.class::isInstance)) {
      return null;
    }
    List<Zone> zones = list.stream().map(Zone.class::cast).toList();
    return ZoneMap.of(zones).toHtml();
  }

  private static String executionHtml(ExecutionResult result) {
    String body =
        Html.table(
            List.of("r0", "hex", "instructions", "wall time"),
            List.of(
                List.of(
                    String.valueOf(result.r0()),
                    "0x" + Long.toHexString(result.r0()),
                    String.valueOf(result.instructionsExecuted()),
                    Quantities.nanos(result.wallNanos()))));
    return Html.panel("r0 = " + result.r0(), body);
  }

  private static String statsHtml(DeviceStats stats) {
    return Html.panel(
        "Device statistics",
        Html.table(
            List.of("measure", "value"),
            List.of(
                List.of(
                    "commands",
                    perKind(
                        stats, kind -> String.format(Locale.ROOT, "%,d", stats.commands(kind)))),
                List.of("bytes", perKind(stats, kind -> Quantities.bytes(stats.bytes(kind)))),
                List.of("bytes over host link", Quantities.bytes(stats.hostLinkBytes())),
                List.of("zone resets", String.valueOf(stats.zoneResets())),
                List.of("modeled busy time", Quantities.nanos(stats.modeledBusyNanos())))));
  }

  /** As {@code read 256.0 MiB, write 4.0 KiB}: each kind of command the device ran, in order. */
  private static String perKind(DeviceStats stats, Function<CommandKind, String> value) {
    StringJoiner out = new StringJoiner(", ");
    for (CommandKind kind : CommandKind.values()) {
      if (stats.commands(kind) > 0) {
        out.add(kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + value.apply(kind));
      }
    }
    return out.length() == 0 ? "none" : out.toString();
  }
}
