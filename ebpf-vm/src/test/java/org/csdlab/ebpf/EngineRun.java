package org.csdlab.ebpf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one engine did with one program in an {@link EngineDifferential}: the engine that really ran
 * (null when the VM could not be built), why it interpreted, the outcome as text that names every
 * field two engines must agree on, the bytes of every region after the run, the helpers' side
 * effects, and whether the thread was left interrupted.
 *
 * @param engine the engine that ran ({@link Vm#engine()}), or null when building the VM failed
 * @param interpretedBecause {@link Vm#interpretedBecause()}, empty when built for the interpreter
 * @param outcome {@code r0=... executed=...}, or the error as {@link #describe(Throwable)} gives it
 * @param result the result, or null when the run (or the build) threw
 * @param error what the run (or the build) threw, or null
 * @param memory the context's and every extra region's bytes after the run, by region name
 * @param sideEffects {@link HelperFixture#sideEffects()} after the run
 * @param interruptPending whether the running thread was still interrupted after the run
 */
public record EngineRun(
    Engine engine,
    Optional<String> interpretedBecause,
    String outcome,
    ExecutionResult result,
    Throwable error,
    Map<String, byte[]> memory,
    String sideEffects,
    boolean interruptPending) {

  public EngineRun {
    memory = new LinkedHashMap<>(memory);
  }

  /** True when the run (not the build) threw a {@link FuelExhaustedException}. */
  public boolean ranOutOfFuel() {
    return error instanceof FuelExhaustedException;
  }

  /** True when the JIT really ran the program. */
  public boolean compiled() {
    return engine == Engine.JIT;
  }

  /** True when the VM was built (the program got as far as an engine). */
  public boolean built() {
    return engine != null;
  }

  /**
   * Every field of {@code thrown} that two engines must agree on: class, pc, instruction, message,
   * and the fields of its kind (executed count, fuel and advice, address, size, direction and
   * nearest region, helper id), with its cause's class and message.
   */
  public static String describe(Throwable thrown) {
    StringBuilder text = new StringBuilder(thrown.getClass().getName());
    if (thrown instanceof VmExecutionException e) {
      text.append(" pc=").append(e.pc()).append(" instruction='").append(e.instruction());
      text.append('\'');
    }
    if (thrown instanceof VmInterruptedException e) {
      text.append(" executed=").append(e.executed());
    }
    if (thrown instanceof FuelExhaustedException e) {
      text.append(" fuel=").append(e.fuel()).append(" limitAdvice=").append(e.limitAdvice());
    }
    if (thrown instanceof MemoryAccessException e) {
      text.append(" address=0x").append(Long.toHexString(e.address()));
      text.append(" sizeBytes=").append(e.sizeBytes()).append(" write=").append(e.isWrite());
      text.append(" nearestRegion=");
      text.append(e.nearestRegion() == null ? "none" : e.nearestRegion().describe());
    }
    if (thrown instanceof HelperException e) {
      text.append(" helperId=").append(e.helperId());
    }
    text.append(" message=").append(thrown.getMessage());
    Throwable cause = thrown.getCause();
    if (cause != null) {
      text.append(" cause=").append(cause.getClass().getName()).append(": ");
      text.append(cause.getMessage());
    }
    return text.toString();
  }
}
