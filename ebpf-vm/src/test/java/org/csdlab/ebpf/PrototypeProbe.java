package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.csdlab.ebpf.elf.LoadedProgram;

/**
 * Runs one helper through the VM with each buffer argument in a region of its own, exactly as long
 * as the buffer: any access outside it faults, so a call that succeeds read and wrote only within
 * the buffers (for tests holding helper prototypes to what the helpers really touch; test jar).
 */
public final class PrototypeProbe {
  private PrototypeProbe() {}

  /**
   * Calls helper {@code id} with r1.. set from {@code args}: a {@link Long} is passed as it is, a
   * {@code byte[]} becomes a writable region (used in place, so the caller sees what the helper
   * wrote) whose address is passed. {@code configure} adds what the helper needs (its registry,
   * maps) after the probe's regions. Returns r0; a fault propagates.
   */
  public static long call(int id, List<Object> args, UnaryOperator<Vm.Builder> configure) {
    List<Instruction> code = new ArrayList<>();
    List<byte[]> buffers = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      long value;
      if (arg instanceof byte[] bytes) {
        value = LoadedProgram.regionAddress(buffers.size());
        buffers.add(bytes);
      } else {
        value = (Long) arg;
      }
      code.add(Instruction.lddw(Register.of(i + 1), value));
    }
    code.add(Instruction.call(id));
    code.add(Instruction.exit());
    Vm.Builder builder = Vm.builder(Program.of(code));
    for (int i = 0; i < buffers.size(); i++) {
      builder.region("arg" + i, buffers.get(i));
    }
    return configure.apply(builder).build().run().r0();
  }

  /** {@code text} and its NUL terminator, as bytes. */
  public static byte[] cString(String text) {
    byte[] bytes = new byte[text.length() + 1];
    for (int i = 0; i < text.length(); i++) {
      bytes[i] = (byte) text.charAt(i);
    }
    return bytes;
  }
}
