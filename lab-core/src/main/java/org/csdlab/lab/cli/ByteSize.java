package org.csdlab.lab.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csdlab.ebpf.Excerpt;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A size in bytes as written on the command line: bytes ({@code 4096}), or a number with a binary
 * unit ({@code 64KiB}, {@code 16MiB}, {@code 1GiB}, {@code 1TiB}, or short {@code 16M}: powers of
 * 1024) or a decimal one ({@code 500kB}, {@code 16MB}, {@code 1GB}, {@code 1TB}: powers of 1000),
 * as the SI and IEC prefixes and GNU {@code dd} read them. Each unit means exactly what it says:
 * {@code 16MB} is 16,000,000 bytes, not 16 MiB.
 *
 * @param bytes the size
 * @param text the size as written, e.g. {@code 16MB}
 */
record ByteSize(long bytes, String text) {
  /** The units, for the help of every command that takes a SIZE. */
  static final String UNITS_HELP =
      "SIZE is bytes or a number with a unit: KiB, MiB, GiB, TiB (or K, M, G, T) "
          + "are powers of 1024, kB, MB, GB, TB are powers of 1000 (16MiB is 16,777,216 bytes, 16MB is 16,000,000).";

  private static final Pattern DECIMAL =
      Pattern.compile("(\\d+)\\s*([kmgt])b", Pattern.CASE_INSENSITIVE);
  private static final Pattern FORM =
      Pattern.compile("(\\d+)\\s*(?:([kmgt])(i?b)?|(b))?", Pattern.CASE_INSENSITIVE);

  /** Parses {@code text}; the message of the exception says what forms are accepted. */
  static ByteSize parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + Excerpt.of(text)
              + "' is not a size; write bytes or a number with a "
              + "unit: 4096, 64KiB, 16MiB, 1GiB (powers of 1024) or 16MB, 1GB (powers of 1000)");
    }
    boolean decimal = m.group(3) != null && m.group(3).length() == 1;
    int power = m.group(2) == null ? 0 : "kmgt".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
    long unit = 1;
    for (int i = 0; i < power; i++) {
      unit *= decimal ? 1000 : 1024;
    }
    try {
      return new ByteSize(Math.multiplyExact(Long.parseLong(m.group(1)), unit), text.strip());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + Excerpt.of(text) + "' is too large a size");
    }
  }

  /**
   * The size for a message: {@code 16 MiB}, or for a decimal unit the bytes it means and how to
   * write the binary size the user may have had in mind: {@code 16MB (16000000 bytes; for 16 MiB
   * write 16MiB)}.
   */
  String described() {
    Matcher m = DECIMAL.matcher(text);
    if (!m.matches()) {
      return format(bytes);
    }
    String binaryUnit = m.group(2).toUpperCase(Locale.ROOT) + "iB";
    return Excerpt.of(text)
        + " ("
        + bytes
        + " bytes; for "
        + m.group(1)
        + " "
        + binaryUnit
        + " write "
        + m.group(1)
        + binaryUnit
        + ")";
  }

  /** As {@code 16 MiB}, {@code 1.5 GiB} or {@code 4096 B}. */
  static String format(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (value == Math.rint(value)
            ? String.format(Locale.ROOT, "%.0f", value)
            : String.format(Locale.ROOT, "%.1f", value))
        + " "
        + units[unit];
  }

  @Override
  public String toString() {
    return format(bytes);
  }

  /** Lets picocli read {@link ByteSize} options. */
  static final class Converter implements ITypeConverter<ByteSize> {
    @Override
    public ByteSize convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
