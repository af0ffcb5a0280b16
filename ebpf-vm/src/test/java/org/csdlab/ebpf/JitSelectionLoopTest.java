package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

/**
 * Filter loops as compilers lay them out ({@code for (i...) if (x[i] OP k) n++;}): the JIT runs
 * them as unrolled rounds of a selection without a branch on the data when it can tell both
 * operands are below 2^63, and with a branch otherwise; unsigned comparisons compile in two forms
 * (by JVM). Every comparison, both forms, operands at the edges of each order, and fuel that runs
 * out inside the rounds must give what the interpreter gives.
 */
class JitSelectionLoopTest {
  private static final long[] EDGE_VALUES = {
    0,
    1,
    2,
    0x3fff_fffeL,
    0x3fff_ffffL,
    0x4000_0000L,
    0x7fff_fffeL,
    0x7fff_ffffL,
    0x8000_0000L,
    0x8000_0001L,
    0xffff_fffeL,
    0xffff_ffffL,
    0x1234_5678L,
    0xdead_beefL,
    5,
    0x3fff_ffffL
  };

  private static final String[] COMPARISONS = {
    "==", "!=", "&", ">", ">=", "<", "<=", "s>", "s>=", "s<", "s<="
  };

  private static final String[] CONSTANTS = {"0", "1", "1073741823", "-1", "-2147483648"};

  /**
   * The loop over the context's u32 words but its last (so a u64 load stays inside): r4 = 1 when
   * "r5 OP operand" does not jump, else 0; r0 sums r4.
   */
  private static String filterLoop(String load, String operandSetup, String comparison) {
    return """
        r0 = 0
        r3 = 0
        r2 >>= 2
        r2 -= 1
        goto body
        next:
        r0 += r4
        r1 += 4
        r3 += 1
        if r2 > r3 goto body
        exit
        body:
        %s
        %s
        r4 = 1
        %s
        r4 = 0
        goto next
        """
        .formatted(load, operandSetup, comparison);
  }

  private static List<Program> programs() {
    List<Program> programs = new ArrayList<>();
    for (String op : COMPARISONS) {
      for (String k : CONSTANTS) {
        // u32 loads: both operands below 2^63 unless the constant is negative
        programs.add(program("r5 = *(u32 *)(r1 + 0)", "", "if r5 " + op + " " + k + " goto next"));
        programs.add(program("r5 = *(u32 *)(r1 + 0)", "", "if w5 " + op + " " + k + " goto next"));
        // a 64-bit load: nothing known, so a branch
        programs.add(program("r5 = *(u64 *)(r1 + 0)", "", "if r5 " + op + " " + k + " goto next"));
      }
      String xor = "w6 = w5\nw6 ^= 0x5a5a5a5a";
      programs.add(program("r5 = *(u32 *)(r1 + 0)", xor, "if r5 " + op + " r6 goto next"));
      programs.add(program("r5 = *(u32 *)(r1 + 0)", xor, "if w5 " + op + " w6 goto next"));
      programs.add(program("r5 = *(s32 *)(r1 + 0)", "r6 = 7", "if r5 " + op + " r6 goto next"));
      programs.add(
          program("r5 = *(u16 *)(r1 + 0)", "r6 = r5\nr6 >>= 3", "if r6 " + op + " r5 goto next"));
    }
    return programs;
  }

  private static Program program(String load, String setup, String comparison) {
    return Assembler.assemble(filterLoop(load, setup, comparison));
  }

  private static byte[] words() {
    ByteBuffer buffer =
        ByteBuffer.allocate(EDGE_VALUES.length * 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
    for (long value : EDGE_VALUES) {
      buffer.putInt((int) value);
    }
    buffer.putInt(-1);
    return buffer.array();
  }

  private record Outcome(String result, byte[] context) {}

  private static Outcome run(Program program, Engine engine, JitOptions options, long fuel) {
    Vm vm = Vm.builder(program).engine(engine).jitOptions(options).fuel(fuel).build();
    if (engine == Engine.JIT) {
      assertEquals(Engine.JIT, vm.engine(), () -> "not compiled: " + vm.interpretedBecause());
    }
    byte[] context = words();
    String result;
    try {
      ExecutionResult r = vm.run(context);
      result = "r0=" + r.r0() + " instructions=" + r.instructionsExecuted();
    } catch (VmExecutionException e) {
      result = e.getClass().getSimpleName() + " at " + e.pc() + ": " + e.getMessage();
    }
    return new Outcome(result, context);
  }

  @Test
  void everyComparisonInBothFormsGivesTheInterpretersCountAndStopsWhereItDoes() {
    int compared = 0;
    for (Program program : programs()) {
      Outcome full = run(program, Engine.INTERPRETER, JitOptions.forThisJvm(), 1_000_000);
      assertTrue(full.result().startsWith("r0="), full::result);
      long instructions = Long.parseLong(full.result().replaceAll(".*instructions=", ""));
      for (boolean intrinsic : new boolean[] {true, false}) {
        JitOptions options = new JitOptions(intrinsic);
        for (long fuel : new long[] {1_000_000, instructions, instructions - 1, 3, 7, 40, 77}) {
          Outcome expected = run(program, Engine.INTERPRETER, options, fuel);
          Outcome actual = run(program, Engine.JIT, options, fuel);
          assertEquals(expected.result(), actual.result(), program::toString);
          assertArrayEquals(expected.context(), actual.context());
          compared++;
        }
      }
    }
    assertEquals(programs().size() * 2 * 7, compared);
  }

  @Test
  void aFaultInsideTheUnrolledRoundsHasTheInterpretersPcAndCount() {
    // the length in r2 claims one word more than the context holds: the last load faults
    Program program =
        Assembler.assemble(
            filterLoop("r5 = *(u32 *)(r1 + 0)", "", "if r5 > 1073741823 goto next")
                .replace("r2 -= 1", "r2 += 1"));
    for (boolean intrinsic : new boolean[] {true, false}) {
      JitOptions options = new JitOptions(intrinsic);
      Outcome expected = run(program, Engine.INTERPRETER, options, 1_000_000);
      assertTrue(expected.result().startsWith("MemoryAccessException"), expected::result);
      assertEquals(expected.result(), run(program, Engine.JIT, options, 1_000_000).result());
    }
  }

  @Test
  void aFilterOverU32WordsRunsAsUnrolledRoundsWithoutABranchOnTheData() {
    Program u32 = program("r5 = *(u32 *)(r1 + 0)", "", "if r5 > 1073741823 goto next");
    List<String> support = u32.jit().functions().get(0).support();
    // each round's selection: the sign of a difference (LSUB, then 63 LUSHR), no compare
    assertEquals(JitCompiler.UNROLL_ROUNDS, support.stream().filter("BIPUSH 63"::equals).count());
    Program u64 = program("r5 = *(u64 *)(r1 + 0)", "", "if r5 > 1073741823 goto next");
    List<String> branching = u64.jit().functions().get(0).support();
    assertEquals(0, branching.stream().filter("BIPUSH 63"::equals).count());
    assertTrue(
        branching.stream().filter(line -> line.startsWith("IF")).count()
            > 2 * JitCompiler.UNROLL_ROUNDS);
  }
}
