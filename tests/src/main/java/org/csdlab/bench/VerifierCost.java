package org.csdlab.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.verifier.PathVerifier;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.Verifier;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.csdlab.lab.Lab;
import org.csdlab.zns.csd.ComputationalStorage;

/**
 * The time and memory table of verifier v1 ({@link Verifier}) and v2 ({@link PathVerifier}) for
 * every example kernel in {@code tutorials/programs/}, the benchmark programs and a generated
 * 100,000-instruction program, as a markdown table. From the repository root:
 *
 * <pre>
 * mvn -o -B -q -pl tests -am compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp tests/target/classes:$(cat /tmp/cp.txt) org.csdlab.bench.VerifierCost
 * </pre>
 *
 * <p>Each verification is repeated (after {@value #WARMUP_RUNS} warm-up runs, until {@value
 * #MEASURE_NANOS} ns or {@value #MAX_RUNS} runs have passed) and the table gives the median time
 * and the median bytes the verifying thread allocated ({@link
 * ThreadMXBean#getThreadAllocatedBytes}, an upper bound on what the verification keeps, which is
 * its states); "states" is {@link org.csdlab.ebpf.verifier.AnalysisCost#storedStates()}: for v1 the
 * states it keeps (one per instruction and call chain reached), for v2 the most states kept at
 * prune points at any moment. Each program gets the options its loading path verifies it with (as
 * {@code ShippedKernelsV2Test}): a kernel the drive's ({@link
 * ComputationalStorage#verifierOptions()}, with the device's facts) and its ELF declarations; a
 * benchmark program, which takes its buffer as context, a context of {@value #BENCH_CONTEXT_BYTES}
 * bytes; the generated program one of {@value #GENERATED_CONTEXT_BYTES}.
 */
public final class VerifierCost {
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  static final int WARMUP_RUNS = 3;
  static final int MAX_RUNS = 25;
  static final long MEASURE_NANOS = 1_000_000_000L;
  static final int BENCH_CONTEXT_BYTES = 1 << 20;
  static final int GENERATED_CONTEXT_BYTES = 64;
  static final int GENERATED_INSTRUCTIONS = 100_000;

  private VerifierCost() {}

  /** The median time, allocation and stored states of one verifier on one program. */
  record Cost(String outcome, double millis, long allocatedBytes, int states, long processed) {}

  public static void main(String[] args) throws Exception {
    ComputationalStorage drive = Lab.create().csd().raw();
    System.out.println(
        "| program | insns | v1 | v1 ms | v1 alloc | v1 states | v2 | v2 ms | v2 alloc |"
            + " v2 peak states | v2 processed |");
    System.out.println("|---|--:|---|--:|--:|--:|---|--:|--:|--:|--:|");
    try (Stream<Path> files = Files.list(Path.of("tutorials/programs"))) {
      for (Path o : files.filter(p -> p.toString().endsWith(".o")).sorted().toList()) {
        ElfObject object = ElfObject.read(o);
        for (String selector : object.programSelectors()) {
          LoadedProgram loaded = object.program(selector);
          row(
              o.getFileName() + ":" + selector,
              loaded.program(),
              drive.verifierOptions().withDeclarationsOf(loaded));
        }
      }
    }
    for (BenchProgram b : BenchProgram.values()) {
      row(
          "bench " + b.fileName(),
          Program.decode(b.bytecode()),
          VerifierOptions.defaults().withContext(BENCH_CONTEXT_BYTES, false));
    }
    row(
        "generated " + GENERATED_INSTRUCTIONS + " instructions",
        generated(GENERATED_INSTRUCTIONS),
        VerifierOptions.defaults().withContext(GENERATED_CONTEXT_BYTES, false));
  }

  /** Diamonds on a context byte, one after another, ending in exit. */
  static Program generated(int size) {
    List<Instruction> insns =
        new ArrayList<>(
            Assembler.assemble("r0 = 0\nr2 = *(u8 *)(r1 + 0)\nexit").instructions().subList(0, 2));
    List<Instruction> block =
        Assembler.assemble("if r2 > 7 goto +1\nr0 += 1\nr3 = r0\nexit")
            .instructions()
            .subList(0, 3);
    while (insns.size() + block.size() < size) {
      insns.addAll(block);
    }
    while (insns.size() < size - 1) {
      insns.add(Assembler.assemble("r3 = 1\nexit").instructions().get(0));
    }
    insns.add(Instruction.exit());
    return Program.of(insns);
  }

  private static void row(String name, Program p, VerifierOptions options) {
    Cost v1 = measure(() -> Verifier.verify(p, options));
    Cost v2 = measure(() -> PathVerifier.verify(p, options));
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %s | %.2f | %s | %,d | %s | %.2f | %s | %,d | %,d |%n",
        name,
        p.size(),
        v1.outcome(),
        v1.millis(),
        bytes(v1.allocatedBytes()),
        v1.states(),
        v2.outcome(),
        v2.millis(),
        bytes(v2.allocatedBytes()),
        v2.states(),
        v2.processed());
  }

  private static Cost measure(Supplier<VerificationResult> verify) {
    long id = Thread.currentThread().getId();
    VerificationResult result = null;
    for (int i = 0; i < WARMUP_RUNS; i++) {
      result = verify.get();
    }
    List<long[]> runs = new ArrayList<>();
    long start = System.nanoTime();
    while (runs.size() < MAX_RUNS
        && (runs.size() < 3 || System.nanoTime() - start < MEASURE_NANOS)) {
      long a0 = THREADS.getThreadAllocatedBytes(id);
      long t0 = System.nanoTime();
      result = verify.get();
      long t1 = System.nanoTime();
      long a1 = THREADS.getThreadAllocatedBytes(id);
      runs.add(new long[] {t1 - t0, a1 - a0});
    }
    long[] nanos = runs.stream().mapToLong(r -> r[0]).sorted().toArray();
    long[] allocated = runs.stream().mapToLong(r -> r[1]).sorted().toArray();
    return new Cost(
        result.ok() ? "ok" : result.code() + "@" + result.error().pc(),
        median(nanos) / 1e6,
        median(allocated),
        result.cost().storedStates(),
        result.cost().processedInstructions());
  }

  private static long median(long[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static String bytes(long b) {
    return b >= 10_000_000
        ? String.format(Locale.ROOT, "%.0f MB", b / 1e6)
        : b >= 10_000
            ? String.format(Locale.ROOT, "%.0f KB", b / 1e3)
            : String.format(Locale.ROOT, "%d B", b);
  }

  static {
    // the table must not silently mix in a run whose allocation the JVM did not count
    if (!THREADS.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("this JVM does not count the bytes a thread allocates");
    }
    THREADS.setThreadAllocatedMemoryEnabled(true);
  }
}
