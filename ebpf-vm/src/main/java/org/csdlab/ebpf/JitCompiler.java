package org.csdlab.ebpf;

import static org.objectweb.asm.Opcodes.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Compiles a {@link Program} to JVM bytecode with ASM and loads it as a hidden class, so HotSpot
 * turns it into machine code. The eBPF registers are {@code long} locals; each function (slot 0 and
 * every local call target, see {@link JitPlan}) is a static method; each memory access indexes the
 * region array by the address's upper half and reads the region's {@code byte[]} through a
 * little-endian {@code VarHandle}, so the JVM's own array bounds check is the VM's bounds check,
 * and an exception handler per access turns its failure into the interpreter's {@link
 * MemoryAccessException}. Fuel is paid per basic block; a block the remaining fuel cannot pay for
 * is handed to the interpreter, which stops at the exact instruction.
 */
final class JitCompiler {
  /**
   * HotSpot does not compile methods of more bytecode than this ({@code
   * -XX:+DontCompileHugeMethods} is on by default); a function that would be larger runs on the
   * interpreter.
   */
  static final int HUGE_METHOD_BYTES = 8000;

  private static final String RUN_STATE = "org/csdlab/ebpf/RunState";
  private static final String JIT_RUN = "org/csdlab/ebpf/JitRun";
  private static final String JIT_RUN_DESC = "L" + JIT_RUN + ";";
  private static final String ARITHMETIC = "org/csdlab/ebpf/Arithmetic";
  private static final String MEMORY = "org/csdlab/ebpf/Memory";
  private static final String VAR_HANDLE = "java/lang/invoke/VarHandle";
  private static final String VAR_HANDLE_DESC = "Ljava/lang/invoke/VarHandle;";
  private static final String FUNCTION_DESC = "(" + JIT_RUN_DESC + "I)J";
  private static final long MASK32 = 0xffffffffL;

  // Local variable slots of every generated function.
  private static final int JR = 0;
  private static final int DEPTH = 1;
  private static final int RESUME_PC = 2; // a part's parameter: where to start
  private static final int R0 = 4; // r_i at R0 + 2 * i, through r10
  private static final int LEFT = 26;
  private static final int ADDR = 28;
  private static final int TMP = 30;
  private static final int DATA = 32;
  private static final int STORE = 33;
  private static final int STUB_PC = 34;
  private static final int STUB_COUNT = 35;
  private static final int REGS = 36;
  private static final int SELECT_MASK = 37;
  private static final String PART_DESC = "(" + JIT_RUN_DESC + "II)J";

  /** What a part returns when its function exits (r0 is in the register file). */
  private static final long PART_EXITED = -1;

  /** Bytecode a part aims at, well under {@link #HUGE_METHOD_BYTES}. */
  private static final int PART_TARGET_BYTES = 6000;

  /** Attempts at splitting a function before the program runs interpreted. */
  private static final int SPLIT_ATTEMPTS = 8;

  /**
   * Most instructions of a program the JIT compiles, checked before any work: compiling costs time
   * and class memory in proportion (about 30 ms and 1 MB per 10,000), and a larger program runs
   * interpreted.
   */
  static final int MAX_INSTRUCTIONS = 100_000;

  /** Most instructions of a loop of one block that is compiled unrolled. */
  static final int UNROLLED_LOOP_INSTRUCTIONS = 16;

  /** Rounds of a small loop run between two fuel checks. */
  static final int UNROLL_ROUNDS = 4;

  /** Most arithmetic instructions a branch may skip and still be compiled as a selection. */
  static final int MAX_SELECTED_INSTRUCTIONS = 4;

  private final Program program;
  private final JitOptions options;
  private final JitPlan plan;
  private final String className;
  private final Map<String, Integer> methodBytes = new java.util.TreeMap<>();

  /** Entry slot → most instructions per part, for the functions too large for one method. */
  private final Map<Integer, Integer> partInstructions = new HashMap<>();

  /**
   * Instructions a function may have before it is split from the start, without trying one method
   * first: at the 10–20 bytes of bytecode most instructions take, more would not fit.
   */
  private static final int SPLIT_FROM_THE_START_INSTRUCTIONS = 600;

  /** Instructions per part when splitting from the start. */
  private static final int FIRST_PART_INSTRUCTIONS = 400;

  private JitCompiler(Program program, JitOptions options) {
    this.program = program;
    this.options = options;
    this.plan = new JitPlan(program);
    this.className = "org/csdlab/ebpf/JitCompiledProgram";
    plan.functions()
        .forEach(
            (entry, blocks) -> {
              int instructions = blocks.stream().mapToInt(JitPlan.Block::instructions).sum();
              if (instructions > SPLIT_FROM_THE_START_INSTRUCTIONS) {
                partInstructions.put(entry, FIRST_PART_INSTRUCTIONS);
              }
            });
  }

  /** The compiled program, or why it could not be compiled. */
  static Result compile(Program program, Interpreter interpreter) {
    return compile(program, interpreter, JitOptions.forThisJvm());
  }

