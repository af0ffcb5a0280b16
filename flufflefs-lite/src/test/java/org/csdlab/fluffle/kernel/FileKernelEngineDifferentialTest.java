package org.csdlab.fluffle.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.EngineComparison;
import org.csdlab.ebpf.EngineRun;
import org.csdlab.ebpf.JitTally;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FileLayout;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.FormatOptions;
import org.csdlab.fluffle.OpenMode;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;
import org.csdlab.zns.timing.TimingProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code flfs_*} kernel of tutorials/programs, bound to real files of a FluffleFs (so run by
 * {@link FileKernelRunner} over the file's snapshot, confined to its blocks), on the interpreter
 * and on the JIT: each engine gets a filesystem of its own built by the same writes, and every read
 * and write event must give the same answer and {@link CsdResult} (r0, return data, instructions,
 * media bytes, modeled times under the teaching timing, refusals) or the same {@link
 * KernelIoException} (message, and the cause's kind, pc and fields), and leave the same device
 * behind.
 *
 * <p>The files: empty, one block, block-unaligned, several extents (written interleaved with
 * another file, across zones) and fragmented (overwritten in place in parts, with a hole). With a
 * small fuel limit the same requests run out of fuel at the same instruction; two assembled kernels
 * fault (a read of a block that is not the file's, a read into memory past the kernel memory).
 */
class FileKernelEngineDifferentialTest {
  static final int BLOCK = 4096;
  static final Geometry GEOMETRY =
      Geometry.builder()
          .zoneCount(16)
          .zoneSizeBlocks(64)
          .zoneCapacityBlocks(64)
          .blockSizeBytes(BLOCK)
          .build();

  /** Little enough that most requests below run out of it. */
  static final long SMALL_FUEL = 300;

  static final List<String> FILES =
      List.of("/empty", "/one-block", "/unaligned", "/multi-extent", "/fragmented");

  private static final JitTally TALLY = new JitTally("flfs kernels on files");

  static Stream<String> kernels() throws IOException {
    try (Stream<Path> files = Files.list(Kernels.PROGRAMS)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("flfs_") && n.endsWith(".o"))
          .map(n -> n.substring(0, n.length() - 2))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void readStreamsRunAlikeOnBothEngines(String name) {
    LoadedProgram program = ElfObject.read(Kernels.object(name)).program(".text");
    compareReads(name, program, Long.MAX_VALUE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void fuelRunsOutAtTheSameInstructionOnBothEngines(String name) {
    LoadedProgram program = ElfObject.read(Kernels.object(name)).program(".text");
    List<String> outcomes = compareReads(name, program, SMALL_FUEL);
    assertTrue(
        outcomes.stream().anyMatch(o -> o.contains("ran out of fuel after " + SMALL_FUEL)),
        name + " never ran out of " + SMALL_FUEL + " instructions: " + outcomes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void writeEventsRunAlikeOnBothEngines(String name) {
    LoadedProgram program = ElfObject.read(Kernels.object(name)).program(".text");
    byte[] data = seeded(99, 3 * BLOCK + 500);
    List<Write> writes =
        List.of(
            new Write("/empty", 0, 100),
            new Write("/one-block", 4092, 5000),
            new Write("/unaligned", 3 * BLOCK + 1234, 777),
            new Write("/multi-extent", 50 * BLOCK + 8, 2 * BLOCK),
            new Write("/fragmented", 8, 3 * BLOCK + 500));
    FileSet interpreter = new FileSet(Engine.INTERPRETER, Long.MAX_VALUE, program);
    FileSet jit = new FileSet(Engine.JIT, Long.MAX_VALUE, program);
    for (Write w : writes) {
      String what = name + " on write of " + w.length + " bytes at " + w.offset + " to " + w.path;
      Function<FileSet, String> op =
          f -> {
            try (FileHandle h = f.fs.file(w.path).onWrite(f.kernel)) {
              h.write(w.offset, data, 0, w.length);
              return describe(h.lastKernelResult());
            }
          };
      compare(what, interpreter, jit, op);
    }
  }

  @Test
  void aKernelReadingABlockThatIsNotTheFilesFailsAlike() {
    // reads LBA 0 (the superblock), which is no block of the file: the confinement stops it
    LoadedProgram snoop = Kernels.snoop(0);
    List<String> outcomes = compareReads("snoop", snoop, Long.MAX_VALUE);
    assertTrue(
        outcomes.stream()
            .anyMatch(o -> o.contains("lba 0 is outside the blocks this run may read")),
        outcomes.toString());
  }

  @Test
  void aKernelReadingPastItsMemoryFaultsAlike() {
    // the file's first block (the call information's first LBA, after its 52 bytes), read into
    // the last 8 bytes of the kernel memory: the helper's bounds check stops the kernel
    LoadedProgram overrun =
        new LoadedProgram(
            "overrun",
            Assembler.assemble(
                Kernels.MEMORY_ON_STACK
                    + """
                r1 = 0
                *(u64 *)(r10 - 24) = r1
                r1 = r10
                r1 += -24
                call 8
                r1 = *(u64 *)(r10 - 24)
                r0 = -22
                if r1 == 0 goto out
                r6 = *(u64 *)(r1 + 52)
                call 6
                r1 = r6
                r1 /= r0
                r2 = r6
                r2 %= r0
                r3 = 0
                r4 = 4096
                r5 = *(u64 *)(r10 - 16)
                r0 = *(u64 *)(r10 - 8)
                r5 += r0
                r5 += -8
                call 2
                out:
                exit
                """),
            List.of());
    List<String> outcomes = compareReads("overrun", overrun, Long.MAX_VALUE);
    assertTrue(
        outcomes.stream().anyMatch(o -> o.contains("MemoryAccessException")), outcomes.toString());
  }

  @AfterAll
  static void printTally() {
    System.out.println(TALLY.summary());
  }

  /** One write of {@code length} bytes of the test data at {@code offset} of {@code path}. */
  record Write(String path, long offset, int length) {}

  /**
   * Reads each file in several ranges through {@code program} bound as its read-stream kernel, on
   * both engines, and returns the outcomes (the same on both).
   */
  private static List<String> compareReads(String name, LoadedProgram program, long fuel) {
    FileSet interpreter = new FileSet(Engine.INTERPRETER, fuel, program);
    FileSet jit = new FileSet(Engine.JIT, fuel, program);
    List<String> outcomes = new ArrayList<>();
    for (String path : FILES) {
      long size = interpreter.fs.stat(path).sizeBytes();
      long[][] ranges = {
        {0, size},
        {0, 1},
        {4, 5000},
        {3, 100},
        {BLOCK - 2, 10},
        {Math.max(0, size - 1), 1},
        {size / 2 / 4 * 4, size},
        {size, 10},
        {BLOCK, 2 * BLOCK}
      };
      for (long[] r : ranges) {
        String what = name + " reading " + r[1] + " bytes at " + r[0] + " of " + path;
        if (fuel != Long.MAX_VALUE) {
          what += " with fuel " + fuel;
        }
        Function<FileSet, String> op =
            f -> {
              try (FileHandle h = f.fs.file(path).offload(f.kernel)) {
                byte[] answer = h.read(r[0], (int) r[1]);
                CsdResult last = h.lastKernelResult();
                return "answer="
                    + HexFormat.of().formatHex(answer)
                    + " "
                    + (last == null ? "no run" : describe(last));
              }
            };
        outcomes.add(compare(what, interpreter, jit, op));
      }
    }
    return outcomes;
  }

  /**
   * Runs {@code op} on both engines' files and asserts the same outcome (a {@link
   * KernelIoException} described as its fields) and the same device afterwards; returns the
   * outcome.
   */
  private static String compare(
      String what, FileSet interpreter, FileSet jit, Function<FileSet, String> op) {
    EngineComparison c = new EngineComparison(() -> what, interpreter.run(op), jit.run(op));
    c.assertSame();
    TALLY.record(what, c);
    return c.interpreter().outcome();
  }

  /**
   * Every component of {@code r}, byte arrays in hex, so a field added to {@link CsdResult} is
   * compared too.
   */
  static String describe(CsdResult r) {
    StringBuilder out = new StringBuilder();
    for (RecordComponent component : CsdResult.class.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(r);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new AssertionError(e);
      }
      out.append(component.getName()).append('=');
      out.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
      out.append(' ');
    }
    return out.toString().trim();
  }

  static byte[] seeded(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /**
   * A filesystem with the five test files on a device of its own, and the kernel under test loaded
   * on that device with {@code engine} asked for. Built the same way each time, so two of them hold
   * the same bytes at the same LBAs.
   */
  static final class FileSet {
    // the teaching timing, so media and compute times are compared, not zeros
    final ZnsDevice device = ZnsDevice.builder(GEOMETRY).timing(TimingProfile.teaching()).build();
    final FluffleFs fs = FluffleFs.format(device, FormatOptions.defaults());
    final CsdKernel kernel;

    FileSet(Engine engine, long fuel, LoadedProgram program) {
      write("/empty", 0, new byte[0]);
      write("/one-block", 0, seeded(1, BLOCK));
      write("/unaligned", 0, seeded(2, 3 * BLOCK + 1234));
      // two files written in turns: each one's blocks lie in several runs, across zones
      for (int chunk = 0; chunk < 12; chunk++) {
        write("/multi-extent", chunk * 8L * BLOCK, seeded(10 + chunk, 8 * BLOCK));
        write("/other", chunk * 3L * BLOCK, seeded(30 + chunk, 3 * BLOCK));
      }
      write("/fragmented", 0, seeded(3, 20 * BLOCK));
      write("/fragmented", 5000, seeded(4, 3000));
      write("/fragmented", 11 * BLOCK, seeded(5, BLOCK));
      write("/fragmented", 2 * BLOCK + 100, seeded(6, 10));
      write("/fragmented", 24 * BLOCK + 17, seeded(7, 2000)); // blocks 20-23 stay holes
      kernel = ComputationalStorage.builder(device).engine(engine).fuel(fuel).build().load(program);
      checkShapes();
    }

    private void write(String path, long offset, byte[] data) {
      try (FileHandle h = fs.open(path, OpenMode.CREATE)) {
        h.write(offset, data);
        h.fsync();
      }
    }

    /** The files are what their names say. */
    private void checkShapes() {
      assertEquals(0, fs.stat("/empty").sizeBytes());
      assertEquals(1, fs.layout("/one-block").blockCount());
      assertTrue(fs.stat("/unaligned").sizeBytes() % BLOCK != 0);
      FileLayout multi = fs.layout("/multi-extent");
      assertTrue(runs(multi) >= 6, "/multi-extent lies in " + runs(multi) + " runs");
      assertTrue(
          multi.lbaOfBlock().stream().map(GEOMETRY::zoneOf).distinct().count() >= 2,
          "/multi-extent spans zones");
      FileLayout fragmented = fs.layout("/fragmented");
      assertTrue(fragmented.lbaOfBlock().contains(FileLayout.NO_BLOCK), "/fragmented has a hole");
      assertTrue(runs(fragmented) >= 4, "/fragmented lies in " + runs(fragmented) + " runs");
    }

    /** Runs of consecutive LBAs (holes apart) in {@code layout}. */
    private static int runs(FileLayout layout) {
      int runs = 0;
      long previous = Long.MIN_VALUE;
      for (long lba : layout.lbaOfBlock()) {
        if (lba != FileLayout.NO_BLOCK && lba != previous + 1) {
          runs++;
        }
        previous = lba;
      }
      return runs;
    }

    /** {@code op} on these files, its outcome or its {@link KernelIoException} described. */
    EngineRun run(Function<FileSet, String> op) {
      String outcome;
      try {
        outcome = op.apply(this);
      } catch (KernelIoException e) {
        outcome =
            EngineRun.describe(e)
                + Optional.ofNullable(e.getCause())
                    .map(cause -> " cause: " + EngineRun.describe(cause))
                    .orElse("");
      }
      return new EngineRun(
          kernel.vm().engine(),
          kernel.vm().interpretedBecause(),
          outcome,
          null,
          null,
          Map.of(),
          "device "
              + device.zones()
              + " at "
              + device.modeledNanos()
              + " ns; fs check "
              + fs.check().problems(),
          Thread.interrupted());
    }
  }
}
