package org.csdlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each benchmark program computes on the VM what its Java reference computes. */
class BenchProgramTest {
  /** Buffer sizes: empty, shorter than a word, odd tails, several 4 KiB blocks. */
  private static final int[] SIZES = {0, 3, 7, 8, 13, 4096, 3 * 4096 + 5, 64 * 1024};

  static Stream<Arguments> programsAndSizes() {
    return Stream.of(BenchProgram.values())
        .flatMap(
            program ->
                java.util.Arrays.stream(SIZES).mapToObj(size -> Arguments.of(program, size)));
  }

  @ParameterizedTest(name = "{0} over {1} bytes")
  @MethodSource("programsAndSizes")
  void vmResultEqualsJavaReference(BenchProgram benchProgram, int sizeBytes) {
    byte[] data = BenchData.random(sizeBytes, 7);
    Vm vm = Vm.builder(Program.decode(benchProgram.bytecode())).fuel(EbpfBenchmark.FUEL).build();

    ExecutionResult result = vm.run(data);

    assertEquals(
        benchProgram.reference(data),
        result.r0(),
        () -> benchProgram + " over " + sizeBytes + " bytes");
    assertTrue(result.instructionsExecuted() > 0);
  }

  @Test
  void referencesGiveKnownValues() {
    byte[] bytes = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x3f, 0, 0, 0, 0x40, 'a'};
    assertEquals(1, BenchProgram.COUNT_ABOVE.reference(bytes)); // 0x3fffffff no, 0x40000000 yes
    assertEquals(30 + 1, BenchProgram.POPCOUNT.reference(bytes)); // the trailing byte is ignored
    assertEquals(0xcbf29ce484222325L, BenchProgram.FNV1A.reference(new byte[0]));
    assertEquals(
        0xaf63dc4c8601ec8cL,
        BenchProgram.FNV1A.reference(new byte[] {'a'})); // published FNV-1a 64 of "a"
    assertEquals(0x9e3779b97f4a7c15L, BenchProgram.NESTED_LOOP.reference(new byte[4095]));
  }

  @Test
  void benchmarkDataIsDeterministic() {
    byte[] a = BenchData.random(1000, 42);
    byte[] b = BenchData.random(1000, 42);
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    assertEquals(1000, a.length);
  }
}
