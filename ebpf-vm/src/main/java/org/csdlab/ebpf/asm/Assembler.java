package org.csdlab.ebpf.asm;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.Excerpt;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;

/**
 * Reads eBPF assembly text into a {@link Program}. Accepts LLVM syntax ({@code r0 = 1}, {@code if
 * r1 > r2 goto loop}) and uBPF syntax ({@code mov %r0, 1}, {@code jgt %r1, %r2, loop}), telling
 * them apart line by line unless one {@link Syntax} is required.
 *
 * <p>Both syntaxes take labels ({@code loop:} on its own line or before an instruction), relative
 * targets ({@code +3}, {@code -2}), decimal and hexadecimal numbers, comments after {@code ;},
 * {@code #} or {@code //}, the slot numbers of a listing ({@code 12: exit}), and the raw form
 * {@code .insn 0x07, dst=1, src=0, off=0, imm=22}. Mistakes raise {@link AsmParseException} naming
 * line and column; a program that reads but breaks a format rule raises {@link
 * ProgramFormatException} naming the source line.
 */
public final class Assembler {
  private static final Assembler AUTO = new Assembler(null);
  private static final Assembler LLVM = new Assembler(Syntax.LLVM);
  private static final Assembler UBPF = new Assembler(Syntax.UBPF);

  private final Syntax syntax;

  private Assembler(Syntax syntax) {
    this.syntax = syntax;
  }

  /** Assembles {@code source}, each line in whichever syntax it is written in. */
  public static Program assemble(String source) {
    return AUTO.program(source);
  }

  /** The assembler that reads both syntaxes, deciding per line. */
  public static Assembler auto() {
    return AUTO;
  }

  /** The assembler that reads only {@code syntax}. */
  public static Assembler of(Syntax syntax) {
    return syntax == Syntax.LLVM ? LLVM : UBPF;
  }

  /** The syntax required, or null when each line may use either. */
  public Syntax syntax() {
    return syntax;
  }

  /** Assembles and validates {@code source}. */
  public Program program(String source) {
    List<Statement> statements = new ArrayList<>();
    List<Instruction> instructions = read(source, statements);
    try {
      return Program.of(instructions);
    } catch (ProgramFormatException e) {
      throw withSourceLine(e, instructions, statements);
    }
  }

  /** The instructions of {@code source}, labels resolved but not validated as a program. */
  public List<Instruction> instructions(String source) {
    return read(source, new ArrayList<>());
  }

  private List<Instruction> read(String source, List<Statement> statements) {
    LabelResolver labels = new LabelResolver();
    Syntax inUse =
        null; // the syntax of the last instruction read, for the error of an unknown word
    String[] lines = source.split("\r\n|\r|\n", -1);
    for (int n = 0; n < lines.length; n++) {
      LineCursor in = new LineCursor(lines[n], n + 1);
      if (in.peek().kind() == Token.Kind.NUMBER && in.peek(1).is(":")) {
        in.next();
        in.next();
      }
      while (in.peek().kind() == Token.Kind.IDENT && in.peek(1).is(":")) {
        if (in.atRegister()) {
          throw in.problem(
              in.peek(),
              "a label name that is not a register",
              "label '"
                  + Excerpt.of(in.peek().text())
                  + "' would read as a register; choose another name");
        }
        labels.define(in.next(), statements.size(), in);
        in.next();
      }
      if (in.atEnd()) {
        continue;
      }
      if (in.peek().is(RawForm.DIRECTIVE)) {
        statements.add(RawForm.parse(in));
      } else {
        Syntax lineSyntax =
            syntax != null ? syntax : LlvmParser.looksLikeLlvm(in) ? Syntax.LLVM : Syntax.UBPF;
        statements.add(statement(in, lineSyntax, inUse));
        inUse = lineSyntax;
      }
    }
    return labels.resolve(statements);
  }

  /**
   * The instruction of a line in {@code lineSyntax}. A line whose first word is no instruction of
   * either syntax is answered in the syntax in use: the required one, else that of the line before
   * ({@code inUse}), else the one with the nearer word.
   */
  private Statement statement(LineCursor in, Syntax lineSyntax, Syntax inUse) {
    Token first = in.peek();
    try {
      return lineSyntax == Syntax.LLVM ? LlvmParser.parse(in) : UbpfParser.parse(in);
    } catch (AsmParseException e) {
      if (first.kind() != Token.Kind.IDENT
          || e.column() != first.column()
          || !Mnemonics.isUnknownWord(e)) {
        throw e;
      }
      Syntax named =
          syntax != null ? syntax : inUse != null ? inUse : Mnemonics.nearerSyntax(first.text());
      throw Mnemonics.unknown(in, first, named);
    }
  }

  private static ProgramFormatException withSourceLine(
      ProgramFormatException e, List<Instruction> instructions, List<Statement> statements) {
    int slot = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (slot == e.index()) {
        Statement s = statements.get(i);
        ProgramFormatException mapped =
            new ProgramFormatException(
                e.rule(),
                e.index(),
                "line "
                    + s.line()
                    + " ('"
                    + Excerpt.of(s.lineText().strip())
                    + "'): "
                    + e.detail());
        mapped.initCause(e);
        return mapped;
      }
      slot += instructions.get(i).slots();
    }
    return e;
  }

  @Override
  public String toString() {
    return "Assembler[" + (syntax == null ? "auto" : syntax) + "]";
  }
}
