package org.csdlab.ebpf.verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.FuelExhaustedException;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Opcode;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Trace;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Disassembler;
import org.csdlab.ebpf.maps.ArrayMap;
import org.csdlab.ebpf.maps.EbpfMap;
import org.csdlab.ebpf.maps.LinuxHelpers;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapSet;
import org.csdlab.ebpf.maps.RingBufferMap;
import org.csdlab.ebpf.maps.SlotMap;

/**
 * Runs an accepted {@link SoundnessCase} on the interpreter and says what an accepted program must
 * never do: fault on memory, run out of the fuel its proven {@link
 * VerificationResult#instructionBound()} allows, fail a helper, or (what the VM alone cannot see,
 * so the run's trace is replayed against shadow memory) read a stack byte nothing wrote, touch the
 * stack frame of a call that has returned, or reach from one map value into its neighbour (a map's
 * values share one VM region).
 *
 * <p>Each case runs {@value #RUNS} times: random context, region and map contents, then every byte
 * 0xff and every hash key present, then every byte 0 and the hash maps empty, so data-dependent
 * indices reach both ends of their ranges.
 */
final class SoundnessOracle {
  /** Runs per accepted case, each with other inputs. */
  static final int RUNS = 3;

  /** Fuel of a run whose verification proved no bound (counted apart: nothing was promised). */
  static final long FIXED_FUEL = 1_000_000;

  /** Steps of a run replayed against shadow memory; later steps are checked by the VM alone. */
  static final int TRACE_STEPS = 20_000;

  /** Map keys the generated programs look up: byte 0 is the key, the others 0. */
  static final int KEYS = 5;

  private static final HexFormat HEX = HexFormat.of();

  private SoundnessOracle() {}

  /** The inputs of one run. */
  record Inputs(String kind, byte[] context, List<byte[]> regions, List<List<Integer>> hashKeys) {
    String describe() {
      StringBuilder text =
          new StringBuilder(kind).append(": context ").append(HEX.formatHex(context));
      for (int i = 0; i < regions.size(); i++) {
        text.append(", region r").append(i).append(' ').append(HEX.formatHex(regions.get(i)));
      }
      for (int i = 0; i < hashKeys.size(); i++) {
        if (hashKeys.get(i) != null) {
          text.append(", map m").append(i).append(" keys ").append(hashKeys.get(i));
        }
      }
      return text.toString();
    }
  }

  /** What one run of an accepted case did wrong: the problem and how to reproduce it. */
  record Violation(SoundnessCase c, int run, Inputs inputs, String problem) {
    /** The problem without its pc, instruction and numbers: alike violations share it. */
    String kind() {
      return kindOf(problem);
    }

    static String kindOf(String problem) {
      String words = problem.replaceFirst("^pc \\d+ \\([^)]*\\): ", "").replaceAll("'[^']*'", "");
      words = words.replaceAll("0x[0-9a-f]+|-?\\d+", "N");
      return words.length() > 90 ? words.substring(0, 90) : words;
    }

    /** The run of a violation found by the verifier itself, before any run. */
    static final int VERIFICATION = -1;

    /** The verifier threw on {@code c} instead of answering. */
    static Violation verifierThrew(SoundnessCase c, RuntimeException e) {
      return new Violation(c, VERIFICATION, null, threw(e));
    }

    static String threw(RuntimeException e) {
      StackTraceElement[] at = e.getStackTrace();
      return "the verifier threw "
          + e
          + (at.length > 0 ? " at " + at[0].getClassName() + "." + at[0].getMethodName() : "");
    }

    String reproducer() {
      return "seed "
          + c.seed()
          + (run == VERIFICATION ? "" : ", run " + run)
          + ": "
          + problem
          + "\n  options: "
          + c.optionsText()
          + (inputs == null ? "" : "\n  inputs: " + inputs.describe())
          + "\n  program:\n"
          + c.assembly().indent(4);
    }
  }

  /** How the runs of one accepted case went. */
  record Outcome(List<Violation> violations, boolean fixedFuelRanOut, boolean traceTruncated) {}

  /** Runs the accepted {@code c} ({@code result} its verification) {@value #RUNS} times. */
  static Outcome check(SoundnessCase c, Program program, VerificationResult result) {
    List<Violation> violations = new ArrayList<>();
    boolean fixedRanOut = false;
    boolean truncated = false;
    for (int run = 0; run < RUNS; run++) {
      Inputs inputs = inputs(c, run);
      RunResult r = run(c, program, result, inputs);
      fixedRanOut |= r.fixedFuelRanOut;
      truncated |= r.truncated;
      if (r.problem != null) {
        violations.add(new Violation(c, run, inputs, r.problem));
      }
    }
    return new Outcome(violations, fixedRanOut, truncated);
  }

  /** The problem of run {@code run} of {@code c}, or null when it ran safely. */
  static String problemOf(SoundnessCase c, Program program, VerificationResult result, int run) {
    return run(c, program, result, inputs(c, run)).problem;
  }

