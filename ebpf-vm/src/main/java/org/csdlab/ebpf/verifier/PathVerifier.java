package org.csdlab.ebpf.verifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.ArgType;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.InstructionClass;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Mode;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Source;
import org.csdlab.ebpf.StoredValue;
import org.csdlab.ebpf.asm.Disassembler;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.verifier.RegType.Kind;

/**
 * Verifier v2's exploration engine: it follows every path of the program as the Linux verifier
 * does, so that a program it accepts runs without a memory fault and terminates.
 *
 * <p>Depth first over paths: a conditional jump narrows both operands for each outcome (an outcome
 * no values allow is dropped), the path goes on with the fallthrough and the taken side waits on a
 * stack. States are kept only at prune points (as the kernel's: conditional jumps, the targets of
 * unconditional ones, function entries, the instruction after a call), so memory grows with the
 * states kept there, not with program length times paths:
 *
 * <ul>
 *   <li>a state that is a subset of a kept state whose exploration has finished is pruned: every
 *       path from it was explored already;
 *   <li>a state equal to a kept state still being explored (one of its own path's, as the search is
 *       depth first) repeats itself: {@link ErrorCode#INFINITE_LOOP};
 *   <li>a loop whose state changes each round is explored round by round, so that small constant
 *       loops stay exact (a pointer stepped 128 times by 32 stays in bounds);
 *   <li>the paths together may process at most {@link VerifierOptions#maxProcessedInstructions()}
 *       instructions ({@link ErrorCode#TOO_COMPLEX}).
 * </ul>
 *
 * <p>Loops that exploration does not finish (a natural loop of {@link LoopForest}, whose rounds on
 * one path have cost {@value #WIDEN_AFTER_BUDGET_SHARE}th of the budget since the path entered it)
 * are summarised instead of walked: the states at the head are joined and widened ({@link
 * LoopInvariant}, with thresholds from the constants the loop compares against) into a candidate
 * invariant; one round of the body is explored from it, in a run of its own, so every access and
 * helper call of the body is checked under it and inner loops are walked (or summarised) inside;
 * the invariant is accepted once every path back to the head brings a subset of it, else widened
 * again ({@value #MAX_WIDENINGS} times at most, then {@link ErrorCode#UNBOUNDED_LOOP}). Linear
 * relations between a counter and a pointer stepped beside it are guessed from two visits of the
 * head and proved by every round ({@link LoopRelation}); locations that hold the same head value
 * plus the same constant are narrowed together at each branch. A summarised loop is accepted only
 * with a proof that it ends ({@link LoopTermination}: a register or 8-byte stack slot moving one
 * way without wrapping between the invariant's bounds, or {@code x &= x - 1} of an {@code x} that
 * is not 0), from which the number of rounds is bounded; its exits then go on as paths of their
 * own. A loop without such a proof is refused as {@link ErrorCode#UNBOUNDED_LOOP}, saying which
 * locations change and why none bounds it.
 *
 * <p>{@link VerificationResult#instructionBound()} is the processed count when no loop was
 * summarised (every instruction a run executes maps to a distinct processed one); otherwise the
 * longest path of the exploration, each summarised loop on it counted as its most visits of the
 * head times its longest round ({@link Long#MAX_VALUE} when that overflows).
 *
 * <p>Whether a kept state's exploration has finished is counted as the kernel counts its {@code
 * branches}: each kept state counts the paths and kept states below it still open, and passes its
 * completion up when that count reaches 0.
 *
 * <p>Values are {@link Scalar}s (a tnum and signed and unsigned 64- and 32-bit bounds): a scalar
 * register's or spilled slot's values, a pointer's offset from its base. Every ALU operation goes
 * through {@link ScalarAlu}, every conditional jump between scalars through {@link ScalarBranch}.
 * Copies of a scalar ({@code rN = rM}, a spill and its fill) are linked as the kernel links them: a
 * branch that narrows one narrows all of them, and a write breaks the link.
 *
 * <p>Every load and store is checked with its whole range (the pointer's offset bounds plus the
 * instruction's offset plus the access size) against the size of the region it points into: the
 * stack frame, the context ({@code contextSizeBytes}), named regions (their length in {@link
 * VerifierOptions#regions()}), map values ({@code value_size} of the map {@link
 * VerifierOptions#maps()} declares under the handle the lookup was given; when the options declare
 * no map at all, map values are not bounds-checked). Helper arguments are checked against their
 * {@link ArgType}: buffers with their size (a size argument, a map's key or value size, 8 bytes) in
 * bounds and, when the helper reads them, initialised; a map handle must name a declared map. A
 * scalar or a map handle is never dereferenced.
 *
 * <p>A string argument is checked for its first byte (string helpers never read past their string's
 * region); a number where memory is needed is refused unless its size is 0. What a helper stores
 * through an 8-byte argument ({@link StoredValue}: a number in a range, or a pointer into the
 * context or a region the loading path knows, null too when the helper may store nothing) is what a
 * later load of that stack slot gives, and r0 holds the prototype's return range: device facts a
 * drive fixes when it loads the program become exact values there.
 */
public final class PathVerifier {
  /**
   * Characters of log kept at most; the rest is dropped with a note, so a log never grows
   * unbounded.
   */
  public static final int LOG_BUDGET_CHARS = 1 << 20;

  /** Largest offset a pointer may carry from its base, as the kernel's {@code BPF_MAX_VAR_OFF}. */
  public static final long MAX_POINTER_OFFSET = 1L << 29;

  /** Branch outcomes a refusal lists at most (the latest ones). */
  static final int PATH_SHOWN = 32;

  /** The Linux verifier's advice for an index it cannot bound. */
  public static final String UNBOUNDED_ADVICE =
      "make sure to bounds check any such access (e.g. if r2 > 15 goto <out> before adding r2 to the"
          + " pointer)";

  private static final int FP = 10;

  private final List<Instruction> insns;
  private final VerifierOptions options;
  private final long contextSizeBytes;
  private final int[] indexAt;
  private final int slots;
  private final boolean[] prunePoint;
  private Map<Integer, PruneSite> sites = new HashMap<>();
  private final LoopForest loops;
  private final StringBuilder log;
  private boolean logTruncated;
  private long processed;
  private int storedStates;

  /**
   * The last link id given to a scalar copy; links start above every pc, so they never meet a map
   * lookup's id (its pc + 1).
   */
  private int lastLink;

  /**
   * Instructions a path goes between two states it keeps (as the kernel, which keeps a new state
   * only every few instructions): a loop round of fewer instructions is kept every few rounds,
   * which still finds a repeat, and memory stays well under one state per processed instruction.
   */
  static final int INSTRUCTIONS_BETWEEN_KEPT_STATES = 8;

  /**
   * A state kept at a prune point, with the count of open paths and kept states below it, and the
   * most instructions a run goes from it to its end (known once it is explored).
   */
  private static final class Kept {
    final int pc;
    final ExplorationState state;
    final int hash;
    final Kept parent;

    /** In a loop's body run, what the path did since the loop head (pruning must match it). */
    final LoopDeltas deltas;

    /** Instructions from the parent kept state (or the run's start) to this one. */
    final long distance;

    int open = 1;
    int hits;
    int misses;

    /** The longest of the paths below this state, from it to their ends. */
    long longest;

    /** For a loop summarised here: the relations a state must satisfy to be covered. */
    List<LoopRelation> relations = List.of();

    /**
     * For a loop summarised here: the most instructions a run spends in the loop from here (rounds
     * times the longest round) before it continues from one of the loop's exits.
     */
    long loopCost;

    Kept(int pc, ExplorationState state, Kept parent, LoopDeltas deltas, long distance) {
      this.pc = pc;
      this.state = state;
      this.hash = state.hashCode();
      this.parent = parent;
      this.deltas = deltas;
      this.distance = distance;
    }

    /** The most instructions a run executes from this state to its end. */
    long remaining() {
      return saturatedAdd(loopCost, longest);
    }
  }

  /**
   * The states kept at one prune point: those still being explored by exact state (a repeat is an
   * endless loop, found in constant time), and the explored ones a new state may be a subset of.
   */
  private static final class PruneSite {
    final Map<Integer, List<Kept>> inProgress = new HashMap<>();
    final List<Kept> explored = new ArrayList<>();
  }

  /** One branch outcome of a path, linked to the outcomes before it. */
  private record Path(int pc, boolean taken, Path before) {}

  /**
   * A path waiting on the stack: where it resumes, its state, its nearest kept state, its outcomes.
   */
  private record Pending(
      int pc,
      int from,
      ExplorationState state,
      Kept owner,
      Path path,
      long sinceKept,
      long sinceOwner,
      LoopVisit visits,
      LoopDeltas deltas) {}

  /**
   * The loops a path is in: where it entered each (the head, its call depth, the processed count
   * then and the state it first had at the head), innermost entries first.
   */
  private record LoopVisit(
      int head, int depth, long enteredAt, int rounds, ExplorationState first, LoopVisit next) {
    static LoopVisit find(LoopVisit v, int head, int depth) {
      for (; v != null; v = v.next) {
        if (v.head == head && v.depth == depth) {
          return v;
        }
      }
      return null;
    }

    /** {@code v} with the entry of (head, depth) replaced by {@code entry}. */
    static LoopVisit with(LoopVisit v, LoopVisit entry) {
      return new LoopVisit(
          entry.head,
          entry.depth,
          entry.enteredAt,
          entry.rounds,
          entry.first,
          without(v, entry.head, entry.depth));
    }

    private static LoopVisit without(LoopVisit v, int head, int depth) {
      if (v == null) {
        return null;
      }
      LoopVisit rest = without(v.next, head, depth);
      if (v.head == head && v.depth == depth) {
        return rest;
      }
      return rest == v.next
          ? v
          : new LoopVisit(v.head, v.depth, v.enteredAt, v.rounds, v.first, rest);
    }
  }

  /**
   * One exploration of a loop's body from its candidate invariant: the paths that came back to the
   * head (with what each did to the head frame) and those that left the loop, to go on from after
   * the invariant is proved.
   */
  private static final class BodyRun {
    final LoopForest.Loop loop;
    final int depth;
    final List<LoopTermination.BackEdge> backEdges = new ArrayList<>();
    final List<Pending> exits = new ArrayList<>();
    final List<LoopRelation> relations;
    long longestRound;

    BodyRun(LoopForest.Loop loop, int depth, List<LoopRelation> relations) {
      this.loop = loop;
      this.depth = depth;
      this.relations = relations;
    }

