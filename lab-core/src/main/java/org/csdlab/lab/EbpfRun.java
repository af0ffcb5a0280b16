package org.csdlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Vm;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;

/**
 * A run of a workbench program ({@link EbpfProgram#run()}): its result and the engine that ran it.
 *
 * <pre>{@code
 * sum.run()          // r0 = 5050 (0x13ba) · 303 instructions · 0.004 ms · JIT
 * sum.onInterpreter().run().engine()   // INTERPRETER
 * }</pre>
 *
 * @param program the program's name
 * @param r0 the value returned in r0
 * @param instructionsExecuted instructions executed (LDDW counts once); the same on every engine
 * @param wallNanos wall-clock time of the run itself in this JVM
 * @param contextBytes bytes of the context the run was given (r2)
 * @param vmBuildNanos wall-clock time building the VM took before this run, compiling included when
 *     the JIT runs it; 0 when the program's VM was built by an earlier run
 * @param requested the engine asked for: the program's {@link EbpfProgram#engine()}
 * @param engine the engine that ran: {@link Engine#INTERPRETER} or {@link Engine#JIT}
 * @param interpretedBecause why the interpreter ran although {@code requested} was JIT or AUTO (the
 *     program has no loop, or what stopped the compiler); empty otherwise
 */
public record EbpfRun(
    String program,
    long r0,
    long instructionsExecuted,
    long wallNanos,
    long contextBytes,
    long vmBuildNanos,
    Engine requested,
    Engine engine,
    Optional<String> interpretedBecause)
    implements HtmlRenderable {

  static EbpfRun of(
      String program,
      ExecutionResult result,
      long contextBytes,
      long vmBuildNanos,
      Engine requested,
      Vm vm) {
    return new EbpfRun(
        program,
        result.r0(),
        result.instructionsExecuted(),
        result.wallNanos(),
        contextBytes,
        vmBuildNanos,
        requested,
        vm.engine(),
        vm.interpretedBecause());
  }

  /**
   * eBPF instructions executed per second of wall-clock time: how fast this JVM ran the program (a
   * run too short for the clock gives 0).
   */
  public double instructionsPerSecond() {
    return wallNanos == 0 ? 0 : instructionsExecuted * 1e9 / wallNanos;
  }

  /**
   * Context bytes processed per second of wall-clock time (0 for a run too short for the clock).
   */
  public double contextBytesPerSecond() {
    return wallNanos == 0 ? 0 : contextBytes * 1e9 / wallNanos;
  }

  /** As {@code JIT} or {@code interpreter}: how runs name an engine. */
  static String engineName(Engine engine) {
    return engine == Engine.JIT ? "JIT" : engine.name().toLowerCase(Locale.ROOT);
  }

  /**
   * As {@code r0 = 42 (0x2a) · 2 instructions · 0.010 ms · interpreter (JIT asked)}: the engine
   * that ran, and the one asked for when that was JIT but the interpreter ran ({@link
   * #interpretedBecause()} says why).
   */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "r0 = %d (0x%x) · %d instruction%s · %.3f ms · %s%s",
        r0,
        r0,
        instructionsExecuted,
        instructionsExecuted == 1 ? "" : "s",
        wallNanos / 1e6,
        engineName(engine),
        requested == Engine.JIT && engine != Engine.JIT ? " (JIT asked)" : "");
  }

  @Override
  public String toHtml() {
    List<String> names =
        new ArrayList<>(List.of("r0", "hex", "instructions", "wall time", "engine"));
    List<String> row =
        new ArrayList<>(
            List.of(
                String.valueOf(r0),
                "0x" + Long.toHexString(r0),
                String.valueOf(instructionsExecuted),
                Quantities.nanos(wallNanos),
                engineName(engine) + (requested == engine ? "" : " (" + requested + " asked)")));
    if (vmBuildNanos > 0) {
      names.add("VM built in");
      row.add(Quantities.nanos(vmBuildNanos));
    }
    if (interpretedBecause.isPresent()) {
      names.add("interpreted because");
      row.add(interpretedBecause.get());
    }
    return Html.panel(program + ": r0 = " + r0, Html.table(names, List.of(row)));
  }
}
