package org.csdlab.ebpf.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.lifecycle.AfterContainer;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.InstructionClass;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Source;
import org.csdlab.ebpf.fuzz.Fuzz;

/**
 * Soundness of the value domain against the VM's real semantics: an abstract value is drawn around
 * concrete members (so they are known to belong), the instruction runs concretely on the
 * interpreter, and the abstract result must hold the concrete one. Run longer with {@code
 * -Ddomain.tries=1000000}.
 */
class ScalarDomainProperties {
  static final String TRIES_PROPERTY = "domain.tries";
  static final int VERIFY_TRIES = 3000;
  private static final int MEMBERS = 3;

  private static final List<Opcode> ALU_OPS = new ArrayList<>();
  private static final List<Opcode> JUMPS = new ArrayList<>();

  static {
    for (Opcode op : Opcode.values()) {
      if (op.instructionClass().isArithmetic()) {
        ALU_OPS.add(op);
      } else if (op.isConditionalJump()) {
        JUMPS.add(op);
      }
    }
  }

  /** Tries and concrete checks per property, printed at the end as the campaign's evidence. */
  private static final Map<String, long[]> TALLY = new TreeMap<>();

  private final ConcreteRun concrete = new ConcreteRun();

  private static synchronized void tally(String property, int checks) {
    long[] counts = TALLY.computeIfAbsent(property, p -> new long[2]);
    counts[0]++;
    counts[1] += checks;
  }

  @AfterContainer
  static synchronized void printTally() {
    TALLY.forEach(
        (property, counts) ->
            System.out.printf(
                "domain property %s: %d tries passed, %d concrete checks%n",
                property, counts[0], counts[1]));
    TALLY.clear();
  }

  @Fuzz(tries = VERIFY_TRIES, triesProperty = TRIES_PROPERTY)
  void everyAluResultHoldsTheConcreteResult(@ForAll long seed) {
    Random random = new Random(seed);
    Instruction insn = aluInstruction(random);
    long[] xs = values(random);
    long[] ys = values(random);
    Scalar dst = ScalarDraw.around(random, xs);
    Scalar src = ScalarDraw.around(random, ys);
    Scalar result = ScalarAlu.apply(insn, dst, src);
    for (long x : xs) {
      for (long y : ys) {
        long r = concrete.alu(insn, x, y);
        check(
            result.contains(r),
            "%s with dst=%s (%s) src=%s (%s): concrete %s not in %s",
            insn,
            x,
            dst.toKernelString(),
            y,
            src.toKernelString(),
            r,
            result.toKernelString());
      }
    }
    tally("everyAluResultHoldsTheConcreteResult", xs.length * ys.length);
  }

  @Fuzz(tries = VERIFY_TRIES, triesProperty = TRIES_PROPERTY)
  void everyBranchOutcomeHoldsTheConcreteOperands(@ForAll long seed) {
    Random random = new Random(seed);
    Opcode op = JUMPS.get(random.nextInt(JUMPS.size()));
    boolean imm = op.source() == Source.IMM;
    long[] xs = values(random);
    long[] ys = imm ? new long[] {(int) ScalarDraw.interesting(random)} : values(random);
    Instruction insn = Instruction.of(op.code(), 1, imm ? 0 : 2, 2, imm ? ys[0] : 0);
    Scalar dst = ScalarDraw.around(random, xs);
    Scalar src = imm ? null : ScalarDraw.around(random, ys);
    BranchOutcome outcome = ScalarBranch.narrow(insn, dst, src);
    for (long x : xs) {
      for (long y : ys) {
        boolean jumps = concrete.jumps(insn, x, y);
        Scalar d = jumps ? outcome.takenDst() : outcome.fallDst();
        Scalar s = jumps ? outcome.takenSrc() : outcome.fallSrc();
        String what =
            String.format(
                "%s dst=%s (%s) src=%s (%s) %s: %s",
                insn,
                x,
                dst.toKernelString(),
                y,
                src == null ? "imm" : src.toKernelString(),
                jumps ? "jumps" : "falls",
                outcome);
        check(d != null, what);
        check(s != null, what);
        check(d.contains(x), what);
        check(s.contains(y), what);
      }
    }
    tally("everyBranchOutcomeHoldsTheConcreteOperands", xs.length * ys.length);
  }

