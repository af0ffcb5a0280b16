package org.csdlab.ebpf.asm;

import java.math.BigInteger;
import java.util.List;
import org.csdlab.ebpf.Excerpt;
import org.csdlab.ebpf.Register;

/**
 * Reads the tokens of one line, one at a time, and builds the parse errors that point into it.
 * Holds the operand readers both syntaxes share: registers, signed numbers in range, jump targets.
 */
final class LineCursor {
  static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  static final BigInteger UINT_MAX = BigInteger.valueOf(0xffff_ffffL);
  static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final String text;
  private final int lineNumber;
  private final List<Token> tokens;
  private int at;

  LineCursor(String text, int lineNumber) {
    this.text = text;
    this.lineNumber = lineNumber;
    this.tokens = Lexer.tokens(text, lineNumber);
  }

  /**
   * A register operand: its number, whether it was written as a 32-bit {@code w} register, and
   * where.
   */
  record Reg(int index, boolean w, Token token) {}

  /** A jump or call target: a relative slot count, or a label to resolve later. */
  record Target(BigInteger relative, Token start, Token label) {
    boolean isLabel() {
      return label != null;
    }
  }

  String text() {
    return text;
  }

  int lineNumber() {
    return lineNumber;
  }

  Token peek() {
    return tokens.get(at);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  Token next() {
    Token token = tokens.get(at);
    if (token.kind() != Token.Kind.END) {
      at++;
    }
    return token;
  }

  boolean atEnd() {
    return peek().kind() == Token.Kind.END;
  }

  /** Consumes the token when it is this punctuation or word. */
  boolean accept(String punctOrWord) {
    if (peek().is(punctOrWord)) {
      at++;
      return true;
    }
    return false;
  }

  Token expect(String punctOrWord) {
    if (!peek().is(punctOrWord)) {
      throw error(peek(), "'" + punctOrWord + "'");
    }
    return next();
  }

  void expectEnd() {
    if (!atEnd()) {
      throw error(peek(), "end of line");
    }
  }

  /** An identifier, e.g. a mnemonic or keyword. */
  Token name(String description) {
    if (peek().kind() != Token.Kind.IDENT) {
      throw error(peek(), description);
    }
    return next();
  }

  AsmParseException error(Token at, String expected) {
    return new AsmParseException(lineNumber, at.column(), expected, at.describe(), text);
  }

  AsmParseException problem(Token at, String expected, String problem) {
    return new AsmParseException(lineNumber, at.column(), expected, at.describe(), text, problem);
  }

  // ---- registers ------------------------------------------------------------------------

  /** True when the next token looks like a register ({@code r1}, {@code w1}, {@code %r1}). */
  boolean atRegister() {
    return registerNumber(peek()) >= 0;
  }

  /**
   * A register. {@code allowW} admits {@code w0}-{@code w10}; {@code percent} is the uBPF spelling
   * {@code %r1} (plain {@code r1} is accepted there too).
   */
  Reg register(boolean allowW, boolean percent) {
    Token token = peek();
    String expected =
        percent
            ? "a register (%r0-%r10)"
            : allowW ? "a register (r0-r10 or w0-w10)" : "a register (r0-r10)";
    int number = registerNumber(token);
    boolean w = token.kind() == Token.Kind.IDENT && token.text().startsWith("w");
    if (number < 0 || number >= Register.COUNT || (w && (!allowW || percent))) {
      throw error(token, expected);
    }
    next();
    return new Reg(number, w, token);
  }

  /** Register number written in the token, or -1 when it is not a register name. */
  private static int registerNumber(Token token) {
    if (token.kind() != Token.Kind.IDENT) {
      return -1;
    }
    String name = token.text().startsWith("%") ? token.text().substring(1) : token.text();
    if (name.length() < 2 || (name.charAt(0) != 'r' && name.charAt(0) != 'w')) {
      return -1;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return -1;
      }
    }
    return name.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(name.substring(1));
  }

  // ---- numbers --------------------------------------------------------------------------

  /** True when a number, optionally signed, comes next. */
  boolean atNumber() {
    Token token = peek();
    return token.kind() == Token.Kind.NUMBER
        || ((token.is("-") || token.is("+")) && peek(1).kind() == Token.Kind.NUMBER);
  }

