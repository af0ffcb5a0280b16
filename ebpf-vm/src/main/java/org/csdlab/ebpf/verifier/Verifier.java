package org.csdlab.ebpf.verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Mode;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;
import org.csdlab.ebpf.Source;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Disassembler;

/**
 * Verifier v1: abstract interpretation over register types and per-byte stack initialisation.
 *
 * <p>A worklist over (pc, call chain) states; states meeting at a pc are joined (least upper bound)
 * until a fixpoint, so loops are accepted (termination is the VM's fuel's business). The first rule
 * broken is reported as the primary error. Since joins only lose information, an error found in any
 * intermediate state is also an error of the fixpoint.
 *
 * <p>v1 rules: unreachable instructions, registers read before written, stack accesses outside
 * [-512, 0) or at unknown offsets, uninitialised stack reads, helpers with uninitialised argument
 * registers, unknown helpers, possibly-null map values used without a null check, writes to
 * read-only regions, and writes to r10. Dereferencing a scalar is allowed (the VM bounds-checks).
 *
 * <p>A function's body is analysed once per distinct entry (its argument registers and the depth of
 * the call): its states depend on nothing else, as its stack starts empty, and a return rebuilds
 * the caller from the frame saved at the call alone. A call whose entry was analysed before, under
 * another call chain, goes straight to its return. (A function that never returns is thereby
 * assumed to return: that can only refuse more, never accept more.)
 *
 * <p>The cost still grows with the number of distinct entries (a function called from ten sites
 * with ten different stack pointers, each of those from ten sites, is analysed a hundred times), so
 * it is bounded: past {@link VerifierOptions#maxProcessedInstructions()} instruction steps or
 * {@link VerifierOptions#maxStoredStates()} states it refuses the program as {@link
 * ErrorCode#TOO_COMPLEX}, and every {@value #INTERRUPT_CHECK_INTERVAL} steps it checks whether its
 * thread was interrupted ({@link VerificationInterruptedException}).
 */
public final class Verifier {
  /** Stack bytes of one frame, as the VM gives each. */
  public static final int STACK_SIZE = Vm.STACK_FRAME_BYTES;

  /** Instruction steps between two checks of the thread's interrupt status. */
  public static final int INTERRUPT_CHECK_INTERVAL = 1024;

  /**
   * How a program too complex to verify can be made simpler: the start of every {@code TOO_COMPLEX}
   * fix.
   */
  public static final String SIMPLER_CALLS_FIX =
      "call functions from fewer sites or nest them less deeply";

  private static final int FP = 10;
  private static final int MAX_VISITS_PER_STATE = 10_000;

  private final List<Instruction> insns;
  private final VerifierOptions options;
  private final int[] indexAt;
  private final int slots;
  private final StringBuilder log;

  private Verifier(List<Instruction> insns, VerifierOptions options) {
    this.insns = insns;
    this.options = options;
    int s = 0;
    for (Instruction i : insns) {
      s += i.slots();
    }
    this.slots = s;
    this.indexAt = new int[s];
    Arrays.fill(indexAt, -1);
    int pc = 0;
    for (int i = 0; i < insns.size(); i++) {
      indexAt[pc] = i;
      pc += insns.get(i).slots();
    }
    this.log = options.log() ? new StringBuilder() : null;
  }

  public static VerificationResult verify(Program program) {
    return verify(program, VerifierOptions.defaults());
  }

  /**
   * Verifies {@code program} with {@code options}.
   *
   * @throws VerificationInterruptedException the thread was interrupted during the analysis
   */
  public static VerificationResult verify(Program program, VerifierOptions options) {
    return verify(program.instructions(), options, true);
  }

  /**
   * Verifies a raw instruction list, which (unlike a {@link Program}) may write r10: the verifier
   * refuses that as {@link ErrorCode#FRAME_POINTER_WRITE}. A list breaking another format rule of
   * {@link Program} is refused as {@link ErrorCode#BAD_PROGRAM} naming the rule.
   *
   * @throws VerificationInterruptedException the thread was interrupted during the analysis
   */
  public static VerificationResult verify(List<Instruction> instructions, VerifierOptions options) {
    return verify(List.copyOf(instructions), options, false);
  }

