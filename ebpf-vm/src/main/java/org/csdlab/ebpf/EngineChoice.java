package org.csdlab.ebpf;

/** The engine a {@link Vm} runs, and why it interprets when the JIT was asked for. */
record EngineChoice(ExecutionEngine engine, String interpretedBecause) {

  static EngineChoice choose(
      Engine requested,
      Program program,
      boolean trace,
      Interpreter interpreter,
      JitOptions jitOptions) {
    if (requested == Engine.INTERPRETER) {
      return new EngineChoice(interpreter, null);
    }
    if (trace) {
      return new EngineChoice(interpreter, "tracing runs on the interpreter");
    }
    if (requested == Engine.AUTO && !hasLoop(program)) {
      return new EngineChoice(
          interpreter, "the program has no loop, so it runs too briefly to pay for compiling");
    }
    JitCompiler.Result compiled = JitCompiler.compile(program, interpreter, jitOptions);
    if (compiled.engine() == null) {
      return new EngineChoice(interpreter, compiled.refusal());
    }
    return new EngineChoice(compiled.engine(), null);
  }

  /** True when some jump goes backwards (or to itself): the only way a program repeats code. */
  static boolean hasLoop(Program program) {
    for (int i = 0; i < program.size(); i++) {
      Instruction insn = program.instructions().get(i);
      int pc = program.pcOf(i);
      if ((insn.isJump() || insn.isLocalCall()) && insn.target(pc) <= pc) {
        return true;
      }
    }
    return false;
  }
}
