package org.csdlab.ebpf.maps;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Register;

/**
 * Programs that call one helper, for tests of helper sets here and in the modules above (test jar).
 */
public final class HelperCalls {
  private HelperCalls() {}

  /**
   * Sets r1-r5 (so any prototype's arguments are initialised), calls helper {@code id}, returns 0.
   */
  public static Program callingWithAllArguments(int id) {
    List<Instruction> out = new ArrayList<>();
    for (int r = 1; r <= HelperPrototype.MAX_ARGS; r++) {
      out.add(AluOp.MOV.imm(Register.of(r), 0));
    }
    out.add(Instruction.call(id));
    out.add(AluOp.MOV.imm(Register.R0, 0));
    out.add(Instruction.exit());
    return Program.of(out);
  }
}
