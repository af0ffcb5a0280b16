package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.csdlab.ebpf.conformance.ConformanceHelpers;
import org.csdlab.ebpf.fuzz.Fuzz;
import org.csdlab.ebpf.fuzz.FuzzOracle;
import org.csdlab.ebpf.fuzz.ProgramShapes;
import org.csdlab.ebpf.maps.LinuxHelpers;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.maps.MapType;

/**
 * Generated programs, none of them verified, on both engines through {@link EngineDifferential}:
 * {@link ProgramShapes}' random programs with {@link DifferentialSnippets} inside (loops bounded
 * and endless, callx, atomics, region edges, division by zero, shifts, sign extension, byte swaps,
 * JMP32, helpers that fail or stop the program), trees of local calls and recursions past {@link
 * Vm#MAX_CALL_DEPTH}, under fuel from 1 instruction to a little over two {@link RunState#FUEL_SLICE
 * slices}, with the Linux helpers over two maps or the conformance helpers plus one that fails.
 * Every difference is counted, not only the first; the target fails at its end when there was one,
 * listing the first few with their seeds (the fuzz summary line before it still says SUCCESSFUL:
 * the check comes after the tries). It prints two lines: the programs run and the differences, and
 * how many ran compiled ({@link JitTally}).
 *
 * <p>{@code mvn verify} runs {@value #VERIFY_TRIES} programs with the campaign's fixed seed. A long
 * campaign, e.g. 10⁶ programs:
 *
 * <pre>
 * mvn -o -B -pl ebpf-vm test -Dtest=EngineDifferentialFuzz -Ddiff.tries=1000000 \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * ({@code -Dcsdlab.fuzz.seed=S} for another sequence, {@code -Ddiff.requireJit=false} to allow
 * fallbacks to the interpreter).
 */
class EngineDifferentialFuzz {
  /** System property: programs to generate, overriding {@value #VERIFY_TRIES}. */
  static final String TRIES_PROPERTY = "diff.tries";

  static final int VERIFY_TRIES = 10_000;

  /** Differences described at the end; the rest are counted. */
  private static final int DIFFERENCES_SHOWN = 5;

  /** Id of the helper {@link #failingHelpers} adds: fails for an odd argument, else halves it. */
  static final int FAIL_IF_ODD = 6;

  private static final int[] CONFORMANCE_IDS = {0, 1, 2, 3, 4, 5, FAIL_IF_ODD};
  private static final int[] LINUX_IDS = {
    LinuxHelpers.MAP_LOOKUP_ELEM,
    LinuxHelpers.MAP_UPDATE_ELEM,
    LinuxHelpers.MAP_DELETE_ELEM,
    LinuxHelpers.KTIME_GET_NS,
    LinuxHelpers.TRACE_PRINTK,
    LinuxHelpers.GET_PRANDOM_U32
  };
  private static final long[] MAP_HANDLES = {MapSet.handleOf(0), MapSet.handleOf(1)};

  private static final FuzzOracle ORACLE = FuzzOracle.expecting("engine differential");

  private static JitTally tally;
  private static long programs;
  private static long refusedByProgram;
  private static long differences;
  private static List<String> shown;
  private static Map<String, Long> outcomes;

  @BeforeProperty
  void resetCounts() {
    tally = new JitTally("engine differential");
    programs = 0;
    refusedByProgram = 0;
    differences = 0;
    shown = new ArrayList<>();
    outcomes = new TreeMap<>();
  }

  @Fuzz(tries = VERIFY_TRIES, triesProperty = TRIES_PROPERTY)
  void generatedProgramsRunAlikeOnBothEngines(@ForAll long seed) {
    EngineDifferential differential = generate(seed);
    programs++;
    Optional<EngineComparison> comparison =
        ORACLE.check(() -> "seed " + seed, differential::compare);
    EngineComparison c = comparison.orElseThrow();
    List<String> problems = c.problems();
    if (!problems.isEmpty()) {
      differences++;
      if (shown.size() < DIFFERENCES_SHOWN) {
        shown.add(
            "seed " + seed + ": " + c.what().get() + "\n    " + String.join("\n    ", problems));
      }
    }
    outcomes.merge(kindOf(c.interpreter()), 1L, Long::sum);
    tally.record("seed " + seed, c);
  }

  @AfterProperty
  void noDifferences() {
    System.out.println(
        "engine differential: "
            + programs
            + " generated programs run on both engines ("
            + refusedByProgram
            + " more drawn and refused by Program validation); "
            + differences
            + " differences; outcomes: "
            + outcomes);
    System.out.println(tally.summary());
    assertEquals(0, differences, () -> "the engines differ:\n  " + String.join("\n  ", shown));
  }

