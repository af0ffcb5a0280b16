package org.csdlab.lab.cli;

import java.util.HexFormat;

/** Bytes written as hexadecimal text, as eBPF conformance suites write programs and memory. */
final class Hex {
  private Hex() {}

  /**
   * The bytes of {@code text}: pairs of hex digits, optionally separated by spaces, commas or line
   * breaks and prefixed with {@code 0x}.
   *
   * @throws IllegalArgumentException not hex, or an odd number of digits; the message starts with
   *     {@code what}
   */
  static byte[] parse(String text, String what) {
    String digits = text.replaceAll("0[xX]", "").replaceAll("[\\s,]", "");
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException(
          what
              + " has an odd number of hex digits ("
              + digits.length()
              + "); write whole bytes, e.g. 2a 00 00 00");
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw new IllegalArgumentException(
            what
                + " is not hexadecimal: '"
                + digits.charAt(i)
                + "' at position "
                + i
                + "; write bytes as hex digits, e.g. 2a 00 00 00");
      }
    }
    return HexFormat.of().parseHex(digits);
  }

  /** {@code bytes} as lowercase hex digits, {@code perLine} bytes a line with spaces between. */
  static String format(byte[] bytes, int perLine) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bytes.length; i++) {
      out.append(String.format("%02x", bytes[i] & 0xff));
      out.append((i + 1) % perLine == 0 || i == bytes.length - 1 ? "\n" : " ");
    }
    return out.toString();
  }
}
