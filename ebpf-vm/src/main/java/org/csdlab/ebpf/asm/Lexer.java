package org.csdlab.ebpf.asm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.Excerpt;

/**
 * Splits one line of assembly into tokens, dropping comments ({@code ;}, {@code #}, {@code //}).
 */
final class Lexer {
  /** Operators, longest first so that {@code <<=} wins over {@code <<} and {@code <}. */
  private static final String[] PUNCTUATION = {
    "<<=", ">>=", "==", "!=", ">=", "<=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<",
    ">>", "<", ">", "=", "+", "-", "*", "/", "%", "&", "|", "^", "(", ")", "[", "]", ",", ":",
  };

  /**
   * Literals with more significant digits than this are beyond every operand's range (128 bits need
   * at most 39 decimal digits); the lexer gives them the value {@link #BEYOND_RANGE} instead of
   * converting them, which would take time quadratic in the number of digits.
   */
  static final int MAX_SIGNIFICANT_DIGITS = 40;

  /**
   * The value of a literal of more than {@link #MAX_SIGNIFICANT_DIGITS} digits: too large for any
   * operand.
   */
  static final BigInteger BEYOND_RANGE = BigInteger.ONE.shiftLeft(140);

  private final String text;
  private final int lineNumber;
  private final List<Token> tokens = new ArrayList<>();
  private int at;

  private Lexer(String text, int lineNumber) {
    this.text = text;
    this.lineNumber = lineNumber;
  }

  /** The tokens of {@code text}, ending with one {@link Token.Kind#END} token. */
  static List<Token> tokens(String text, int lineNumber) {
    return new Lexer(text, lineNumber).run();
  }

  private List<Token> run() {
    int end = codeEnd();
    while (true) {
      while (at < end && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      if (at >= end) {
        break;
      }
      char c = text.charAt(at);
      if (isNameStart(c) || (c == '%' && at + 1 < end && Character.isLetter(text.charAt(at + 1)))) {
        int start = at++;
        while (at < end && isNamePart(text.charAt(at))) {
          at++;
        }
        tokens.add(new Token(Token.Kind.IDENT, text.substring(start, at), start + 1, null));
      } else if (Character.isDigit(c)) {
        tokens.add(number(end));
      } else {
        tokens.add(punctuation(end));
      }
    }
    tokens.add(new Token(Token.Kind.END, "", end + 1, null));
    return tokens;
  }

  /**
   * Index where code ends: at a comment, or before an objdump annotation such as {@code <f+0x48>}.
   */
  private int codeEnd() {
    int end = text.length();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ';'
          || c == '#'
          || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
        end = i;
        break;
      }
    }
    String code = text.substring(0, end).stripTrailing();
    if (code.endsWith(">")) {
      int open = code.lastIndexOf('<');
      String inside = code.substring(open + 1, code.length() - 1);
      if (open > 0
          && Character.isWhitespace(code.charAt(open - 1))
          && !inside.isEmpty()
          && inside.chars().noneMatch(ch -> Character.isWhitespace(ch) || ch == '<' || ch == '>')
          && isNameStart(inside.charAt(0))) {
        return open;
      }
    }
    return end;
  }

  private Token number(int end) {
    int start = at;
    boolean hex = text.startsWith("0x", at) || text.startsWith("0X", at);
    at += hex ? 2 : 0;
    int digits = at;
    while (at < end
        && (hex ? Character.digit(text.charAt(at), 16) >= 0 : Character.isDigit(text.charAt(at)))) {
      at++;
    }
    int digitsEnd = at;
    while (at < end && isNamePart(text.charAt(at))) {
      at++;
    }
    String written = text.substring(start, at);
    if (digitsEnd == digits || digitsEnd != at) {
      throw new AsmParseException(
          lineNumber,
          start + 1,
          hex ? "a hexadecimal number" : "a decimal number",
          "'" + Excerpt.of(written) + "'",
          text);
    }
    int significant = digits;
    while (significant < at - 1 && text.charAt(significant) == '0') {
      significant++;
    }
    BigInteger value =
        at - significant > MAX_SIGNIFICANT_DIGITS
            ? BEYOND_RANGE
            : new BigInteger(text.substring(significant, at), hex ? 16 : 10);
    return new Token(Token.Kind.NUMBER, written, start + 1, value);
  }

  private Token punctuation(int end) {
    for (String p : PUNCTUATION) {
      if (text.startsWith(p, at) && at + p.length() <= end) {
        Token token = new Token(Token.Kind.PUNCT, p, at + 1, null);
        at += p.length();
        return token;
      }
    }
    throw new AsmParseException(
        lineNumber, at + 1, "an instruction, label or comment", "'" + text.charAt(at) + "'", text);
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '.' || c == '$';
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
  }
}
