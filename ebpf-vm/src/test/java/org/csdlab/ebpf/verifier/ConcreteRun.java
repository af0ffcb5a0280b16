package org.csdlab.ebpf.verifier;

import java.util.HashMap;
import java.util.Map;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Opcodes;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;

/**
 * The VM's own semantics of one instruction, for checking the abstract domain against: the
 * instruction runs on the interpreter with r1 = dst and r2 = src (its operands are set up so).
 */
final class ConcreteRun {
  private static final int CACHE_LIMIT = 4096;
  private final Map<Instruction, Vm> vms = new HashMap<>();

  /** dst after the ALU instruction {@code insn} (whose dst is r1 and src r2). */
  long alu(Instruction insn, long dst, long src) {
    return vm(insn, false).runWithArguments(dst, src).r0();
  }

  /** True when the conditional jump {@code insn} (dst r1, src r2) jumps. */
  boolean jumps(Instruction insn, long dst, long src) {
    return vm(insn, true).runWithArguments(dst, src).r0() == 1;
  }

  private Vm vm(Instruction insn, boolean jump) {
    Vm cached = vms.get(insn);
    if (cached != null) {
      return cached;
    }
    Program program =
        jump
            ? Program.of(
                insn,
                Instruction.of(Opcodes.MOV64_IMM, 0, 0, 0, 0),
                Instruction.exit(),
                Instruction.of(Opcodes.MOV64_IMM, 0, 0, 0, 1),
                Instruction.exit())
            : Program.of(insn, Instruction.of(Opcodes.MOV64_REG, 0, 1, 0, 0), Instruction.exit());
    Vm vm = Vm.builder(program).engine(Engine.INTERPRETER).build();
    if (vms.size() >= CACHE_LIMIT) {
      vms.clear();
    }
    vms.put(insn, vm);
    return vm;
  }
}