  /** A number with an optional sign; {@code start[0]} receives its first token for errors. */
  BigInteger signedNumber(String expected, Token[] start) {
    Token first = peek();
    start[0] = first;
    boolean negative = false;
    if (first.is("-") || first.is("+")) {
      negative = first.is("-");
      next();
    }
    Token number = peek();
    if (number.kind() != Token.Kind.NUMBER) {
      throw error(number, expected);
    }
    next();
    return negative ? number.number().negate() : number.number();
  }

  /**
   * A signed number as an error message shows it: its value in decimal, or for a literal of more
   * than {@link Lexer#MAX_SIGNIFICANT_DIGITS} digits (whose value is only a stand-in) the literal
   * as written, cut by {@link Excerpt}.
   */
  String echo(BigInteger value, Token start) {
    if (!value.abs().equals(Lexer.BEYOND_RANGE)) {
      return value.toString();
    }
    Token digits =
        start.kind() == Token.Kind.NUMBER ? start : tokens.get(tokens.indexOf(start) + 1);
    return (start.is("-") ? "-" : "") + Excerpt.of(digits.text());
  }

  /** A 32-bit immediate: -2147483648..4294967295, the unsigned spelling wrapping to negative. */
  int imm32() {
    return imm32("an immediate (a number)");
  }

  /**
   * A 32-bit immediate; {@code description} says what else was allowed in its place when it is
   * missing.
   */
  int imm32(String description) {
    Token[] start = new Token[1];
    String expected = "an immediate in -2147483648..4294967295";
    BigInteger value = signedNumber(description, start);
    if (value.compareTo(INT_MIN) < 0 || value.compareTo(UINT_MAX) > 0) {
      throw problem(
          start[0],
          expected,
          "immediate "
              + echo(value, start[0])
              + " does not fit 32 bits ("
              + "allowed: -2147483648..4294967295; only lddw takes 64-bit constants)");
    }
    return value.intValue();
  }

  /** A 64-bit immediate: -2^63..2^64-1. */
  long imm64() {
    Token[] start = new Token[1];
    BigInteger value = signedNumber("a 64-bit immediate (a number)", start);
    if (value.compareTo(LONG_MIN) < 0 || value.compareTo(ULONG_MAX) > 0) {
      throw problem(
          start[0],
          "an immediate in -9223372036854775808..18446744073709551615",
          "immediate " + echo(value, start[0]) + " does not fit 64 bits");
    }
    return value.longValue();
  }

  /** A signed 16-bit memory or jump offset after its sign has been read. */
  int offset16(BigInteger value, Token start) {
    if (value.compareTo(BigInteger.valueOf(Short.MIN_VALUE)) < 0
        || value.compareTo(BigInteger.valueOf(Short.MAX_VALUE)) > 0) {
      throw problem(
          start,
          "an offset in -32768..32767",
          "offset " + echo(value, start) + " does not fit 16 bits (allowed: -32768..32767)");
    }
    return value.intValue();
  }

  /** The optional {@code + n} / {@code - n} of a memory operand; 0 when absent. */
  int memoryOffset() {
    if (!peek().is("+") && !peek().is("-")) {
      return 0;
    }
    Token[] start = new Token[1];
    BigInteger value = signedNumber("an offset (a number)", start);
    return offset16(value, start[0]);
  }

  /**
   * A jump or call target: a label name or a relative slot count such as {@code +3} or {@code -2}.
   */
  Target target() {
    Token token = peek();
    if (token.kind() == Token.Kind.IDENT && registerNumber(token) < 0) {
      next();
      return new Target(BigInteger.ZERO, token, token);
    }
    if (!atNumber()) {
      throw error(token, "a label or a relative offset such as +3 or -2");
    }
    Token[] start = new Token[1];
    BigInteger relative = signedNumber("a relative offset", start);
    return new Target(relative, start[0], null);
  }

  /** A jump target held in the 16-bit offset field; range-checks a number. */
  Target offsetTarget() {
    Target target = target();
    if (!target.isLabel()) {
      offset16(target.relative(), target.start());
    }
    return target;
  }

  /** A target held in the 32-bit immediate (gotol, local call); range-checks a number. */
  Target immTarget() {
    Target target = target();
    if (!target.isLabel() && target.relative().bitLength() > 31) {
      throw problem(
          target.start(),
          "an offset in -2147483648..2147483647",
          "offset " + echo(target.relative(), target.start()) + " does not fit 32 bits");
    }
    return target;
  }
}
