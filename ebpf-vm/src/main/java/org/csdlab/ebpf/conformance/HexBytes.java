package org.csdlab.ebpf.conformance;

import java.io.ByteArrayOutputStream;

/**
 * Parses bytes written in base 16 as the conformance runner passes them: pairs of hex digits,
 * separated by any whitespace or not at all ({@code "b7 00 00 00"}, {@code "b7000000"}).
 */
final class HexBytes {
  private HexBytes() {}

  /** The bytes of {@code text}; {@code what} names the input in error messages. */
  static byte[] parse(CharSequence text, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
    int high = -1;
    int highAt = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        if (high >= 0) {
          throw oddDigits(what, highAt);
        }
        continue;
      }
      int digit = Character.digit(c, 16);
      if (digit < 0 || c > 'f') {
        throw new IllegalArgumentException(
            what
                + ": character "
                + (i + 1)
                + " ("
                + describe(c)
                + ") is not a hex digit; give bytes as pairs of hex digits such as '95 00'");
      }
      if (high < 0) {
        high = digit;
        highAt = i;
      } else {
        out.write(high << 4 | digit);
        high = -1;
      }
    }
    if (high >= 0) {
      throw oddDigits(what, highAt);
    }
    return out.toByteArray();
  }

  private static IllegalArgumentException oddDigits(String what, int at) {
    return new IllegalArgumentException(
        what
            + ": the hex digit at character "
            + (at + 1)
            + " has no partner; every byte needs two hex digits");
  }

  private static String describe(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
