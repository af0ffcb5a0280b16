package org.csdlab.ebpf;

/**
 * How a {@link Vm} executes its program. Both engines give the same results: r0, memory effects,
 * instruction counts, fuel exhaustion at the same instruction and every error with the same kind,
 * pc and message.
 */
public enum Engine {
  /** Each instruction decoded and dispatched in a loop; starts at once, the reference semantics. */
  INTERPRETER,

  /**
   * The program compiled to JVM bytecode when the {@code Vm} is built, so HotSpot compiles it to
   * machine code; a program that cannot be compiled runs on the interpreter, and {@link
   * Vm#interpretedBecause()} says why.
   */
  JIT,

  /**
   * The JIT for programs with a loop (a jump backwards), the interpreter for the rest: a program
   * without a loop executes each instruction at most once per call depth, so compiling it costs
   * more than it saves. Tracing always uses the interpreter.
   */
  AUTO
}
