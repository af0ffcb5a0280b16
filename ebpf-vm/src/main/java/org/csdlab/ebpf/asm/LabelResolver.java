package org.csdlab.ebpf.asm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csdlab.ebpf.Excerpt;
import org.csdlab.ebpf.Instruction;

/**
 * Collects label definitions while lines are read, then turns every label a jump or call names into
 * its relative slot count. A label named {@code exit} that is never defined means the first {@code
 * exit} instruction, as in the bpf_conformance tests.
 */
final class LabelResolver {
  private static final String IMPLICIT_EXIT = "exit";

  /** Where a label was defined: the index of the next instruction, and the source line. */
  private record Definition(int index, int line) {}

  private final Map<String, Definition> definitions = new LinkedHashMap<>();

  /**
   * Defines {@code label} at the instruction with index {@code nextIndex}; refuses a second
   * definition.
   */
  void define(Token label, int nextIndex, LineCursor in) {
    Definition earlier = definitions.get(label.text());
    if (earlier != null) {
      throw in.problem(
          label,
          "a new label name",
          "duplicate label '" + label.text() + "' (first defined on line " + earlier.line() + ")");
    }
    definitions.put(label.text(), new Definition(nextIndex, in.lineNumber()));
  }

  /** The statements' instructions with every label target filled in. */
  List<Instruction> resolve(List<Statement> statements) {
    long[] slots = new long[statements.size() + 1];
    int firstExit = -1;
    for (int i = 0; i < statements.size(); i++) {
      Instruction instruction = statements.get(i).instruction();
      slots[i + 1] = slots[i] + instruction.slots();
      if (firstExit < 0 && instruction.isExit()) {
        firstExit = i;
      }
    }
    List<Instruction> out = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      if (s.label() == null) {
        out.add(s.instruction());
        continue;
      }
      int index = targetIndex(s, firstExit);
      long relative = slots[index] - slots[i] - 1;
      out.add(
          s.labelInImm()
              ? Statement.withImm(s.instruction(), relative)
              : Statement.withOffset(s.instruction(), offset(s, relative)));
    }
    return out;
  }

  private int targetIndex(Statement s, int firstExit) {
    String name = s.label().text();
    Definition definition = definitions.get(name);
    if (definition != null) {
      return definition.index();
    }
    if (name.equals(IMPLICIT_EXIT) && firstExit >= 0) {
      return firstExit;
    }
    String known =
        definitions.isEmpty()
            ? "no labels are defined"
            : "defined labels: "
                + Excerpt.of(String.join(", ", definitions.keySet()), Excerpt.MAX_LIST_CHARS);
    throw new AsmParseException(
        s.line(),
        s.label().column(),
        "a defined label",
        s.label().describe(),
        s.lineText(),
        "unknown label '" + Excerpt.of(name) + "' (" + known + ")");
  }

  private static int offset(Statement s, long relative) {
    if (relative < Short.MIN_VALUE || relative > Short.MAX_VALUE) {
      throw new AsmParseException(
          s.line(),
          s.label().column(),
          "a label within 32767 slots",
          s.label().describe(),
          s.lineText(),
          "label '"
              + Excerpt.of(s.label().text())
              + "' is "
              + relative
              + " slots away, beyond the 16-bit jump offset range -32768..32767 (gotol reaches further)");
    }
    return (int) relative;
  }
}