  private static VerificationResult verify(
      List<Instruction> instructions, VerifierOptions options, boolean formatChecked) {
    Verifier v = new Verifier(instructions, options);
    VerifierError error;
    try {
      if (!formatChecked) {
        v.checkFormat();
      }
      v.run();
      error = null;
    } catch (Refusal r) {
      error = r.error;
      if (v.log != null) {
        v.log.append(error.message()).append('\n');
      }
    }
    return new VerificationResult(error, v.log == null ? null : v.log.toString(), v.cost());
  }

  /**
   * The structural refusal of {@code instructions} (a format rule broken, a jump outside, a fall
   * off the end, unreachable code), or null: the checks both verifier engines start with.
   */
  static VerifierError structuralError(List<Instruction> instructions, VerifierOptions options) {
    Verifier v = new Verifier(instructions, options);
    try {
      v.checkFormat();
      v.checkReachability();
      return null;
    } catch (Refusal r) {
      return r.error;
    }
  }

  // ---- state ------------------------------------------------------------------------------

  /** A caller's frame, saved at a local call; never changed once made (states share frames). */
  private record Frame(int returnPc, RegType[] saved, BitSet stack, RegType[] spills) {
    Frame join(Frame o) {
      RegType[] r = new RegType[saved.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = saved[i].join(o.saved[i]);
      }
      BitSet s = (BitSet) stack.clone();
      s.and(o.stack);
      return new Frame(returnPc, r, s, joinSpills(spills, o.spills));
    }

    boolean same(Frame o) {
      return returnPc == o.returnPc
          && Arrays.equals(saved, o.saved)
          && stack.equals(o.stack)
          && Arrays.equals(spills, o.spills);
    }
  }

  private static final class State {
    final RegType[] regs = new RegType[11];

    /**
     * The initialised bytes of the frame, bit (fp offset + 512); a bit set is a tenth of a
     * boolean[] per state.
     */
    final BitSet stack = new BitSet(STACK_SIZE);

    /**
     * Register types spilled to 8-byte aligned stack slots (index (fp offset + 512) / 8), or null.
     */
    final RegType[] spills = new RegType[STACK_SIZE / 8];

    final List<Frame> frames = new ArrayList<>();

    State copy() {
      State s = new State();
      System.arraycopy(regs, 0, s.regs, 0, regs.length);
      s.stack.or(stack);
      System.arraycopy(spills, 0, s.spills, 0, spills.length);
      s.frames.addAll(frames);
      return s;
    }

    State join(State o) {
      State s = new State();
      for (int i = 0; i < regs.length; i++) {
        s.regs[i] = regs[i].join(o.regs[i]);
      }
      s.stack.or(stack);
      s.stack.and(o.stack);
      System.arraycopy(joinSpills(spills, o.spills), 0, s.spills, 0, spills.length);
      for (int i = 0; i < frames.size(); i++) {
        s.frames.add(frames.get(i).join(o.frames.get(i)));
      }
      return s;
    }

    boolean same(State o) {
      if (!Arrays.equals(regs, o.regs)
          || !stack.equals(o.stack)
          || !Arrays.equals(spills, o.spills)) {
        return false;
      }
      for (int i = 0; i < frames.size(); i++) {
        if (!frames.get(i).same(o.frames.get(i))) {
          return false;
        }
      }
      return true;
    }

    List<Integer> chain() {
      List<Integer> c = new ArrayList<>();
      for (Frame f : frames) {
        c.add(f.returnPc);
      }
      return c;
    }

