package org.csdlab.ebpf;

import static org.csdlab.ebpf.Register.R0;
import static org.csdlab.ebpf.Register.R1;
import static org.csdlab.ebpf.Register.R10;
import static org.csdlab.ebpf.Register.R2;
import static org.csdlab.ebpf.Register.R6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VmTest {

  private static ExecutionResult run(Instruction... instructions) {
    return Vm.of(Program.of(instructions)).run();
  }

  @Test
  void returnsR0AndCountsInstructions() {
    ExecutionResult result = run(AluOp.MOV.imm(R0, 42), Instruction.exit());
    assertEquals(42, result.r0());
    assertEquals(2, result.instructionsExecuted());
    assertTrue(
        result.toString().startsWith("r0 = 42 (0x2a) · 2 instructions · "), result.toString());
  }

  @Test
  void contextIsPassedInR1AndR2AndWrittenInPlace() {
    Program program =
        Program.of(
            AluOp.MOV.reg(R0, Register.R2), // r0 = length
            Instruction.storeImm(Size.B, R1, 1, 0x7f), // ctx[1] = 0x7f
            Instruction.exit());
    byte[] context = {1, 2, 3};
    ExecutionResult result = Vm.of(program).run(context);
    assertEquals(3, result.r0());
    assertArrayEquals(new byte[] {1, 0x7f, 3}, context);
  }

  @Test
  void emptyContextGivesNullR1() {
    assertEquals(0, Vm.of(Program.of(AluOp.MOV.reg(R0, R1), Instruction.exit())).run().r0());
  }

  @Test
  void stackIsUsableBelowR10() {
    ExecutionResult result =
        run(
            AluOp.MOV.imm(R1, -5),
            Instruction.storeReg(Size.DW, R10, -8, R1),
            Instruction.load(Size.DW, R0, R10, -8),
            Instruction.exit());
    assertEquals(-5, result.r0());
  }

  @Test
  void readOutsideEveryRegionNamesPcAddressSizeAndNearestRegion() {
    Program program = Program.of(Instruction.load(Size.W, R0, R10, 0), Instruction.exit());
    MemoryAccessException e = assertThrows(MemoryAccessException.class, () -> Vm.of(program).run());
    assertEquals(0, e.pc());
    assertEquals(4, e.sizeBytes());
    assertEquals(Memory.baseOf(0) + 4096, e.address());
    assertEquals("stack", e.nearestRegion().name());
    assertEquals(
        "pc 0 'r0 = *(u32 *)(r10 + 0)': read of 4 bytes at 0x100001000 is outside every region;"
            + " nearest region stack [0x100000000, 0x100001000) rw, access ends 4 bytes past its end",
        e.getMessage());
  }

  @Test
  void nullPointerWriteIsReportedAsSuch() {
    Program program =
        Program.of(
            AluOp.MOV.imm(R1, 0), Instruction.storeImm(Size.W, R1, 0, 1), Instruction.exit());
    MemoryAccessException e = assertThrows(MemoryAccessException.class, () -> Vm.of(program).run());
    assertEquals(1, e.pc());
    assertTrue(e.isWrite());
    assertTrue(
        e.getMessage().contains("write of 4 bytes at 0x0 is a null pointer access"),
        e.getMessage());
  }

  @Test
  void writeToReadOnlyRegionIsRefusedAndLeavesItUnchanged() {
    byte[] rodata = {9, 9};
    Vm vm =
        Vm.builder(
                Program.of(
                    Instruction.lddw(R1, Memory.baseOf(2)),
                    Instruction.storeImm(Size.B, R1, 0, 1),
                    Instruction.exit()))
            .readOnlyRegion(".rodata", rodata)
            .build();
    assertEquals(Memory.baseOf(2), vm.addressOf(".rodata"));
    MemoryAccessException e = assertThrows(MemoryAccessException.class, vm::run);
    assertTrue(e.getMessage().contains("inside read-only region .rodata"), e.getMessage());
    assertArrayEquals(new byte[] {9, 9}, rodata);
  }

  @Test
  void infiniteLoopRunsOutOfFuel() {
    Vm vm = Vm.builder(Program.of(Instruction.ja(-1), Instruction.exit())).fuel(1000).build();
    FuelExhaustedException e = assertThrows(FuelExhaustedException.class, vm::run);
    assertEquals(1000, e.fuel());
    assertEquals(0, e.pc());
    assertTrue(
        e.getMessage().startsWith("out of fuel: 1000 instructions executed"), e.getMessage());
    assertTrue(
        e.getMessage().endsWith("raise the limit with Vm.builder(program).fuel(n)"),
        e.getMessage());
  }

  @Test
  void aFuelExhaustionCanNameTheCallersWayToRaiseTheLimit() {
    Vm vm = Vm.builder(Program.of(Instruction.ja(-1), Instruction.exit())).fuel(1000).build();
    FuelExhaustedException e = assertThrows(FuelExhaustedException.class, vm::run);
    FuelExhaustedException advised = e.withLimitAdvice("--fuel N");
    assertEquals("--fuel N", advised.limitAdvice());
    assertEquals(1000, advised.fuel());
    assertEquals(0, advised.pc());
    assertEquals(e.instruction(), advised.instruction());
    assertArrayEquals(e.getStackTrace(), advised.getStackTrace());
    assertEquals(
        e.getMessage().replace("Vm.builder(program).fuel(n)", "--fuel N"), advised.getMessage());
  }

  /** r1 = n; do r1 -= 1 while r1 != 0; r0 = r1; exit: executes 2n + 3 instructions. */
  private static Program countdown(int n) {
    return Program.of(
        AluOp.MOV.imm(R1, n),
        AluOp.SUB.imm(R1, 1),
        JumpOp.JNE.imm(R1, 0, -2),
        AluOp.MOV.reg(R0, R1),
        Instruction.exit());
  }

  @Test
  void fuelIsCountedExactlyAcrossManySlices() {
    long needed = 2L * 100_000 + 3;
    assertTrue(needed > 3 * RunState.FUEL_SLICE);
    assertEquals(
        needed, Vm.builder(countdown(100_000)).fuel(needed).build().run().instructionsExecuted());
    FuelExhaustedException e =
        assertThrows(
            FuelExhaustedException.class,
            () -> Vm.builder(countdown(100_000)).fuel(needed - 1).build().run());
    assertEquals(4, e.pc(), "the exit is the instruction there was no fuel for");
  }

  @Test
  void anInterruptedThreadStopsTheRunAndTheInterruptIsConsumed() {
    Vm vm =
        Vm.builder(Program.of(Instruction.ja(-1), Instruction.exit())).fuel(Long.MAX_VALUE).build();
    Thread.currentThread().interrupt();
    VmInterruptedException e = assertThrows(VmInterruptedException.class, vm::run);
    assertEquals(RunState.FUEL_SLICE, e.executed(), "stops at the first slice boundary");
    assertEquals(0, e.pc());
    assertTrue(e.getMessage().startsWith("interrupted after 65536 instructions"), e.getMessage());
    assertTrue(
        !Thread.currentThread().isInterrupted(), "the next run must not see the same interrupt");
    assertEquals(0, Vm.of(countdown(10)).run().r0());
  }

  @Test
  void anInterruptFromAnotherThreadStopsAnEndlessLoop() throws Exception {
    Vm vm =
        Vm.builder(Program.of(Instruction.ja(-1), Instruction.exit())).fuel(Long.MAX_VALUE).build();
    java.util.concurrent.atomic.AtomicReference<Throwable> outcome =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                vm.run();
              } catch (Throwable t) {
                outcome.set(t);
              }
            });
    runner.start();
    runner.interrupt();
    runner.join(60_000);
    assertTrue(!runner.isAlive(), "the run ignored the interrupt");
    assertTrue(outcome.get() instanceof VmInterruptedException, String.valueOf(outcome.get()));
  }

  @Test
  void fuelEqualToTheInstructionsNeededIsEnough() {
    Vm vm = Vm.builder(Program.of(AluOp.MOV.imm(R0, 1), Instruction.exit())).fuel(2).build();
    assertEquals(2, vm.run().instructionsExecuted());
  }

  @Test
  void helpersReceiveArgumentsAndReturnR0() {
    Program program =
        Program.of(
            AluOp.MOV.imm(R1, 20), AluOp.MOV.imm(R2, 22), Instruction.call(7), Instruction.exit());
    Vm vm = Vm.builder(program).helper(helper(7, "sum"), (ctx, a, b, c, d, e) -> a + b).build();
    assertEquals(42, vm.run().r0());
  }

  @Test
  void callxCallsTheHelperNamedByARegister() {
    Program program = Program.of(AluOp.MOV.imm(R2, 7), Instruction.callx(R2), Instruction.exit());
    Vm vm = Vm.builder(program).helper(helper(7, "seven"), (ctx, a, b, c, d, e) -> 77).build();
    assertEquals(77, vm.run().r0());
  }

  @Test
  void callxOfAnUnknownIdFailsAtRunTime() {
    Program program = Program.of(AluOp.MOV.imm(R2, 8), Instruction.callx(R2), Instruction.exit());
    HelperException e = assertThrows(HelperException.class, () -> Vm.of(program).run());
    assertEquals(8, e.helperId());
    assertEquals(1, e.pc());
  }

  @Test
  void unregisteredHelperIsRefusedWhenBuilding() {
    Program program = Program.of(Instruction.call(9), Instruction.exit());
    HelperException e = assertThrows(HelperException.class, () -> Vm.builder(program).build());
    assertEquals(9, e.helperId());
    assertTrue(e.getMessage().contains("calls helper 9, which is not registered"), e.getMessage());
  }

  @Test
  void helperFailureBecomesHelperExceptionWithItsName() {
    Program program = Program.of(Instruction.call(1), Instruction.exit());
    Vm vm =
        Vm.builder(program)
            .helper(
                helper(1, "picky"),
                (ctx, a, b, c, d, e) -> {
                  throw new IllegalArgumentException("r1 must be even");
                })
            .build();
    HelperException e = assertThrows(HelperException.class, vm::run);
    assertTrue(e.getMessage().endsWith("helper 1 (picky) failed: r1 must be even"), e.getMessage());
  }

  @Test
  void helperMemoryAccessIsBoundsChecked() {
    Program program = Program.of(Instruction.call(1), Instruction.exit());
    Vm vm =
        Vm.builder(program)
            .helper(helper(1, "peek"), (ctx, a, b, c, d, e) -> ctx.memory().load(a + 2, Size.DW))
            .build();
    MemoryAccessException e = assertThrows(MemoryAccessException.class, () -> vm.run(new byte[4]));
    assertEquals(0, e.pc());
    assertTrue(e.getMessage().contains("helper read of 8 bytes"), e.getMessage());
  }

  @Test
  void helperMayStopTheProgram() {
    Program program = Program.of(Instruction.call(5), AluOp.MOV.imm(R0, 99), Instruction.exit());
    Vm vm =
        Vm.builder(program)
            .helper(
                helper(5, "stop"),
                (ctx, a, b, c, d, e) -> {
                  ctx.exitProgram(3);
                  return 0;
                })
            .build();
    ExecutionResult result = vm.run();
    assertEquals(3, result.r0());
    assertEquals(1, result.instructionsExecuted());
  }

  @Test
  void localCallGetsANewFrameAndPreservesCalleeSavedRegisters() {
    Program program =
        Program.of(
            AluOp.MOV.imm(R6, 11), // 0
            AluOp.MOV.reg(R1, R10), // 1: caller's frame pointer
            Instruction.callLocal(2), // 2: call 5
            AluOp.ADD.reg(R0, R6), // 3: r0 += 11 (r6 restored)
            Instruction.exit(), // 4
            AluOp.MOV.imm(R6, 1000), // 5: callee clobbers r6
            AluOp.MOV.reg(R0, R1), // 6
            AluOp.SUB.reg(R0, R10), // 7: r0 = caller fp - callee fp
            Instruction.exit()); // 8
    assertEquals(Vm.STACK_FRAME_BYTES + 11, Vm.of(program).run().r0());
  }

  @Test
  void recursionDeeperThanEightFramesFails() {
    Program program = Program.of(Instruction.callLocal(-1), Instruction.exit());
    CallDepthExceededException e =
        assertThrows(CallDepthExceededException.class, () -> Vm.of(program).run());
    assertEquals(0, e.pc());
  }

  @Test
  void sevenNestedCallsAreAllowed() {
    Program program =
        Program.of(
            AluOp.ADD.imm(R0, 1), // 0
            JumpOp.JGE.imm(R0, 8, 1), // 1
            Instruction.callLocal(-3), // 2: call 0
            Instruction.exit()); // 3
    assertEquals(8, Vm.of(program).run().r0());
  }

  @Test
  void traceRecordsEachStepWithChangedRegisters() {
    Vm vm =
        Vm.builder(Program.of(AluOp.MOV.imm(R0, 40), AluOp.ADD.imm(R0, 2), Instruction.exit()))
            .trace(true)
            .build();
    Trace trace = vm.run().trace().orElseThrow();
    List<Trace.Step> steps = trace.steps();
    assertEquals(3, steps.size());
    assertEquals(1, steps.get(1).pc());
    assertEquals(List.of(new Trace.RegisterChange(R0, 40, 42)), steps.get(1).changes());
    assertTrue(steps.get(2).changes().isEmpty());
    assertNotNull(trace.listing());
  }

  @Test
  void traceStopsAtItsLimit() {
    Vm vm =
        Vm.builder(
                Program.of(AluOp.ADD.imm(R0, 1), JumpOp.JLT.imm(R0, 100, -2), Instruction.exit()))
            .trace(true)
            .traceLimit(10)
            .build();
    ExecutionResult result = vm.run();
    Trace trace = result.trace().orElseThrow();
    assertEquals(10, trace.steps().size());
    assertTrue(trace.truncated());
    assertEquals(201, result.instructionsExecuted());
    assertEquals(191, trace.droppedSteps());
    assertTrue(
        trace.listing().endsWith("\n... 191 more steps not recorded (trace limit: 10 steps)\n"),
        trace.listing());
    assertEquals("Trace[10 steps, 191 not recorded]", trace.toString());
  }

  @Test
  void aTraceIsBoundedByDefaultAndItsLimitHasAMaximum() {
    Trace bounded =
        Vm.builder(
                Program.of(
                    AluOp.ADD.imm(R0, 1), JumpOp.JLT.imm(R0, 30_000, -2), Instruction.exit()))
            .trace(true)
            .build()
            .run()
            .trace()
            .orElseThrow();
    assertEquals(Vm.DEFAULT_TRACE_LIMIT, bounded.steps().size());
    assertEquals(60_001 - Vm.DEFAULT_TRACE_LIMIT, bounded.droppedSteps());
    IllegalArgumentException tooMany =
        assertThrows(
            IllegalArgumentException.class,
            () -> Vm.builder(Program.of(Instruction.exit())).traceLimit(Vm.MAX_TRACE_LIMIT + 1));
    assertEquals(
        "trace limit must be between 1 and 1000000 steps (Vm.MAX_TRACE_LIMIT), got 1000001",
        tooMany.getMessage());
  }

  @Test
  void misalignedAtomicIsRefused() {
    Program program =
        Program.of(
            AluOp.MOV.imm(R1, 1), AtomicOp.ADD.of(Size.DW, R10, R1, -12), Instruction.exit());
    MemoryAccessException e = assertThrows(MemoryAccessException.class, () -> Vm.of(program).run());
    assertTrue(e.getMessage().contains("not aligned to 8 bytes"), e.getMessage());
  }

  @Test
  void builderRefusesReservedRegionNamesAndNonPositiveFuel() {
    Vm.Builder builder = Vm.builder(Program.of(Instruction.exit()));
    assertThrows(IllegalArgumentException.class, () -> builder.region("stack", new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> builder.fuel(0));
  }

  /** A prototype taking any values in r1-r5, for helpers the VM tests call directly. */
  private static HelperPrototype helper(int id, String name) {
    return new HelperPrototype(id, name, java.util.List.of(), ReturnType.SCALAR, true);
  }
}
