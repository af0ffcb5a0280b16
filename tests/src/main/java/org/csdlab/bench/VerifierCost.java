package org.csdlab.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.csdlab.zns.csd.OpenCsdHelpers;

/**
 * Time and memory of verifier v1 and the v2 engine for every example kernel in {@code
 * tutorials/programs/}, the benchmark programs and a generated 100,000-instruction program: {@code
 * java -cp <class path> org.csdlab.bench.VerifierCost [contextSizeBytes]} from the repository root.
 * Memory is the bytes the verifying thread allocated (a bound on what it keeps).
 */
public final class VerifierCost {
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private VerifierCost() {}

  public static void main(String[] args) throws Exception {
    long contextBytes = args.length > 0 ? Long.parseLong(args[0]) : 64;
    VerifierOptions drive = VerifierOptions.defaults().withHelpers(OpenCsdHelpers.prototypes());
    System.out.printf(
        Locale.ROOT,
        "%-40s %-10s %9s %10s | %-24s %9s %10s %9s%n",
        "program",
        "v1",
        "v1 ms",
        "v1 alloc",
        "v2",
        "v2 ms",
        "v2 alloc",
        "v2 insns");
    try (Stream<Path> files = Files.list(Path.of("tutorials/programs"))) {
      for (Path o : files.filter(p -> p.toString().endsWith(".o")).sorted().toList()) {
        ElfObject object = ElfObject.read(o);
        for (String selector : object.programSelectors()) {
          LoadedProgram loaded = object.program(selector);
          measure(
              o.getFileName() + ":" + selector,
              loaded.program(),
              drive.withRegionsOf(loaded),
              contextBytes);
        }
      }
    }
    for (BenchProgram b : BenchProgram.values()) {
      measure("bench " + b.fileName(), Program.decode(b.bytecode()), drive, contextBytes);
    }
    measure("generated 100,000 instructions", generated(100_000), drive, contextBytes);
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

  private static void measure(String name, Program p, VerifierOptions options, long ctx) {
    long id = Thread.currentThread().getId();
    long a0 = THREADS.getThreadAllocatedBytes(id);
    long t0 = System.nanoTime();
    VerificationResult v1 = Verifier.verify(p, options);
    long t1 = System.nanoTime();
    long a1 = THREADS.getThreadAllocatedBytes(id);
    VerificationResult v2 = PathVerifier.verify(p, options, ctx);
    long t2 = System.nanoTime();
    long a2 = THREADS.getThreadAllocatedBytes(id);
    System.out.printf(
        Locale.ROOT,
        "%-40s %-10s %9.2f %9.1fM | %-24s %9.2f %9.1fM %,9d%n",
        name,
        v1.ok() ? "ok" : v1.code(),
        (t1 - t0) / 1e6,
        (a1 - a0) / 1e6,
        v2.ok() ? "ok" : v2.code() + "@" + v2.error().pc(),
        (t2 - t1) / 1e6,
        (a2 - a1) / 1e6,
        v2.cost().processedInstructions());
    if (!v2.ok() && System.getenv("VERIFIER_COST_DETAIL") != null) {
      System.out.println("    " + v2.error().message());
    }
  }
}
