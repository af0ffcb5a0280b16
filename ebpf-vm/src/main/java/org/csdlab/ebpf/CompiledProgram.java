package org.csdlab.ebpf;

/** The JIT engine: runs a program {@link JitCompiler} compiled. */
final class CompiledProgram implements ExecutionEngine {
  private final JitEntry entry;
  private final Interpreter interpreter;

  CompiledProgram(JitEntry entry, Interpreter interpreter) {
    this.entry = entry;
    this.interpreter = interpreter;
  }

  @Override
  public long execute(RunState run) {
    JitRun jit = new JitRun(run, interpreter);
    long r0;
    try {
      r0 = entry.run(jit);
    } catch (JitExit exit) {
      r0 = run.exitValue();
    }
    return run.finish(jit.regs, jit.left, r0);
  }
}
