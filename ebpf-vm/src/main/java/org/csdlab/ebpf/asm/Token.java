package org.csdlab.ebpf.asm;

import java.math.BigInteger;
import org.csdlab.ebpf.Excerpt;

/**
 * One token of an assembly line. Numbers carry their unsigned value; signs are separate {@code
 * +}/{@code -} tokens so that {@code (r10 - 8)} and {@code -8} read the same way.
 *
 * @param kind what sort of token
 * @param text the characters as written
 * @param column column of the first character, from 1
 * @param number value of a {@link Kind#NUMBER}, null otherwise
 */
record Token(Kind kind, String text, int column, BigInteger number) {

  /** Sorts of token. */
  enum Kind {
    /**
     * A name: mnemonic, register, label, keyword ({@code r1}, {@code %r1}, {@code loop}, {@code
     * ll}).
     */
    IDENT,
    /** An unsigned decimal or hexadecimal number. */
    NUMBER,
    /** An operator or punctuation mark ({@code +=}, {@code (}, {@code ,}). */
    PUNCT,
    /** The end of the line. */
    END
  }

  /** The column just after the token. */
  int endColumn() {
    return column + text.length();
  }

  boolean is(String punctOrWord) {
    return kind != Kind.END && kind != Kind.NUMBER && text.equals(punctOrWord);
  }

  /** The token as an error message shows it, quoted and cut to {@link Excerpt#MAX_CHARS}. */
  String describe() {
    return kind == Kind.END ? "end of line" : "'" + Excerpt.of(text) + "'";
  }
}