  /** The compiled program with {@code options}, or why it could not be compiled. */
  static Result compile(Program program, Interpreter interpreter, JitOptions options) {
    if (program.size() > MAX_INSTRUCTIONS) {
      return Result.refused(
          "the program has "
              + program.size()
              + " instructions, more than the JIT compiles (JitCompiler.MAX_INSTRUCTIONS = "
              + MAX_INSTRUCTIONS
              + ")");
    }
    long start = System.nanoTime();
    JitCompiler compiler = new JitCompiler(program, options);
    byte[] classBytes = null;
    for (int attempt = 0; classBytes == null; attempt++) {
      try {
        classBytes = compiler.classBytes();
      } catch (TooLarge e) {
        if (attempt == SPLIT_ATTEMPTS || !compiler.split(e)) {
          return Result.refused(e.getMessage());
        }
      } catch (org.objectweb.asm.ClassTooLargeException
          | org.objectweb.asm.MethodTooLargeException e) {
        return Result.refused("the generated class breaks a class-file limit: " + e.getMessage());
      }
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(classBytes, true);
      JitEntry entry =
          (JitEntry)
              lookup
                  .findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                  .invoke();
      long nanos = System.nanoTime() - start;
      return new Result(
          new CompiledProgram(entry, interpreter),
          null,
          classBytes,
          compiler.methodBytes,
          java.util.Set.copyOf(compiler.partInstructions.keySet()),
          nanos);
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
        throw vme;
      }
      return Result.refused("the JVM refused the generated class: " + e);
    }
  }

  /** What compiling gave: an engine, or the reason it runs interpreted. */
  record Result(
      CompiledProgram engine,
      String refusal,
      byte[] classBytes,
      Map<String, Integer> methodBytes,
      java.util.Set<Integer> splitFunctions,
      long compileNanos) {
    static Result refused(String reason) {
      return new Result(null, reason, null, Map.of(), java.util.Set.of(), 0);
    }
  }

  /** The line number of the JIT's own code in a function: one past the last eBPF pc's line. */
  static int supportLine(Program program) {
    return program.slotCount() + 1;
  }

  /** The local variable slot of register {@code r} in every generated function. */
  static int registerSlot(int r) {
    return reg(r);
  }

  /** The JIT's other locals by slot, named for the listing. */
  static Map<Integer, String> supportSlotNames() {
    return Map.ofEntries(
        Map.entry(JR, "run"),
        Map.entry(DEPTH, "depth"),
        Map.entry(LEFT, "left"),
        Map.entry(ADDR, "address"),
        Map.entry(TMP, "tmp"),
        Map.entry(DATA, "regions"),
        Map.entry(STORE, "writableRegions"),
        Map.entry(STUB_PC, "refillPc"),
        Map.entry(STUB_COUNT, "refillCount"),
        Map.entry(REGS, "registerFile"),
        Map.entry(SELECT_MASK, "selectMask"));
  }

  private static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;
    final int entryPc;
    final int bytes;
    final int instructions;

    TooLarge(String message, int entryPc, int bytes, int instructions) {
      super(message, null, false, false);
      this.entryPc = entryPc;
      this.bytes = bytes;
      this.instructions = instructions;
    }
  }

  /**
   * Splits (or splits finer) the function that came out too large; false when it cannot be split
   * further (a part of one block is still too large).
   */
  private boolean split(TooLarge tooLarge) {
    int perPart =
        (int) Math.max(1, (long) tooLarge.instructions * PART_TARGET_BYTES / tooLarge.bytes);
    Integer before = partInstructions.get(tooLarge.entryPc);
    if (before != null) {
      perPart = Math.min(perPart, before / 2);
    }
    if (perPart < 1 || (before != null && before <= 1)) {
      return false;
    }
    partInstructions.put(tooLarge.entryPc, perPart);
    methodBytes.clear();
    return true;
  }

  // ---- the class ----

  private byte[] classBytes() throws TooLarge {
    ClassWriter cw =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
          @Override
          protected String getCommonSuperClass(String type1, String type2) {
            return "java/lang/Object";
          }
        };
    cw.visit(
        V17,
        ACC_FINAL | ACC_SUPER,
        className,
        null,
        "java/lang/Object",
        new String[] {"org/csdlab/ebpf/JitEntry"});
    cw.visitSource("ebpf program", null);
    MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    MethodVisitor run = cw.visitMethod(ACC_PUBLIC, "run", "(" + JIT_RUN_DESC + ")J", null, null);
    run.visitCode();
    run.visitVarInsn(ALOAD, 1);
    run.visitInsn(ICONST_0);
    run.visitMethodInsn(INVOKESTATIC, className, functionName(0), FUNCTION_DESC, false);
    run.visitInsn(LRETURN);
    run.visitMaxs(0, 0);
    run.visitEnd();

    for (Map.Entry<Integer, List<JitPlan.Block>> function : plan.functions().entrySet()) {
      int entry = function.getKey();
      Integer perPart = partInstructions.get(entry);
      if (perPart == null) {
        new FunctionWriter(cw, entry, function.getValue(), functionName(entry), null).write();
      } else {
        writeParts(cw, entry, function.getValue(), perPart);
      }
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static String functionName(int entryPc) {
    return "pc" + entryPc;
  }

  private static String partName(int entryPc, int part) {
    return "pc" + entryPc + "_part" + part;
  }

  /**
   * A function too large for one method: its blocks in slot order cut into parts of at most {@code
   * perPart} instructions, each a method that starts at one of its entry blocks and returns the
   * slot to go on at (or {@link #PART_EXITED}), with the registers in the register file in between;
   * the function's method calls the parts in turn.
   */
  private void writeParts(ClassWriter cw, int entry, List<JitPlan.Block> blocks, int perPart)
      throws TooLarge {
    List<List<JitPlan.Block>> parts = new ArrayList<>();
    List<JitPlan.Block> current = new ArrayList<>();
    int count = 0;
    for (JitPlan.Block block : blocks) {
      if (!current.isEmpty() && count + block.instructions() > perPart) {
        parts.add(current);
        current = new ArrayList<>();
        count = 0;
      }
      current.add(block);
      count += block.instructions();
    }
    parts.add(current);
    Map<Integer, Integer> partOf = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      for (JitPlan.Block block : parts.get(i)) {
        partOf.put(block.startPc(), i);
      }
    }
    // Entries of a part: the function's entry and every block reached from another part.
    List<java.util.TreeSet<Integer>> entries = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      entries.add(new java.util.TreeSet<>());
    }
    entries.get(partOf.get(entry)).add(entry);
    for (int i = 0; i < parts.size(); i++) {
      for (JitPlan.Block block : parts.get(i)) {
        for (int next : plan.successors(block)) {
          if (partOf.get(next) != i) {
            entries.get(partOf.get(next)).add(next);
          }
        }
      }
    }
    for (int i = 0; i < parts.size(); i++) {
      new FunctionWriter(cw, entry, parts.get(i), partName(entry, i), List.copyOf(entries.get(i)))
          .write();
    }
    writePartDriver(cw, entry, entries, partOf);
  }

  /** The function's method when it is split: calls the part holding each slot to go on at. */
  private void writePartDriver(
      ClassWriter cw,
      int entry,
      List<java.util.TreeSet<Integer>> entries,
      Map<Integer, Integer> partOf) {
    MethodVisitor mv =
        cw.visitMethod(ACC_STATIC | ACC_PRIVATE, functionName(entry), FUNCTION_DESC, null, null);
    mv.visitCode();
    pushInt(mv, entry);
    mv.visitVarInsn(ISTORE, RESUME_PC);
    Label dispatch = new Label();
    Label exited = new Label();
    Label unknown = new Label();
    List<Integer> keys = new ArrayList<>();
    for (java.util.TreeSet<Integer> set : entries) {
      keys.addAll(set);
    }
    java.util.Collections.sort(keys);
    Label[] calls = new Label[entries.size()];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = new Label();
    }
    Label[] targets = new Label[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      targets[i] = calls[partOf.get(keys.get(i))];
    }
    mv.visitLabel(dispatch);
    mv.visitVarInsn(ILOAD, RESUME_PC);
    mv.visitLookupSwitchInsn(unknown, keys.stream().mapToInt(Integer::intValue).toArray(), targets);
    for (int i = 0; i < calls.length; i++) {
      mv.visitLabel(calls[i]);
      mv.visitVarInsn(ALOAD, JR);
      mv.visitVarInsn(ILOAD, DEPTH);
      mv.visitVarInsn(ILOAD, RESUME_PC);
      mv.visitMethodInsn(INVOKESTATIC, className, partName(entry, i), PART_DESC, false);
      mv.visitInsn(DUP2);
      mv.visitVarInsn(LSTORE, TMP);
      mv.visitInsn(LCONST_0);
      mv.visitInsn(LCMP);
      mv.visitJumpInsn(IFLT, exited);
      mv.visitVarInsn(LLOAD, TMP);
      mv.visitInsn(L2I);
      mv.visitVarInsn(ISTORE, RESUME_PC);
      mv.visitJumpInsn(GOTO, dispatch);
    }
    mv.visitLabel(exited);
    mv.visitVarInsn(ALOAD, JR);
    mv.visitFieldInsn(GETFIELD, JIT_RUN, "regs", "[J");
    mv.visitInsn(ICONST_0);
    mv.visitInsn(LALOAD);
    mv.visitInsn(LRETURN);
    mv.visitLabel(unknown);
    mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
    mv.visitInsn(DUP);
    mv.visitLdcInsn("a part of the function at pc " + entry + " went on at a slot no part holds");
    mv.visitMethodInsn(
        INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false);
    mv.visitInsn(ATHROW);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void pushInt(MethodVisitor mv, int value) {
    if (value >= -1 && value <= 5) {
      mv.visitInsn(ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }

  private static int reg(int r) {
    return R0 + 2 * r;
  }

  /**
   * Writes one method: a whole function, or one part of a split function (then {@code partEntries}
   * lists the slots it may start at, and leaving its blocks returns the slot to go on at).
   */
  private final class FunctionWriter {
    private final int entryPc;
    private final List<JitPlan.Block> blocks;
    private final String methodName;
    private final List<Integer> partEntries;
    private final Map<Integer, Label> leaveLabels = new java.util.TreeMap<>();
    private final MethodVisitor mv;
    private final Map<Integer, Label> blockLabels = new HashMap<>();
    private final Map<Integer, Label> bodyLabels = new HashMap<>();
    private final List<Runnable> handlers = new ArrayList<>();
    private final Label refill = new Label();

    FunctionWriter(
        ClassWriter cw,
        int entryPc,
        List<JitPlan.Block> blocks,
        String methodName,
        List<Integer> partEntries) {
      this.entryPc = entryPc;
      this.blocks = blocks;
      this.methodName = methodName;
      this.partEntries = partEntries;
      this.mv =
          cw.visitMethod(
              ACC_STATIC | ACC_PRIVATE,
              methodName,
              partEntries == null ? FUNCTION_DESC : PART_DESC,
              null,
              null);
      for (JitPlan.Block block : blocks) {
        blockLabels.put(block.startPc(), new Label());
        bodyLabels.put(block.startPc(), new Label());
      }
    }

    void write() throws TooLarge {
      mv.visitCode();
      prologue();
      for (int i = 0; i < blocks.size(); i++) {
        JitPlan.Block block = blocks.get(i);
        boolean jumpsAway = block(block);
        Integer fallthrough = jumpsAway ? null : fallthrough(block);
        boolean nextIsFallthrough =
            i + 1 < blocks.size()
                && fallthrough != null
                && blocks.get(i + 1).startPc() == fallthrough;
        if (fallthrough != null && !nextIsFallthrough) {
          mv.visitJumpInsn(GOTO, labelOf(fallthrough));
        }
      }
      // The JIT's own code (fuel refill, fault handlers) gets the line after the program's last.
      Label support = new Label();
      mv.visitLabel(support);
      mv.visitLineNumber(supportLine(program), support);
      refillStub();
      for (Runnable handler : handlers) {
        handler.run();
      }
      leaveStubs();
      Label end = new Label();
      mv.visitLabel(end);
      mv.visitMaxs(0, 0);
      mv.visitEnd();
      int bytes = end.getOffset();
      methodBytes.put(methodName, bytes);
      if (bytes > HUGE_METHOD_BYTES) {
        int instructions = blocks.stream().mapToInt(JitPlan.Block::instructions).sum();
        throw new TooLarge(
            "the function at pc "
                + entryPc
                + (partEntries == null ? "" : " (a part of " + instructions + " instructions)")
                + " compiles to "
                + bytes
                + " bytes of JVM bytecode, more than the "
                + HUGE_METHOD_BYTES
                + " HotSpot compiles",
            entryPc,
            bytes,
            instructions);
      }
    }

    /** Where a jump to {@code pc} goes: its block here, or the way out of this part. */
    private Label labelOf(int pc) {
      Label here = blockLabels.get(pc);
      return here != null ? here : leaveLabels.computeIfAbsent(pc, at -> new Label());
    }

    /** Each way out of this part: registers and fuel to the register file, then the slot. */
    private void leaveStubs() {
      for (Map.Entry<Integer, Label> leave : leaveLabels.entrySet()) {
        mv.visitLabel(leave.getValue());
        spill(10);
        saveLeft();
        pushLong(leave.getKey());
        mv.visitInsn(LRETURN);
      }
    }

    private Integer fallthrough(JitPlan.Block block) {
      int last = block.lastPc(program);
      Instruction insn = program.at(last);
      if (insn.isExit() || (insn.isJump() && JumpOp.of(insn.opcode()) == JumpOp.JA)) {
        return null;
      }
      return block.endPc() < program.slotCount() ? block.endPc() : null;
    }

    private void prologue() {
      mv.visitVarInsn(ALOAD, JR);
      mv.visitFieldInsn(GETFIELD, JIT_RUN, "regs", "[J");
      mv.visitVarInsn(ASTORE, REGS);
      for (int r = 0; r <= 10; r++) {
        mv.visitVarInsn(ALOAD, REGS);
        pushInt(r);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LSTORE, reg(r));
      }
      mv.visitVarInsn(ALOAD, JR);
      mv.visitFieldInsn(GETFIELD, JIT_RUN, "left", "J");
      mv.visitVarInsn(LSTORE, LEFT);
      mv.visitVarInsn(ALOAD, JR);
      mv.visitFieldInsn(GETFIELD, JIT_RUN, "data", "[[B");
      mv.visitVarInsn(ASTORE, DATA);
      mv.visitVarInsn(ALOAD, JR);
      mv.visitFieldInsn(GETFIELD, JIT_RUN, "store", "[[B");
      mv.visitVarInsn(ASTORE, STORE);
      mv.visitInsn(LCONST_0);
      mv.visitVarInsn(LSTORE, ADDR);
      mv.visitInsn(LCONST_0);
      mv.visitVarInsn(LSTORE, TMP);
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ISTORE, STUB_PC);
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ISTORE, STUB_COUNT);
      mv.visitInsn(LCONST_0);
      mv.visitVarInsn(LSTORE, SELECT_MASK);
      if (partEntries == null) {
        mv.visitJumpInsn(GOTO, blockLabels.get(entryPc));
        return;
      }
      Label[] starts = new Label[partEntries.size()];
      for (int i = 0; i < starts.length; i++) {
        starts[i] = blockLabels.get(partEntries.get(i));
      }
      mv.visitVarInsn(ILOAD, RESUME_PC);
      mv.visitLookupSwitchInsn(
          starts[0], partEntries.stream().mapToInt(Integer::intValue).toArray(), starts);
    }

    // ---- fuel ----

    /** Compiles {@code block}; true when its code ends in a jump of its own (no fallthrough). */
    private boolean block(JitPlan.Block block) {
      Label start = blockLabels.get(block.startPc());
      mv.visitLabel(start);
      // The line number of each instruction's bytecode is its eBPF pc + 1 (line 0 is not
      // allowed), for JitListing and for stack traces; the block's fuel check counts as its first
      // instruction's.
      mv.visitLineNumber(block.startPc() + 1, start);
      if (isSmallLoop(block)) {
        unrolledRounds(block, start);
      } else {
        JitPlan.Block rest = selectionLoopRest(block);
        if (rest != null) {
          unrolledSelectionRounds(block, rest, start);
        }
      }
      mv.visitVarInsn(LLOAD, LEFT);
      pushLong(block.instructions());
      mv.visitInsn(LSUB);
      Label body = bodyLabels.get(block.startPc());
      payOrRefill(block, body);
      mv.visitLabel(body);
      int last = block.lastPc(program);
      for (int pc = block.startPc(); pc < block.endPc(); pc += program.at(pc).slots()) {
        if (pc != block.startPc()) {
          Label line = new Label();
          mv.visitLabel(line);
          mv.visitLineNumber(pc + 1, line);
        }
        JitPlan.Block skipped = pc == last ? skippedByBranch(pc) : null;
        if (skipped != null) {
          select(block, pc, program.at(pc), skipped);
          return true;
        }
        instruction(pc, program.at(pc));
      }
      return false;
    }

    /**
     * True for a loop of a few instructions in one block: the block ends jumping back to its own
     * start, or leaving the loop with a fallthrough that is only a jump back to its start (as
     * compilers lay out {@code while} loops).
     */
    private boolean isSmallLoop(JitPlan.Block block) {
      int last = block.lastPc(program);
      Instruction jump = program.at(last);
      if (block.instructions() >= UNROLLED_LOOP_INSTRUCTIONS
          || !Opcode.of(jump).isConditionalJump()
          || skippedByBranch(last) != null) {
        return false;
      }
      return jump.target(last) == block.startPc() || backJumpAfter(block) != null;
    }

    /** The block after {@code block} when it is a single jump back to {@code block}'s start. */
    private JitPlan.Block backJumpAfter(JitPlan.Block block) {
      JitPlan.Block next = plan.blockAt(block.endPc());
      if (next == null || next.instructions() != 1 || !blockLabels.containsKey(next.startPc())) {
        return null;
      }
      Instruction insn = program.at(next.startPc());
      boolean backJump =
          insn.isJump()
              && JumpOp.of(insn.opcode()) == JumpOp.JA
              && insn.target(next.startPc()) == block.startPc();
      return backJump ? next : null;
    }

    /**
     * A small loop's {@link #UNROLL_ROUNDS} rounds without a fuel check between them, taken when
     * the slice holds the fuel for all of them: each round still pays its fuel, so the count stays
     * exact, and a round that leaves the loop goes on after it. With less fuel the loop runs its
     * checked form below. The copies are the JIT's own code in the listing.
     */
    private void unrolledRounds(JitPlan.Block block, Label start) {
      int n = block.instructions();
      int last = block.lastPc(program);
      Instruction jump = program.at(last);
      boolean viaBackJump = jump.target(last) != block.startPc();
      int roundCost = n + (viaBackJump ? 1 : 0);
      Label checked = roundsGuard(roundCost);
      for (int round = 1; round <= UNROLL_ROUNDS; round++) {
        payWithoutCheck(n);
        instructionsBefore(block.startPc(), last);
        Label nextRound = round == UNROLL_ROUNDS ? start : new Label();
        if (viaBackJump) {
          // taken leaves the loop; not taken runs the jump back, which costs one instruction
          conditional(last, Opcode.of(jump), jump, labelOf((int) jump.target(last)));
          payWithoutCheck(1);
          mv.visitJumpInsn(GOTO, nextRound);
        } else {
          conditional(last, Opcode.of(jump), jump, nextRound);
          mv.visitJumpInsn(GOTO, labelOf(block.endPc()));
        }
        if (round < UNROLL_ROUNDS) {
          mv.visitLabel(nextRound);
        }
      }
      checkedFormFollows(block, checked);
    }

    /**
     * For a loop of two blocks joined by a selection — {@code block} ends in a conditional jump
     * compiled as a selection, whose target block ends jumping back to {@code block}'s start, as
     * compilers lay out {@code for (...) if (x[i] > c) n++;} — the target block; else null.
     */
    private JitPlan.Block selectionLoopRest(JitPlan.Block block) {
      int last = block.lastPc(program);
      JitPlan.Block skipped = skippedByBranch(last);
      if (skipped == null) {
        return null;
      }
      JitPlan.Block rest = plan.blockAt((int) program.at(last).target(last));
      if (rest == null || rest == block || !blockLabels.containsKey(rest.startPc())) {
        return null;
      }
      int restLast = rest.lastPc(program);
      Instruction back = program.at(restLast);
      boolean loops =
          Opcode.of(back).isConditionalJump()
              && back.target(restLast) == block.startPc()
              && skippedByBranch(restLast) == null;
      int instructions = block.instructions() + skipped.instructions() + rest.instructions();
      return loops && instructions < UNROLLED_LOOP_INSTRUCTIONS ? rest : null;
    }

    /**
     * The rounds of a {@link #selectionLoopRest selection loop} without a fuel check between them,
     * as {@link #unrolledRounds} does for a loop of one block: taken when the slice holds the fuel
     * for all rounds at their dearest; each block still pays what it costs, so the count stays
     * exact.
     */
    private void unrolledSelectionRounds(JitPlan.Block block, JitPlan.Block rest, Label start) {
      int last = block.lastPc(program);
      Instruction select = program.at(last);
      JitPlan.Block skipped = skippedByBranch(last);
      int restLast = rest.lastPc(program);
      Instruction back = program.at(restLast);
      int dearestRound = block.instructions() + skipped.instructions() + rest.instructions();
      Label checked = roundsGuard(dearestRound);
      for (int round = 1; round <= UNROLL_ROUNDS; round++) {
        payWithoutCheck(block.instructions());
        instructionsBefore(block.startPc(), last);
        selectMask(block, last, select);
        mv.visitVarInsn(LLOAD, LEFT);
        pushSelectedCost(skipped);
        mv.visitInsn(LSUB);
        mv.visitVarInsn(LSTORE, LEFT);
        selectedArithmetic(skipped);
        payWithoutCheck(rest.instructions());
        instructionsBefore(rest.startPc(), restLast);
        Label nextRound = round == UNROLL_ROUNDS ? start : new Label();
        conditional(restLast, Opcode.of(back), back, nextRound);
        mv.visitJumpInsn(GOTO, labelOf(rest.endPc()));
        if (round < UNROLL_ROUNDS) {
          mv.visitLabel(nextRound);
        }
      }
      checkedFormFollows(block, checked);
    }

    /**
     * Starts unrolled rounds (the JIT's own code in the listing): goes to the label returned, the
     * loop's checked form, unless the slice holds the fuel of all rounds at {@code roundCost}.
     */
    private Label roundsGuard(int roundCost) {
      Label checked = new Label();
      Label copies = new Label();
      mv.visitLabel(copies);
      mv.visitLineNumber(supportLine(program), copies);
      mv.visitVarInsn(LLOAD, LEFT);
      pushLong((long) UNROLL_ROUNDS * roundCost);
      mv.visitInsn(LCMP);
      mv.visitJumpInsn(IFLT, checked);
      return checked;
    }

    /** Ends unrolled rounds: {@code block}'s checked form follows, under its own line number. */
    private void checkedFormFollows(JitPlan.Block block, Label checked) {
      mv.visitLabel(checked);
      mv.visitLineNumber(block.startPc() + 1, checked);
    }

    /** The instructions in slots [{@code from}, {@code to}), each compiled as usual. */
    private void instructionsBefore(int from, int to) {
      for (int pc = from; pc < to; pc += program.at(pc).slots()) {
        instruction(pc, program.at(pc));
      }
    }

    /**
     * Stores the fuel left after a payment (on the stack) and goes on at {@code paid}; when it is
     * negative, first to the refill stub, which returns to {@code block}'s body or hands it over.
     */
    private void payOrRefill(JitPlan.Block block, Label paid) {
      mv.visitInsn(DUP2);
      mv.visitVarInsn(LSTORE, LEFT);
      mv.visitInsn(LCONST_0);
      mv.visitInsn(LCMP);
      mv.visitJumpInsn(IFGE, paid);
      pushInt(block.startPc());
      mv.visitVarInsn(ISTORE, STUB_PC);
      pushInt(block.instructions());
      mv.visitVarInsn(ISTORE, STUB_COUNT);
      mv.visitJumpInsn(GOTO, refill);
    }

    private void payWithoutCheck(int instructions) {
      mv.visitVarInsn(LLOAD, LEFT);
      pushLong(instructions);
      mv.visitInsn(LSUB);
      mv.visitVarInsn(LSTORE, LEFT);
    }

    /**
     * The block a conditional jump at {@code pc} skips, when compiling it as a selection pays: a
     * few arithmetic instructions that rejoin the jump's target, as compilers emit for {@code if
     * (c) x = a;} or {@code count += c;}. A data-dependent branch there is mispredicted half the
     * time; the selection has none, and HotSpot turns what is left into a conditional move.
     */
    private JitPlan.Block skippedByBranch(int pc) {
      Instruction jump = program.at(pc);
      Opcode op = Opcode.of(jump);
      if (!op.isConditionalJump()) {
        return null;
      }
      int target = (int) jump.target(pc);
      int next = pc + 1;
      JitPlan.Block skipped = plan.blockAt(next);
      if (skipped == null || target == next || !blockLabels.containsKey(next)) {
        return null;
      }
      int arithmetic = 0;
      for (int at = skipped.startPc(); at < skipped.endPc(); at += program.at(at).slots()) {
        Instruction insn = program.at(at);
        boolean lastOfBlock = at + insn.slots() == skipped.endPc();
        if (insn.instructionClass().isArithmetic()) {
          arithmetic++;
        } else if (!(lastOfBlock
            && insn.isJump()
            && JumpOp.of(insn.opcode()) == JumpOp.JA
            && insn.target(at) == target)) {
          return null;
        }
      }
      Instruction lastSkipped = program.at(skipped.lastPc(program));
      boolean rejoins = lastSkipped.isJump() || skipped.endPc() == target;
      return rejoins && arithmetic > 0 && arithmetic <= MAX_SELECTED_INSTRUCTIONS ? skipped : null;
    }

    /**
     * The conditional jump at {@code pc} and the block it skips, without a branch on the data: the
     * skipped block's effects (and its fuel) apply under a mask that is all ones when the jump is
     * not taken and zero when it is; then control goes to the jump's target. When the fuel cannot
     * pay for the skipped block, it runs as compiled on its own, which stops exactly.
     */
    private void select(JitPlan.Block block, int pc, Instruction jump, JitPlan.Block skipped) {
      selectMask(block, pc, jump);
      payAndApplySelected(pc, jump, skipped);
    }

    /**
     * Stores the selection mask of the conditional jump at {@code pc} (the last of {@code block}):
     * all ones when the jump is not taken, zero when it is.
     */
    private void selectMask(JitPlan.Block block, int pc, Instruction jump) {
      if (JitOperandFacts.bothBelow2To63(program, block.startPc(), pc)) {
        // mask = taken - 1: all ones when not taken, zero when taken
        takenBit(Opcode.of(jump), jump);
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LSUB);
      } else {
        // HotSpot may or may not make this a conditional move (JDK 25 does, JDK 17 does not)
        Label taken = new Label();
        Label joined = new Label();
        conditional(pc, Opcode.of(jump), jump, taken);
        pushLong(-1);
        mv.visitJumpInsn(GOTO, joined);
        mv.visitLabel(taken);
        mv.visitInsn(LCONST_0);
        mv.visitLabel(joined);
      }
      mv.visitVarInsn(LSTORE, SELECT_MASK);
    }

    /**
     * Pays for the skipped block under the mask, applies its arithmetic under the mask, and goes on
     * at the jump's target.
     */
    private void payAndApplySelected(int pc, Instruction jump, JitPlan.Block skipped) {
      int target = (int) jump.target(pc);
      JitPlan.Block next = plan.blockAt(target);
      Label nextBody = bodyLabels.get(target);
      if (nextBody != null) {
        // When the fuel pays for the skipped block and the block control goes on with, both at
        // once, go on in the latter's body: one fuel check instead of two. Else pay as usual.
        Label separately = new Label();
        mv.visitVarInsn(LLOAD, LEFT);
        pushSelectedCost(skipped);
        mv.visitInsn(LSUB);
        pushLong(next.instructions());
        mv.visitInsn(LSUB);
        mv.visitVarInsn(LSTORE, TMP);
        mv.visitVarInsn(LLOAD, TMP);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLT, separately);
        mv.visitVarInsn(LLOAD, TMP);
        mv.visitVarInsn(LSTORE, LEFT);
        selectedArithmetic(skipped);
        mv.visitJumpInsn(GOTO, nextBody);
        mv.visitLabel(separately);
      }
      mv.visitVarInsn(LLOAD, LEFT);
      pushSelectedCost(skipped);
      mv.visitInsn(LSUB);
      Label paid = new Label();
      payOrRefill(skipped, paid);
      mv.visitLabel(paid);
      selectedArithmetic(skipped);
      mv.visitJumpInsn(GOTO, labelOf(target));
    }

    /** The fuel the skipped block costs: its instructions where the mask is set, else 0. */
    private void pushSelectedCost(JitPlan.Block skipped) {
      pushLong(skipped.instructions());
      mv.visitVarInsn(LLOAD, SELECT_MASK);
      mv.visitInsn(LAND);
    }

    /** The skipped block's arithmetic, each result kept only where the mask is set. */
    private void selectedArithmetic(JitPlan.Block skipped) {
      for (int at = skipped.startPc(); at < skipped.endPc(); at += program.at(at).slots()) {
        Instruction insn = program.at(at);
        if (!insn.instructionClass().isArithmetic()) {
          continue;
        }
        int dst = reg(insn.dst());
        mv.visitVarInsn(LLOAD, dst);
        mv.visitVarInsn(LSTORE, TMP);
        arithmetic(Opcode.of(insn), insn);
        // dst = old ^ ((old ^ new) & mask): the new value where the mask is set
        mv.visitVarInsn(LLOAD, TMP);
        mv.visitVarInsn(LLOAD, TMP);
        mv.visitVarInsn(LLOAD, dst);
        mv.visitInsn(LXOR);
        mv.visitVarInsn(LLOAD, SELECT_MASK);
        mv.visitInsn(LAND);
        mv.visitInsn(LXOR);
        mv.visitVarInsn(LSTORE, dst);
      }
    }

    /**
     * Reached when a block overdrew the slice: take the next slice and go on, or hand the block to
     * the interpreter when the run stops inside it.
     */
    private void refillStub() {
      mv.visitLabel(refill);
      mv.visitVarInsn(ALOAD, JR);
      mv.visitFieldInsn(GETFIELD, JIT_RUN, "run", "L" + RUN_STATE + ";");
      mv.visitVarInsn(LLOAD, LEFT);
      mv.visitMethodInsn(INVOKEVIRTUAL, RUN_STATE, "refill", "(J)J", false);
      mv.visitVarInsn(LSTORE, TMP);
      mv.visitVarInsn(LLOAD, TMP);
      pushLong(Long.MIN_VALUE);
      mv.visitInsn(LCMP);
      Label handOver = new Label();
      mv.visitJumpInsn(IFEQ, handOver);
      mv.visitVarInsn(LLOAD, TMP);
      mv.visitVarInsn(LSTORE, LEFT);
      int[] keys = new int[blocks.size()];
      Label[] targets = new Label[blocks.size()];
      for (int i = 0; i < blocks.size(); i++) {
        keys[i] = blocks.get(i).startPc();
        targets[i] = bodyLabels.get(keys[i]);
      }
      mv.visitVarInsn(ILOAD, STUB_PC);
      mv.visitLookupSwitchInsn(handOver, keys, targets);
      mv.visitLabel(handOver);
      spill(10);
      mv.visitVarInsn(ALOAD, JR);
      mv.visitVarInsn(ILOAD, STUB_PC);
      mv.visitVarInsn(LLOAD, LEFT);
      mv.visitVarInsn(ILOAD, STUB_COUNT);
      mv.visitInsn(I2L);
      mv.visitInsn(LADD);
      mv.visitMethodInsn(
          INVOKEVIRTUAL, JIT_RUN, "handOver", "(IJ)Ljava/lang/RuntimeException;", false);
      mv.visitInsn(ATHROW);
    }

    /** Stores r0..r{@code last} into the register file. */
    private void spill(int last) {
      for (int r = 0; r <= last; r++) {
        mv.visitVarInsn(ALOAD, REGS);
        pushInt(r);
        mv.visitVarInsn(LLOAD, reg(r));
        mv.visitInsn(LASTORE);
      }
    }

    private void reload(int first, int last) {
      for (int r = first; r <= last; r++) {
        mv.visitVarInsn(ALOAD, REGS);
        pushInt(r);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LSTORE, reg(r));
      }
    }

    private void saveLeft() {
      mv.visitVarInsn(ALOAD, JR);
      mv.visitVarInsn(LLOAD, LEFT);
      mv.visitFieldInsn(PUTFIELD, JIT_RUN, "left", "J");
    }

    // ---- instructions ----

    private void instruction(int pc, Instruction insn) {
      Opcode op = Opcode.of(insn);
      switch (op.instructionClass()) {
        case ALU, ALU64 -> arithmetic(op, insn);
        case JMP, JMP32 -> jump(pc, op, insn);
        case LD -> {
          pushLong(insn.imm());
          mv.visitVarInsn(LSTORE, reg(insn.dst()));
        }
        case LDX -> load(pc, op, insn);
        case ST, STX -> {
          if (op.isAtomic()) {
            atomic(pc, op, insn);
          } else {
            store(pc, op, insn);
          }
        }
      }
    }

    /** Pushes the second operand as a long: the source register or the immediate. */
    private void pushSource(Opcode op, Instruction insn) {
      if (op.source() == Source.REG) {
        mv.visitVarInsn(LLOAD, reg(insn.src()));
      } else {
        pushLong(insn.imm());
      }
    }

    private void pushSource32(Opcode op, Instruction insn) {
      if (op.source() == Source.REG) {
        mv.visitVarInsn(LLOAD, reg(insn.src()));
        mv.visitInsn(L2I);
      } else {
        pushInt((int) insn.imm());
      }
    }

    private void arithmetic(Opcode op, Instruction insn) {
      int dst = reg(insn.dst());
      boolean wide = op.widthBits() == 64;
      if (op.isByteOrder()) {
        mv.visitVarInsn(LLOAD, dst);
        pushInt((int) insn.imm());
        mv.visitMethodInsn(
            INVOKESTATIC, ARITHMETIC, op == Opcode.LE ? "truncate" : "swap", "(JI)J", false);
        mv.visitVarInsn(LSTORE, dst);
        return;
      }
      AluOp alu = op.aluOp();
      if (wide) {
        arithmetic64(alu, op, insn, dst);
      } else {
        arithmetic32(alu, op, insn, dst);
      }
      mv.visitVarInsn(LSTORE, dst);
    }

    private void arithmetic64(AluOp alu, Opcode op, Instruction insn, int dst) {
      switch (alu) {
        case MOV -> pushSource(op, insn);
        case MOVSX8, MOVSX16, MOVSX32 -> {
          mv.visitVarInsn(LLOAD, reg(insn.src()));
          mv.visitInsn(L2I);
          if (alu == AluOp.MOVSX8) {
            mv.visitInsn(I2B);
          } else if (alu == AluOp.MOVSX16) {
            mv.visitInsn(I2S);
          }
          mv.visitInsn(I2L);
        }
        case NEG -> {
          mv.visitVarInsn(LLOAD, dst);
          mv.visitInsn(LNEG);
        }
        case DIV, SDIV, MOD, SMOD -> {
          mv.visitVarInsn(LLOAD, dst);
          pushSource(op, insn);
          mv.visitMethodInsn(INVOKESTATIC, ARITHMETIC, divisionName(alu, 64), "(JJ)J", false);
        }
        case LSH, RSH, ARSH -> {
          mv.visitVarInsn(LLOAD, dst);
          pushSource32(op, insn);
          mv.visitInsn(alu == AluOp.LSH ? LSHL : alu == AluOp.RSH ? LUSHR : LSHR);
        }
        default -> {
          mv.visitVarInsn(LLOAD, dst);
          pushSource(op, insn);
          mv.visitInsn(
              switch (alu) {
                case ADD -> LADD;
                case SUB -> LSUB;
                case MUL -> LMUL;
                case OR -> LOR;
                case AND -> LAND;
                case XOR -> LXOR;
                default -> throw new IllegalStateException("no 64-bit form for " + alu);
              });
        }
      }
    }

    private void arithmetic32(AluOp alu, Opcode op, Instruction insn, int dst) {
      switch (alu) {
        case MOV -> {
          pushSource(op, insn);
          pushLong(MASK32);
          mv.visitInsn(LAND);
          return;
        }
        case DIV, SDIV, MOD, SMOD -> {
          mv.visitVarInsn(LLOAD, dst);
          pushSource(op, insn);
          mv.visitMethodInsn(INVOKESTATIC, ARITHMETIC, divisionName(alu, 32), "(JJ)J", false);
          return;
        }
        case MOVSX8, MOVSX16 -> {
          mv.visitVarInsn(LLOAD, reg(insn.src()));
          mv.visitInsn(L2I);
          mv.visitInsn(alu == AluOp.MOVSX8 ? I2B : I2S);
        }
        case NEG -> {
          mv.visitVarInsn(LLOAD, dst);
          mv.visitInsn(L2I);
          mv.visitInsn(INEG);
        }
        default -> {
          mv.visitVarInsn(LLOAD, dst);
          mv.visitInsn(L2I);
          pushSource32(op, insn);
          mv.visitInsn(
              switch (alu) {
                case ADD -> IADD;
                case SUB -> ISUB;
                case MUL -> IMUL;
                case OR -> IOR;
                case AND -> IAND;
                case XOR -> IXOR;
                case LSH -> ISHL;
                case RSH -> IUSHR;
                case ARSH -> ISHR;
                default -> throw new IllegalStateException("no 32-bit form for " + alu);
              });
        }
      }
      mv.visitInsn(I2L);
      pushLong(MASK32);
      mv.visitInsn(LAND);
    }

    private static String divisionName(AluOp alu, int bits) {
      String base =
          switch (alu) {
            case DIV -> "udiv";
            case SDIV -> "sdiv";
            case MOD -> "umod";
            default -> "smod";
          };
      return base + bits;
    }

    // ---- jumps, calls, exit ----

    private void jump(int pc, Opcode op, Instruction insn) {
      switch (op) {
        case JA, JA32 -> mv.visitJumpInsn(GOTO, labelOf((int) insn.target(pc)));
        case EXIT -> exit();
        case CALL_HELPER, CALLX -> helperCall(pc, op, insn);
        case CALL_LOCAL -> localCall(pc, insn);
        default -> conditional(pc, op, insn);
      }
    }

    private void conditional(int pc, Opcode op, Instruction insn) {
      conditional(pc, op, insn, labelOf((int) insn.target(pc)));
    }

    /**
     * Pushes 1 when the conditional jump {@code insn} would be taken, else 0, without a branch: two
     * or three ALU operations, valid because both operands are below 2^63 (or are 32-bit values
     * extended to 64 bits), so their difference cannot overflow and its sign is the comparison.
     */
    private void takenBit(Opcode op, Instruction insn) {
      JumpOp jump = op.jumpOp();
      boolean unsigned = jump == JumpOp.JSET || JitOperandFacts.isUnsigned(jump);
      boolean swapped =
          jump == JumpOp.JGT || jump == JumpOp.JLE || jump == JumpOp.JSGT || jump == JumpOp.JSLE;
      if (swapped) {
        pushComparedSource(op, insn, unsigned);
        pushComparedDestination(op, insn, unsigned);
      } else {
        pushComparedDestination(op, insn, unsigned);
        pushComparedSource(op, insn, unsigned);
      }
      switch (jump) {
        case JEQ, JNE, JSET -> {
          mv.visitInsn(jump == JumpOp.JSET ? LAND : LXOR);
          // (x | -x) >>> 63 is 1 when x != 0
          mv.visitInsn(DUP2);
          mv.visitInsn(LNEG);
          mv.visitInsn(LOR);
          pushInt(63);
          mv.visitInsn(LUSHR);
          if (jump == JumpOp.JEQ) {
            mv.visitInsn(LCONST_1);
            mv.visitInsn(LXOR);
          }
        }
        default -> {
          // a < b is the sign of a - b; gt and le compare the other way round
          mv.visitInsn(LSUB);
          pushInt(63);
          mv.visitInsn(LUSHR);
          if (jump == JumpOp.JGE
              || jump == JumpOp.JLE
              || jump == JumpOp.JSGE
              || jump == JumpOp.JSLE) {
            mv.visitInsn(LCONST_1);
            mv.visitInsn(LXOR);
          }
        }
      }
    }

    private void pushComparedDestination(Opcode op, Instruction insn, boolean unsigned) {
      mv.visitVarInsn(LLOAD, reg(insn.dst()));
      widenOperand(op, unsigned);
    }

    private void pushComparedSource(Opcode op, Instruction insn, boolean unsigned) {
      if (op.source() == Source.REG) {
        mv.visitVarInsn(LLOAD, reg(insn.src()));
        widenOperand(op, unsigned);
      } else if (op.widthBits() == 64) {
        pushLong(insn.imm());
      } else {
        pushLong(unsigned ? insn.imm() & MASK32 : (int) insn.imm());
      }
    }

    /** A 32-bit comparison's operand on the stack, extended as the comparison reads it. */
    private void widenOperand(Opcode op, boolean unsigned) {
      if (op.widthBits() == 64) {
        return;
      }
      if (unsigned) {
        pushLong(MASK32);
        mv.visitInsn(LAND);
      } else {
        mv.visitInsn(L2I);
        mv.visitInsn(I2L);
      }
    }

    /** Compares as the jump at {@code pc} does and goes to {@code target} when it would jump. */
    private void conditional(int pc, Opcode op, Instruction insn, Label target) {
      JumpOp jump = op.jumpOp();
      boolean wide = op.widthBits() == 64;
      mv.visitVarInsn(LLOAD, reg(insn.dst()));
      if (JitOperandFacts.isUnsigned(jump) && !options.unsignedCompareIntrinsic()) {
        // the unsigned order is the signed order with both sign bits flipped
        if (wide) {
          pushLong(Long.MIN_VALUE);
          mv.visitInsn(LXOR);
          pushSource(op, insn);
          pushLong(Long.MIN_VALUE);
          mv.visitInsn(LXOR);
          mv.visitInsn(LCMP);
          mv.visitJumpInsn(compareWithZero(jump), target);
        } else {
          mv.visitInsn(L2I);
          pushInt(Integer.MIN_VALUE);
          mv.visitInsn(IXOR);
          pushSource32(op, insn);
          pushInt(Integer.MIN_VALUE);
          mv.visitInsn(IXOR);
          mv.visitJumpInsn(compareIntsAsSigned(jump), target);
        }
        return;
      }
      if (wide) {
        pushSource(op, insn);
      } else {
        mv.visitInsn(L2I);
        pushSource32(op, insn);
      }
      if (jump == JumpOp.JSET) {
        if (wide) {
          mv.visitInsn(LAND);
          mv.visitInsn(LCONST_0);
          mv.visitInsn(LCMP);
        } else {
          mv.visitInsn(IAND);
        }
        mv.visitJumpInsn(IFNE, target);
        return;
      }
      boolean unsigned = JitOperandFacts.isUnsigned(jump);
      if (wide) {
        if (unsigned) {
          mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        } else {
          mv.visitInsn(LCMP);
        }
        mv.visitJumpInsn(compareWithZero(jump), target);
      } else if (unsigned) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
        mv.visitJumpInsn(compareWithZero(jump), target);
      } else {
        mv.visitJumpInsn(compareInts(jump), target);
      }
    }

    private static int compareWithZero(JumpOp jump) {
      return switch (jump) {
        case JEQ -> IFEQ;
        case JNE -> IFNE;
        case JGT, JSGT -> IFGT;
        case JGE, JSGE -> IFGE;
        case JLT, JSLT -> IFLT;
        case JLE, JSLE -> IFLE;
        default -> throw new IllegalStateException("not a comparison: " + jump);
      };
    }

    /** The signed int comparison for an unsigned jump whose operands' sign bits are flipped. */
    private static int compareIntsAsSigned(JumpOp jump) {
      return switch (jump) {
        case JGT -> IF_ICMPGT;
        case JGE -> IF_ICMPGE;
        case JLT -> IF_ICMPLT;
        case JLE -> IF_ICMPLE;
        default -> throw new IllegalStateException("not an unsigned comparison: " + jump);
      };
    }

    private static int compareInts(JumpOp jump) {
      return switch (jump) {
        case JEQ -> IF_ICMPEQ;
        case JNE -> IF_ICMPNE;
        case JSGT -> IF_ICMPGT;
        case JSGE -> IF_ICMPGE;
        case JSLT -> IF_ICMPLT;
        case JSLE -> IF_ICMPLE;
        default -> throw new IllegalStateException("not a signed comparison: " + jump);
      };
    }

    private void exit() {
      spill(10);
      saveLeft();
      if (partEntries == null) {
        mv.visitVarInsn(LLOAD, reg(0));
      } else {
        pushLong(PART_EXITED);
      }
      mv.visitInsn(LRETURN);
    }

    private void helperCall(int pc, Opcode op, Instruction insn) {
      mv.visitVarInsn(ALOAD, JR);
      mv.visitFieldInsn(GETFIELD, JIT_RUN, "run", "L" + RUN_STATE + ";");
      pushInt(pc);
      if (op == Opcode.CALLX) {
        mv.visitVarInsn(LLOAD, reg(insn.dst()));
      } else {
        pushLong(insn.imm());
      }
      for (int r = 1; r <= 5; r++) {
        mv.visitVarInsn(LLOAD, reg(r));
      }
      mv.visitMethodInsn(INVOKEVIRTUAL, RUN_STATE, "callHelper", "(IJJJJJJ)J", false);
      mv.visitVarInsn(LSTORE, reg(0));
      mv.visitVarInsn(ALOAD, JR);
      mv.visitFieldInsn(GETFIELD, JIT_RUN, "run", "L" + RUN_STATE + ";");
      mv.visitMethodInsn(INVOKEVIRTUAL, RUN_STATE, "exitRequested", "()Z", false);
      Label goOn = new Label();
      mv.visitJumpInsn(IFEQ, goOn);
      spill(10);
      saveLeft();
      mv.visitFieldInsn(
          GETSTATIC, "org/csdlab/ebpf/JitExit", "INSTANCE", "Lorg/csdlab/ebpf/JitExit;");
      mv.visitInsn(ATHROW);
      mv.visitLabel(goOn);
    }

    private void localCall(int pc, Instruction insn) {
      int target = (int) insn.target(pc);
      Label deepEnough = new Label();
      mv.visitVarInsn(ILOAD, DEPTH);
      mv.visitInsn(ICONST_1);
      mv.visitInsn(IADD);
      pushInt(Vm.MAX_CALL_DEPTH);
      mv.visitJumpInsn(IF_ICMPLT, deepEnough);
      mv.visitVarInsn(ALOAD, JR);
      mv.visitFieldInsn(GETFIELD, JIT_RUN, "run", "L" + RUN_STATE + ";");
      pushInt(pc);
      mv.visitMethodInsn(
          INVOKEVIRTUAL,
          RUN_STATE,
          "callTooDeep",
          "(I)Lorg/csdlab/ebpf/CallDepthExceededException;",
          false);
      mv.visitInsn(ATHROW);
      mv.visitLabel(deepEnough);
      spill(9);
      mv.visitVarInsn(ALOAD, REGS);
      pushInt(10);
      mv.visitVarInsn(LLOAD, reg(10));
      pushLong(Vm.STACK_FRAME_BYTES);
      mv.visitInsn(LSUB);
      mv.visitInsn(LASTORE);
      saveLeft();
      mv.visitVarInsn(ALOAD, JR);
      mv.visitVarInsn(ILOAD, DEPTH);
      mv.visitInsn(ICONST_1);
      mv.visitInsn(IADD);
      mv.visitMethodInsn(INVOKESTATIC, className, functionName(target), FUNCTION_DESC, false);
      mv.visitVarInsn(LSTORE, reg(0));
      reload(1, 5);
      mv.visitVarInsn(ALOAD, JR);
      mv.visitFieldInsn(GETFIELD, JIT_RUN, "left", "J");
      mv.visitVarInsn(LSTORE, LEFT);
    }

    // ---- memory ----

    /** Computes base + offset into ADDR. */
    private void address(int base, int offset) {
      mv.visitVarInsn(LLOAD, reg(base));
      pushLong(offset);
      mv.visitInsn(LADD);
      mv.visitVarInsn(LSTORE, ADDR);
    }

    /** Pushes the region's array for ADDR (from DATA or STORE), then the offset in it. */
    private void regionAndOffset(boolean write) {
      mv.visitVarInsn(ALOAD, write ? STORE : DATA);
      mv.visitVarInsn(LLOAD, ADDR);
      pushInt(32);
      mv.visitInsn(LUSHR);
      mv.visitInsn(L2I);
      mv.visitInsn(ICONST_1);
      mv.visitInsn(ISUB);
      mv.visitInsn(AALOAD);
      mv.visitVarInsn(LLOAD, ADDR);
      mv.visitInsn(L2I);
    }

    /** Opens the guarded range of one access; the returned label closes it. */
    private Label guard(int pc, int size, boolean write) {
      Label start = new Label();
      Label end = new Label();
      Label handler = new Label();
      mv.visitTryCatchBlock(start, end, handler, "java/lang/IndexOutOfBoundsException");
      mv.visitLabel(start);
      handlers.add(
          () -> {
            mv.visitLabel(handler);
            mv.visitInsn(POP);
            mv.visitVarInsn(ALOAD, JR);
            pushInt(pc);
            mv.visitVarInsn(LLOAD, ADDR);
            pushInt(size);
            mv.visitInsn(write ? ICONST_1 : ICONST_0);
            mv.visitMethodInsn(
                INVOKEVIRTUAL, JIT_RUN, "fault", "(IJIZ)Ljava/lang/RuntimeException;", false);
            mv.visitInsn(ATHROW);
          });
      return end;
    }

    private void load(int pc, Opcode op, Instruction insn) {
      int size = op.size().bytes();
      boolean signed = op.mode() == Mode.MEMSX;
      address(insn.src(), insn.offset());
      Label end = guard(pc, size, false);
      if (size == 1) {
        regionAndOffset(false);
        mv.visitInsn(BALOAD);
      } else {
        mv.visitFieldInsn(GETSTATIC, MEMORY, viewName(size), VAR_HANDLE_DESC);
        regionAndOffset(false);
        mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "get", "([BI)" + viewType(size), false);
      }
      mv.visitLabel(end);
      if (size != 8) {
        mv.visitInsn(I2L);
        if (!signed) {
          pushLong(size == 4 ? MASK32 : size == 2 ? 0xffffL : 0xffL);
          mv.visitInsn(LAND);
        }
      }
      mv.visitVarInsn(LSTORE, reg(insn.dst()));
    }

    private void store(int pc, Opcode op, Instruction insn) {
      int size = op.size().bytes();
      address(insn.dst(), insn.offset());
      Label end = guard(pc, size, true);
      if (size != 1) {
        mv.visitFieldInsn(GETSTATIC, MEMORY, viewName(size), VAR_HANDLE_DESC);
      }
      regionAndOffset(true);
      if (op.instructionClass() == InstructionClass.STX) {
        mv.visitVarInsn(LLOAD, reg(insn.src()));
        if (size != 8) {
          mv.visitInsn(L2I);
        }
      } else if (size == 8) {
        pushLong(insn.imm());
      } else {
        pushInt((int) insn.imm());
      }
      if (size == 1) {
        mv.visitInsn(BASTORE);
      } else {
        mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "set", "([BI" + viewType(size) + ")V", false);
      }
      mv.visitLabel(end);
    }

    private void atomic(int pc, Opcode op, Instruction insn) {
      int size = op.size().bytes();
      int src = insn.src();
      address(insn.dst(), insn.offset());
      mv.visitVarInsn(ALOAD, REGS);
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(LLOAD, reg(0));
      mv.visitInsn(LASTORE);
      mv.visitVarInsn(ALOAD, REGS);
      pushInt(src);
      mv.visitVarInsn(LLOAD, reg(src));
      mv.visitInsn(LASTORE);
      mv.visitVarInsn(ALOAD, JR);
      pushInt(pc);
      mv.visitVarInsn(LLOAD, ADDR);
      pushInt(size);
      pushInt((int) insn.imm());
      pushInt(src);
      mv.visitMethodInsn(INVOKEVIRTUAL, JIT_RUN, "atomic", "(IJIII)V", false);
      reload(0, 0);
      reload(src, src);
    }

    private static String viewName(int size) {
      return size == 2 ? "SHORT" : size == 4 ? "INT" : "LONG";
    }

    private static String viewType(int size) {
      return size == 2 ? "S" : size == 4 ? "I" : "J";
    }

    // ---- constants ----

    private void pushInt(int value) {
      JitCompiler.pushInt(mv, value);
    }

    private void pushLong(long value) {
      if (value == 0) {
        mv.visitInsn(LCONST_0);
      } else if (value == 1) {
        mv.visitInsn(LCONST_1);
      } else if (value == (int) value && value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
        pushInt((int) value);
        mv.visitInsn(I2L);
      } else {
        mv.visitLdcInsn(value);
      }
    }
  }
}
