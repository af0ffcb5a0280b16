package org.csdlab.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.csdlab.bench.BenchProgram;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.testing.ClangBpf;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.PathVerifier;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.csdlab.lab.Lab;
import org.csdlab.lab.LabCsd;
import org.csdlab.zns.csd.ComputationalStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every kernel the repository ships or compiles, verified by verifier v2 ({@link PathVerifier})
 * with the options its loading path really uses: the drive's ({@link
 * ComputationalStorage#verifierOptions()}, with the device's facts, and the ELF object's
 * declarations) for {@code tutorials/programs/*.o}, the lab's built-in counting kernel,
 * flufflefs-lite's test kernels and the OpenCSD style kernels the emulator's tests compile; the
 * benchmark programs with the context they run on declared. Each is accepted, except those {@link
 * #STILL_REFUSED} lists with the code v2 refuses them with and why: each listed one must still be
 * refused with that code, so the list shrinks as v2 learns more, and a kernel v2 comes to accept
 * fails here until it leaves the list.
 *
 * <p>Each verification prints its processed instructions, kept states, time and the bytes the
 * verifying thread allocated, for the issue's table (the figures are printed, never asserted).
 */
class ShippedKernelsV2Test {
  private static final Path ROOT = Path.of("..");
  private static final Path PROGRAMS = ROOT.resolve("tutorials/programs");
  private static final Path INCLUDE = ROOT.resolve("tutorials/include");

  /**
   * The C kernels the emulator's and flufflefs-lite's tests compile (OpenCSD and FluffleFS style).
   */
  private static final List<Path> TEST_KERNEL_SOURCES =
      List.of(
          ROOT.resolve("zns-emulator/src/test/c/zone_filter.c"),
          ROOT.resolve("flufflefs-lite/src/test/c/fluffle_read.c"),
          ROOT.resolve("flufflefs-lite/src/test/c/fluffle_write_probe.c"));

  /** Bytes of context the benchmark programs are verified with: the 1 MiB buffers of a lab run. */
  static final long BENCH_CONTEXT_BYTES = 1 << 20;

  /** Why v2 still refuses a kernel, and with which code. */
  record KnownRefusal(ErrorCode code, String reason) {}

  /**
   * The one list of shipped kernels v2 still refuses, by the name {@link #kernels()} gives them.
   */
  static final Map<String, KnownRefusal> STILL_REFUSED =
      Map.ofEntries(
          widened(
              "count_u32_lbas.o:.text",
              ErrorCode.OUT_OF_BOUNDS,
              "call->lbas[k] with k < n: the index is bounded by the LBA count the call"
                  + " information holds, not by the size of the call information (a relation)"),
          widened(
              "flfs_count_u32.o:.text",
              ErrorCode.UNBOUNDED_ACCESS,
              "mem + the offset spilled at fp-80, which the widened loop no longer bounds"),
          widened(
              "flfs_entropy.o:.text",
              ErrorCode.UNBOUNDED_ACCESS,
              "a pointer moved by a value with no lower bound once the loop is widened"),
          widened(
              "flfs_passthrough.o:.text",
              ErrorCode.OUT_OF_BOUNDS,
              "the output byte pointer, whose offset the widened loop bounds only by 0x1295aa"),
          entry(
              "filter_records.o:.text",
              ErrorCode.OUT_OF_BOUNDS,
              "out[matches++] with matches < room = (mem_size - sector_size) / 16: a bound"
                  + " relating two values (mem_size and get_mem_info's pointer offset both follow"
                  + " the call information's length), which a per-value domain cannot keep"),
          entry(
              "filter_u32_records.o:.text",
              ErrorCode.HELPER_BUFFER_TOO_SMALL,
              "bpf_read of up to chunk_bytes < mem_size bytes into mem: the same relation between"
                  + " mem_size and mem's offset"),
          entry(
              "lab:count_u32_above",
              ErrorCode.HELPER_BUFFER_TOO_SMALL,
              "bpf_read of a chunk of mem_size rounded down to whole sectors into mem: the"
                  + " relation between mem_size and mem's offset"),
          entry(
              "fluffle_read.c:.text",
              ErrorCode.HELPER_BUFFER_TOO_SMALL,
              "bpf_read into buffer + done with done + sector_size <= buffer_size: the relation"
                  + " between buffer_size and buffer's offset"),
          widened(
              "fluffle_write_probe.c:.text",
              ErrorCode.OUT_OF_BOUNDS,
              "the copy of the LBAs (i < n, n checked against the output memory before) stores"
                  + " through a pointer the invariant bounds only by the memory's end"));

  private static Map.Entry<String, KnownRefusal> entry(String kernel, ErrorCode code, String why) {
    return Map.entry(kernel, new KnownRefusal(code, why));
  }

  /**
   * A kernel whose data-bounded loop v2 summarises (widening at its head, helper vloops' part of
   * issue 16) but whose body, checked under the widened invariant, makes an access that the
   * invariant does not bound.
   */
  private static Map.Entry<String, KnownRefusal> widened(
      String kernel, ErrorCode code, String access) {
    return entry(
        kernel, code, "its loop is summarised by a widened invariant, under which " + access);
  }

  private static final List<String> TABLE = new ArrayList<>();

  /** A kernel and the options its loading path verifies it with. */
  record Input(Program program, VerifierOptions options) {}

  /** A kernel by name, and how to get it (compiling it first, for the C test kernels). */
  record Kernel(String name, Supplier<Input> input) {}

  @TestFactory
  Stream<DynamicTest> everyShippedKernelIsAcceptedOrStillRefusedAsListed() throws IOException {
    return kernels().map(k -> DynamicTest.dynamicTest(k.name(), () -> check(k)));
  }

  @Test
  void everyListedKernelIsAShippedOne() throws IOException {
    Set<String> names = new TreeSet<>();
    kernels().forEach(k -> names.add(k.name()));
    for (String listed : STILL_REFUSED.keySet()) {
      assertTrue(names.contains(listed), listed + " is listed but no such kernel is shipped");
    }
    assertTrue(
        names.size() >= 8 + 1 + BenchProgram.values().length + TEST_KERNEL_SOURCES.size(),
        names.toString());
  }

  @AfterAll
  static void printTable() {
    System.out.println(
        String.format(
            Locale.ROOT,
            "%-44s %-24s %10s %8s %9s %12s",
            "kernel",
            "v2",
            "insns",
            "states",
            "ms",
            "alloc bytes"));
    TABLE.forEach(System.out::println);
  }

  private static void check(Kernel k) {
    Input input = k.input().get();
    Program program = input.program();
    VerifierOptions options = input.options();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    VerificationResult result = PathVerifier.verify(program, options);
    long nanos = System.nanoTime() - start;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    synchronized (TABLE) {
      TABLE.add(
          String.format(
              Locale.ROOT,
              "%-44s %-24s %10d %8d %9.2f %12d",
              k.name(),
              result.ok() ? "accepted" : result.code() + "@" + result.error().pc(),
              result.cost().processedInstructions(),
              result.cost().storedStates(),
              nanos / 1e6,
              allocated));
    }
    KnownRefusal known = STILL_REFUSED.get(k.name());
    if (known == null) {
      assertNull(
          result.error(), () -> k.name() + " is refused by v2:\n" + result.error().message());
    } else {
      assertEquals(
          known.code(),
          result.code(),
          () ->
              k.name()
                  + " is listed as refused with "
                  + known.code()
                  + " ("
                  + known.reason()
                  + ") but v2 says: "
                  + (result.ok()
                      ? "accepted; take it off STILL_REFUSED"
                      : result.error().message()));
    }
  }

  /** Every kernel with its options, named {@code file:section} or {@code bench:name}. */
  static Stream<Kernel> kernels() throws IOException {
    List<Kernel> out = new ArrayList<>();
    Lab lab = Lab.create();
    ComputationalStorage drive = lab.csd().raw();
    List<Path> objects;
    try (Stream<Path> files = Files.list(PROGRAMS)) {
      objects = files.filter(p -> p.toString().endsWith(".o")).sorted().toList();
    }
    for (Path o : objects) {
      ElfObject object = ElfObject.read(o);
      for (String selector : object.programSelectors()) {
        LoadedProgram loaded = object.program(selector);
        out.add(
            new Kernel(
                o.getFileName() + ":" + selector,
                () ->
                    new Input(
                        loaded.program(), drive.verifierOptions().withDeclarationsOf(loaded))));
      }
    }
    out.add(
        new Kernel(
            "lab:" + LabCsd.COUNT_KERNEL,
            () ->
                new Input(
                    Assembler.assemble(LabCsd.countKernelSource()), drive.verifierOptions())));
    for (BenchProgram b : BenchProgram.values()) {
      out.add(
          new Kernel(
              "bench:" + b.fileName(),
              () ->
                  new Input(
                      Program.decode(b.bytecode()),
                      VerifierOptions.defaults().withContext(BENCH_CONTEXT_BYTES, false))));
    }
    for (Path source : TEST_KERNEL_SOURCES) {
      out.add(
          new Kernel(
              source.getFileName() + ":.text",
              () -> {
                LoadedProgram loaded = compile(source).program(".text");
                return new Input(
                    loaded.program(), drive.verifierOptions().withDeclarationsOf(loaded));
              }));
    }
    return out.stream();
  }

  /**
   * Compiles {@code source} as tutorials/programs/Makefile does; skipped without clang, except
   * under CI=true, where a missing clang fails.
   */
  private static ElfObject compile(Path source) {
    try {
      return ElfObject.parse(
          ClangBpf.compile(source, INCLUDE, Files.createTempDirectory("v2-kernels")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
