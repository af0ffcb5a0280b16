package org.csdlab.ebpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;
import org.csdlab.ebpf.asm.AsmParseException;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.asm.Disassembler;
import org.csdlab.ebpf.asm.Syntax;

/**
 * The assembler, in both syntaxes and in auto mode, on random token soup and on mutated listings of
 * structured programs: a program, an {@link AsmParseException} or a {@link ProgramFormatException}.
 * Differential oracle: whatever text assembles to a program, every disassembler's listing of that
 * program assembles back to the same program.
 */
class AssemblerFuzz {
  private static final FuzzOracle ORACLE =
      FuzzOracle.expecting("assembler", AsmParseException.class, ProgramFormatException.class);
  private static final List<Disassembler> DISASSEMBLERS =
      List.of(Disassembler.llvm(), Disassembler.llvm().alu32(), Disassembler.ubpf());
  private static final List<Assembler> ASSEMBLERS =
      List.of(Assembler.auto(), Assembler.of(Syntax.LLVM), Assembler.of(Syntax.UBPF));
  private static final String[] TOKENS = {
    "r0",
    "r1",
    "r10",
    "r11",
    "w3",
    "%r2",
    "%r10",
    "=",
    "+=",
    "-=",
    "*=",
    "/=",
    "s/=",
    "s%=",
    "<<=",
    "s>>=",
    ">>=",
    "&=",
    "|=",
    "^=",
    "=",
    "-",
    "+",
    "if",
    "goto",
    "gotol",
    "call",
    "callx",
    "exit",
    "ll",
    "lddw",
    "mov",
    "mov32",
    "add",
    "ldxdw",
    "stxw",
    "stdw",
    "jeq",
    "jsgt",
    "ja",
    "le16",
    "be64",
    "bswap32",
    "lock",
    "*(u8 *)",
    "*(u64 *)",
    "*(s16 *)",
    "(r10",
    "- 8)",
    "[%r10-8]",
    "[",
    "]",
    "(",
    ")",
    ",",
    ":",
    "label:",
    "+3",
    "-2",
    "0x",
    "0xffffffffffffffff",
    "9223372036854775808",
    "-2147483649",
    "4294967296",
    ";",
    "#",
    "//",
    ".insn",
    "dst=",
    "src=",
    "off=",
    "imm=",
    "0x07",
    "\t",
    " ",
    "  ",
    "\n",
    "\r\n",
    "é",
    "\u0000",
    "atomic_fetch_add",
    "cmpxchg",
    "xchg",
    "r0 = 1",
    "exit\n",
    "if r1 > r2 goto +1\n",
    "12:"
  };

  @Fuzz(tries = 2000)
  void tokenSoup(@ForAll("soup") String text) {
    assembleEverySyntax(text);
  }

  @Fuzz(tries = 800)
  void mutatedListings(@ForAll("mutatedListing") String text) {
    assembleEverySyntax(text);
  }

  @Fuzz(tries = 500)
  void structuredProgramsRoundTrip(@ForAll long seed) {
    Random random = new Random(seed);
    List<org.csdlab.ebpf.Instruction> instructions =
        new ProgramShapes(random).program(1 + random.nextInt(40), false);
    ORACLE
        .check(() -> instructions.toString(), () -> Program.of(instructions))
        .ifPresent(AssemblerFuzz::roundTrips);
  }

  private static void assembleEverySyntax(String text) {
    for (Assembler assembler : ASSEMBLERS) {
      Optional<Program> program =
          ORACLE.check(() -> assembler + " of\n" + text, () -> assembler.program(text));
      program.ifPresent(AssemblerFuzz::roundTrips);
    }
  }

  private static void roundTrips(Program program) {
    for (Disassembler disassembler : DISASSEMBLERS) {
      String listing = disassembler.listing(program);
      assertEquals(program, Assembler.of(disassembler.syntax()).program(listing), listing);
      assertEquals(
          program, Assembler.auto().program(disassembler.labelledListing(program)), listing);
    }
  }

  @Provide
  Arbitrary<String> soup() {
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.of(TOKENS),
            Arbitraries.strings().ofMaxLength(3),
            Arbitraries.longs().map(String::valueOf));
    return token.list().ofMaxSize(30).map(tokens -> String.join(" ", tokens));
  }

  @Provide
  Arbitrary<String> mutatedListing() {
    return Arbitraries.randomValue(
        random -> {
          Program program;
          try {
            program = Program.of(new ProgramShapes(random).program(1 + random.nextInt(20), false));
          } catch (ProgramFormatException e) {
            program = Assembler.assemble("r0 = 1\nexit");
          }
          Disassembler disassembler = DISASSEMBLERS.get(random.nextInt(DISASSEMBLERS.size()));
          String text =
              random.nextBoolean()
                  ? disassembler.listing(program)
                  : disassembler.labelledListing(program);
          StringBuilder out = new StringBuilder(text);
          for (int m = 1 + random.nextInt(3); m > 0; m--) {
            mutate(random, out);
          }
          return out.toString();
        });
  }

  private static void mutate(Random random, StringBuilder text) {
    int at = random.nextInt(text.length() + 1);
    switch (random.nextInt(6)) {
      case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(6)));
      case 1 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
      case 2 -> text.insert(at, (char) random.nextInt(128));
      case 3 -> text.insert(at, extremeNumber(random));
      case 4 -> {
        int end = text.indexOf("\n", at);
        String line =
            text.substring(
                text.lastIndexOf("\n", Math.max(0, at - 1)) + 1, end < 0 ? text.length() : end);
        text.insert(at, "\n" + line + "\n");
      }
      default -> {
        int digit = indexOfDigit(text, at);
        if (digit >= 0) {
          text.setCharAt(digit, (char) ('0' + random.nextInt(10)));
        }
      }
    }
  }

  private static String extremeNumber(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> Long.toUnsignedString(random.nextLong());
      case 1 -> "0x" + Long.toHexString(random.nextLong()) + "f";
      case 2 -> "-" + Long.MIN_VALUE;
      default -> "9".repeat(1 + random.nextInt(3000));
    };
  }

  private static int indexOfDigit(CharSequence text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
