package org.csdlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The four benchmark programs: C sources in {@code src/main/resources/bench/*.c}, compiled by
 * {@code build.sh} with {@code clang -O2 -target bpf} into raw {@code .text} bytecode ({@code
 * *.bin}). Each takes the buffer as context (r1 = data, r2 = length in bytes) and returns its
 * answer in r0; {@link #reference(byte[])} computes the same answer in Java.
 */
public enum BenchProgram {
  /** Little-endian u32 values greater than 0x3FFFFFFF. */
  COUNT_ABOVE("count_above") {
    @Override
    public long reference(byte[] data) {
      ByteBuffer buffer = littleEndian(data);
      long count = 0;
      for (int i = 0; i + 4 <= data.length; i += 4) {
        if (Integer.toUnsignedLong(buffer.getInt(i)) > 0x3FFF_FFFFL) {
          count++;
        }
      }
      return count;
    }
  },
  /** FNV-1a 64-bit hash over every byte. */
  FNV1A("fnv1a") {
    @Override
    public long reference(byte[] data) {
      long hash = 0xcbf29ce484222325L;
      for (byte b : data) {
        hash ^= b & 0xff;
        hash *= 0x100000001b3L;
      }
      return hash;
    }
  },
  /** Set bits of every u64 word, counted by clearing the lowest set bit in a loop. */
  POPCOUNT("popcount") {
    @Override
    public long reference(byte[] data) {
      ByteBuffer buffer = littleEndian(data);
      long total = 0;
      for (int i = 0; i + 8 <= data.length; i += 8) {
        total += Long.bitCount(buffer.getLong(i));
      }
      return total;
    }
  },
  /** One u64 read per 4 KiB block, mixed through 256 rounds of arithmetic. */
  NESTED_LOOP("nested_loop") {
    @Override
    public long reference(byte[] data) {
      ByteBuffer buffer = littleEndian(data);
      long blocks = data.length / 4096;
      long acc = 0x9e3779b97f4a7c15L;
      for (long b = 0; b < blocks; b++) {
        long x = buffer.getLong((int) (b * 4096)) ^ acc;
        for (long r = 0; r < 256; r++) {
          x = x * 6364136223846793005L + (b ^ r);
          x ^= x >>> 29;
        }
        acc += x;
      }
      return acc;
    }
  };

  private final String fileName;

  BenchProgram(String fileName) {
    this.fileName = fileName;
  }

  /** The name of the C file and of the bytecode file, without extension ({@code fnv1a}). */
  public String fileName() {
    return fileName;
  }

  /** The program whose {@link #fileName()} is {@code name} (case-insensitive). */
  public static BenchProgram named(String name) {
    for (BenchProgram program : values()) {
      if (program.fileName.equalsIgnoreCase(name) || program.name().equalsIgnoreCase(name)) {
        return program;
      }
    }
    throw new IllegalArgumentException(
        "no benchmark program named '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(BenchProgram::fileName).toList());
  }

  /** The compiled bytecode ({@code /bench/<fileName>.bin} on the class path). */
  public byte[] bytecode() {
    return resource(fileName + ".bin");
  }

  /** The C source, for showing. */
  public String source() {
    return new String(resource(fileName + ".c"), StandardCharsets.UTF_8);
  }

  /** What the program returns in r0 for this buffer, computed in Java. */
  public abstract long reference(byte[] data);

  /**
   * Checks an answer a benchmark got before it times anything: {@code r0} is what {@code engine}
   * computed for {@code data}.
   *
   * @throws IllegalStateException when it is not {@link #reference(byte[])}, naming both
   */
  public void checkAnswer(String engine, long r0, byte[] data) {
    long expected = reference(data);
    if (r0 != expected) {
      throw new IllegalStateException(
          fileName
              + " on "
              + engine
              + " returned r0=0x"
              + Long.toHexString(r0)
              + " but the Java reference computes 0x"
              + Long.toHexString(expected));
    }
  }

  @Override
  public String toString() {
    return fileName;
  }

  private byte[] resource(String name) {
    String path = "/bench/" + name;
    try (InputStream in = BenchProgram.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource "
                + path
                + " is missing from the class path;"
                + " regenerate it with tests/src/main/resources/bench/build.sh");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }

  private static ByteBuffer littleEndian(byte[] data) {
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }
}
