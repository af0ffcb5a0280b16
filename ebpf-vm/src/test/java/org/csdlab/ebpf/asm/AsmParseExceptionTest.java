package org.csdlab.ebpf.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every parse error names line and column, what was expected and what was found, with a caret. */
class AsmParseExceptionTest {

  private static AsmParseException error(String source) {
    return assertThrows(AsmParseException.class, () -> Assembler.assemble(source));
  }

  private static AsmParseException error(Syntax syntax, String source) {
    return assertThrows(AsmParseException.class, () -> Assembler.of(syntax).program(source));
  }

  @Test
  void registerAboveR10() {
    AsmParseException e = error("r0 = 0\nr1 = 2\n    r1 = r11\nexit");
    assertEquals(
        "line 3, column 10: expected a register (r0-r10 or w0-w10) but found 'r11'\n"
            + "    r1 = r11\n"
            + "         ^",
        e.getMessage());
    assertEquals(3, e.line());
    assertEquals(10, e.column());
    assertEquals("a register (r0-r10 or w0-w10)", e.expected());
    assertEquals("'r11'", e.found());
  }

  @Test
  void ubpfRegisterWithoutNumber() {
    AsmParseException e = error("mov %rx, 1");
    assertEquals(
        "line 1, column 5: expected a register (%r0-%r10) but found '%rx'\nmov %rx, 1\n    ^",
        e.getMessage());
  }

  @Test
  void ubpfBadRegister() {
    AsmParseException e = error(Syntax.UBPF, "add %r1, %r12");
    assertEquals(
        "line 1, column 10: expected a register (%r0-%r10) but found '%r12'\n"
            + "add %r1, %r12\n"
            + "         ^",
        e.getMessage());
  }

  @Test
  void caretFollowsTabs() {
    AsmParseException e = error("\tr1 +== 2");
    assertEquals(
        "line 1, column 7: expected a register or an immediate but found '='\n"
            + "\tr1 +== 2\n"
            + "\t     ^",
        e.getMessage());
  }

  @Test
  void unknownMnemonic() {
    AsmParseException e = error("movq %r1, 2");
    assertEquals(
        "line 1, column 1: expected a mnemonic (mov, add, ldxw, stxdw, jeq, ja, call, exit, lddw,"
            + " lock, ...) but found 'movq'; did you mean 'mov'?\nmovq %r1, 2\n^",
        e.getMessage());
  }

  @Test
  void anUnknownWordInAnLlvmProgramIsAnsweredInLlvmSyntax() {
    AsmParseException e = error("r0 = 1\nexti");
    assertEquals(
        "line 2, column 1: expected an instruction (such as 'r0 = 1', 'if r1 > r2 goto +1', 'exit') but"
            + " found 'exti'; did you mean 'exit'?\nexti\n^",
        e.getMessage());
    assertEquals(LlvmParser.INSTRUCTION, e.expected());
    assertEquals("'exti'", e.found());
    AsmParseException required = error(Syntax.LLVM, "exti");
    assertTrue(
        required
            .getMessage()
            .startsWith(
                "line 1, column 1: expected an instruction (such as 'r0 = 1', "
                    + "'if r1 > r2 goto +1', 'exit') but found 'exti'; did you mean 'exit'?\n"),
        required.getMessage());
  }

  @Test
  void anUnknownWordInAUbpfProgramIsAnsweredInUbpfSyntax() {
    AsmParseException e = error("mov %r0, 1\nexti");
    assertEquals(
        "line 2, column 1: expected a mnemonic (mov, add, ldxw, stxdw, jeq, ja, call, exit, lddw, lock,"
            + " ...) but found 'exti'; did you mean 'exit'?\nexti\n^",
        e.getMessage());
    assertTrue(
        error("mov %r0, 1\nldxdq %r0, [%r1]\nexit")
            .getMessage()
            .contains("but found 'ldxdq'; did you mean 'ldxdw'?"));
    assertTrue(
        error(Syntax.UBPF, "jnee %r1, 2, +1\nexit")
            .getMessage()
            .contains("but found 'jnee'; did you mean" + " 'jne'?"));
  }

  @Test
  void aWordFarFromEveryMnemonicGetsNoSuggestion() {
    AsmParseException e = error("r0 = 1\nfrobnicate");
    assertEquals(
        "line 2, column 1: expected an instruction (such as 'r0 = 1', 'if r1 > r2 goto +1', 'exit') but"
            + " found 'frobnicate'\nfrobnicate\n^",
        e.getMessage());
  }

  @Test
  void everySuggestedUbpfMnemonicIsOneTheParserReads() {
    for (String word : Mnemonics.UBPF) {
      AsmParseException e =
          assertThrows(
              AsmParseException.class, () -> Assembler.of(Syntax.UBPF).program(word + " ?"), word);
      assertTrue(
          !Mnemonics.isUnknownWord(e), word + " is suggested but not read: " + e.getMessage());
    }
    for (String word : Mnemonics.LLVM) {
      AsmParseException e =
          assertThrows(
              AsmParseException.class, () -> Assembler.of(Syntax.LLVM).program(word + " ?"), word);
      assertTrue(
          !Mnemonics.isUnknownWord(e) || e.column() > 1,
          word + " is suggested but not read: " + e.getMessage());
    }
  }