  @Fuzz(tries = VERIFY_TRIES, triesProperty = TRIES_PROPERTY)
  void joinAndSubsetAndIntersectAreSound(@ForAll long seed) {
    Random random = new Random(seed);
    long[] xs = values(random);
    long[] ys = values(random);
    Scalar a = ScalarDraw.around(random, xs);
    Scalar b = ScalarDraw.around(random, ys);
    Scalar joined = a.join(b);
    for (long x : xs) {
      check(a.contains(x), "%s drawn around %s", a.toKernelString(), x);
      check(joined.contains(x), "%s join %s", a, b);
    }
    for (long y : ys) {
      check(joined.contains(y), "%s join %s", a, b);
    }
    check(a.isSubsetOf(joined), "");
    check(b.isSubsetOf(joined), "");
    check(a.isSubsetOf(a), "");
    Scalar narrower = ScalarDraw.around(random, xs);
    Scalar both = a.intersect(narrower);
    check(both != null, "%s meets %s", a, narrower);
    for (long x : xs) {
      check(both.contains(x), "");
    }
    if (a.isSubsetOf(b)) {
      for (long x : xs) {
        check(b.contains(x), "%s is a subset of %s", a, b);
      }
    }
    // members other than those it was drawn around
    for (int i = 0; i < MEMBERS; i++) {
      long member = ScalarDraw.member(random, a, xs[i]);
      check(a.contains(member), "");
      if (a.isSubsetOf(b)) {
        check(b.contains(member), "%s is a subset of %s", a, b);
      }
    }
    tally("joinAndSubsetAndIntersectAreSound", xs.length + ys.length + MEMBERS);
  }

  @Fuzz(tries = VERIFY_TRIES, triesProperty = TRIES_PROPERTY)
  void tnumOperationsHoldTheConcreteResults(@ForAll long seed) {
    Random random = new Random(seed);
    long x = ScalarDraw.interesting(random);
    long y = ScalarDraw.interesting(random);
    Tnum a = ScalarDraw.tnumAround(random, x);
    Tnum b = ScalarDraw.tnumAround(random, y);
    int n = random.nextInt(64);
    check(a.add(b).contains(x + y), "%s + %s", a, b);
    check(a.sub(b).contains(x - y), "%s - %s", a, b);
    check(a.mul(b).contains(x * y), "%s * %s", a, b);
    check(a.and(b).contains(x & y), "");
    check(a.or(b).contains(x | y), "");
    check(a.xor(b).contains(x ^ y), "");
    check(a.neg().contains(-x), "");
    check(a.shl(n).contains(x << n), "");
    check(a.shr(n).contains(x >>> n), "");
    check(a.sar(n, 64).contains(x >> n), "");
    check(a.sar(n & 31, 32).contains(((int) x >> (n & 31)) & 0xffffffffL), "");
    check(a.subreg().contains(x & 0xffffffffL), "");
    check(a.union(b).contains(x) && a.union(b).contains(y), "");
    check(a.isSubsetOf(a.union(b)), "");
    Tnum around = ScalarDraw.tnumAround(random, x);
    check(!(a.isDisjoint(around)), "");
    check(a.intersect(around).contains(x), "");
    long hi = Long.compareUnsigned(x, y) >= 0 ? x : y;
    long low = Long.compareUnsigned(x, y) >= 0 ? y : x;
    Tnum range = Tnum.range(low, hi);
    check(range.contains(low) && range.contains(hi), "range %s..%s", low, hi);
    tally("tnumOperationsHoldTheConcreteResults", 16);
  }

  private static Instruction aluInstruction(Random random) {
    Opcode op = ALU_OPS.get(random.nextInt(ALU_OPS.size()));
    int offset = 0;
    if (op.isSignExtendingMove()) {
      offset = op.aluOp().offset();
    } else if (op.aluOp() != null) {
      offset = op.aluOp().offset();
    }
    if (op.isByteOrder()) {
      int[] widths = {16, 32, 64};
      return Instruction.of(op.code(), 1, 0, 0, widths[random.nextInt(3)]);
    }
    boolean imm = op.source() == Source.IMM && !op.aluOp().isUnary();
    long operand = imm ? immediate(random, op) : 0;
    return Instruction.of(op.code(), 1, imm || op.aluOp().isUnary() ? 0 : 2, offset, operand);
  }

  private static long immediate(Random random, Opcode op) {
    int bits = op.instructionClass() == InstructionClass.ALU ? 32 : 64;
    return switch (op.aluOp()) {
      case LSH, RSH, ARSH -> random.nextInt(bits);
      default -> (int) ScalarDraw.interesting(random);
    };
  }

  private static long[] values(Random random) {
    long[] values = new long[MEMBERS];
    values[0] = ScalarDraw.interesting(random);
    for (int i = 1; i < MEMBERS; i++) {
      values[i] = ScalarDraw.near(random, values[0]);
    }
    return values;
  }

  private static void check(boolean holds, String format, Object... args) {
    if (!holds) {
      throw new AssertionError(
          format.isEmpty() ? "property violated" : String.format(format, args));
    }
  }
}
