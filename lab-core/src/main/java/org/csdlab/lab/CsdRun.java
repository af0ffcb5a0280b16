package org.csdlab.lab;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.lab.display.Html;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.CsdResult;
import org.csdlab.zns.csd.HelperRefusal;

/**
 * A kernel run on the drive: data read inside the device, only the result sent over the host link.
 *
 * @param kernel the kernel's name
 * @param extent the data it was given, or null when it was given raw call information
 * @param value the answer: the first 8 returned bytes as a little-endian u64, or r0 if it returned
 *     fewer
 * @param r0 the kernel's exit value (0 for success in OpenCSD kernels)
 * @param instructions eBPF instructions the device core executed
 * @param mediaBytesRead bytes read from the media inside the drive
 * @param hostBytes bytes sent over the host link (the return data)
 * @param mediaNanos modeled time of the media reads, without the host link
 * @param computeNanos modeled time of the device core
 * @param linkNanos modeled host-link time of the return data
 * @param wallNanos wall-clock time of the run in this JVM
 * @param debug the kernel's debug messages, as many as the limits kept
 * @param debugDropped how many debug messages were dropped for the limits (after those kept)
 * @param refusals why helper calls returned -1 ({@link org.csdlab.zns.csd.HelperRefusal}, as text),
 *     as many as the limit kept
 * @param refusalsDropped how many refusals were not kept for the limit (after those kept)
 */