  static Inputs inputs(SoundnessCase c, int run) {
    Random random = new Random(c.seed() * 0x9E3779B97F4A7C15L + run);
    String kind = run == 0 ? "random bytes" : run == 1 ? "every byte 0xff" : "every byte 0";
    byte[] context = bytes(random, c.contextSizeBytes(), run);
    List<byte[]> regions = new ArrayList<>();
    for (SoundnessCase.RegionSpec r : c.regions()) {
      regions.add(bytes(random, r.lengthBytes(), run));
    }
    List<List<Integer>> keys = new ArrayList<>();
    for (MapDefinition m : c.maps()) {
      if (m.type() == org.csdlab.ebpf.maps.MapType.HASH) {
        List<Integer> present = new ArrayList<>();
        for (int k = 0; k < KEYS && run != 2; k++) {
          if (run == 1 || random.nextBoolean()) {
            present.add(k);
          }
        }
        keys.add(present);
      } else {
        keys.add(null);
      }
    }
    return new Inputs(kind, context, regions, keys);
  }

  private static byte[] bytes(Random random, int length, int run) {
    byte[] b = new byte[length];
    if (run == 0) {
      random.nextBytes(b);
    } else if (run == 1) {
      Arrays.fill(b, (byte) 0xff);
    }
    return b;
  }

  private record RunResult(String problem, boolean fixedFuelRanOut, boolean truncated) {}

  private static RunResult run(
      SoundnessCase c, Program program, VerificationResult result, Inputs in) {
    MapSet maps = MapSet.of(c.maps());
    fill(maps, in);
    long fuel = result.hasInstructionBound() ? Math.max(1, result.instructionBound()) : FIXED_FUEL;
    Vm.Builder builder =
        Vm.builder(program)
            .engine(Engine.INTERPRETER)
            .fuel(fuel)
            .trace(true)
            .traceLimit((int) Math.min(fuel, TRACE_STEPS));
    for (int i = 0; i < c.regions().size(); i++) {
      SoundnessCase.RegionSpec r = c.regions().get(i);
      byte[] bytes = in.regions().get(i).clone();
      if (r.writable()) {
        builder.region(r.name(), bytes);
      } else {
        builder.readOnlyRegion(r.name(), bytes);
      }
    }
    Vm vm = maps.configure(builder).helpers(new LinuxHelpers(maps).registry()).build();
    for (int i = 0; i < c.regions().size(); i++) {
      if (vm.addressOf(c.regions().get(i).name()) != SoundnessCase.regionAddress(i)) {
        throw new IllegalStateException("the VM no longer lays out regions as SoundnessCase says");
      }
    }
    Trace trace;
    try {
      trace = vm.run(in.context().clone()).trace().orElseThrow();
    } catch (FuelExhaustedException e) {
      if (!result.hasInstructionBound()) {
        return new RunResult(null, true, false);
      }
      return new RunResult(
          "ran out of the fuel its proven bound allows ("
              + fuel
              + " instructions): "
              + e.getMessage(),
          false,
          false);
    } catch (RuntimeException e) {
      return new RunResult(e.getClass().getSimpleName() + ": " + e.getMessage(), false, false);
    }
    String shadow = new Shadow(c, vm, maps, in).replay(trace);
    return new RunResult(shadow, false, trace.truncated());
  }

  private static void fill(MapSet maps, Inputs in) {
    for (int i = 0; i < maps.maps().size(); i++) {
      EbpfMap map = maps.maps().get(i);
      if (!(map instanceof SlotMap slots)) {
        continue;
      }
      MapDefinition d = slots.definition();
      byte fillByte = in.kind().startsWith("every byte 0xff") ? (byte) 0xff : (byte) 0x5a;
      if (map instanceof ArrayMap array) {
        for (int k = 0; k < d.maxEntries(); k++) {
          byte[] value = new byte[d.valueSize()];
          Arrays.fill(value, fillByte);
          array.update(ArrayMap.key(k), value, 0);
        }
      } else {
        for (int k : in.hashKeys().get(i)) {
          byte[] key = new byte[d.keySize()];
          key[0] = (byte) k;
          byte[] value = new byte[d.valueSize()];
          Arrays.fill(value, fillByte);
          slots.update(key, value, 0); // beyond max_entries it fails, as the kernel's
        }
      }
    }
  }

  /**
   * Replays a run's trace: the registers before each step, which stack bytes are written, which
   * frames are live, and where each map's values begin and end.
   */
  private static final class Shadow {
    private static final int FRAME = Vm.STACK_FRAME_BYTES;
    private final long stackBase;
    private final long top;
    private final boolean[] written = new boolean[FRAME * Vm.MAX_CALL_DEPTH];
    private final long[] regs = new long[11];
    private final MapSet maps;
    private final long[] valueBase;
    private int depth;

