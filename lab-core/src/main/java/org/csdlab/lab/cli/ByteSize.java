package org.csdlab.lab.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csdlab.ebpf.Excerpt;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A size in bytes written with an optional binary unit: {@code 4096}, {@code 64KiB}, {@code 16M},
 * {@code 1GiB} (K, M, G, T and KiB, MiB, GiB, TiB all mean powers of 1024).
 */
record ByteSize(long bytes) {
  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  /** Parses {@code text}; the message of the exception says what forms are accepted. */
  static ByteSize parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches() || (m.group(3) != null && m.group(3).length() == 2 && m.group(2).isEmpty())) {
      throw new IllegalArgumentException("'" + Excerpt.of(text) + "' is not a size; write bytes or a number with a unit: "
          + "4096, 64KiB, 16MiB, 1GiB");
    }
    int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    try {
      long value = Long.parseLong(m.group(1));
      if (value > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return new ByteSize(value << shift);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + Excerpt.of(text) + "' is too large a size");
    }
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
    return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value)) + " " + units[unit];
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