public record CsdRun(
    String kernel,
    Extent extent,
    long value,
    long r0,
    long instructions,
    long mediaBytesRead,
    long hostBytes,
    long mediaNanos,
    long computeNanos,
    long linkNanos,
    long wallNanos,
    List<String> debug,
    long debugDropped,
    List<String> refusals,
    long refusalsDropped)
    implements Run {
  /** The most debug messages a run made of parts keeps: as many as one run keeps by default. */
  static final int MAX_DEBUG_LINES = ComputationalStorage.DEFAULT_DEBUG_LINES;

  /** The most refusals a run made of parts keeps: as many as one run keeps by default. */
  static final int MAX_REFUSALS = ComputationalStorage.DEFAULT_REFUSAL_LIMIT;

  public CsdRun {
    debug = debug == null ? List.of() : List.copyOf(debug);
    refusals = refusals == null ? List.of() : List.copyOf(refusals);
  }

  static CsdRun of(String kernel, Extent extent, CsdResult result, long wallNanos) {
    long value = result.hostBytes() >= 8 ? result.returnedLong() : result.r0();
    return new CsdRun(
        kernel,
        extent,
        value,
        result.r0(),
        result.instructionsExecuted(),
        result.mediaBytesRead(),
        result.hostBytes(),
        result.mediaNanos(),
        result.computeNanos(),
        result.linkNanos(),
        wallNanos,
        result.debug(),
        result.debugDropped(),
        result.refusals().stream().map(HelperRefusal::toString).toList(),
        result.refusalsDropped());
  }

  /**
   * One run made of {@code parts} (runs of the same kernel over consecutive pieces of {@code
   * extent}) whose answers add up, as counts do: values, instructions, bytes and times are summed;
   * r0 is the first non-zero exit value, or 0.
   *
   * @throws IllegalArgumentException no parts
   */
  static CsdRun sumOf(String kernel, Extent extent, List<CsdRun> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a run of " + kernel + " needs at least one part");
    }
    long value = 0;
    long r0 = 0;
    long instructions = 0;
    long media = 0;
    long host = 0;
    long mediaNanos = 0;
    long computeNanos = 0;
    long linkNanos = 0;
    long wallNanos = 0;
    List<String> debug = new ArrayList<>();
    long debugDropped = 0;
    List<String> refusals = new ArrayList<>();
    long refusalsDropped = 0;
    for (CsdRun part : parts) {
      value += part.value;
      r0 = r0 != 0 ? r0 : part.r0;
      instructions += part.instructions;
      media += part.mediaBytesRead;
      host += part.hostBytes;
      mediaNanos += part.mediaNanos;
      computeNanos += part.computeNanos;
      linkNanos += part.linkNanos;
      wallNanos += part.wallNanos;
      int room = Math.max(0, MAX_DEBUG_LINES - debug.size());
      debug.addAll(part.debug.subList(0, Math.min(room, part.debug.size())));
      debugDropped += part.debugDropped + Math.max(0, part.debug.size() - room);
      int refusalRoom = Math.max(0, MAX_REFUSALS - refusals.size());
      refusals.addAll(part.refusals.subList(0, Math.min(refusalRoom, part.refusals.size())));
      refusalsDropped += part.refusalsDropped + Math.max(0, part.refusals.size() - refusalRoom);
    }
    return new CsdRun(
        kernel,
        extent,
        value,
        r0,
        instructions,
        media,
        host,
        mediaNanos,
        computeNanos,
        linkNanos,
        wallNanos,
        debug,
        debugDropped,
        refusals,
        refusalsDropped);
  }

  /** Helper calls of the run that returned -1, kept or not. */
  public long refusedCalls() {
    return refusals.size() + refusalsDropped;
  }

  @Override
  public String label() {
    return "drive " + kernel;
  }

  /** Media + compute + link, one after the other. */
  @Override
  public long modeledNanos() {
    return mediaNanos + computeNanos + linkNanos;
  }

  /**
   * One line, as {@code drive count_u32_above = 56727 · 8 B over the link · modeled 2.10 ms · wall
   * 3.40 ms · 1.31 M insn} (and {@code r0} when the kernel's exit value is not 0).
   */
  @Override
  public String toString() {
    return label()
        + " = "
        + value
        + " · "
        + Quantities.bytes(hostBytes)
        + " over the link · modeled "
        + Quantities.nanos(modeledNanos())
        + " · wall "
        + Quantities.nanos(wallNanos)
        + (r0 == 0 ? "" : " · r0 " + r0)
        + " · "
        + Quantities.si(instructions, "insn")
        + (debug.isEmpty() ? "" : " · " + debug.size() + " debug messages")
        + (debugDropped == 0 ? "" : " · " + debugDropped + " debug messages dropped")
        + (refusedCalls() == 0
            ? ""
            : " · "
                + refusedCalls()
                + (refusedCalls() == 1 ? " helper call" : " helper calls")
                + " returned -1"
                + (refusals.isEmpty() ? "" : " (first: " + refusals.get(0) + ")"));
  }

  @Override
  public String toHtml() {
    List<List<String>> rows =
        new ArrayList<>(
            List.of(
                List.of("data", extent == null ? "(call information)" : extent.toString()),
                List.of("exit value r0", String.valueOf(r0)),
                List.of("instructions", String.valueOf(instructions)),
                List.of(
                    "read inside the drive",
                    Quantities.bytes(mediaBytesRead) + " (" + mediaBytesRead + " B)"),
                List.of(
                    "bytes over host link", Quantities.bytes(hostBytes) + " (" + hostBytes + " B)"),
                List.of(
                    "modeled time",
                    Quantities.nanos(modeledNanos())
                        + " = media "
                        + Quantities.nanos(mediaNanos)
                        + " + compute "
                        + Quantities.nanos(computeNanos)
                        + " + link "
                        + Quantities.nanos(linkNanos)),
                List.of("wall time", Quantities.nanos(wallNanos))));
    for (String message : debug) {
      rows.add(List.of("debug", message));
    }
    if (debugDropped > 0) {
      rows.add(
          List.of(
              "debug dropped",
              debugDropped
                  + " more messages (over the debug limits of"
                  + " ComputationalStorage.builder: debugLineLimit, debugByteLimit)"));
    }
    for (String refusal : refusals) {
      rows.add(List.of("helper returned -1", refusal));
    }
    if (refusalsDropped > 0) {
      rows.add(
          List.of(
              "refusals dropped",
              refusalsDropped
                  + " more helper calls returned -1 (over the limit of"
                  + " ComputationalStorage.builder: refusalLimit)"));
    }
    return Html.panel(label() + " = " + value, Html.table(List.of("", ""), rows));
  }
}