  /** The program and inputs of {@code seed}. */
  static EngineDifferential generate(long seed) {
    Random random = new Random(seed);
    byte[] context = new byte[random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(96)];
    random.nextBytes(context);
    byte[] data = new byte[1 + random.nextInt(64)];
    random.nextBytes(data);
    byte[] readOnly = new byte[8 + random.nextInt(56)];
    Arrays.fill(readOnly, (byte) 0xa5);
    boolean linux = random.nextBoolean();
    DifferentialSnippets snippets =
        new DifferentialSnippets(
            random,
            context.length,
            data.length,
            readOnly.length,
            linux ? LINUX_IDS : CONFORMANCE_IDS,
            linux ? MAP_HANDLES : new long[0]);
    int[] ids = linux ? LINUX_IDS : CONFORMANCE_IDS;
    Program drawn = null;
    while (drawn == null) {
      drawn = program(random, snippets, ids);
    }
    Program program = drawn;
    Supplier<HelperFixture> helpers =
        linux ? HelperFixture.linux(EngineDifferentialFuzz::maps) : failingHelpers();
    return EngineDifferential.of(program)
        .describedAs(
            () ->
                "seed "
                    + seed
                    + " ("
                    + (linux ? "linux" : "conformance")
                    + " helpers, context of "
                    + context.length
                    + " bytes): "
                    + program.instructions())
        .helpers(helpers)
        .context(context)
        .region("data", data)
        .readOnlyRegion("read-only", readOnly)
        .fuel(fuel(random));
  }

  /**
   * A program drawn from {@code random}, or null when it fails {@link Program} validation (the
   * caller draws again from the same sequence, so each seed still names one program).
   */
  private static Program program(Random random, DifferentialSnippets snippets, int[] ids) {
    List<Instruction> instructions =
        switch (random.nextInt(10)) {
          case 0 -> ProgramShapes.callTree(1 + random.nextInt(2), random.nextInt(10));
          case 1 -> recursion(random.nextInt(12));
          default -> {
            List<List<Instruction>> inserted = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
              inserted.add(snippets.any());
            }
            yield new ProgramShapes(random)
                .program(1 + random.nextInt(30), random.nextInt(8) == 0, inserted);
          }
        };
    List<Instruction> calls = new ArrayList<>(instructions.size());
    for (Instruction insn : instructions) {
      // most calls of an unregistered id become calls of a registered one: the VM builder refuses
      // the others on both engines alike, and they have no run to compare
      boolean unregistered =
          insn.opcode() == Instruction.call(0).opcode()
              && insn.src() == Instruction.CALL_HELPER
              && Arrays.stream(ids).noneMatch(id -> id == insn.imm());
      calls.add(
          unregistered && random.nextInt(20) != 0
              ? Instruction.call(ids[random.nextInt(ids.length)])
              : insn);
    }
    try {
      return Program.of(calls);
    } catch (ProgramFormatException e) {
      refusedByProgram++;
      return null;
    }
  }

  private static String kindOf(EngineRun run) {
    if (!run.built()) {
      return "refused by the VM builder";
    }
    return run.error() == null ? "result" : run.error().getClass().getSimpleName();
  }

  /** From 1 instruction to a little over two slices, mostly small so that loops run out. */
  private static long fuel(Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> 1 + random.nextInt(300);
      case 3, 4, 5 -> 1 + random.nextInt(5000);
      case 6 -> RunState.FUEL_SLICE * (1 + random.nextInt(2)) + random.nextInt(21) - 10;
      default -> 20_000;
    };
  }

  /**
   * {@code r1 = depth; call f; exit; f: if r1 == 0 goto out; r1 -= 1; call f; r0 += 1; out: exit}:
   * {@code depth + 2} frames at the deepest, so from depth 7 on it passes {@link
   * Vm#MAX_CALL_DEPTH}.
   */
  static List<Instruction> recursion(int depth) {
    return List.of(
        AluOp.MOV.imm(Register.R1, depth),
        AluOp.MOV.imm(Register.R0, 0),
        Instruction.callLocal(1),
        Instruction.exit(),
        JumpOp.JEQ.imm(Register.R1, 0, 3),
        AluOp.SUB.imm(Register.R1, 1),
        Instruction.callLocal(-3),
        AluOp.ADD.imm(Register.R0, 1),
        Instruction.exit());
  }

  private static MapSet maps() {
    return MapSet.of(
        new MapDefinition(MapType.ARRAY, 4, 8, 4, "counters"),
        new MapDefinition(MapType.HASH, 8, 16, 8, "table"));
  }

  /** The conformance helpers and {@link #FAIL_IF_ODD}, which throws for an odd argument. */
  private static Supplier<HelperFixture> failingHelpers() {
    HelperPrototype failIfOdd =
        new HelperPrototype(
            FAIL_IF_ODD, "fail_if_odd", List.of(ArgType.ANYTHING), ReturnType.SCALAR);
    return HelperFixture.of(
        () ->
            ConformanceHelpers.registry()
                .with(
                    failIfOdd,
                    (ctx, a, b, c, d, e) -> {
                      if ((a & 1) != 0) {
                        throw new IllegalArgumentException("odd argument " + a);
                      }
                      return a / 2;
                    }));
  }
}
