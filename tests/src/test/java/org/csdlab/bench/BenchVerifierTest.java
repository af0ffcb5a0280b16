package org.csdlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.verifier.PathVerifier;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark programs' data-bounded loops, as clang compiles them, verify under v2 (the loops
 * summarised and proved to end), and a run on the interpreter with random data and a fuel of the
 * proven {@link VerificationResult#instructionBound()} finishes with the Java reference's answer.
 */
class BenchVerifierTest {
  private static final Path SOURCES = Path.of("src", "main", "resources", "bench");
  private static final int[] CONTEXT_BYTES = {4096, 1 << 20};

  @ParameterizedTest
  @EnumSource(BenchProgram.class)
  void committedBytecodeVerifiesWithABoundARunKeepsTo(BenchProgram program) {
    check("committed " + program.fileName() + ".bin", Program.decode(program.bytecode()), program);
  }

  @Test
  void bytecodeClangMakesNowVerifies(@TempDir Path out) throws IOException, InterruptedException {
    BuildTools.require(
        "verify the benchmark programs as clang compiles them",
        "clang llvm",
        "clang",
        "llvm-objcopy");
    BuildTools.runScript(SOURCES.resolve("build.sh"), Map.of(), out.toString());
    for (BenchProgram program : BenchProgram.values()) {
      byte[] bytecode = Files.readAllBytes(out.resolve(program.fileName() + ".bin"));
      check("freshly compiled " + program.fileName(), Program.decode(bytecode), program);
    }
  }

  private static void check(String what, Program program, BenchProgram bench) {
    for (int bytes : CONTEXT_BYTES) {
      VerificationResult r =
          PathVerifier.verify(program, VerifierOptions.defaults().withContext(bytes, false));
      assertTrue(r.ok(), what + " with a context of " + bytes + " bytes: " + r);
      byte[] data = new byte[bytes];
      new Random(bytes ^ bench.ordinal()).nextBytes(data);
      ExecutionResult run =
          Vm.builder(program)
              .engine(Engine.INTERPRETER)
              .fuel(r.instructionBound())
              .build()
              .run(data);
      assertEquals(bench.reference(data), run.r0(), what);
      assertTrue(run.instructionsExecuted() <= r.instructionBound(), what);
      System.out.printf(
          "%s, %d-byte context: %s; bound %d instructions, a random run %d%n",
          what, bytes, r.cost(), r.instructionBound(), run.instructionsExecuted());
    }
  }
}