    /**
     * Narrows {@code s} after a jump compared {@code regs}: every location that holds the same head
     * value plus the same constant as a compared register holds the same value, so it is narrowed
     * with it (a counter spilled before the check), and the relations assumed in this run narrow
     * their y; false when nothing is left (the outcome cannot happen).
     */
    boolean narrow(ExplorationState s, LoopDeltas d, int... regs) {
      if (s.depth() == depth) {
        for (int r : regs) {
          if (!sameAs(s, d, r)) {
            return false;
          }
        }
      }
      for (LoopRelation r : relations) {
        if (!r.narrow(s, depth, d, loop.originOf(r.y()), loop.originOf(r.x()))) {
          return false;
        }
      }
      return true;
    }

    private boolean sameAs(ExplorationState s, LoopDeltas d, int reg) {
      LoopDeltas.Sym sym = d.of(reg);
      AbstractValue v = s.reg(reg);
      if (sym == null || sym.lo() != sym.hi() || v.kind() != Kind.SCALAR) {
        return true;
      }
      for (int loc = 0; loc < LoopDeltas.LOCATIONS; loc++) {
        if (loc == reg || !sym.equals(d.of(loc))) {
          continue;
        }
        AbstractValue other = LoopRelation.value(s, depth, loc);
        if (other == null || other.kind() != Kind.SCALAR) {
          continue;
        }
        Scalar both = other.scalar().intersect(v.scalar());
        if (both == null) {
          return false;
        }
        LoopRelation.set(s, depth, loc, other.withScalar(both));
      }
      return true;
    }

    /** True when every round kept {@code r}. */
    boolean kept(LoopRelation r) {
      for (LoopTermination.BackEdge b : backEdges) {
        if (!r.keptBy(b.deltas(), loop.originOf(r.y()), loop.originOf(r.x()))) {
          return false;
        }
      }
      return true;
    }

    /** True where a path of the body ends: back at the head, or out of the loop. */
    boolean ends(int pc, ExplorationState s) {
      return s.depth() < depth || (s.depth() == depth && (pc == loop.head() || !loop.contains(pc)));
    }
  }

  /**
   * Rounds of the same loop entry a path explores exactly before the loop is widened: a loop whose
   * rounds cost this share of the budget since the path entered it is summarised instead, so that
   * small constant loops stay exact and a data-bounded one leaves most of the budget for the rest.
   */
  static final int WIDEN_AFTER_BUDGET_SHARE = 32;

  /** Widenings of one loop's invariant at most; the first ones stop at the loop's thresholds. */
  static final int MAX_WIDENINGS = 16;

  static final int WIDENINGS_WITH_THRESHOLDS = 10;

  /**
   * Rounds a path walks exactly, at a loop entered again after the loop was summarised once, before
   * it is summarised again: its exact rounds did not settle before, and two rounds are enough to
   * guess the relations between its counters.
   */
  static final int ROUNDS_BEFORE_SUMMARISING_AGAIN = 2;

  /** The heads of the loops summarised so far (by head pc). */
  private final BitSet summarisedHeads = new BitSet();

  private Deque<Pending> pending = new ArrayDeque<>();
  private Kept owner;
  private Path path;
  private long sinceKept;
  private int peakStoredStates;

  /** Instructions this path went since its owner (or the run's start). */
  private long sinceOwner;

  private LoopVisit visits;

  /** What the path did since the head of the loop whose body is being explored, or null. */
  private LoopDeltas deltas;

  private BodyRun bodyRun;

  /** The longest path of the current run (the program, or a loop body) from its start. */
  private long runLongest;

  private Kept coveredBy;
  private int loopsSummarised;

  private PathVerifier(List<Instruction> insns, VerifierOptions options, long contextSizeBytes) {
    this.insns = insns;
    this.options = options;
    this.contextSizeBytes = contextSizeBytes;
    int s = 0;
    for (Instruction i : insns) {
      s += i.slots();
    }
    this.slots = s;
    this.indexAt = new int[s];
    Arrays.fill(indexAt, -1);
    this.prunePoint = new boolean[s];
    int pc = 0;
    for (int i = 0; i < insns.size(); i++) {
      indexAt[pc] = i;
      pc += insns.get(i).slots();
    }
    this.log = options.log() ? new StringBuilder() : null;
    this.loops = LoopForest.of(insns, indexAt);
    this.lastLink = s;
  }

  /**
   * Verifies {@code program} with the context the options declare ({@link
   * VerifierOptions#withContext}); when they declare none, context accesses are not bounds-checked.
   *
   * @throws VerificationInterruptedException the thread was interrupted during the analysis
   */
  public static VerificationResult verify(Program program, VerifierOptions options) {
    return verify(
        program.instructions(),
        options,
        options.contextSizeKnown() ? options.contextSizeBytes() : UNKNOWN_CONTEXT_SIZE);
  }

  /** The {@code contextSizeBytes} of a context whose size is not known: accesses are unchecked. */
  public static final long UNKNOWN_CONTEXT_SIZE = -1;

  /**
   * Verifies {@code program} whose context is {@code contextSizeBytes} long.
   *
   * @throws VerificationInterruptedException the thread was interrupted during the analysis
   */
  public static VerificationResult verify(
      Program program, VerifierOptions options, long contextSizeBytes) {
    return verify(program.instructions(), options, contextSizeBytes);
  }

  /**
   * Verifies a raw instruction list (see {@link Verifier#verify(List, VerifierOptions)} for the
   * structural refusals, which are the same).
   *
   * @throws VerificationInterruptedException the thread was interrupted during the analysis
   */
  public static VerificationResult verify(
      List<Instruction> instructions, VerifierOptions options, long contextSizeBytes) {
    if (contextSizeBytes < UNKNOWN_CONTEXT_SIZE) {
      throw new IllegalArgumentException(
          "contextSizeBytes must be >= 0 (or UNKNOWN_CONTEXT_SIZE), got " + contextSizeBytes);
    }
    List<Instruction> insns = List.copyOf(instructions);
    VerifierError structural = Verifier.structuralError(insns, options);
    if (structural != null) {
      // refused before any analysis: the loop structure of a malformed list is not computed
      return new VerificationResult(
          structural,
          options.log() ? structural.message() + "\n" : null,
          new AnalysisCost(0, options.maxProcessedInstructions(), 0, options.maxStoredStates()),
          VerificationResult.NO_BOUND);
    }
    PathVerifier v = new PathVerifier(insns, options, contextSizeBytes);
    VerifierError error = null;
    try {
      v.explore();
    } catch (Refusal r) {
      error = r.error;
    }
    if (error != null && v.log != null) {
      v.log.append(error.message()).append('\n');
    }
    // every instruction a run executes maps to a distinct processed one: a pruned state goes on in
    // the explored subtree that covers it, which was itself processed before, so no run is longer.
    // A summarised loop is not processed round by round: then the bound is the longest path, each
    // loop on it counted as its rounds times its longest round
    long bound = v.loopsSummarised == 0 ? v.processed : v.runLongest;
    return new VerificationResult(
        error,
        v.log == null ? null : v.log.toString(),
        v.cost(),
        error == null ? bound : VerificationResult.NO_BOUND);
  }

  private AnalysisCost cost() {
    return new AnalysisCost(
        processed,
        options.maxProcessedInstructions(),
        Math.max(storedStates, peakStoredStates),
        options.maxStoredStates());
  }

  private static final class Refusal extends RuntimeException {
    final transient VerifierError error;