  @Test
  void editDistanceCountsASwapOfNeighboursAsOneEdit() {
    assertEquals(1, Mnemonics.distance("exti", "exit"));
    assertEquals(1, Mnemonics.distance("mov", "movx"));
    assertEquals(2, Mnemonics.distance("jnq", "jge"));
    assertEquals(0, Mnemonics.distance("exit", "exit"));
  }

  @Test
  void missingComma() {
    AsmParseException e = error("mov %r1 2");
    assertEquals(
        "line 1, column 9: expected ',' but found '2'\nmov %r1 2\n        ^", e.getMessage());
  }

  @Test
  void trailingGarbage() {
    AsmParseException e = error("exit now");
    assertEquals(
        "line 1, column 6: expected end of line but found 'now'\nexit now\n     ^", e.getMessage());
  }

  @Test
  void unknownLabelListsDefinedOnes() {
    AsmParseException e = error("loop:\n  r0 += 1\n  if r0 < 9 goto lop\nout: exit");
    assertEquals(
        "line 3, column 18: unknown label 'lop' (defined labels: loop, out)\n"
            + "  if r0 < 9 goto lop\n"
            + "                 ^",
        e.getMessage());
    assertEquals("a defined label", e.expected());
  }

  @Test
  void duplicateLabelNamesFirstDefinition() {
    AsmParseException e = error("a: r0 = 0\nb: r0 = 1\n a: exit");
    assertEquals(
        "line 3, column 2: duplicate label 'a' (first defined on line 1)\n a: exit\n ^",
        e.getMessage());
  }

  @Test
  void labelTooFarForSixteenBitOffset() {
    String source = "goto far\n" + "r0 = 0\n".repeat(40_000) + "far: exit";
    AsmParseException e = error(source);
    assertEquals(
        "line 1, column 6: label 'far' is 40000 slots away, beyond the 16-bit jump offset range"
            + " -32768..32767 (gotol reaches further)\ngoto far\n     ^",
        e.getMessage());
  }

  @Test
  void offsetOutOfSixteenBits() {
    AsmParseException e = error("r0 = *(u64 *)(r1 + 32768)");
    assertEquals(
        "line 1, column 18: offset 32768 does not fit 16 bits (allowed: -32768..32767)\n"
            + "r0 = *(u64 *)(r1 + 32768)\n"
            + "                 ^",
        e.getMessage());
    AsmParseException jump = error("ja -32769");
    assertEquals(
        "line 1, column 4: offset -32769 does not fit 16 bits (allowed: -32768..32767)\n"
            + "ja -32769\n"
            + "   ^",
        jump.getMessage());
  }

  @Test
  void immediateOutOfThirtyTwoBits() {
    AsmParseException e = error("r0 = 4294967296");
    assertEquals(
        "line 1, column 6: immediate 4294967296 does not fit 32 bits (allowed: -2147483648..4294967295;"
            + " only lddw takes 64-bit constants)\nr0 = 4294967296\n     ^",
        e.getMessage());
    AsmParseException negative = error(Syntax.UBPF, "mov %r0, -2147483649");
    assertEquals(10, negative.column());
  }

  @Test
  void immediateOutOfSixtyFourBits() {
    AsmParseException e = error("lddw %r0, 0x10000000000000000");
    assertEquals(
        "line 1, column 11: immediate 18446744073709551616 does not fit 64 bits\n"
            + "lddw %r0, 0x10000000000000000\n"
            + "          ^",
        e.getMessage());
  }

  @Test
  void malformedNumber() {
    AsmParseException e = error("r0 = 12ab");
    assertEquals(
        "line 1, column 6: expected a decimal number but found '12ab'\nr0 = 12ab\n     ^",
        e.getMessage());
  }

  @Test
  void mixedRegisterWidths() {
    AsmParseException e = error("w1 += r2");
    assertEquals(
        "line 1, column 7: expected a w register (same width as w1) but found 'r2'\n"
            + "w1 += r2\n"
            + "      ^",
        e.getMessage());
  }

  @Test
  void negationOfAnotherRegister() {
    AsmParseException e = error("r1 = -r2");
    assertEquals(
        "line 1, column 7: negation uses one register on both sides: expected 'r1' but found 'r2'\n"
            + "r1 = -r2\n"
            + "      ^",
        e.getMessage());
  }

  @Test
  void unknownComparison() {
    AsmParseException e = error("if r1 =< r2 goto +1");
    assertEquals(
        "line 1, column 7: expected a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &) but"
            + " found '='\nif r1 =< r2 goto +1\n      ^",
        e.getMessage());
  }