    Shadow(SoundnessCase c, Vm vm, MapSet maps, Inputs in) {
      this.maps = maps;
      this.stackBase = vm.addressOf(Vm.STACK);
      this.top = stackBase + (long) FRAME * Vm.MAX_CALL_DEPTH;
      regs[1] = in.context().length == 0 ? 0 : vm.addressOf(Vm.CONTEXT);
      regs[2] = in.context().length;
      regs[10] = top;
      valueBase = new long[maps.maps().size()];
      for (int i = 0; i < valueBase.length; i++) {
        valueBase[i] = maps.maps().get(i) instanceof SlotMap s ? vm.addressOf(s.regionName()) : -1;
      }
    }

    String replay(Trace trace) {
      for (Trace.Step step : trace.steps()) {
        String problem = step(step.instruction());
        if (problem != null) {
          return "pc " + step.pc() + " (" + text(step.instruction()) + "): " + problem;
        }
        for (Trace.RegisterChange change : step.changes()) {
          regs[change.register().index()] = change.after();
        }
        if (step.instruction().isLocalCall()) {
          depth = (int) ((top - regs[10]) / FRAME);
          int from = written.length - FRAME * (depth + 1);
          Arrays.fill(written, from, from + FRAME, false);
        } else if (step.instruction().isExit()) {
          depth = (int) ((top - regs[10]) / FRAME);
        }
      }
      return null;
    }

    private String step(Instruction insn) {
      Opcode op = Opcode.of(insn);
      if (op.isLoad()) {
        return access(regs[insn.src()] + insn.offset(), op.size().bytes(), true, false);
      }
      if (op.isStore() || op.isAtomic()) {
        return access(regs[insn.dst()] + insn.offset(), op.size().bytes(), op.isAtomic(), true);
      }
      if (op == Opcode.CALL_HELPER) {
        return helper((int) insn.imm());
      }
      return null;
    }

    private String helper(int id) {
      EbpfMap map = maps.byHandle(regs[1]);
      return switch (id) {
        case LinuxHelpers.MAP_LOOKUP_ELEM, LinuxHelpers.MAP_DELETE_ELEM ->
            map instanceof SlotMap s ? buffer("key", regs[2], s.keySize()) : null;
        case LinuxHelpers.MAP_UPDATE_ELEM -> {
          if (!(map instanceof SlotMap s)) {
            yield null;
          }
          String key = buffer("key", regs[2], s.keySize());
          yield key != null ? key : buffer("value", regs[3], s.valueSize());
        }
        case LinuxHelpers.TRACE_PRINTK ->
            regs[2] > 0 && regs[2] <= LinuxHelpers.MAX_PRINTK_BYTES
                ? buffer("format", regs[1], (int) regs[2])
                : null;
        case LinuxHelpers.RINGBUF_OUTPUT ->
            map instanceof RingBufferMap ring && regs[3] > 0 && regs[3] <= ring.capacity()
                ? buffer("data", regs[2], (int) regs[3])
                : null;
        default -> null;
      };
    }

    private String buffer(String what, long address, int size) {
      String p = access(address, size, true, false);
      return p == null ? null : "its " + what + " buffer: " + p;
    }

    private String access(long address, int size, boolean read, boolean write) {
      if (address >= stackBase && address + size <= top) {
        int first = (int) ((top - address - 1) / FRAME);
        int last = (int) ((top - (address + size - 1) - 1) / FRAME);
        if (first != last) {
          return "the access of "
              + size
              + " bytes straddles stack frames "
              + last
              + " and "
              + first;
        }
        if (first > depth) {
          return "the access reaches frame "
              + first
              + " of a call that has returned (live frames 0.."
              + depth
              + ")";
        }
        int at = (int) (address - stackBase);
        for (int i = 0; read && i < size; i++) {
          if (!written[at + i]) {
            return "reads the stack byte fp"
                + (address + i - (top - (long) FRAME * first))
                + " of frame "
                + first
                + ", which nothing wrote";
          }
        }
        if (write) {
          Arrays.fill(written, at, at + size, true);
        }
        return null;
      }
      for (int i = 0; i < valueBase.length; i++) {
        if (valueBase[i] < 0
            || address < valueBase[i]
            || (address >>> 32) != (valueBase[i] >>> 32)) {
          continue;
        }
        SlotMap s = (SlotMap) maps.maps().get(i);
        long off = address - valueBase[i];
        if (off / s.valueSize() != (off + size - 1) / s.valueSize()) {
          return "the access of "
              + size
              + " bytes at offset "
              + off % s.valueSize()
              + " of a value of map "
              + s.name()
              + " reaches past its "
              + s.valueSize()
              + " bytes into the next value";
        }
      }
      return null;
    }

    private static String text(Instruction insn) {
      try {
        return Disassembler.llvm().instruction(insn);
      } catch (RuntimeException e) {
        return insn.toString();
      }
    }
  }
}
