package org.csdlab.ebpf.asm;

import java.math.BigInteger;
import org.csdlab.ebpf.Instruction;

/**
 * The field-by-field form both syntaxes use for an instruction that has no mnemonic, such as an
 * unknown opcode or one with a reserved field set: {@code .insn 0xe7, dst=1, src=0, off=0, imm=22}.
 */
final class RawForm {
  static final String DIRECTIVE = ".insn";

  private RawForm() {}

  static String format(Instruction i) {
    return String.format(
        "%s 0x%02x, dst=%d, src=%d, off=%d, imm=%d",
        DIRECTIVE, i.opcode(), i.dst(), i.src(), i.offset(), i.imm());
  }

  /** Reads the fields after {@code .insn}; the cursor stands on the directive. */
  static Statement parse(LineCursor in) {
    in.expect(DIRECTIVE);
    int opcode = field(in, null, 0, 0xff);
    int dst = field(in, "dst", 0, 0xf);
    int src = field(in, "src", 0, 0xf);
    int offset = field(in, "off", Short.MIN_VALUE, Short.MAX_VALUE);
    in.expect(",");
    in.expect("imm");
    in.expect("=");
    long imm = opcode == Instruction.LDDW_OPCODE ? in.imm64() : in.imm32();
    in.expectEnd();
    return Statement.of(Instruction.of(opcode, dst, src, offset, imm), in);
  }

  private static int field(LineCursor in, String name, int min, int max) {
    if (name != null) {
      in.expect(",");
      in.expect(name);
      in.expect("=");
    }
    Token[] start = new Token[1];
    BigInteger value = in.signedNumber("a number", start);
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      String what = name == null ? "opcode" : name;
      throw in.problem(
          start[0],
          what + " in " + min + ".." + max,
          what + " " + in.echo(value, start[0]) + " is outside " + min + ".." + max);
    }
    return value.intValue();
  }
}