  @Test
  void unknownCharacter() {
    AsmParseException e = error("r1 = @5");
    assertEquals(
        "line 1, column 6: expected an instruction, label or comment but found '@'\nr1 = @5\n     ^",
        e.getMessage());
  }

  @Test
  void wrongAtomicWidth() {
    AsmParseException e = error("lock *(u16 *)(r1 + 0) += r2");
    assertEquals(
        "line 1, column 8: expected u32 or u64 (atomic operations work on 4 or 8 bytes) but found"
            + " 'u16'\nlock *(u16 *)(r1 + 0) += r2\n       ^",
        e.getMessage());
  }

  @Test
  void missingJumpTarget() {
    AsmParseException e = error("if r1 > 2 goto");
    assertEquals(
        "line 1, column 15: expected a label or a relative offset such as +3 or -2 but found end of"
            + " line\nif r1 > 2 goto\n              ^",
        e.getMessage());
  }

  @Test
  void labelNamedLikeARegister() {
    AsmParseException e = error("r1:\nexit");
    assertEquals(
        "line 1, column 1: label 'r1' would read as a register; choose another name\nr1:\n^",
        e.getMessage());
  }

  @Test
  void aHundredThousandDigitImmediateIsCutInTheMessage() {
    String digits = "9".repeat(100_000);
    AsmParseException e = error("r0 = " + digits + "\nexit");
    String[] lines = e.getMessage().split("\n");
    assertEquals(
        "line 1, column 6: immediate "
            + "9".repeat(80)
            + "… (99,920 more characters) does not fit 32 bits"
            + " (allowed: -2147483648..4294967295; only lddw takes 64-bit constants)",
        lines[0]);
    assertEquals("r0 = " + "9".repeat(115) + "… (99,885 more characters)", lines[1]);
    assertEquals("     ^", lines[2]);
    assertEquals(1, e.line());
    assertEquals(6, e.column());
    assertEquals("r0 = " + digits, e.lineText(), "the field keeps the whole line");
    assertTrue(e.getMessage().length() < 600, e.getMessage().length() + " characters");
  }

  @Test
  void hugeNumbersAreRefusedWhateverTheirSignBaseOrLeadingZeros() {
    assertEquals(
        "line 1, column 11: immediate -"
            + "1".repeat(80)
            + "… (49,920 more characters) does not fit"
            + " 64 bits",
        error(Syntax.UBPF, "lddw %r0, -" + "1".repeat(50_000)).getMessage().split("\n")[0]);
    assertTrue(
        error("r0 = 0x" + "f".repeat(50_000))
            .getMessage()
            .startsWith(
                "line 1, column 6: immediate "
                    + "0x"
                    + "f".repeat(78)
                    + "… (49,922 more characters) does not fit 32 bits"));
    assertEquals(
        7,
        Assembler.assemble("r0 = " + "0".repeat(100_000) + "7\nexit").instructions().get(0).imm());
    AsmParseException letters = error("r0 = " + "1".repeat(100_000) + "z");
    assertEquals("'" + "1".repeat(80) + "… (99,921 more characters)'", letters.found());
    assertEquals("a decimal number", letters.expected());
  }

  @Test
  void aVeryLongLineIsShownAroundTheColumn() {
    String line = "r0 = 1" + " ".repeat(200_000) + "r2" + " ".repeat(300_000);
    AsmParseException e = error(line);
    String[] lines = e.getMessage().split("\n");
    assertEquals("line 1, column 200007: expected end of line but found 'r2'", lines[0]);
    int caret = lines[2].indexOf('^');
    assertEquals(
        "r2",
        lines[1].substring(caret, caret + 2),
        "the caret is under the token in the shown part");
    assertTrue(lines[1].startsWith("(199,946 characters before)…"), lines[1]);
    assertTrue(lines[1].endsWith("… (299,942 more characters)"), lines[1]);
    assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
    assertEquals(200_007, e.column());
  }

  @Test
  void aLongLabelNameIsCut() {
    String name = "l".repeat(10_000);
    AsmParseException e = error("ja " + name + "\nexit");
    assertEquals(
        "line 1, column 4: unknown label '"
            + "l".repeat(80)
            + "… (9,920 more characters)' (no labels are"
            + " defined)",
        e.getMessage().split("\n")[0]);
  }

  @Test
  void aLongLabelThatReadsAsARegisterIsCut() {
    // Found by the long fuzz run: "w" and digits is a 32-bit register name, so it cannot be a
    // label.
    String name = "w" + "9".repeat(3_000);
    AsmParseException e = error("r0 = 0\n" + name + ":\nexit");
    assertEquals(
        "line 2, column 1: label '"
            + "w"
            + "9".repeat(79)
            + "… (2,921 more characters)' would read as a"
            + " register; choose another name",
        e.getMessage().split("\n")[0]);
  }
}
