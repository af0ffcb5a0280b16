package org.csdlab.fluffle.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.testing.ClangBpf;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.CsdKernel;

/** The file kernels of tutorials/programs and the host answers they must match. */
final class Kernels {
  static final Path PROGRAMS = Path.of("..", "tutorials", "programs");
  static final Path INCLUDE = Path.of("..", "tutorials", "include");

  /** Kernels of the tests' own, written as FluffleFS's kernels are: {@code src/test/c}. */
  static final Path TEST_KERNELS = Path.of("src", "test", "c");

  static final long RAND_MAX_HALF = 0x3FFFFFFFL;

  /**
   * The start of an assembled kernel: {@code get_mem_info}, leaving the kernel memory's address at
   * {@code r10 - 16} and its size at {@code r10 - 8}.
   */
  static final String MEMORY_ON_STACK =
      """
      r1 = r10
      r1 += -16
      r2 = r10
      r2 += -8
      call 7
      """;

  private Kernels() {}

  /**
   * A kernel that reads sector 0 of {@code zone} into its memory, whatever file it is bound to (a
   * block that is not the file's: the confinement stops it), and exits with the read's result.
   */
  static LoadedProgram snoop(long zone) {
    return new LoadedProgram(
        "snoop",
        Assembler.assemble(
            MEMORY_ON_STACK
                + """
                r1 = %d
                r2 = 0
                r3 = 0
                r4 = 4096
                r5 = *(u64 *)(r10 - 16)
                call 2
                exit
                """
                    .formatted(zone)),
        List.of());
  }

  static Path object(String name) {
    return PROGRAMS.resolve(name + ".o");
  }

  static CsdKernel load(ComputationalStorage csd, String name) {
    return csd.load(ElfObject.read(object(name)).program(".text"));
  }

  /** u32 values above RAND_MAX/2 among the aligned words of {@code data}. */
  static long countAboveHalf(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data, 0, data.length / 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
    long count = 0;
    while (b.remaining() >= 4) {
      if (Integer.toUnsignedLong(b.getInt()) > RAND_MAX_HALF) {
        count++;
      }
    }
    return count;
  }

  /** 256 u32 byte counts, little-endian, as flfs_entropy returns them. */
  static byte[] histogram(byte[] data) {
    int[] counts = new int[256];
    for (byte x : data) {
      counts[x & 0xFF]++;
    }
    ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
    for (int c : counts) {
      b.putInt(c);
    }
    return b.array();
  }

  /**
   * Compiles {@code tutorials/programs/<name>.c} as the Makefile does; skipped without clang,
   * except under CI=true, where a missing clang fails.
   */
  static byte[] compile(String name, Path dir) {
    return compile(PROGRAMS.resolve(name + ".c"), dir);
  }

  /** Compiles the test kernel {@code src/test/c/<name>.c} as {@link #compile(String, Path)}. */
  static ElfObject compileTestKernel(String name, Path dir) {
    return ElfObject.parse(compile(TEST_KERNELS.resolve(name + ".c"), dir));
  }

  private static byte[] compile(Path source, Path dir) {
    return ClangBpf.compile(source, INCLUDE, dir);
  }
}