    Refusal(VerifierError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  // ---- exploration ------------------------------------------------------------------------

  private void markPrunePoints() {
    prunePoint[0] = true;
    for (int pc = 0; pc < slots; pc++) {
      if (indexAt[pc] < 0) {
        continue;
      }
      Instruction insn = at(pc);
      Opcode op = Opcode.of(insn);
      // as the kernel: a conditional jump itself, the target of an unconditional one, a function's
      // entry and the instruction after a call, so a repeat is found at the jump closing the loop
      if (op.isConditionalJump()) {
        prunePoint[pc] = true;
      } else if ((insn.isJump() || insn.isLocalCall()) && !insn.isExit()) {
        prunePoint[(int) insn.target(pc)] = true;
      }
      if (insn.isLocalCall() || op == Opcode.CALL_HELPER) {
        prunePoint[pc + 1] = true;
      }
    }
  }

  private void explore() {
    markPrunePoints();
    ExplorationState entry = new ExplorationState();
    entry.frames.add(new ExplorationState.Frame(-1));
    entry.set(1, AbstractValue.context(contextSizeBytes, options.contextWritable()));
    if (options.contextLengthInR2()) {
      entry.set(
          2,
          contextSizeBytes < 0
              ? AbstractValue.UNKNOWN_SCALAR
              : AbstractValue.constant(contextSizeBytes));
    }
    entry.set(FP, AbstractValue.framePointer(0));
    pending.push(
        new Pending(0, -1, entry, null, null, INSTRUCTIONS_BETWEEN_KEPT_STATES, 0, null, null));
    drain();
  }

  /** Follows the waiting paths until none is left. */
  private void drain() {
    while (!pending.isEmpty()) {
      Pending p = pending.pop();
      owner = p.owner;
      path = p.path;
      sinceKept = p.sinceKept;
      sinceOwner = p.sinceOwner;
      visits = p.visits;
      deltas = p.deltas;
      if (log != null && p.from >= 0) {
        logLine("from " + p.from + " to " + p.pc + ": " + p.state.kernelText(new BitSet()));
      }
      followPath(p.pc, p.from, p.state);
    }
  }

  /** Follows one path until it exits, is pruned, or is refused; forks wait on {@link #pending}. */
  private void followPath(int startPc, int fromPc, ExplorationState s) {
    int pc = startPc;
    int from = fromPc;
    while (pc >= 0) {
      if (bodyRun != null && bodyRun.ends(pc, s)) {
        endBodyPath(pc, from, s);
        finish(owner, sinceOwner);
        return;
      }
      LoopForest.Loop loop = loops.headedAt(pc);
      if ((prunePoint[pc] && prune(pc, s)) || (loop != null && coveredBySummary(pc, s))) {
        finish(owner, saturatedAdd(sinceOwner, coveredBy.remaining()));
        return;
      }
      if (loop != null && atLoopHead(loop, from, s)) {
        finish(owner, sinceOwner);
        return;
      }
      countStep(pc);
      if (deltas != null) {
        deltas = deltas.step(at(pc), s);
      }
      from = pc;
      pc = step(pc, s);
    }
    finish(owner, sinceOwner);
  }

  private void countStep(int pc) {
    sinceKept++;
    sinceOwner++;
    if (++processed > options.maxProcessedInstructions()) {
      throw tooComplex(pc);
    }
    if (processed % Verifier.INTERRUPT_CHECK_INTERVAL == 0
        && Thread.currentThread().isInterrupted()) {
      throw new VerificationInterruptedException(cost(), pc);
    }
  }

  /**
   * At a prune point: true when {@code s} is covered by a fully explored kept state; refuses a
   * state that repeats one still being explored; else keeps a copy of {@code s} as the path's new
   * owner.
   */
  private boolean prune(int pc, ExplorationState s) {
    PruneSite site = sites.computeIfAbsent(pc, k -> new PruneSite());
    int hash = s.hashCode();
    for (Kept k : site.inProgress.getOrDefault(hash, List.of())) {
      if (s.same(k.state)) {
        throw infiniteLoop(pc, s);
      }
    }
    for (var it = site.explored.iterator(); it.hasNext(); ) {
      Kept k = it.next();
      if (covers(k, s)) {
        k.hits++;
        coveredBy = k;
        if (log != null) {
          logLine(pc + ": safe (a state already explored here covers this one)");
        }
        return true;
      }
      // as the kernel: a state that rarely covers others costs more to test than it saves
      if (++k.misses > 3 * k.hits + 3 && site.explored.size() > 1) {
        it.remove();
        storedStates--;
      }
    }
    if (sinceKept < INSTRUCTIONS_BETWEEN_KEPT_STATES && !site.inProgress.isEmpty()) {
      return false;
    }
    if (++storedStates > options.maxStoredStates()) {
      throw tooComplex(pc);
    }
    peakStoredStates = Math.max(peakStoredStates, storedStates);
    keep(pc, s.copy(), hash);
    return false;
  }

  /**
   * At a loop head that is no prune point: true when a loop summarised here, fully explored, covers
   * {@code s}.
   */
  private boolean coveredBySummary(int pc, ExplorationState s) {
    if (prunePoint[pc]) {
      return false;
    }
    PruneSite site = sites.get(pc);
    if (site == null) {
      return false;
    }
    for (Kept k : site.explored) {
      if (k.loopCost > 0 && covers(k, s)) {
        k.hits++;
        coveredBy = k;
        return true;
      }
    }
    return false;
  }

  private boolean covers(Kept k, ExplorationState s) {
    return s.isSubsetOf(k.state)
        && (deltas == null || deltas.sameAs(k.deltas))
        && satisfies(s, k.relations);
  }

  /** Keeps {@code state} at {@code pc} as the path's new owner. */
  private Kept keep(int pc, ExplorationState state, int hash) {
    Kept k = new Kept(pc, state, owner, deltas, sinceOwner);
    sites
        .computeIfAbsent(pc, p -> new PruneSite())
        .inProgress
        .computeIfAbsent(hash, h -> new ArrayList<>(1))
        .add(k);
    // the path now counts under k, and k, open, under the old owner: the old owner's count is kept
    owner = k;
    sinceKept = 0;
    sinceOwner = 0;
    return k;
  }

  /**
   * A path below {@code k} ended {@code length} instructions after {@code k}; a kept state done
   * with all its paths moves up, its longest path added to its parent's.
   */
  private void finish(Kept k, long length) {
    while (k != null) {
      k.longest = Math.max(k.longest, length);
      if (--k.open > 0) {
        return;
      }
      PruneSite site = sites.get(k.pc);
      List<Kept> same = site.inProgress.get(k.hash);
      same.remove(k);
      if (same.isEmpty()) {
        site.inProgress.remove(k.hash);
      }
      site.explored.add(k);
      length = saturatedAdd(k.distance, k.remaining());
      k = k.parent;
    }
    runLongest = Math.max(runLongest, length);
  }

  private static boolean satisfies(ExplorationState s, List<LoopRelation> relations) {
    for (LoopRelation r : relations) {
      if (!r.holdsIn(s, s.depth())) {
        return false;
      }
    }
    return true;
  }

  private void fork(int pc, int from, ExplorationState s, boolean taken) {
    if (owner != null) {
      owner.open++;
    }
    pending.push(
        new Pending(
            pc,
            from,
            s,
            owner,
            new Path(from, taken, path),
            sinceKept,
            sinceOwner,
            visits,
            deltas));
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  static long saturatedMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
  }

  // ---- loops that exploration does not finish ----------------------------------------------

  /**
   * At a loop head: notes a path entering the loop, and summarises the loop once its rounds have
   * cost {@link #WIDEN_AFTER_BUDGET_SHARE}th of the budget since this path entered it. True when
   * the loop was summarised (its exits then go on in their own paths).
   */
  private boolean atLoopHead(LoopForest.Loop loop, int from, ExplorationState s) {
    int depth = s.depth();
    LoopVisit v = LoopVisit.find(visits, loop.head(), depth);
    if (v == null || !loop.contains(from)) {
      visits =
          LoopVisit.with(visits, new LoopVisit(loop.head(), depth, processed, 0, s.copy(), null));
      return false;
    }
    v = new LoopVisit(v.head(), depth, v.enteredAt(), v.rounds() + 1, v.first(), null);
    visits = LoopVisit.with(visits, v);
    long widenAfter = Math.max(1, options.maxProcessedInstructions() / WIDEN_AFTER_BUDGET_SHARE);
    boolean again =
        summarisedHeads.get(loop.head()) && v.rounds() >= ROUNDS_BEFORE_SUMMARISING_AGAIN;
    if (!again && processed - v.enteredAt() < widenAfter) {
      return false;
    }
    return summarise(loop, s, v);
  }

  /**
   * Replaces the rounds of a loop by an invariant: the head's states joined and widened until a
   * round from the invariant brings nothing back that it does not hold, every instruction of the
   * body checked under it on the way. The loop is accepted only with a proof that it ends ({@link
   * LoopTermination}); its exits then go on from the states the body run left with.
   */
  private boolean summarise(LoopForest.Loop loop, ExplorationState s, LoopVisit v) {
    int head = loop.head();
    int depth = s.depth();
    ExplorationState joined = LoopInvariant.join(v.first(), s);
    if (joined == null) {
      return false;
    }
    long[] thresholds = LoopInvariant.thresholds(loop, v.first(), s);
    long exactRounds = processed - v.enteredAt();
    List<LoopRelation> relations = LoopRelation.guess(loop, depth, v.first(), s);
    ExplorationState invariant = LoopInvariant.widen(v.first(), joined, thresholds);
    narrowHead(invariant, relations, depth);
    BodyRun run;
    int widenings = 1;
    while (true) {
      run = exploreBody(loop, depth, invariant, relations);
      BodyRun last = run;
      List<LoopRelation> proved = relations.stream().filter(last::kept).toList();
      if (proved.size() < relations.size()) {
        // a relation some round does not keep was only a guess: start again without it
        relations = proved;
        invariant = LoopInvariant.widen(v.first(), joined, thresholds);
        narrowHead(invariant, relations, depth);
        widenings = 1;
        continue;
      }
      ExplorationState back = null;
      boolean inductive = true;
      for (LoopTermination.BackEdge b : run.backEdges) {
        inductive &= b.state().isSubsetOf(invariant);
        back = back == null ? b.state() : LoopInvariant.join(back, b.state());
      }
      if (inductive) {
        break;
      }
      ExplorationState grown = back == null ? null : LoopInvariant.join(invariant, back);
      if (grown == null || widenings >= MAX_WIDENINGS) {
        throw unboundedLoop(
            loop,
            s,
            invariant,
            "its state at the head did not settle after "
                + widenings
                + " widenings (a round from the widened state still brings back values it does"
                + " not hold)");
      }
      invariant =
          LoopInvariant.widen(
              invariant,
              grown,
              widenings < WIDENINGS_WITH_THRESHOLDS ? thresholds : LoopInvariant.NO_THRESHOLDS);
      narrowHead(invariant, relations, depth);
      widenings++;
    }
    LoopTermination.Result proof = LoopTermination.analyse(loop, depth, invariant, run.backEdges);
    if (!proof.proven()) {
      throw unboundedLoop(
          loop,
          s,
          invariant,
          "no register or 8-byte stack slot is proven to bound its rounds: " + proof.explanation());
    }
    long cost = saturatedMultiply(proof.headVisits(), Math.max(1, run.longestRound));
    if (++storedStates > options.maxStoredStates()) {
      throw tooComplex(head);
    }
    peakStoredStates = Math.max(peakStoredStates, storedStates);
    LoopDeltas atEntry = deltas;
    Kept k = keep(head, invariant, invariant.hashCode());
    k.loopCost = cost;
    k.relations = relations;
    summarisedHeads.set(head);
    loopsSummarised++;
    if (log != null) {
      logLine(
          head
              + ": loop summarised after "
              + exactRounds
              + " instructions of exact rounds, "
              + widenings
              + " widening"
              + (widenings == 1 ? "" : "s")
              + ": invariant "
              + invariant.kernelText(new BitSet())
              + (relations.isEmpty() ? "" : " with " + relations)
              + "; "
              + proof.explanation()
              + "; at most "
              + cost
              + " instructions in the loop per entry");
    }
    for (Pending exit : run.exits) {
      k.open++;
      pending.push(
          new Pending(
              exit.pc(),
              exit.from(),
              exit.state(),
              k,
              exit.path(),
              INSTRUCTIONS_BETWEEN_KEPT_STATES,
              0,
              visits,
              atEntry == null ? null : atEntry.through(exit.deltas(), depth, run.backEdges)));
    }
    return true;
  }

  /** Explores one round of {@code loop} from {@code invariant}, in runs of its own. */
  private static void narrowHead(
      ExplorationState invariant, List<LoopRelation> relations, int depth) {
    for (LoopRelation r : relations) {
      r.narrowHead(invariant, depth);
    }
  }

  private BodyRun exploreBody(
      LoopForest.Loop loop, int depth, ExplorationState invariant, List<LoopRelation> relations) {
    Deque<Pending> savedPending = pending;
    Map<Integer, PruneSite> savedSites = sites;
    Kept savedOwner = owner;
    Path savedPath = path;
    long savedSinceKept = sinceKept;
    long savedSinceOwner = sinceOwner;
    LoopVisit savedVisits = visits;
    LoopDeltas savedDeltas = deltas;
    BodyRun savedRun = bodyRun;
    long savedLongest = runLongest;
    int savedStored = storedStates;
    BodyRun run = new BodyRun(loop, depth, relations);
    try {
      pending = new ArrayDeque<>();
      sites = new HashMap<>();
      owner = null;
      bodyRun = run;
      runLongest = 0;
      sinceKept = INSTRUCTIONS_BETWEEN_KEPT_STATES;
      sinceOwner = 0;
      // inner loops count their rounds from their entry in this run
      visits = null;
      deltas = LoopDeltas.atHead(depth, loop.sameAtHead());
      ExplorationState s = invariant.copy();
      int head = loop.head();
      // the head's own instruction first: the body run ends where a path comes back to it
      countStep(head);
      deltas = deltas.step(at(head), s);
      int next = step(head, s);
      followPath(next, head, s);
      drain();
      run.longestRound = runLongest;
    } finally {
      pending = savedPending;
      sites = savedSites;
      owner = savedOwner;
      path = savedPath;
      sinceKept = savedSinceKept;
      sinceOwner = savedSinceOwner;
      visits = savedVisits;
      deltas = savedDeltas;
      bodyRun = savedRun;
      runLongest = savedLongest;
      storedStates = savedStored;
    }
    return run;
  }

  /** Records where a path of a loop's body run ended: back at the head, or out of the loop. */
  private void endBodyPath(int pc, int from, ExplorationState s) {
    if (s.depth() == bodyRun.depth && pc == bodyRun.loop.head()) {
      bodyRun.backEdges.add(new LoopTermination.BackEdge(from, s, deltas));
    } else {
      bodyRun.exits.add(new Pending(pc, from, s, null, path, 0, 0, null, deltas));
    }
  }

  private Refusal unboundedLoop(
      LoopForest.Loop loop, ExplorationState s, ExplorationState invariant, String why) {
    int head = loop.head();
    List<Integer> latches = new ArrayList<>();
    for (int pc = loop.body().nextSetBit(0); pc >= 0; pc = loop.body().nextSetBit(pc + 1)) {
      Instruction insn = at(pc);
      for (int next : LoopForest.successors(insn, pc, slots)) {
        if (next == head) {
          latches.add(pc);
        }
      }
    }
    return refuse(
        ErrorCode.UNBOUNDED_LOOP,
        head,
        "the loop at pc "
            + head
            + " (back to it from pc "
            + latches.stream()
                .map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "))
            + ") does not end by exploration (its state still changes round after round), and the"
            + " verifier cannot prove that it ends: "
            + why
            + ". The loop's widened state at its head: "
            + invariant.kernelText(new BitSet()),
        s,
        Map.of(),
        "count the rounds with a register (or stack slot) that moves one way by a constant each"
            + " round and is compared with a bound: for (i = 0; i < N; i++) with N a constant, or"
            + " a value checked against a constant first (if n > 1024 goto <out>)");
  }

  // ---- one instruction --------------------------------------------------------------------

  /**
   * Steps {@code s} over the instruction at {@code pc}: the next pc of this path, or -1 at its end.
   */
  private int step(int pc, ExplorationState s) {
    Instruction insn = at(pc);
    Opcode op = Opcode.of(insn);
    BitSet written = new BitSet();
    int next =
        switch (op.instructionClass()) {
          case ALU, ALU64 -> {
            alu(pc, insn, op, s);
            written.set(insn.dst());
            yield pc + insn.slots();
          }
          case LD -> {
            writeReg(pc, s, insn.dst());
            s.set(insn.dst(), lddw(insn));
            written.set(insn.dst());
            yield pc + insn.slots();
          }
          case LDX -> {
            load(pc, insn, op, s);
            written.set(insn.dst());
            yield pc + 1;
          }
          case ST, STX -> {
            store(pc, insn, op, s, written);
            yield pc + 1;
          }
          case JMP, JMP32 -> jump(pc, insn, op, s, written);
        };
    if (log != null) {
      logLine(
          pc
              + ": ("
              + String.format(Locale.ROOT, "%02x", insn.opcode())
              + ") "
              + text(pc)
              + (next >= 0 ? " ; " + s.kernelText(written) : ""));
    }
    return next;
  }

  /** {@code lddw}'s {@code src} of a map's fd in the kernel's ABI ({@code BPF_PSEUDO_MAP_FD}). */
  private static final int PSEUDO_MAP_FD = 1;

  private AbstractValue lddw(Instruction insn) {
    if (insn.src() == 0 || insn.src() == PSEUDO_MAP_FD) {
      MapDefinition map = options.mapOf(insn.imm());
      if (map != null) {
        return AbstractValue.mapHandle(map);
      }
    }
    if (insn.src() == 0) {
      for (VerifierOptions.Region r : options.regions()) {
        if (r.contains(insn.imm())) {
          return AbstractValue.region(r, insn.imm() - r.base());
        }
      }
    }
    return AbstractValue.constant(insn.imm());
  }

  private AbstractValue readReg(int pc, ExplorationState s, int reg) {
    AbstractValue v = s.reg(reg);
    if (!v.isInit()) {
      String helper = v.region();
      throw refuse(
          ErrorCode.UNINIT_REG,
          pc,
          helper != null
              ? "r"
                  + reg
                  + " is read after the call of "
                  + helper
                  + " at pc "
                  + (v.id() - 1)
                  + ", which returns nothing (void), before any instruction writes it"
              : "r" + reg + " is read before any instruction writes it",
          s,
          Map.of(reg, v),
          "give r" + reg + " a value before pc " + pc + " (e.g. r" + reg + " = 0)");
    }
    return v;
  }

  private void writeReg(int pc, ExplorationState s, int reg) {
    if (reg == FP) {
      throw refuse(
          ErrorCode.FRAME_POINTER_WRITE,
          pc,
          "r10 is the read-only frame pointer and may not be written",
          s,
          Map.of(FP, s.reg(FP)),
          "copy it first (e.g. r1 = r10) and change the copy");
    }
  }

  // ---- ALU --------------------------------------------------------------------------------

  private void alu(int pc, Instruction insn, Opcode opcode, ExplorationState s) {
    int d = insn.dst();
    boolean is64 = opcode.widthBits() == 64;
    if (opcode.isByteOrder()) {
      AbstractValue v = readReg(pc, s, d);
      writeReg(pc, s, d);
      requireScalar(pc, s, d, v, "a byte swap");
      s.set(d, AbstractValue.scalar(ScalarAlu.apply(insn, v.scalar(), null)));
      return;
    }
    AluOp op = opcode.aluOp();
    boolean reg = opcode.source() == Source.REG;
    AbstractValue src = reg ? readReg(pc, s, insn.src()) : AbstractValue.constant(insn.imm());
    if (op == AluOp.MOV || opcode.isSignExtendingMove()) {
      writeReg(pc, s, d);
      if (opcode == Opcode.MOV64_REG) {
        s.set(d, linked(s, insn.src(), src));
      } else if (opcode == Opcode.MOV64_IMM) {
        s.set(d, src);
      } else if (src.isPointer()) {
        // a pointer's address is not known: its low bits, or their sign extension, are any value
        s.set(d, AbstractValue.scalar(is64 ? Scalar.unknown() : LOW_32_BITS));
      } else {
        s.set(d, AbstractValue.scalar(ScalarAlu.apply(insn, null, src.scalar())));
      }
      return;
    }
    AbstractValue dst = readReg(pc, s, d);
    writeReg(pc, s, d);
    if (dst.kind().maybeNull() || src.kind().maybeNull()) {
      int r = dst.kind().maybeNull() ? d : insn.src();
      throw refuse(
          ErrorCode.NULL_POINTER_ARITHMETIC,
          pc,
          "r"
              + r
              + " may be null ("
              + nullCause(s.reg(r))
              + ") and arithmetic on it is not allowed before a null check",
          s,
          Map.of(r, s.reg(r)),
          "test it first: if r" + r + " == 0 goto <out>");
    }
    if (dst.isPointer() || src.isPointer()) {
      s.set(d, pointerArithmetic(pc, insn, op, is64, dst, src, s));
      return;
    }
    s.set(d, AbstractValue.scalar(ScalarAlu.apply(insn, dst.scalar(), src.scalar())));
  }

  /**
   * {@code v}, the value of register {@code reg}, linked to the copy about to be made: a scalar
   * that is no constant gets a link id (kept in {@code reg} too) if it has none, as the kernel's
   * {@code rN = rM} and spills do, so that a branch on either narrows both.
   */
  private AbstractValue linked(ExplorationState s, int reg, AbstractValue v) {
    if (v.kind() != Kind.SCALAR || v.id() != 0 || v.scalar().isConstant()) {
      return v;
    }
    AbstractValue link = v.withId(++lastLink);
    s.set(reg, link);
    return link;
  }

  /** Any value of the low 32 bits, zero-extended. */
  private static final Scalar LOW_32_BITS = Scalar.unsignedRange(0, 0xffff_ffffL);

  private static final Instruction ADD64 = Instruction.of(Opcode.ADD64_REG.code(), 0, 0, 0, 0);
  private static final Instruction SUB64 = Instruction.of(Opcode.SUB64_REG.code(), 0, 0, 0, 0);

  private AbstractValue pointerArithmetic(
      int pc,
      Instruction insn,
      AluOp op,
      boolean is64,
      AbstractValue dst,
      AbstractValue src,
      ExplorationState s) {
    int d = insn.dst();
    if (dst.kind() == Kind.CONST_PTR_TO_MAP || src.kind() == Kind.CONST_PTR_TO_MAP) {
      int r = dst.kind() == Kind.CONST_PTR_TO_MAP ? d : insn.src();
      throw refuse(
          ErrorCode.POINTER_ARITHMETIC,
          pc,
          "r"
              + r
              + " is the handle of map "
              + s.reg(r).region()
              + ", and a handle takes no arithmetic",
          s,
          Map.of(r, s.reg(r)),
          "pass the handle to a map helper as it was loaded");
    }
    if (dst.isPointer() && src.isPointer()) {
      if (op == AluOp.SUB && is64 && dst.kind() == src.kind() && dst.frame() == src.frame()) {
        return AbstractValue.UNKNOWN_SCALAR;
      }
      throw refuse(
          ErrorCode.POINTER_ARITHMETIC,
          pc,
          "r"
              + d
              + " and r"
              + insn.src()
              + " are both pointers; "
              + op.name().toLowerCase(Locale.ROOT)
              + " of two pointers is not allowed (only pointer +/- scalar, or the difference of two"
              + " pointers into the same region)",
          s,
          Map.of(d, dst, insn.src(), src),
          "add a scalar offset to one pointer instead");
    }
    AbstractValue ptr = dst.isPointer() ? dst : src;
    AbstractValue scalar = dst.isPointer() ? src : dst;
    boolean allowed = is64 && (op == AluOp.ADD || (op == AluOp.SUB && dst.isPointer()));
    if (!allowed) {
      int r = dst.isPointer() ? d : insn.src();
      throw refuse(
          ErrorCode.POINTER_ARITHMETIC,
          pc,
          (is64
                  ? op.name().toLowerCase(Locale.ROOT)
                  : "32-bit " + op.name().toLowerCase(Locale.ROOT))
              + " on the pointer r"
              + r
              + " ("
              + ptr.toKernelString()
              + ") is not allowed: a pointer"
              + " may only move by adding or subtracting a scalar in 64-bit arithmetic",
          s,
          Map.of(r, ptr),
          "keep pointer arithmetic to r" + d + " += <scalar> or r" + d + " -= <scalar>");
    }
    int scalarReg = dst.isPointer() ? insn.src() : d;
    Map<Integer, AbstractValue> involved = new HashMap<>();
    involved.put(d, dst);
    if (reg(insn)) {
      involved.put(insn.src(), src);
    }
    // as the kernel's check_reg_sane_offset: a scalar with no lower bound may not move a pointer,
    // and neither may one that puts every offset beyond what a region can be; a large upper bound
    // is refused where the pointer is used, which names the access it would make
    if (scalar.scalar().smin() == Long.MIN_VALUE) {
      throw refuse(
          ErrorCode.UNBOUNDED_ACCESS,
          pc,
          "math between the "
              + ptr.toKernelString()
              + " pointer and r"
              + scalarReg
              + " ("
              + scalar.toKernelString()
              + "), which has no lower bound, is not allowed",
          s,
          involved,
          UNBOUNDED_ADVICE);
    }
    Scalar off = ScalarAlu.apply(op == AluOp.ADD ? ADD64 : SUB64, ptr.scalar(), scalar.scalar());
    long beyond =
        Math.abs(scalar.scalar().smin()) >= MAX_POINTER_OFFSET
            ? scalar.scalar().smin()
            : off.smin();
    if (beyond >= MAX_POINTER_OFFSET || beyond <= -MAX_POINTER_OFFSET) {
      throw refuse(
          ErrorCode.OUT_OF_BOUNDS,
          pc,
          "value "
              + beyond
              + " makes the "
              + ptr.toKernelString()
              + " pointer in r"
              + d
              + " be out of bounds: no region reaches an offset beyond "
              + MAX_POINTER_OFFSET
              + " either way",
          s,
          involved,
          "check r" + scalarReg + " against the size of the memory before moving the pointer");
    }
    return ptr.withScalar(off);
  }

  private static boolean reg(Instruction insn) {
    return Opcode.of(insn).source() == Source.REG;
  }

  private void requireScalar(int pc, ExplorationState s, int reg, AbstractValue v, String what) {
    if (v.isPointer()) {
      throw refuse(
          ErrorCode.POINTER_ARITHMETIC,
          pc,
          what + " of the pointer r" + reg + " (" + v.toKernelString() + ") is not allowed",
          s,
          Map.of(reg, v),
          "apply it to a scalar loaded through the pointer, not to the pointer");
    }
  }

  // ---- memory -----------------------------------------------------------------------------

  private void load(int pc, Instruction insn, Opcode op, ExplorationState s) {
    AbstractValue base = readReg(pc, s, insn.src());
    int bytes = op.size().bytes();
    AbstractValue spilled = access(pc, s, insn.src(), base, insn.offset(), bytes, false, true);
    writeReg(pc, s, insn.dst());
    AbstractValue v;
    if (spilled != null && op.mode() == Mode.MEM) {
      v = spilled;
    } else if (op.mode() == Mode.MEMSX) {
      long half = 1L << (bytes * 8 - 1);
      v = AbstractValue.scalar(Scalar.signedRange(-half, half - 1));
    } else {
      v = AbstractValue.scalar(loaded(bytes));
    }
    s.set(insn.dst(), v);
  }

  private void store(int pc, Instruction insn, Opcode op, ExplorationState s, BitSet written) {
    AbstractValue base = readReg(pc, s, insn.dst());
    int bytes = op.size().bytes();
    boolean stx = op.instructionClass() == org.csdlab.ebpf.InstructionClass.STX;
    AbstractValue value = stx ? readReg(pc, s, insn.src()) : AbstractValue.constant(insn.imm());
    if (stx && op.isAtomic()) {
      AtomicOp atomic = AtomicOp.of(insn.imm());
      boolean cmpxchg = atomic == AtomicOp.CMPXCHG;
      if (cmpxchg) {
        readReg(pc, s, 0);
      }
      access(pc, s, insn.dst(), base, insn.offset(), bytes, true, true);
      requireAtomicAlignment(pc, s, insn.dst(), base, insn.offset(), bytes);
      if (atomic != null && atomic.fetches()) {
        int r = cmpxchg ? 0 : insn.src();
        s.set(r, AbstractValue.scalar(loaded(bytes)));
        written.set(r);
      }
      return;
    }
    access(pc, s, insn.dst(), base, insn.offset(), bytes, true, false);
    if (base.kind() == Kind.PTR_TO_STACK && base.scalar().isConstant() && bytes == 8) {
      long at = base.scalar().smin() + insn.offset() + Verifier.STACK_SIZE;
      if (at % 8 == 0) {
        if (stx) {
          value = linked(s, insn.src(), value);
        }
        s.frames.get(base.frame()).spills[(int) (at / 8)] = value;
      }
    }
  }

  /**
   * An atomic operation needs an address aligned to its size (the VM faults on any other, as the
   * kernel's verifier demands for atomics). Every region, and every stack frame, begins at an
   * aligned address, so the offset from its start must be a known multiple of the size; a map's
   * values lie {@code valueSize} bytes apart, so when that size is known it must be one too.
   */
  private void requireAtomicAlignment(
      int pc, ExplorationState s, int reg, AbstractValue base, int insnOffset, int bytes) {
    // as the kernel's check of an atomic's alignment: the low bits of the offset must be known
    Tnum offsets = base.scalar().tnum().add(Tnum.constant(insnOffset));
    long lowBits = bytes - 1;
    boolean known = (offsets.mask() & lowBits) == 0;
    long offset = offsets.value();
    boolean valuesAligned =
        base.kind() != Kind.PTR_TO_MAP_VALUE
            || base.sizeBytes() < 0
            || base.sizeBytes() % bytes == 0;
    if (known && (offset & lowBits) == 0 && valuesAligned) {
      return;
    }
    throw refuse(
        ErrorCode.MISALIGNED_ATOMIC,
        pc,
        "the atomic access of "
            + bytes
            + " bytes through r"
            + reg
            + " ("
            + base.toKernelString()
            + ") "
            + (!known
                ? "has a variable offset whose low bits the verifier does not know, so its address"
                    + " may not be a multiple of "
                    + bytes
                : !valuesAligned
                    ? "is into a map value of "
                        + base.sizeBytes()
                        + " bytes, so the values after the first do not start at a multiple of "
                        + bytes
                    : base.scalar().isConstant()
                        ? "is at offset "
                            + (base.scalar().smin() + insnOffset)
                            + ", not a multiple of "
                            + bytes
                        : "is at an offset " + (offset & lowBits) + " past a multiple of " + bytes)
            + ", and atomic operations need an address aligned to their size",
        s,
        Map.of(reg, base),
        "use an offset that is a multiple of "
            + bytes
            + (valuesAligned ? "" : ", and a value size that is a multiple of " + bytes)
            + " for atomic operations");
  }

  /**
   * What a load of {@code bytes} from memory the verifier knows nothing of gives (zero-extended).
   */
  private static Scalar loaded(int bytes) {
    return bytes == 8 ? Scalar.unknown() : Scalar.unsignedRange(0, (1L << (bytes * 8)) - 1);
  }

  /**
   * Checks an access of {@code bytes} at {@code base + insnOffset}; for a stack write marks the
   * bytes written. Returns the spilled value an 8-byte aligned stack load reads, or null.
   */
  private AbstractValue access(
      int pc,
      ExplorationState s,
      int reg,
      AbstractValue base,
      int insnOffset,
      int bytes,
      boolean write,
      boolean read) {
    switch (base.kind()) {
      case SCALAR -> {
        if (base.region() != null) {
          throw refuse(
              ErrorCode.NULL_CHECK_MISSING,
              pc,
              "r"
                  + reg
                  + " is null on this path (the side of the null check where "
                  + base.region()
                  + ") and is dereferenced",
              s,
              Map.of(reg, base),
              "access it only on the branch where it is not null: if r" + reg + " == 0 goto <out>");
        }
        throw refuse(
            ErrorCode.SCALAR_DEREFERENCE,
            pc,
            "r"
                + reg
                + " is a scalar ("
                + base.toKernelString()
                + "), not a pointer, and only"
                + " pointers may be dereferenced",
            s,
            Map.of(reg, base),
            "derive the address from r10, the context (r1 at entry), a map value or a region");
      }
      case CONST_PTR_TO_MAP ->
          throw refuse(
              ErrorCode.SCALAR_DEREFERENCE,
              pc,
              "r"
                  + reg
                  + " is the handle of map "
                  + base.region()
                  + " ("
                  + base.toKernelString()
                  + "), not a pointer to memory; only a map helper may use it",
              s,
              Map.of(reg, base),
              "look the value up first (map_lookup_elem), null-check the result and access that");
      case PTR_TO_MAP_VALUE_OR_NULL, PTR_TO_CTX_OR_NULL, PTR_TO_REGION_OR_NULL ->
          throw refuse(
              ErrorCode.NULL_CHECK_MISSING,
              pc,
              "r"
                  + reg
                  + " may be null ("
                  + nullCause(base)
                  + ") and is dereferenced without a null check",
              s,
              Map.of(reg, base),
              "test it first: if r" + reg + " == 0 goto <out>");
      case PTR_TO_CTX -> {
        if (write && !base.writable()) {
          throw refuse(
              ErrorCode.RODATA_WRITE,
              pc,
              "r" + reg + " points into the context, which this program may only read",
              s,
              Map.of(reg, base),
              "copy the field to the stack and change the copy");
        }
      }
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
              s,
              Map.of(reg, base),
              "copy the data to the stack or a map value and change the copy");
        }
      }
      default -> {}
    }
    requireBoundedOffset(pc, s, reg, base);
    long lo = base.scalar().smin() + insnOffset;
    long hi = base.scalar().smax() + insnOffset + bytes;
    if (base.kind() == Kind.PTR_TO_STACK) {
      checkBounds(
          ErrorCode.STACK_OUT_OF_BOUNDS,
          pc,
          s,
          reg,
          base,
          lo,
          hi,
          bytes,
          -Verifier.STACK_SIZE,
          0,
          "the stack frame");
      return stackAccess(s, base, lo, hi, bytes, write, read, pc, reg);
    }
    if (base.sizeBytes() >= 0) {
      String name =
          switch (base.kind()) {
            case PTR_TO_CTX -> "the context";
            case PTR_TO_MAP_VALUE -> "the map value";
            default -> "the region " + base.region();
          };
      checkBounds(
          ErrorCode.OUT_OF_BOUNDS, pc, s, reg, base, lo, hi, bytes, 0, base.sizeBytes(), name);
    }
    return null;
  }

  /**
   * Refuses a pointer whose offset may lie beyond {@link #MAX_POINTER_OFFSET}: no region is that
   * large, and the kernel refuses it as an unbounded access.
   */
  private void requireBoundedOffset(int pc, ExplorationState s, int reg, AbstractValue base) {
    if (base.scalar().smin() >= -MAX_POINTER_OFFSET && base.scalar().smax() <= MAX_POINTER_OFFSET) {
      return;
    }
    throw refuse(
        ErrorCode.UNBOUNDED_ACCESS,
        pc,
        "r"
            + reg
            + " ("
            + base.toKernelString()
            + ") is an unbounded memory access: its offset may lie anywhere up to "
            + KernelFormat.signed(base.scalar().smax())
            + ", beyond what any region holds",
        s,
        Map.of(reg, base),
        UNBOUNDED_ADVICE);
  }

  private void checkBounds(
      ErrorCode code,
      int pc,
      ExplorationState s,
      int reg,
      AbstractValue base,
      long lo,
      long hi,
      int bytes,
      long start,
      long end,
      String region) {
    if (lo >= start && hi <= end) {
      return;
    }
    boolean variable = !base.scalar().isConstant();
    throw refuse(
        code,
        pc,
        "the access of "
            + bytes
            + " bytes through r"
            + reg
            + " ("
            + base.toKernelString()
            + ") reaches offsets ["
            + lo
            + ", "
            + hi
            + ")"
            + (variable ? " (min " + lo + ", max " + (hi - bytes) + " for its first byte)" : "")
            + ", outside "
            + region
            + " ["
            + start
            + ", "
            + end
            + ")",
        s,
        Map.of(reg, base),
        variable
            ? "check r"
                + reg
                + "'s offset against the size before the access so that both ends"
                + " stay inside ["
                + start
                + ", "
                + end
                + ")"
            : "access offsets between "
                + start
                + " and "
                + (end - bytes)
                + " for "
                + bytes
                + "-byte accesses");
  }

  private AbstractValue stackAccess(
      ExplorationState s,
      AbstractValue base,
      long lo,
      long hi,
      int bytes,
      boolean write,
      boolean read,
      int pc,
      int reg) {
    ExplorationState.Frame f = s.frames.get(base.frame());
    int from = (int) lo + Verifier.STACK_SIZE;
    int to = (int) hi + Verifier.STACK_SIZE;
    AbstractValue spilled = null;
    if (read) {
      int firstUnset = f.initialised.nextClearBit(from);
      if (firstUnset < to) {
        throw refuse(
            ErrorCode.UNINIT_STACK_READ,
            pc,
            "the stack byte at fp"
                + (firstUnset - Verifier.STACK_SIZE)
                + " is read before anything writes it",
            s,
            Map.of(reg, base),
            "store a value at fp" + lo + " (" + bytes + " bytes) before reading it");
      }
      if (bytes == 8 && base.scalar().isConstant() && from % 8 == 0) {
        spilled = f.spills[from / 8];
      }
    }
    if (write) {
      if (base.scalar().isConstant()) {
        f.initialised.set(from, to);
      }
      // a variable-offset write may land anywhere in [lo, hi): no spill there survives it
      Arrays.fill(f.spills, from / 8, (to + 7) / 8, null);
    }
    return spilled;
  }

  // ---- jumps and calls --------------------------------------------------------------------

  private int jump(int pc, Instruction insn, Opcode opcode, ExplorationState s, BitSet written) {
    if (insn.isExit()) {
      return exit(pc, s, written);
    }
    if (opcode == Opcode.CALL_LOCAL) {
      return localCall(pc, insn, s);
    }
    if (opcode == Opcode.CALL_HELPER || opcode == Opcode.CALLX) {
      helperCall(pc, insn, s, written);
      return pc + 1;
    }
    int target = (int) insn.target(pc);
    if (opcode.isUnconditionalJump()) {
      return target;
    }
    JumpOp op = opcode.jumpOp();
    boolean reg = opcode.source() == Source.REG;
    AbstractValue dst = readReg(pc, s, insn.dst());
    AbstractValue src = reg ? readReg(pc, s, insn.src()) : AbstractValue.constant(insn.imm());
    ExplorationState taken = s.copy();
    ExplorationState fall = s;
    boolean takenPossible = true;
    boolean fallPossible = true;
    if (dst.kind().maybeNull()
        && !reg
        && insn.imm() == 0
        && (op == JumpOp.JEQ || op == JumpOp.JNE)) {
      ExplorationState nonNull = op == JumpOp.JEQ ? fall : taken;
      ExplorationState isNull = op == JumpOp.JEQ ? taken : fall;
      refineNullCheck(nonNull, dst, dst.withKind(dst.kind().nonNull()));
      refineNullCheck(isNull, dst, AbstractValue.nullOf(dst));
    } else if ((!dst.isPointer() && !src.isPointer())
        || (reg && comparesLikeOffsets(opcode, dst, src))) {
      // two pointers into one object compare as their offsets do (the loop `if r1 >= r3` over
      // [ctx, ctx + len), as the kernel's packet pointers), so both outcomes narrow the offsets
      BranchOutcome sides = ScalarBranch.narrow(insn, dst.scalar(), src.scalar());
      takenPossible = sides.canTake();
      fallPossible = sides.canFall();
      if (takenPossible) {
        taken.set(insn.dst(), dst.withScalar(sides.takenDst()));
        if (reg) {
          taken.set(insn.src(), src.withScalar(sides.takenSrc()));
        }
        takenPossible = narrowCopies(taken, dst, sides.takenDst(), src, sides.takenSrc());
      }
      if (fallPossible) {
        fall.set(insn.dst(), dst.withScalar(sides.fallDst()));
        if (reg) {
          fall.set(insn.src(), src.withScalar(sides.fallSrc()));
        }
        fallPossible = narrowCopies(fall, dst, sides.fallDst(), src, sides.fallSrc());
      }
    }
    if (bodyRun != null && deltas != null) {
      int[] compared = reg ? new int[] {insn.dst(), insn.src()} : new int[] {insn.dst()};
      takenPossible = takenPossible && bodyRun.narrow(taken, deltas, compared);
      fallPossible = fallPossible && bodyRun.narrow(fall, deltas, compared);
    }
    if (takenPossible && fallPossible) {
      fork(target, pc, taken, true);
      path = new Path(pc, false, path);
      return pc + insn.slots();
    }
    if (takenPossible) {
      s.frames.clear();
      s.frames.addAll(taken.frames);
      path = new Path(pc, true, path);
      return target;
    }
    if (fallPossible) {
      path = new Path(pc, false, path);
      return pc + insn.slots();
    }
    return -1;
  }

  /**
   * Whether a 64-bit comparison of the pointers {@code dst} and {@code src} is the comparison of
   * their offsets: both point into the same object (not null, same kind, region, frame, lookup), so
   * their addresses differ by the offsets' difference; an order needs both offsets non-negative and
   * within {@link #MAX_POINTER_OFFSET}, where signed and unsigned order agree. JSET tests bits of
   * the addresses, which the offsets do not give.
   */
  private static boolean comparesLikeOffsets(Opcode opcode, AbstractValue dst, AbstractValue src) {
    if (opcode.instructionClass() != InstructionClass.JMP
        || opcode.jumpOp() == JumpOp.JSET
        || !dst.isPointer()
        || dst.kind().maybeNull()
        || dst.kind() == Kind.CONST_PTR_TO_MAP
        || dst.kind() != src.kind()
        || !Objects.equals(dst.region(), src.region())
        || dst.sizeBytes() != src.sizeBytes()
        || dst.id() != src.id()
        || dst.frame() != src.frame()
        || !Objects.equals(dst.map(), src.map())) {
      return false;
    }
    if (opcode.jumpOp() == JumpOp.JEQ || opcode.jumpOp() == JumpOp.JNE) {
      return true;
    }
    return withinOffsets(dst.scalar()) && withinOffsets(src.scalar());
  }

  private static boolean withinOffsets(Scalar offset) {
    return offset.smin() >= 0 && offset.smax() <= MAX_POINTER_OFFSET;
  }

  /**
   * The copies of the operands (registers and spilled slots sharing their link) narrowed as the
   * operands were; false when that leaves a copy no value, so the outcome cannot happen.
   */
  private static boolean narrowCopies(
      ExplorationState s, AbstractValue dst, Scalar newDst, AbstractValue src, Scalar newSrc) {
    return (!dst.isLinked() || s.narrowLinked(dst.id(), newDst))
        && (!src.isLinked() || s.narrowLinked(src.id(), newSrc));
  }

  /** Every copy of the maybe-null pointer {@code checked} (same lookup) becomes {@code to}. */
  private static void refineNullCheck(ExplorationState s, AbstractValue checked, AbstractValue to) {
    for (ExplorationState.Frame f : s.frames) {
      for (int r = 0; r < ExplorationState.REGS; r++) {
        if (f.regs[r].equals(checked) || sameLookup(f.regs[r], checked)) {
          f.regs[r] = f.regs[r].equals(checked) ? to : refinedCopy(f.regs[r], to);
        }
      }
      for (int i = 0; i < ExplorationState.SLOTS; i++) {
        if (f.spills[i] != null && sameLookup(f.spills[i], checked)) {
          f.spills[i] = refinedCopy(f.spills[i], to);
        }
      }
    }
  }

  private static boolean sameLookup(AbstractValue v, AbstractValue checked) {
    return v.kind().maybeNull() && checked.id() != 0 && v.id() == checked.id();
  }

  private static AbstractValue refinedCopy(AbstractValue copy, AbstractValue to) {
    return to.kind() == Kind.SCALAR ? to : copy.withKind(copy.kind().nonNull());
  }

  /** Why the maybe-null pointer {@code v} may be null, in plain words. */
  private static String nullCause(AbstractValue v) {
    return v.kind() == Kind.PTR_TO_MAP_VALUE_OR_NULL
        ? "map_lookup_elem returns 0 when the key is absent"
        : "the helper called at pc "
            + (v.id() - 1)
            + " may have stored no pointer, leaving the 0 stored before";
  }

  private int exit(int pc, ExplorationState s, BitSet written) {
    AbstractValue r0 = s.reg(0);
    if (!r0.isInit()) {
      String helper = r0.region();
      throw refuse(
          ErrorCode.UNINIT_REG,
          pc,
          "r0 (the return value) is read at exit"
              + (helper != null
                  ? " after the call of "
                      + helper
                      + " at pc "
                      + (r0.id() - 1)
                      + ", which returns nothing (void),"
                  : "")
              + " before any instruction writes it",
          s,
          Map.of(0, r0),
          "set r0 before exit (e.g. r0 = 0)");
    }
    if (s.depth() == 0) {
      return -1;
    }
    int callee = s.depth();
    if (r0.kind() == Kind.PTR_TO_STACK && r0.frame() == callee) {
      throw refuse(
          ErrorCode.STACK_OUT_OF_BOUNDS,
          pc,
          "r0 points into the stack frame of the function returning here, which ends at this exit",
          s,
          Map.of(0, r0),
          "return a value, or write the result through a pointer the caller passed");
    }
    ExplorationState.Frame done = s.frames.remove(callee);
    ExplorationState.Frame caller = s.current();
    caller.regs[0] = r0;
    for (int r = 1; r <= 5; r++) {
      caller.regs[r] = AbstractValue.NOT_INIT;
    }
    for (ExplorationState.Frame f : s.frames) {
      for (int i = 0; i < ExplorationState.SLOTS; i++) {
        AbstractValue v = f.spills[i];
        if (v != null && v.kind() == Kind.PTR_TO_STACK && v.frame() >= callee) {
          f.spills[i] = null;
        }
      }
    }
    written.set(0);
    return done.returnPc;
  }

  private int localCall(int pc, Instruction insn, ExplorationState s) {
    int liveFrames = s.frames.size();
    if (liveFrames >= options.maxCallDepth()) {
      throw refuse(
          ErrorCode.CALL_DEPTH,
          pc,
          "this call would make "
              + (liveFrames + 1)
              + " frames live, more than the "
              + options.maxCallDepth()
              + " allowed (the program's own and "
              + (options.maxCallDepth() - 1)
              + " nested local calls)",
          s,
          Map.of(),
          "call fewer functions in a chain, or avoid recursion");
    }
    ExplorationState.Frame caller = s.current();
    ExplorationState.Frame callee = new ExplorationState.Frame(pc + 1);
    System.arraycopy(caller.regs, 1, callee.regs, 1, 5);
    callee.regs[FP] = AbstractValue.framePointer(liveFrames);
    s.frames.add(callee);
    return (int) insn.target(pc);
  }

  private void helperCall(int pc, Instruction insn, ExplorationState s, BitSet written) {
    if (Opcode.of(insn) == Opcode.CALLX) {
      throw refuse(
          ErrorCode.UNKNOWN_HELPER,
          pc,
          "an indirect call through r" + insn.dst() + " has no prototype the verifier can check",
          s,
          Map.of(insn.dst(), s.reg(insn.dst())),
          "call the helper by its id");
    }
    HelperPrototype p = options.helpers().get((int) insn.imm());
    if (p == null || insn.src() != Instruction.CALL_HELPER) {
      throw refuse(
          ErrorCode.UNKNOWN_HELPER,
          pc,
          "helper " + insn.imm() + " has no known prototype",
          s,
          Map.of(),
          "supply its prototype in VerifierOptions.withHelper, or call a known helper ("
              + options.helpers().keySet()
              + ")");
    }
    List<ArgType> args = p.args();
    for (int i = 0; i < args.size(); i++) {
      int r = i + 1;
      if (!s.reg(r).isInit()) {
        Map<Integer, AbstractValue> regs = new HashMap<>();
        for (int k = 1; k <= args.size(); k++) {
          regs.put(k, s.reg(k));
        }
        throw refuse(
            ErrorCode.HELPER_ARGS_UNINIT,
            pc,
            p.name()
                + " takes "
                + args.size()
                + " argument"
                + (args.size() == 1 ? "" : "s")
                + " (r1-r"
                + args.size()
                + ") but r"
                + r
                + " ("
                + args.get(i).description()
                + ") is not initialised",
            s,
            regs,
            "set r" + r + " before the call");
      }
    }
    MapDefinition map = p.mapArg() < 0 ? null : mapArgument(pc, s, p, p.mapArg() + 1);
    AbstractValue[] before = new AbstractValue[args.size()];
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).storesWord()) {
        before[i] = spilledWord(s, s.reg(i + 1));
      }
    }
    for (int i = 0; i < args.size(); i++) {
      ArgType type = args.get(i);
      if (type == ArgType.PTR_TO_CTX && s.reg(i + 1).kind() != Kind.PTR_TO_CTX) {
        throw wrongArgument(pc, s, p, i + 1, "it is " + s.reg(i + 1).toKernelString());
      }
      if (!type.isMemoryPointer()) {
        continue;
      }
      int sizeArg = p.sizeArgOf(i);
      int sizeReg = sizeArg < 0 ? -1 : sizeArg + 1;
      AbstractValue size;
      String sizeText;
      switch (type.extent()) {
        case SIZE_ARGUMENT -> {
          size = sizeReg < 0 ? null : s.reg(sizeReg);
          sizeText = sizeReg < 0 ? null : "r" + sizeReg + " = " + size.toKernelString();
        }
        case EIGHT_BYTES -> {
          size = AbstractValue.constant(8);
          sizeText = "8, a u64";
        }
        case MAP_KEY -> {
          size = map == null ? null : AbstractValue.constant(map.keySize());
          sizeText = map == null ? null : "the key_size of " + map.name();
        }
        case MAP_VALUE -> {
          size = map == null ? null : AbstractValue.constant(map.valueSize());
          sizeText = map == null ? null : "the value_size of " + map.name();
        }
        case TO_NUL -> {
          // the helper reads to the NUL but never past the string's region: its first byte must
          // be there
          size = AbstractValue.constant(1);
          sizeText = "the string's first byte";
        }
        default -> {
          size = null;
          sizeText = null;
        }
      }
      helperBuffer(pc, s, p, type, i + 1, sizeReg, size, sizeText);
    }
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).storesWord()) {
        storeThrough(s, p, i, before[i], pc);
      }
    }
    for (int r = 1; r <= 5; r++) {
      s.set(r, AbstractValue.NOT_INIT);
    }
    s.set(
        0,
        switch (p.ret()) {
          case MAP_VALUE_OR_NULL -> AbstractValue.mapValueOrNull(map, pc + 1);
          case VOID -> AbstractValue.voidResultOf(p.name(), pc);
          case SCALAR -> AbstractValue.scalar(rangeOf(p.returns()));
        });
    written.set(0);
  }

  private static Scalar rangeOf(HelperPrototype.ReturnRange range) {
    return range.min() == range.max()
        ? Scalar.constant(range.min())
        : Scalar.signedRange(range.min(), range.max());
  }

  /**
   * The value spilled in the 8 bytes {@code ptr} points to, when it is a stack pointer to a whole
   * slot, else null.
   */
  private static AbstractValue spilledWord(ExplorationState s, AbstractValue ptr) {
    int slot = stackSlot(ptr);
    return slot < 0 ? null : s.frames.get(ptr.frame()).spills[slot];
  }

  /** The stack slot {@code ptr} points to the start of, or -1. */
  private static int stackSlot(AbstractValue ptr) {
    if (ptr.kind() != Kind.PTR_TO_STACK || !ptr.scalar().isConstant()) {
      return -1;
    }
    long at = ptr.scalar().constantValue() + Verifier.STACK_SIZE;
    return at >= 0 && at % 8 == 0 && at < Verifier.STACK_SIZE ? (int) (at / 8) : -1;
  }

  /**
   * Records in the stack slot argument {@code arg} points to what helper {@code p} stored there:
   * its prototype's number or pointer; for a helper that may leave the slot as it was, the pointer
   * when the slot held it already, the pointer or null when it held 0, else an unknown number.
   */
  private void storeThrough(
      ExplorationState s, HelperPrototype p, int arg, AbstractValue before, int pc) {
    AbstractValue ptr = s.reg(arg + 1);
    int slot = stackSlot(ptr);
    if (slot < 0) {
      return; // memory other than the stack holds no tracked values: loads from it are numbers
    }
    StoredValue stored = p.stored(arg);
    boolean mayLeave = p.args().get(arg).readsMemory();
    AbstractValue value;
    if (stored instanceof StoredValue.Pointer pointer) {
      AbstractValue surely =
          AbstractValue.storedPointer(
              pointer, contextSizeBytes, options.contextWritable(), false, pc);
      if (!mayLeave) {
        value = surely;
      } else if (before != null && before.equals(surely)) {
        value = surely;
      } else if (before != null
          && before.kind() == Kind.SCALAR
          && before.scalar().isConstant()
          && before.scalar().constantValue() == 0) {
        value =
            AbstractValue.storedPointer(
                pointer, contextSizeBytes, options.contextWritable(), true, pc);
      } else {
        value = AbstractValue.UNKNOWN_SCALAR;
      }
    } else {
      Scalar range = rangeOf(((StoredValue.Word) stored).range());
      value =
          mayLeave && (before == null || !before.equals(AbstractValue.scalar(range)))
              ? AbstractValue.UNKNOWN_SCALAR
              : AbstractValue.scalar(range);
    }
    s.frames.get(ptr.frame()).spills[slot] = value;
  }

  /** Whether {@code size} in {@code sizeReg} is a 0 its SIZE_OR_ZERO argument allows. */
  private static boolean touchesNothing(HelperPrototype p, int sizeReg, AbstractValue size) {
    return sizeReg > 0
        && p.args().get(sizeReg - 1) == ArgType.SIZE_OR_ZERO
        && size != null
        && !size.isPointer()
        && size.scalar().isConstant()
        && size.scalar().constantValue() == 0;
  }

  /**
   * The declared map that the map handle argument in {@code reg} names: a handle {@code lddw}
   * loaded, or a constant equal to a declared handle (the lab's helpers take the handle's number,
   * so {@code r1 = 1} names map 1 as well). Null when the options declare no maps at all: then map
   * sizes are not known and not checked.
   */
  private MapDefinition mapArgument(int pc, ExplorationState s, HelperPrototype p, int reg) {
    AbstractValue v = s.reg(reg);
    if (v.kind() == Kind.CONST_PTR_TO_MAP) {
      return v.map();
    }
    if (options.maps().isEmpty() && !v.isPointer()) {
      return null;
    }
    MapDefinition declared =
        v.kind() == Kind.SCALAR && v.scalar().isConstant()
            ? options.mapOf(v.scalar().constantValue())
            : null;
    if (declared == null) {
      throw wrongArgument(
          pc,
          s,
          p,
          reg,
          (v.kind() == Kind.SCALAR && v.scalar().isConstant()
                  ? "it holds " + KernelFormat.signed(v.scalar().constantValue())
                  : "it is " + v.toKernelString())
              + ", which is no declared map's handle (declared: "
              + handles()
              + ")");
    }
    return declared;
  }

  private String handles() {
    List<String> out = new ArrayList<>();
    options.maps().forEach((h, m) -> out.add("0x" + Long.toHexString(h) + " " + m.name()));
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private Refusal wrongArgument(
      int pc, ExplorationState s, HelperPrototype p, int reg, String what) {
    ArgType type = p.args().get(reg - 1);
    return refuse(
        ErrorCode.HELPER_ARG_TYPE,
        pc,
        p.name() + " takes " + type.description() + " in r" + reg + ", but " + what,
        s,
        Map.of(reg, s.reg(reg)),
        type == ArgType.MAP_HANDLE
            ? "load the map's handle into r" + reg + " (r" + reg + " = <map> ll)"
            : type == ArgType.PTR_TO_CTX
                ? "pass the context pointer (r1 at entry) in r" + reg
                : "pass a pointer to memory the program may use in r"
                    + reg
                    + " (the stack from r10, the context, a map value or a region)"
                    + (p.sizeArgOf(reg - 1) >= 0
                            && p.args().get(p.sizeArgOf(reg - 1)) == ArgType.SIZE_OR_ZERO
                        ? ", or a size of 0 in r" + (p.sizeArgOf(reg - 1) + 1)
                        : ""));
  }

  /**
   * Checks the buffer helper {@code p} gets in {@code bufReg}, {@code size} bytes long (null: a
   * prototype that names no size), and marks on the stack what the helper may write; {@code
   * sizeReg} holds the size (-1: the size comes from the prototype or the map, {@code sizeText}
   * says which).
   */
  private void helperBuffer(
      int pc,
      ExplorationState s,
      HelperPrototype p,
      ArgType type,
      int bufReg,
      int sizeReg,
      AbstractValue size,
      String sizeText) {
    AbstractValue buf = s.reg(bufReg);
    if (buf.kind().maybeNull()) {
      throw refuse(
          ErrorCode.NULL_CHECK_MISSING,
          pc,
          "r"
              + bufReg
              + " may be null ("
              + nullCause(buf)
              + ") and is passed to "
              + p.name()
              + " as "
              + type.description(),
          s,
          Map.of(bufReg, buf),
          "test it first: if r" + bufReg + " == 0 goto <out>");
    }
    if (!buf.isPointer() || buf.kind() == Kind.CONST_PTR_TO_MAP) {
      if (buf.kind() == Kind.SCALAR && touchesNothing(p, sizeReg, size)) {
        return; // a size of 0: the helper does not access the pointer, whatever it holds
      }
      throw wrongArgument(pc, s, p, bufReg, "it is " + buf.toKernelString());
    }
    if (size == null) {
      // memory whose size comes from a map the options do not declare: not known, not checked
      return;
    }
    if (size.isPointer() || Long.compareUnsigned(size.scalar().umax(), MAX_POINTER_OFFSET) > 0) {
      throw refuse(
          ErrorCode.UNBOUNDED_ACCESS,
          pc,
          p.name()
              + "'s size in r"
              + sizeReg
              + " ("
              + size.toKernelString()
              + ") is not bounded,"
              + " so the verifier cannot check the buffer in r"
              + bufReg,
          s,
          sizeReg < 0 ? Map.of(bufReg, buf) : Map.of(bufReg, buf, sizeReg, size),
          UNBOUNDED_ADVICE);
    }
    requireBoundedOffset(pc, s, bufReg, buf);
    boolean stack = buf.kind() == Kind.PTR_TO_STACK;
    if (!stack && buf.sizeBytes() < 0) {
      // memory whose size the options do not give yet (a map value): checked where it is known
      return;
    }
    long lo = buf.scalar().smin();
    long hi = buf.scalar().smax() + size.scalar().umax();
    long start = stack ? -Verifier.STACK_SIZE : 0;
    long end = stack ? 0 : buf.sizeBytes();
    if (lo < start || hi > end) {
      throw refuse(
          ErrorCode.HELPER_BUFFER_TOO_SMALL,
          pc,
          p.name()
              + " may access "
              + Long.toUnsignedString(size.scalar().umax())
              + " bytes ("
              + sizeText
              + ") from r"
              + bufReg
              + " ("
              + buf.toKernelString()
              + "), offsets ["
              + lo
              + ", "
              + hi
              + "), but the buffer's"
              + " memory is ["
              + start
              + ", "
              + end
              + ")",
          s,
          sizeReg < 0 ? Map.of(bufReg, buf) : Map.of(bufReg, buf, sizeReg, size),
          sizeReg < 0
              ? "pass a buffer of at least "
                  + size.scalar().umax()
                  + " bytes inside its memory ("
                  + sizeText
                  + ")"
              : "pass a size of at most "
                  + (end - buf.scalar().smax())
                  + " bytes (bound it with a"
                  + " check such as if r"
                  + sizeReg
                  + " > "
                  + Math.max(0, end - buf.scalar().smax())
                  + " goto <out>), or a larger buffer");
    }
    if (stack && type.readsMemory()) {
      ExplorationState.Frame f = s.frames.get(buf.frame());
      int firstUnset = f.initialised.nextClearBit((int) lo + Verifier.STACK_SIZE);
      if (firstUnset < hi + Verifier.STACK_SIZE) {
        throw refuse(
            ErrorCode.UNINIT_STACK_READ,
            pc,
            p.name()
                + " reads "
                + type.description()
                + " at offsets ["
                + lo
                + ", "
                + hi
                + ") of the stack, but the byte at fp"
                + (firstUnset - Verifier.STACK_SIZE)
                + " is not written before the call",
            s,
            Map.of(bufReg, buf),
            "write the whole buffer before passing it");
      }
    }
    if (stack && type.writesMemory() && buf.scalar().isConstant()) {
      // the bytes the helper surely writes: exactly the buffer, as long as its smallest size
      ExplorationState.Frame f = s.frames.get(buf.frame());
      int from = (int) lo + Verifier.STACK_SIZE;
      int to = from + (int) size.scalar().umin();
      f.initialised.set(from, to);
      Arrays.fill(f.spills, from / 8, (int) ((hi + Verifier.STACK_SIZE + 7) / 8), null);
    }
  }

  // ---- refusals and log -------------------------------------------------------------------

  private Refusal tooComplex(int pc) {
    AnalysisCost c = cost();
    boolean overInstructions = c.instructionsOverBudget();
    boolean loops = hasBackwardJump();
    String raise =
        "raise the budget with VerifierOptions."
            + (overInstructions ? "withMaxProcessedInstructions" : "withMaxStoredStates")
            + "(n)";
    // a program without a backward jump has no loop to bound: its paths multiply at branches
    // whose outcomes later code keeps apart and at local calls entered with distinct registers
    return refuse(
        ErrorCode.TOO_COMPLEX,
        pc,
        "the program is too complex to verify: "
            + c
            + ", over its "
            + (overInstructions ? "instruction" : "state")
            + " budget. Every path is explored, "
            + (loops
                ? "a loop round by round until its state repeats, a state explored before covers"
                    + " it, or its rounds are summarised by a widened invariant"
                : "each branch's two outcomes apart until a state explored before covers one,"
                    + " and a function once for each state it is called in"),
        null,
        Map.of(),
        loops
            ? "bound each loop by a constant the verifier sees (for (i = 0; i < N; i++) with N a"
                + " small constant and the index checked where it is used), do less work per round"
                + " or fewer rounds, or "
                + raise
            : LOOP_FREE_PATHS_FIX + ", " + Verifier.SIMPLER_CALLS_FIX + ", or " + raise);
  }

  /** The first advice for a program with too many paths and no loop. */
  static final String LOOP_FREE_PATHS_FIX =
      "make fewer paths: compute with the values a branch tests instead of branching where the"
          + " outcomes need not stay apart (e.g. r0 += (r2 >> 3) & 1 for if (r2 & 8) r0 += 1)";

  /** Whether a jump of the program goes back to its own pc or before: the program has a loop. */
  private boolean hasBackwardJump() {
    for (int pc = 0; pc < slots; pc++) {
      if (indexAt[pc] >= 0) {
        Instruction insn = at(pc);
        if (insn.isJump() && insn.target(pc) <= pc) {
          return true;
        }
      }
    }
    return false;
  }

  private Refusal infiniteLoop(int pc, ExplorationState s) {
    return refuse(
        ErrorCode.INFINITE_LOOP,
        pc,
        "infinite loop detected at pc "
            + pc
            + ": this path comes back here in exactly the state"
            + " it had here before, so it would go round forever",
        s,
        Map.of(),
        "make the loop's exit condition depend on a value the loop changes, e.g. a counter"
            + " compared with a constant bound");
  }

  private Refusal refuse(
      ErrorCode code,
      int pc,
      String rule,
      ExplorationState s,
      Map<Integer, AbstractValue> regs,
      String fix) {
    Map<Integer, RegType> types = new HashMap<>();
    regs.forEach((r, v) -> types.put(r, v.toRegType()));
    String t = pc >= 0 && pc < slots && indexAt[pc] >= 0 ? text(pc) : null;
    return new Refusal(
        new VerifierError(
            code,
            pc,
            t,
            rule,
            types,
            fix,
            pathText(),
            s == null ? null : s.kernelText(new BitSet())));
  }

  /** The branch outcomes of the refused path, oldest first: {@code 3: taken, 7: not taken}. */
  private String pathText() {
    List<String> runs = new ArrayList<>();
    int total = 0;
    Path last = null;
    int repeat = 0;
    for (Path p = path; p != null; p = p.before) {
      total++;
      if (last != null && last.pc == p.pc && last.taken == p.taken) {
        repeat++;
        continue;
      }
      if (last != null) {
        runs.add(outcome(last, repeat));
      }
      last = p;
      repeat = 1;
    }
    if (last == null) {
      return null;
    }
    runs.add(outcome(last, repeat));
    java.util.Collections.reverse(runs);
    int dropped = Math.max(0, runs.size() - PATH_SHOWN);
    String shown = String.join(", ", runs.subList(dropped, runs.size()));
    return dropped > 0 ? "(" + dropped + " earlier runs of outcomes) " + shown : shown;
  }

  private static String outcome(Path p, int times) {
    return p.pc + ": " + (p.taken ? "taken" : "not taken") + (times > 1 ? " x" + times : "");
  }

  private void logLine(String line) {
    if (logTruncated) {
      return;
    }
    if (log.length() + line.length() + 1 > LOG_BUDGET_CHARS) {
      log.append("... log truncated at ").append(LOG_BUDGET_CHARS).append(" characters\n");
      logTruncated = true;
      return;
    }
    log.append(line).append('\n');
  }

  private Instruction at(int pc) {
    return insns.get(indexAt[pc]);
  }

  private String text(int pc) {
    try {
      return Disassembler.llvm().instruction(at(pc));
    } catch (RuntimeException e) {
      return at(pc).toString();
    }
  }
}