    String regsText() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < regs.length; i++) {
        if (regs[i].isInit()) {
          sb.append(sb.length() == 0 ? "" : " ").append('r').append(i).append('=').append(regs[i]);
        }
      }
      return sb.toString();
    }
  }

  private static RegType[] joinSpills(RegType[] a, RegType[] b) {
    RegType[] out = new RegType[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] != null && a[i].equals(b[i]) ? a[i] : null;
    }
    return out;
  }

  private record Key(int pc, List<Integer> chain) {}

  /** A function entered at {@code pc} with {@code depth} frames below it and these registers. */
  private record FunctionEntry(int pc, int depth, List<RegType> regs) {}

  /**
   * Lowest pc first, then the call chains in lexicographic order: a total order, so the work list
   * is a set.
   */
  private static final Comparator<Key> WORK_ORDER =
      (a, b) -> {
        if (a.pc != b.pc) {
          return Integer.compare(a.pc, b.pc);
        }
        int n = Math.min(a.chain.size(), b.chain.size());
        for (int i = 0; i < n; i++) {
          int c = Integer.compare(a.chain.get(i), b.chain.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.chain.size(), b.chain.size());
      };

  private static final class Refusal extends RuntimeException {
    final transient VerifierError error;

    Refusal(VerifierError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  // ---- driver -----------------------------------------------------------------------------

  private final Map<Key, State> states = new HashMap<>();
  private final Map<Key, Integer> visits = new HashMap<>();
  private final TreeSet<Key> work = new TreeSet<>(WORK_ORDER);
  private final Set<FunctionEntry> analysedEntries = new HashSet<>();
  private long processed;

  private AnalysisCost cost() {
    return new AnalysisCost(
        processed, options.maxProcessedInstructions(), states.size(), options.maxStoredStates());
  }

  /**
   * The format rules of {@link Program}, r10 writes aside (the analysis refuses those with their
   * own code).
   */
  private void checkFormat() {
    try {
      Program.checkFormatAllowingFramePointerWrites(insns);
    } catch (ProgramFormatException e) {
      throw refuse(
          ErrorCode.BAD_PROGRAM,
          e.index(),
          e.detail() + " (" + e.rule().rule() + ")",
          Map.of(),
          null);
    }
  }

  private void run() {
    checkReachability();
    State entry = new State();
    Arrays.fill(entry.regs, RegType.NOT_INIT);
    entry.regs[1] = RegType.CTX;
    if (options.contextLengthInR2()) {
      entry.regs[2] = RegType.SCALAR;
    }
    entry.regs[FP] = RegType.stack(0L);
    propagate(0, entry);
    while (!work.isEmpty()) {
      Key key = work.pollFirst();
      if (++processed > options.maxProcessedInstructions()) {
        throw tooComplex(key.pc);
      }
      if (processed % INTERRUPT_CHECK_INTERVAL == 0 && Thread.currentThread().isInterrupted()) {
        throw new VerificationInterruptedException(cost(), key.pc);
      }
      int n = visits.merge(key, 1, Integer::sum);
      if (n > MAX_VISITS_PER_STATE) {
        throw refuse(
            ErrorCode.BAD_PROGRAM, key.pc, "the analysis did not reach a fixpoint", Map.of(), null);
      }
      State s = states.get(key);
      if (log != null) {
        log.append(key.pc)
            .append(": ")
            .append(text(key.pc))
            .append("    ; ")
            .append(s.regsText())
            .append(key.chain.isEmpty() ? "" : " (called from " + key.chain + ")")
            .append('\n');
      }
      step(key.pc, s.copy());
    }
  }

  private void propagate(int pc, State s) {
    Key key = new Key(pc, s.chain());
    State old = states.get(key);
    State merged = old == null ? s : old.join(s);
    if (old == null || !old.same(merged)) {
      states.put(key, merged);
      if (states.size() > options.maxStoredStates()) {
        throw tooComplex(pc);
      }
      work.add(key);
    }
  }

  private Refusal tooComplex(int pc) {
    AnalysisCost c = cost();
    String instructions =
        String.format(Locale.ROOT, "processed %,d instructions", c.processedInstructions());
    String instructionsBudget =
        String.format(Locale.ROOT, "maxProcessedInstructions = %,d", c.maxProcessedInstructions());
    String states = String.format(Locale.ROOT, "stored %,d states", c.storedStates());
    String statesBudget = String.format(Locale.ROOT, "maxStoredStates = %,d", c.maxStoredStates());
    boolean overInstructions = c.instructionsOverBudget();
    String over =
        overInstructions
            ? instructions
                + ", over its budget "
                + instructionsBudget
                + " (it had "
                + states
                + " of "
                + statesBudget
                + ")"
            : states
                + ", over its budget "
                + statesBudget
                + " (it had "
                + instructions
                + " of "
                + instructionsBudget
                + ")";
    return refuse(
        ErrorCode.TOO_COMPLEX,
        pc,
        "the program is too complex to verify: the analysis "
            + over
            + ". Each call chain is analysed on its own, so functions called from many sites, nested, multiply "
            + "the work",
        Map.of(),
        SIMPLER_CALLS_FIX
            + ", or raise the "
            + "budget with VerifierOptions."
            + (overInstructions ? "withMaxProcessedInstructions" : "withMaxStoredStates")
            + "(n)");
  }

  /** Syntactic reachability: every instruction start must be reached by some path. */
  private void checkReachability() {
    boolean[] seen = new boolean[slots];
    ArrayList<Integer> stack = new ArrayList<>();
    stack.add(0);
    while (!stack.isEmpty()) {
      int pc = stack.remove(stack.size() - 1);
      if (seen[pc]) {
        continue;
      }
      seen[pc] = true;
      Instruction insn = at(pc);
      if (insn.isExit()) {
        continue;
      }
      if (insn.isJump()) {
        stack.add(target(pc, insn));
        if (Opcode.of(insn).isUnconditionalJump()) {
          continue;
        }
      } else if (insn.isLocalCall()) {
        stack.add(target(pc, insn));
      }
      stack.add(next(pc, insn));
    }
    for (int pc = 0; pc < slots; pc++) {
      if (indexAt[pc] >= 0 && !seen[pc]) {
        int end = pc;
        while (end + 1 < slots && (indexAt[end + 1] < 0 || !seen[end + 1])) {
          end++;
        }
        throw refuse(
            ErrorCode.UNREACHABLE,
            pc,
            "no path from the entry reaches this instruction"
                + (end > pc ? " (nor the instructions up to " + end + ")" : ""),
            Map.of(),
            "remove the dead code, or fix the jump that should lead to it");
      }
    }
  }

  private Instruction at(int pc) {
    return insns.get(indexAt[pc]);
  }

  private int next(int pc, Instruction insn) {
    int n = pc + insn.slots();
    if (n >= slots) {
      throw refuse(
          ErrorCode.BAD_PROGRAM,
          pc,
          "execution falls off the end of the program",
          Map.of(),
          "end every path with exit");
    }
    return n;
  }

  private int target(int pc, Instruction insn) {
    long t = insn.target(pc);
    if (t < 0 || t >= slots || indexAt[(int) t] < 0) {
      throw refuse(
          ErrorCode.BAD_PROGRAM,
          pc,
          "the jump goes to " + t + ", which is no instruction of the program",
          Map.of(),
          null);
    }
    return (int) t;
  }

  private String text(int pc) {
    try {
      return Disassembler.llvm().instruction(at(pc));
    } catch (RuntimeException e) {
      return at(pc).toString();
    }
  }

  private Refusal refuse(
      ErrorCode code, int pc, String rule, Map<Integer, RegType> regs, String fix) {
    String t = pc >= 0 && pc < slots && indexAt[pc] >= 0 ? text(pc) : null;
    return new Refusal(new VerifierError(code, pc, t, rule, regs, fix));
  }

  // ---- transfer function --------------------------------------------------------------------

  private void step(int pc, State s) {
    Instruction insn = at(pc);
    Opcode op = Opcode.of(insn);
    switch (op.instructionClass()) {
      case ALU, ALU64 -> {
        alu(pc, insn, op, s);
        propagate(next(pc, insn), s);
      }
      case LD -> {
        writeReg(pc, s, insn.dst());
        s.regs[insn.dst()] = lddw(insn);
        propagate(next(pc, insn), s);
      }
      case LDX -> {
        RegType base = readReg(pc, s, insn.src());
        int bytes = op.size().bytes();
        access(pc, s, insn.src(), base, insn.offset(), bytes, false, true);
        writeReg(pc, s, insn.dst());
        int slot = spillSlot(base, insn.offset(), bytes);
        s.regs[insn.dst()] =
            slot >= 0 && s.spills[slot] != null && op.mode() == Mode.MEM
                ? s.spills[slot]
                : RegType.SCALAR;
        propagate(next(pc, insn), s);
      }
      case ST -> {
        RegType base = readReg(pc, s, insn.dst());
        access(pc, s, insn.dst(), base, insn.offset(), op.size().bytes(), true, false);
        propagate(next(pc, insn), s);
      }
      case STX -> {
        RegType base = readReg(pc, s, insn.dst());
        readReg(pc, s, insn.src());
        int bytes = op.size().bytes();
        if (op.isAtomic()) {
          AtomicOp atomic = AtomicOp.of(insn.imm());
          boolean cmpxchg = atomic == AtomicOp.CMPXCHG;
          if (cmpxchg) {
            readReg(pc, s, 0);
          }
          access(pc, s, insn.dst(), base, insn.offset(), bytes, true, true);
          if (atomic != null && atomic.fetches()) {
            s.regs[cmpxchg ? 0 : insn.src()] = RegType.SCALAR;
          }
        } else {
          access(pc, s, insn.dst(), base, insn.offset(), bytes, true, false);
          int slot = spillSlot(base, insn.offset(), bytes);
          if (slot >= 0) {
            s.spills[slot] = s.regs[insn.src()];
          }
        }
        propagate(next(pc, insn), s);
      }
      case JMP, JMP32 -> jump(pc, insn, op, s);
      default ->
          throw refuse(ErrorCode.BAD_PROGRAM, pc, "unknown instruction class", Map.of(), null);
    }
  }

  private RegType lddw(Instruction insn) {
    if (insn.src() == 0) {
      for (VerifierOptions.Region r : options.regions()) {
        if (r.contains(insn.imm())) {
          return RegType.region(r.name(), r.writable()).withOffset(insn.imm() - r.base());
        }
      }
    }
    return RegType.SCALAR;
  }

  private RegType readReg(int pc, State s, int reg) {
    RegType t = s.regs[reg];
    if (t.voidHelper() != null) {
      throw refuse(
          ErrorCode.UNINIT_REG,
          pc,
          "r"
              + reg
              + " is read after the call of "
              + t.voidHelper()
              + " at pc "
              + t.voidCallPc()
              + ", which returns nothing (void), before any instruction writes it",
          Map.of(reg, t),
          "do not use a result of " + t.voidHelper() + "; set r" + reg + " before pc " + pc);
    }
    if (!t.isInit()) {
      throw refuse(
          ErrorCode.UNINIT_REG,
          pc,
          "r" + reg + " is read before any instruction writes it",
          Map.of(reg, t),
          "give r" + reg + " a value before pc " + pc + " (e.g. r" + reg + " = 0)");
    }
    return t;
  }

  private void writeReg(int pc, State s, int reg) {
    if (reg == FP) {
      throw refuse(
          ErrorCode.FRAME_POINTER_WRITE,
          pc,
          "r10 is the read-only frame pointer and may not be written",
          Map.of(FP, s.regs[FP]),
          "copy it first (e.g. r1 = r10) and change the copy");
    }
  }

  private void alu(int pc, Instruction insn, Opcode opcode, State s) {
    if (opcode.isByteOrder()) {
      readReg(pc, s, insn.dst());
      writeReg(pc, s, insn.dst());
      s.regs[insn.dst()] = RegType.SCALAR;
      return;
    }
    AluOp op = opcode.aluOp();
    boolean is64 = opcode.widthBits() == 64;
    boolean reg = opcode.source() == Source.REG;
    RegType src = reg ? readReg(pc, s, insn.src()) : RegType.SCALAR;
    int d = insn.dst();
    if (op == AluOp.MOV) {
      writeReg(pc, s, d);
      // only a 64-bit copy keeps a pointer; sign-extending moves are other operations
      s.regs[d] = opcode == Opcode.MOV64_REG ? src : RegType.SCALAR;
      return;
    }
    RegType dst = readReg(pc, s, d);
    writeReg(pc, s, d);
    if (dst.kind() == RegType.Kind.PTR_TO_MAP_VALUE_OR_NULL
        || src.kind() == RegType.Kind.PTR_TO_MAP_VALUE_OR_NULL) {
      int r = dst.kind() == RegType.Kind.PTR_TO_MAP_VALUE_OR_NULL ? d : insn.src();
      throw refuse(
          ErrorCode.NULL_CHECK_MISSING,
          pc,
          "r"
              + r
              + " may be null (map_lookup_elem found nothing) and "
              + "arithmetic on it is not allowed before a null check",
          Map.of(r, s.regs[r]),
          "test it first: if r" + r + " == 0 goto <out>");
    }
    if (is64 && dst.isPointer() && (op == AluOp.ADD || op == AluOp.SUB) && !src.isPointer()) {
      Long off = null;
      if (!reg && dst.offset() != null) {
        off = op == AluOp.ADD ? dst.offset() + insn.imm() : dst.offset() - insn.imm();
      }
      s.regs[d] = dst.withOffset(off);
    } else if (is64 && op == AluOp.ADD && src.isPointer() && !dst.isPointer()) {
      s.regs[d] = src.withOffset(null);
    } else {
      s.regs[d] = RegType.SCALAR;
    }
  }

  private void access(
      int pc,
      State s,
      int reg,
      RegType base,
      int insnOffset,
      int bytes,
      boolean write,
      boolean read) {
    switch (base.kind()) {
      case PTR_TO_MAP_VALUE_OR_NULL ->
          throw refuse(
              ErrorCode.NULL_CHECK_MISSING,
              pc,
              "r"
                  + reg
                  + " may be null (map_lookup_elem returns 0 when the key is absent) and is dereferenced without a "
                  + "null check",
              Map.of(reg, base),
              "test it first: if r" + reg + " == 0 goto <out>");
      case PTR_TO_REGION -> {
        if (write && !base.writable()) {
          throw refuse(
              ErrorCode.RODATA_WRITE,
              pc,
              "r"
                  + reg
                  + " points into the read-only region "
                  + base.region()
                  + ", which may not be written",
              Map.of(reg, base),
              "copy the data to the stack or a map value and change the copy");
        }
      }
      case PTR_TO_STACK -> stackAccess(pc, s, reg, base, insnOffset, bytes, write, read);
      default -> {
        // scalars, context and map values: the VM checks bounds at run time
      }
    }
  }

  private void stackAccess(
      int pc,
      State s,
      int reg,
      RegType base,
      int insnOffset,
      int bytes,
      boolean write,
      boolean read) {
    if (base.offset() == null) {
      throw refuse(
          ErrorCode.STACK_VARIABLE_OFFSET,
          pc,
          "the stack is accessed through r" + reg + " at an offset not known when loading",
          Map.of(reg, base),
          "address the stack with constant offsets from r10 (e.g. *(u64 *)(r10 - 8))");
    }
    long start = base.offset() + insnOffset;
    long end = start + bytes;
    if (start < -STACK_SIZE || end > 0) {
      throw refuse(
          ErrorCode.STACK_OUT_OF_BOUNDS,
          pc,
          "the access of "
              + bytes
              + " bytes at fp"
              + (start < 0 ? "" : "+")
              + start
              + " is outside the stack frame [-"
              + STACK_SIZE
              + ", 0)",
          Map.of(reg, base),
          "use offsets between -" + STACK_SIZE + " and -" + bytes + " from r10");
    }
    if (read) {
      for (long b = start; b < end; b++) {
        if (!s.stack.get((int) (b + STACK_SIZE))) {
          throw refuse(
              ErrorCode.UNINIT_STACK_READ,
              pc,
              "the stack byte at fp" + b + " is read before anything writes it",
              Map.of(reg, base),
              "store a value at fp" + start + " (" + bytes + " bytes) before reading it");
        }
      }
    }
    if (write) {
      for (long b = start; b < end; b++) {
        s.stack.set((int) (b + STACK_SIZE));
        s.spills[(int) (b + STACK_SIZE) / 8] = null;
      }
    }
  }

  /** The spill slot an 8-byte aligned stack access uses, or -1. */
  private static int spillSlot(RegType base, int insnOffset, int bytes) {
    if (bytes != 8 || base.kind() != RegType.Kind.PTR_TO_STACK || base.offset() == null) {
      return -1;
    }
    long at = base.offset() + insnOffset + STACK_SIZE;
    return at >= 0 && at + 8 <= STACK_SIZE && at % 8 == 0 ? (int) (at / 8) : -1;
  }

  private void jump(int pc, Instruction insn, Opcode opcode, State s) {
    if (insn.isExit()) {
      readRegAtExit(pc, s);
      if (s.frames.isEmpty()) {
        return;
      }
      returnToCaller(s);
      return;
    }
    if (opcode == Opcode.CALL_LOCAL) {
      localCall(pc, insn, s);
      return;
    }
    if (opcode == Opcode.CALL_HELPER || opcode == Opcode.CALLX) {
      helperCall(pc, insn, s);
      return;
    }
    if (opcode.isUnconditionalJump()) {
      propagate(target(pc, insn), s);
      return;
    }
    JumpOp op = opcode.jumpOp();
    boolean reg = opcode.source() == Source.REG;
    RegType dst = readReg(pc, s, insn.dst());
    if (reg) {
      readReg(pc, s, insn.src());
    }
    State taken = s.copy();
    State fall = s;
    if (!reg
        && insn.imm() == 0
        && dst.kind() == RegType.Kind.PTR_TO_MAP_VALUE_OR_NULL
        && (op == JumpOp.JEQ || op == JumpOp.JNE)) {
      // the null side keeps the maybe-null type, so a dereference there still reports the missing
      // check
      State nonNull = op == JumpOp.JEQ ? fall : taken;
      nonNull.regs[insn.dst()] = dst.withKind(RegType.Kind.PTR_TO_MAP_VALUE);
      if (dst.id() != 0) {
        for (int r = 0; r < nonNull.regs.length; r++) {
          RegType t = nonNull.regs[r];
          if (t.kind() == dst.kind() && t.id() == dst.id()) {
            nonNull.regs[r] = t.withKind(RegType.Kind.PTR_TO_MAP_VALUE);
          }
        }
        for (int i = 0; i < nonNull.spills.length; i++) {
          RegType t = nonNull.spills[i];
          if (t != null && t.kind() == dst.kind() && t.id() == dst.id()) {
            nonNull.spills[i] = t.withKind(RegType.Kind.PTR_TO_MAP_VALUE);
          }
        }
      }
    }
    int t = target(pc, insn);
    int n = next(pc, insn);
    propagate(t, taken);
    propagate(n, fall);
  }

  /**
   * The state after the call that pushed the last frame: built from that frame alone, whatever the
   * callee did.
   */
  private void returnToCaller(State s) {
    Frame f = s.frames.remove(s.frames.size() - 1);
    s.regs[0] = RegType.SCALAR;
    for (int r = 1; r <= 5; r++) {
      s.regs[r] = RegType.NOT_INIT;
    }
    System.arraycopy(f.saved, 0, s.regs, 6, 4);
    s.regs[FP] = RegType.stack(0L);
    s.stack.clear();
    s.stack.or(f.stack);
    System.arraycopy(f.spills, 0, s.spills, 0, s.spills.length);
    propagate(f.returnPc, s);
  }

  private void readRegAtExit(int pc, State s) {
    RegType r0 = s.regs[0];
    if (r0.voidHelper() != null) {
      throw refuse(
          ErrorCode.UNINIT_REG,
          pc,
          "r0 (the return value) is read at exit after the call of "
              + r0.voidHelper()
              + " at pc "
              + r0.voidCallPc()
              + ", which returns nothing (void), before any instruction writes it",
          Map.of(0, r0),
          "set r0 before exit (e.g. r0 = 0)");
    }
    if (!r0.isInit()) {
      throw refuse(
          ErrorCode.UNINIT_REG,
          pc,
          "r0 (the return value) is read at exit before any instruction " + "writes it",
          Map.of(0, s.regs[0]),
          "set r0 before exit (e.g. r0 = 0)");
    }
  }

  private void localCall(int pc, Instruction insn, State s) {
    int liveFrames = s.frames.size() + 1;
    if (liveFrames >= options.maxCallDepth()) {
      throw refuse(
          ErrorCode.CALL_DEPTH,
          pc,
          "this call would make "
              + (liveFrames + 1)
              + " frames live, more "
              + "than the "
              + options.maxCallDepth()
              + " allowed (the program's own and "
              + (options.maxCallDepth() - 1)
              + " nested local calls)",
          Map.of(),
          "call fewer functions in a chain, or avoid recursion");
    }
    int callee = target(pc, insn);
    int ret = next(pc, insn);
    RegType[] saved = Arrays.copyOfRange(s.regs, 6, 10);
    BitSet callerStack = (BitSet) s.stack.clone();
    for (int r = 1; r <= 5; r++) {
      if (s.regs[r].kind() == RegType.Kind.PTR_TO_STACK) {
        // the callee may fill the caller's buffer; v1 does not follow it there
        callerStack.set(0, STACK_SIZE);
      }
    }
    s.frames.add(new Frame(ret, saved, callerStack, s.spills.clone()));
    for (int r = 1; r <= 5; r++) {
      if (s.regs[r].kind() == RegType.Kind.PTR_TO_STACK) {
        // the caller's stack as seen from the callee: a writable region, not checked byte by byte
        s.regs[r] =
            new RegType(RegType.Kind.PTR_TO_REGION, s.regs[r].offset(), "caller stack", true);
      }
    }
    s.regs[0] = RegType.NOT_INIT;
    for (int r = 6; r <= 9; r++) {
      s.regs[r] = RegType.NOT_INIT;
    }
    s.regs[FP] = RegType.stack(0L);
    s.stack.clear();
    Arrays.fill(s.spills, null);
    if (!analysedEntries.add(new FunctionEntry(callee, s.frames.size(), List.of(s.regs)))) {
      // The callee's states depend only on its entry registers and depth (its stack starts empty),
      // and its exits rebuild this caller from the frame alone: its body, analysed (or queued)
      // from this entry under another call chain, need not be analysed again under this one.
      returnToCaller(s);
      return;
    }
    propagate(callee, s);
  }

  private void helperCall(int pc, Instruction insn, State s) {
    if (Opcode.of(insn) == Opcode.CALLX) {
      throw refuse(
          ErrorCode.UNKNOWN_HELPER,
          pc,
          "an indirect call through r" + insn.dst() + " has no prototype the verifier can check",
          Map.of(insn.dst(), s.regs[insn.dst()]),
          "call the helper by its id");
    }
    HelperPrototype p = options.helpers().get((int) insn.imm());
    if (p == null || insn.src() != Instruction.CALL_HELPER) {
      throw refuse(
          ErrorCode.UNKNOWN_HELPER,
          pc,
          "helper " + insn.imm() + " has no known prototype",
          Map.of(),
          "supply its prototype in VerifierOptions.withHelper, or call a known helper ("
              + options.helpers().keySet()
              + ")");
    }
    for (int i = 0; i < p.args().size(); i++) {
      int r = i + 1;
      if (!s.regs[r].isInit()) {
        Map<Integer, RegType> regs = new HashMap<>();
        for (int k = 1; k <= p.args().size(); k++) {
          regs.put(k, s.regs[k]);
        }
        throw refuse(
            ErrorCode.HELPER_ARGS_UNINIT,
            pc,
            p.name()
                + " takes "
                + p.args().size()
                + " argument"
                + (p.args().size() == 1 ? "" : "s")
                + " (r1-r"
                + p.args().size()
                + ") but r"
                + r
                + " ("
                + p.args().get(i).description()
                + ") is not initialised",
            regs,
            "set r" + r + " before the call");
      }
      if (p.args().get(i).isMemoryPointer()
          && s.regs[r].kind() == RegType.Kind.PTR_TO_MAP_VALUE_OR_NULL) {
        throw refuse(
            ErrorCode.NULL_CHECK_MISSING,
            pc,
            "r"
                + r
                + " may be null (map_lookup_elem found nothing) "
                + "and is passed to "
                + p.name()
                + " as "
                + p.args().get(i).description(),
            Map.of(r, s.regs[r]),
            "test it first: if r" + r + " == 0 goto <out>");
      }
    }
    for (int r = 1; r <= 5; r++) {
      RegType a = s.regs[r];
      if (a.kind() == RegType.Kind.PTR_TO_STACK
          && a.offset() != null
          && a.offset() < 0
          && a.offset() >= -STACK_SIZE) {
        // the helper may fill the buffer; v1 knows no sizes, so the bytes from it up to fp are
        // initialised
        s.stack.set((int) (a.offset() + STACK_SIZE), STACK_SIZE);
        Arrays.fill(s.spills, (int) (a.offset() + STACK_SIZE) / 8, s.spills.length, null);
      }
      s.regs[r] = RegType.NOT_INIT;
    }
    s.regs[0] =
        switch (p.ret()) {
          case MAP_VALUE_OR_NULL -> RegType.MAP_VALUE_OR_NULL.withId(pc + 1);
          case VOID -> RegType.voidResultOf(p.name(), pc);
          case SCALAR -> RegType.SCALAR;
        };
    propagate(next(pc, insn), s);
  }
}
