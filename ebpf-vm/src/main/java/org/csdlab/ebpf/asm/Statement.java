package org.csdlab.ebpf.asm;

import org.csdlab.ebpf.Instruction;

/**
 * One parsed instruction and where it came from. When its jump or call names a label, the
 * instruction holds 0 in the target field until {@link LabelResolver} fills it in.
 *
 * @param instruction the instruction, target field 0 while a label is pending
 * @param line source line number, from 1
 * @param lineText the source line
 * @param label the label token the target names, or null
 * @param labelInImm true when the target goes into the immediate (gotol, local call), false for the
 *     offset
 */
record Statement(
    Instruction instruction, int line, String lineText, Token label, boolean labelInImm) {

  static Statement of(Instruction instruction, LineCursor cursor) {
    return new Statement(instruction, cursor.lineNumber(), cursor.text(), null, false);
  }

  /** The statement for an instruction whose target is {@code target}, a number or a label. */
  static Statement withTarget(
      Instruction instruction, LineCursor cursor, LineCursor.Target target, boolean inImm) {
    if (!target.isLabel()) {
      int relative = target.relative().intValue();
      Instruction resolved =
          inImm ? withImm(instruction, relative) : withOffset(instruction, relative);
      return of(resolved, cursor);
    }
    return new Statement(instruction, cursor.lineNumber(), cursor.text(), target.label(), inImm);
  }

  static Instruction withOffset(Instruction i, int offset) {
    return Instruction.of(i.opcode(), i.dst(), i.src(), offset, i.imm());
  }

  static Instruction withImm(Instruction i, long imm) {
    return Instruction.of(i.opcode(), i.dst(), i.src(), i.offset(), imm);
  }
}
