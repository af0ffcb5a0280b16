package org.csdlab.ebpf.conformance;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.asm.Syntax;

/**
 * One {@code .data} case in the bpf_conformance format.
 *
 * <pre>
 *   # comment (anything after '#' on any line)
 *   -- asm            program in uBPF syntax, or
 *   -- raw            bytecode: "0x..." tokens are whole little-endian slots, as
 *                     bpf_conformance writes them; two-digit tokens are single bytes
 *   -- mem            initial memory as hex bytes (optional)
 *   -- result         expected r0, 0x... or decimal, or
 *   -- error          lines that must each appear in the one-line error
 * </pre>
 *
 * Sections bpf_conformance ignores ({@code -- c}, {@code -- no register offset}) are skipped.
 */
record ConformanceCase(
    String name, String asm, byte[] raw, String memoryHex, Long result, List<String> errors) {

  static ConformanceCase read(Path file) throws IOException {
    StringBuilder asm = new StringBuilder();
    List<String> raw = null;
    StringBuilder memory = null;
    String result = null;
    List<String> errors = null;
    String section = null;
    int lineNumber = 0;
    for (String line : Files.readAllLines(file)) {
      lineNumber++;
      int hash = line.indexOf('#');
      String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (text.startsWith("--")) {
        section = text.substring(2).strip().toLowerCase(Locale.ROOT);
        switch (section) {
          case "raw" -> raw = new ArrayList<>();
          case "mem" -> memory = new StringBuilder();
          case "error" -> errors = new ArrayList<>();
          case "asm", "result", "c", "no register offset" -> {}
          default ->
              throw new IllegalArgumentException(
                  file + ":" + lineNumber + ": unknown section '" + section + "'");
        }
        continue;
      }
      if (text.isEmpty() || section == null) {
        continue;
      }
      switch (section) {
        case "asm" -> asm.append(text).append('\n');
        case "raw" -> raw.add(text);
        case "mem" -> memory.append(text).append(' ');
        case "result" -> result = text;
        case "error" -> errors.add(text);
        default -> {}
      }
    }
    if ((result == null) == (errors == null)) {
      throw new IllegalArgumentException(
          file + ": needs exactly one of '-- result' and '-- error'");
    }
    String name = file.getFileName().toString();
    return new ConformanceCase(
        name,
        asm.toString(),
        raw == null ? null : rawBytes(raw, file),
        memory == null ? null : memory.toString().strip(),
        result == null ? null : parseResult(result, file),
        errors == null ? null : List.copyOf(errors));
  }

  /** The program's bytecode: the raw section, or the assembled uBPF text. */
  byte[] bytecode() {
    return raw != null ? raw.clone() : Assembler.of(Syntax.UBPF).program(asm).encode();
  }

  boolean expectsError() {
    return errors != null;
  }

  private static byte[] rawBytes(List<String> lines, Path file) {
    List<Byte> bytes = new ArrayList<>();
    for (String line : lines) {
      for (String token : line.split("\\s+")) {
        if (token.startsWith("0x")) {
          long slot = Long.parseUnsignedLong(token.substring(2), 16);
          for (int i = 0; i < 8; i++) {
            bytes.add((byte) (slot >>> (8 * i)));
          }
        } else if (token.length() == 2) {
          bytes.add((byte) Integer.parseInt(token, 16));
        } else {
          throw new IllegalArgumentException(
              file + ": raw token '" + token + "' is neither a 0x slot nor a byte");
        }
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  private static long parseResult(String text, Path file) {
    String value = text.toLowerCase(Locale.ROOT);
    BigInteger number =
        value.startsWith("0x") ? new BigInteger(value.substring(2), 16) : new BigInteger(value);
    if (number.signum() < 0 || number.bitLength() > 64) {
      throw new IllegalArgumentException(file + ": result " + text + " is not a u64");
    }
    return number.longValue();
  }

  @Override
  public String toString() {
    return name;
  }
}
