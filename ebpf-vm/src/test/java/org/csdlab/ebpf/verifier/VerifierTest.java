package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.ArgType;
import org.csdlab.ebpf.CallDepthExceededException;
import org.csdlab.ebpf.FormatRule;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.ReturnType;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

class VerifierTest {
  /** Tests start from the strict entry state: only r1 (context) and r10 (frame) initialised. */
  private static final VerifierOptions STRICT =
      VerifierOptions.defaults().withContextLengthInR2(false);

  private static VerificationResult verify(String source) {
    return verify(source, STRICT);
  }

  private static VerificationResult verify(String source, VerifierOptions options) {
    return Verifier.verify(Assembler.assemble(source), options);
  }

  private static VerifierError refused(String source, ErrorCode code, int pc) {
    return refused(source, STRICT, code, pc);
  }

  private static VerifierError refused(
      String source, VerifierOptions options, ErrorCode code, int pc) {
    VerificationResult r = verify(source, options);
    assertTrue(!r.ok(), "expected a refusal with " + code);
    assertEquals(code, r.code(), r.toString());
    assertEquals(pc, r.error().pc(), r.toString());
    return r.error();
  }

  private static void accepted(String source) {
    accepted(source, STRICT);
  }

  private static void accepted(String source, VerifierOptions options) {
    VerificationResult r = verify(source, options);
    assertTrue(r.ok(), r.toString());
  }

  // ---- UNINIT_REG ---------------------------------------------------------------------------

  @Test
  void uninitialisedRegisterIsRefusedWithAPlainMessage() {
    VerifierError e =
        refused(
            """
                r0 = 1
                r1 = 2
                r3 = 4
                r0 += r2
                exit""",
            ErrorCode.UNINIT_REG,
            3);
    assertEquals(
        "UNINIT_REG at 3 'r0 += r2': r2 is read before any instruction writes it. "
            + "Registers: r2=not initialised. Fix: give r2 a value before pc 3 (e.g. r2 = 0).",
        withoutState(e));
    assertEquals("r0 += r2", e.instruction());
  }

  @Test
  void initialisedRegisterIsAccepted() {
    accepted("r0 = 1\nr2 = 2\nr0 += r2\nexit");
  }

  @Test
  void exitWithoutR0IsRefused() {
    refused("r1 = 1\nexit", ErrorCode.UNINIT_REG, 1);
    accepted("r0 = 1\nexit");
  }

  @Test
  void registerUninitialisedOnOnePathOnlyIsRefusedAtTheJoin() {
    refused(
        """
                r0 = 0
                if r1 == 0 goto skip
                r3 = 5
                skip:
                r0 += r3
                exit""",
        ErrorCode.UNINIT_REG,
        3);
    accepted(
        """
                r0 = 0
                r3 = 1
                if r1 == 0 goto skip
                r3 = 5
                skip:
                r0 += r3
                exit""");
  }

  // ---- UNREACHABLE --------------------------------------------------------------------------

  @Test
  void deadCodeIsRefused() {
    refused("r0 = 0\nexit\nr0 = 1\nexit", ErrorCode.UNREACHABLE, 2);
    refused("r0 = 0\ngoto +1\nr0 = 1\nexit", ErrorCode.UNREACHABLE, 2);
    accepted("r0 = 0\nif r1 == 0 goto +1\nr0 = 1\nexit");
  }

  // ---- stack ------------------------------------------------------------------------------

  @Test
  void stackOutOfBoundsIsRefused() {
    refused("r1 = 1\n*(u64 *)(r10 - 516) = r1\nr0 = 0\nexit", ErrorCode.STACK_OUT_OF_BOUNDS, 1);
    refused("r1 = 1\n*(u64 *)(r10 - 4) = r1\nr0 = 0\nexit", ErrorCode.STACK_OUT_OF_BOUNDS, 1);
    refused("r1 = 1\n*(u8 *)(r10 + 0) = r1\nr0 = 0\nexit", ErrorCode.STACK_OUT_OF_BOUNDS, 1);
    accepted("r1 = 1\n*(u64 *)(r10 - 512) = r1\n*(u64 *)(r10 - 8) = r1\nr0 = 0\nexit");
  }

  @Test
  void stackPointerArithmeticWithConstantsIsTracked() {
    refused(
        "r2 = r10\nr2 += -600\nr1 = 1\n*(u64 *)(r2 + 0) = r1\nr0 = 0\nexit",
        ErrorCode.STACK_OUT_OF_BOUNDS,
        3);
    accepted("r2 = r10\nr2 += -16\nr1 = 1\n*(u64 *)(r2 + 8) = r1\nr0 = *(u64 *)(r10 - 8)\nexit");
  }

  @Test
  void variableStackOffsetIsRefused() {
    refused(
        """
                r2 = *(u32 *)(r1 + 0)
                r3 = r10
                r3 += r2
                r4 = 1
                *(u8 *)(r3 - 1) = r4
                r0 = 0
                exit""",
        ErrorCode.STACK_VARIABLE_OFFSET,
        4);
    accepted(
        """
                r2 = *(u32 *)(r1 + 0)
                r3 = r10
                r3 += -1
                r4 = 1
                *(u8 *)(r3 + 0) = r4
                r0 = 0
                exit""");
  }

  @Test
  void uninitialisedStackReadIsRefused() {
    refused(
        "r1 = 1\n*(u32 *)(r10 - 8) = r1\nr0 = *(u64 *)(r10 - 8)\nexit",
        ErrorCode.UNINIT_STACK_READ,
        2);
    accepted("r1 = 1\n*(u64 *)(r10 - 8) = r1\nr0 = *(u32 *)(r10 - 4)\nexit");
    accepted("*(u64 *)(r10 - 8) = 7\nr0 = *(u64 *)(r10 - 8)\nexit");
  }

  // ---- helpers ----------------------------------------------------------------------------

  @Test
  void helperWithTooFewArgumentsIsRefused() {
    VerifierError e =
        refused(
            """
                r1 = 1
                call 1
                r0 = 0
                exit""",
            ErrorCode.HELPER_ARGS_UNINIT,
            1);
    assertEquals(
        "HELPER_ARGS_UNINIT at 1 'call 1': map_lookup_elem takes 2 arguments (r1-r2) but r2 "
            + "(a pointer to a map key) is not initialised. Registers: r1=scalar, r2=not initialised. "
            + "Fix: set r2 before the call.",
        withoutState(e));
    assertEquals(RegType.NOT_INIT, e.registers().get(2));
    accepted(
        """
                *(u32 *)(r10 - 4) = 0
                r1 = 1
                r2 = r10
                r2 += -4
                call 1
                r0 = 0
                exit""");
  }

  @Test
  void argumentsAreClobberedByAHelperCall() {
    refused("call 5\nr0 = r1\nexit", ErrorCode.UNINIT_REG, 1);
    accepted("call 5\nexit");
  }

  @Test
  void unknownHelperIsRefusedUnlessAPrototypeIsGiven() {
    refused("call 99\nexit", ErrorCode.UNKNOWN_HELPER, 0);
    accepted(
        "call 99\nexit",
        VerifierOptions.defaults()
            .withHelper(new HelperPrototype(99, "answer", List.of(), ReturnType.SCALAR)));
    refused(
        "call 99\nexit",
        STRICT.withHelper(
            new HelperPrototype(
                99, "f", List.of(ArgType.ANYTHING, ArgType.ANYTHING), ReturnType.SCALAR)),
        ErrorCode.HELPER_ARGS_UNINIT,
        0);
  }

  @Test
  void r0IsUnreadableAfterAVoidHelperAndTheRefusalNamesIt() {
    VerifierOptions options =
        STRICT.withHelper(new HelperPrototype(99, "log_it", List.of(), ReturnType.VOID));
    VerifierError atExit = refused("call 99\nexit", options, ErrorCode.UNINIT_REG, 1);
    assertTrue(
        atExit
            .message()
            .contains(
                "r0 (the return value) is read at exit after the call of log_it at pc 0, which"
                    + " returns nothing (void)"),
        atExit.message());
    VerifierError used =
        refused("call 99\nr1 = r0\nr0 = 0\nexit", options, ErrorCode.UNINIT_REG, 1);
    assertTrue(
        used.message().contains("r0 is read after the call of log_it at pc 0"), used.message());
    // on a path join the refusal still names the void call
    VerifierError joined =
        refused(
            "r0 = 1\nif r1 == 0 goto skip\ncall 99\nskip:\nexit", options, ErrorCode.UNINIT_REG, 3);
    assertTrue(joined.message().contains("log_it at pc 2"), joined.message());
    accepted("call 99\nr0 = 0\nexit", options);
  }

  @Test
  void variadicHelperNeedsOnlyItsFixedArguments() {
    accepted("*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 8\ncall 6\nexit");
    refused(
        "*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\ncall 6\nexit", ErrorCode.HELPER_ARGS_UNINIT, 3);
  }

  // ---- null checks ------------------------------------------------------------------------

  private static final String LOOKUP =
      """
            *(u32 *)(r10 - 4) = 0
            r1 = 1
            r2 = r10
            r2 += -4
            call 1
            """;

  @Test
  void mapValueWithoutNullCheckIsRefused() {
    VerifierError e =
        refused(LOOKUP + "r0 = *(u64 *)(r0 + 0)\nexit", ErrorCode.NULL_CHECK_MISSING, 5);
    assertEquals(RegType.Kind.PTR_TO_MAP_VALUE_OR_NULL, e.registers().get(0).kind());
    assertTrue(e.fix().contains("if r0 == 0 goto"), e.fix());
  }

  @Test
  void mapValueAfterNullCheckIsAccepted() {
    accepted(LOOKUP + "if r0 == 0 goto out\nr0 = *(u64 *)(r0 + 0)\nexit\nout:\nr0 = 0\nexit");
    accepted(
        LOOKUP
            + "if r0 != 0 goto found\nr0 = 0\nexit\nfound:\nr1 = 1\n*(u64 *)(r0 + 0) = r1\nr0 = 1\nexit");
  }

  @Test
  void nullCheckOfACopyRefinesTheOriginal() {
    accepted(
        LOOKUP + "r6 = r0\nif r6 == 0 goto out\nr0 = *(u64 *)(r0 + 0)\nexit\nout:\nr0 = 0\nexit");
    accepted(
        LOOKUP
            + "*(u64 *)(r10 - 16) = r0\nif r0 == 0 goto out\nr1 = *(u64 *)(r10 - 16)\n"
            + "r0 = *(u64 *)(r1 + 0)\nexit\nout:\nr0 = 0\nexit");
    // a copy of a different lookup is not refined
    refused(
        LOOKUP
            + "r6 = r0\n"
            + LOOKUP
            + "if r0 == 0 goto out\nr0 = *(u64 *)(r6 + 0)\nexit\nout:\nr0 = 0\nexit",
        ErrorCode.NULL_CHECK_MISSING,
        12);
  }

  @Test
  void nullCheckOnTheWrongSideIsRefused() {
    refused(
        LOOKUP + "if r0 != 0 goto out\nr0 = *(u64 *)(r0 + 0)\nexit\nout:\nr0 = 0\nexit",
        ErrorCode.NULL_CHECK_MISSING,
        6);
  }

  @Test
  void spilledRegisterTypesSurviveTheStack() {
    refused(
        LOOKUP + "*(u64 *)(r10 - 16) = r0\nr1 = *(u64 *)(r10 - 16)\nr0 = *(u32 *)(r1 + 0)\nexit",
        ErrorCode.NULL_CHECK_MISSING,
        7);
    accepted(
        LOOKUP
            + "if r0 == 0 goto out\n*(u64 *)(r10 - 16) = r0\nr1 = *(u64 *)(r10 - 16)\n"
            + "r0 = *(u32 *)(r1 + 0)\nexit\nout:\nr0 = 0\nexit");
    // a stack pointer spilled and reloaded keeps its offset, so out-of-frame access is still caught
    refused(
        "r2 = r10\nr2 += -8\n*(u64 *)(r10 - 16) = r2\nr3 = *(u64 *)(r10 - 16)\nr0 = 1\n"
            + "*(u64 *)(r3 + 8) = r0\nexit",
        ErrorCode.STACK_OUT_OF_BOUNDS,
        5);
    // overwriting part of the slot forgets the spilled type
    accepted(
        LOOKUP
            + "*(u64 *)(r10 - 16) = r0\n*(u32 *)(r10 - 16) = 0\nr1 = *(u64 *)(r10 - 16)\nr0 = r1\nexit");
  }

  @Test
  void maybeNullPassedAsAHelperPointerIsRefused() {
    refused(
        LOOKUP + "r1 = 1\nr2 = r0\nr3 = r0\nr4 = 0\ncall 2\nexit", ErrorCode.NULL_CHECK_MISSING, 9);
    accepted(
        LOOKUP
            + "if r0 == 0 goto out\nr1 = 1\nr2 = r0\nr3 = r0\nr4 = 0\ncall 2\nout:\nr0 = 0\nexit");
  }

  @Test
  void arithmeticOnMaybeNullIsRefused() {
    refused(LOOKUP + "r0 += 8\nexit", ErrorCode.NULL_CHECK_MISSING, 5);
  }

  // ---- read-only regions --------------------------------------------------------------------

  @Test
  void writeToReadOnlyRegionIsRefused() {
    VerifierOptions o =
        VerifierOptions.defaults()
            .withRegion(".rodata", 0x10000000L, 8, false)
            .withRegion(".data", 0x20000000L, 8, true);
    VerifierError e =
        refused(
            "r1 = 0x10000000 ll\nr2 = 1\n*(u32 *)(r1 + 4) = r2\nr0 = 0\nexit",
            o,
            ErrorCode.RODATA_WRITE,
            3);
    assertTrue(e.message().contains(".rodata"), e.message());
    accepted("r1 = 0x10000000 ll\nr0 = *(u32 *)(r1 + 4)\nexit", o);
    accepted("r1 = 0x20000000 ll\nr2 = 1\n*(u32 *)(r1 + 4) = r2\nr0 = 0\nexit", o);
  }

  @Test
  void pointersIntoARegionKeepItsWritability() {
    VerifierOptions o = STRICT.withRegion(".rodata", 0x300000000L, 64, false);
    refused(
        "r1 = 0x300000010 ll\nr1 += 8\n*(u64 *)(r1 + 0) = 0\nr0 = 0\nexit",
        o,
        ErrorCode.RODATA_WRITE,
        3);
    refused(
        "r1 = 0x300000010 ll\nr2 = 1\nlock *(u64 *)(r1 + 0) += r2\nr0 = 0\nexit",
        o,
        ErrorCode.RODATA_WRITE,
        3);
    accepted("r1 = 0x300000010 ll\nr1 += 8\nr0 = *(u64 *)(r1 + 0)\nexit", o);
    // an address outside the region is a plain scalar
    accepted("r1 = 0x300000040 ll\n*(u64 *)(r1 + 0) = 0\nr0 = 0\nexit", o);
  }

  // ---- r10 ----------------------------------------------------------------------------------

  @Test
  void frameWriteInARawInstructionListIsRefused() {
    List<Instruction> raw =
        List.of(AluOp.MOV.imm(Register.R0, 0), AluOp.ADD.imm(Register.R10, 8), Instruction.exit());
    VerificationResult r = Verifier.verify(raw, VerifierOptions.defaults());
    assertEquals(ErrorCode.FRAME_POINTER_WRITE, r.code());
    assertEquals(1, r.error().pc());
    List<Instruction> fine =
        List.of(
            AluOp.MOV.reg(Register.R1, Register.R10),
            AluOp.ADD.imm(Register.R1, 8),
            AluOp.MOV.imm(Register.R0, 0),
            Instruction.exit());
    assertTrue(Verifier.verify(fine, VerifierOptions.defaults()).ok());
  }

  // ---- loops, calls, realistic programs -----------------------------------------------------

  @Test
  void loopsAreAccepted() {
    accepted(
        """
                r0 = 0
                r2 = 0
                loop:
                r0 += r2
                r2 += 1
                if r2 < 10 goto loop
                exit""");
  }

  @Test
  void loopThatReadsAnUninitialisedRegisterOnTheBackEdgeIsRefused() {
    refused(
        """
                r0 = 0
                r2 = 0
                loop:
                r0 += r2
                r2 = r3
                if r0 < 10 goto loop
                exit""",
        ErrorCode.UNINIT_REG,
        3);
  }

  @Test
  void benchmarkStyleCountOverContextIsAccepted() {
    accepted(
        """
                r0 = 0
                r3 = 0
                r4 = 0x3fffffff
                loop:
                if r3 >= r2 goto out
                r5 = r1
                r5 += r3
                r6 = *(u32 *)(r5 + 0)
                if r6 <= r4 goto skip
                r0 += 1
                skip:
                r3 += 4
                goto loop
                out:
                exit""",
        VerifierOptions.defaults());
  }

  @Test
  void contextLengthInR2CanBeSwitchedOff() {
    String p = "r0 = r2\nexit";
    accepted(p, VerifierOptions.defaults());
    refused(p, VerifierOptions.defaults().withContextLengthInR2(false), ErrorCode.UNINIT_REG, 0);
    accepted("r0 = r1\nr0 += 1\nexit", VerifierOptions.defaults().withContextLengthInR2(false));
  }

  /**
   * clang -O2 -target bpf of: count the u32 values above 0x3fffffff in (data, len), add the count
   * to a map value found with map_lookup_elem (null-checked), trace_printk it, return it.
   */
  private static final String CLANG_COUNT_AND_MAP =
      "b703000000000000b704000004000000b7060000000000002d240e00000000007702000002000000b706000000000000"
          + "b70400000000000005000500000000000f56000000000000070100000400000007040000010000002d42010000000000"
          + "05000500000000006110000000000000b7050000010000002500f8ffffffff3fb7050000000000000500f6ff00000000"
          + "633afcff00000000bfa200000000000007020000fcffffffb70100000100000085000000010000001500060000000000"
          + "bf610000000000006701000020000000770100002000000079020000000000000f120000000000007b20000000000000"
          + "b701000000000000731af8ff00000000b70100006e3d2564631af4ff00000000bfa100000000000007010000f4ffffff"
          + "b702000005000000bf630000000000008500000006000000bf600000000000009500000000000000";

  @Test
  void clangCompiledCountWithMapLookupIsAccepted() {
    org.csdlab.ebpf.Program p =
        org.csdlab.ebpf.Program.decode(java.util.HexFormat.of().parseHex(CLANG_COUNT_AND_MAP));
    VerificationResult r = Verifier.verify(p, VerifierOptions.defaults());
    assertTrue(r.ok(), r.toString());
    // without the null check (pc 23 turned into 'goto +0') the dereference at pc 27 is refused
    java.util.List<Instruction> insns = new java.util.ArrayList<>(p.instructions());
    insns.set(23, Instruction.ja(0));
    VerificationResult noCheck = Verifier.verify(insns, VerifierOptions.defaults());
    assertEquals(ErrorCode.NULL_CHECK_MISSING, noCheck.code(), noCheck.toString());
    assertEquals(27, noCheck.error().pc());
  }

  @Test
  void mapCounterIsAccepted() {
    accepted(
        """
                *(u32 *)(r10 - 4) = 0
                r1 = 1
                r2 = r10
                r2 += -4
                call 1
                if r0 == 0 goto out
                r1 = 1
                lock *(u64 *)(r0 + 0) += r1
                r6 = *(u64 *)(r0 + 0)
                *(u64 *)(r10 - 16) = r6
                r1 = 1
                r2 = r10
                r2 += -4
                r3 = r10
                r3 += -16
                r4 = 0
                call 2
                out:
                r0 = 0
                exit""");
  }

  @Test
  void localCallsKeepCalleeSavedRegistersAndClobberArguments() {
    accepted(
        """
                r6 = 3
                r1 = 4
                call add
                r0 += r6
                exit
                add:
                r0 = r1
                r0 += 1
                exit""");
    refused(
        """
                r6 = 3
                r1 = 4
                call add
                r0 += r1
                exit
                add:
                r0 = r1
                exit""",
        ErrorCode.UNINIT_REG,
        3);
    refused(
        """
                r6 = 3
                r1 = 4
                call f
                exit
                f:
                r0 = r6
                exit""",
        ErrorCode.UNINIT_REG,
        4);
  }

  @Test
  void calleeHasAFreshStackFrame() {
    refused(
        """
                *(u64 *)(r10 - 8) = 1
                call f
                exit
                f:
                r0 = *(u64 *)(r10 - 8)
                exit""",
        ErrorCode.UNINIT_STACK_READ,
        3);
    accepted(
        """
                *(u64 *)(r10 - 8) = 1
                call f
                r0 = *(u64 *)(r10 - 8)
                exit
                f:
                r0 = 0
                exit""");
  }

  @Test
  void recursionIsBoundedByCallDepth() {
    VerifierError e = refused("f:\nr0 = 0\ncall f\nexit", ErrorCode.CALL_DEPTH, 1);
    assertEquals(
        "CALL_DEPTH at 1 'call -2': this call would make 9 frames live, more than the 8 allowed (the "
            + "program's own and 7 nested local calls). Fix: call fewer functions in a chain, or avoid recursion.",
        withoutState(e));
  }

  /**
   * {@code e}'s message without the abstract state at the refused instruction ("State: R0=1
   * R10=fp0"), which the path verifier adds between the registers and the fix and v1 does not keep.
   */
  private static String withoutState(VerifierError e) {
    return e.message().replaceFirst(" State: .*?(?= Fix: )", "");
  }

  /**
   * main calls f1, f1 calls f2, ..., f(calls-1) calls f(calls): {@code calls} local calls nested.
   */
  private static Program callChain(int calls) {
    List<Instruction> out = new java.util.ArrayList<>();
    for (int f = 0; f < calls; f++) {
      out.add(
          Instruction.callLocal(
              1)); // each function is [call next, exit]: the next starts 2 slots on
      out.add(Instruction.exit());
    }
    out.add(AluOp.MOV.imm(Register.R0, 7));
    out.add(Instruction.exit());
    return Program.of(out);
  }

  @Test
  void theVerifierAllowsExactlyTheCallNestingTheVmRuns() {
    int deepest = Vm.MAX_CALL_DEPTH - 1;
    Program ok = callChain(deepest);
    assertTrue(Verifier.verify(ok, STRICT).ok(), Verifier.verify(ok, STRICT).toString());
    assertEquals(7, Vm.of(ok).run().r0());
    Program tooDeep = callChain(deepest + 1);
    VerificationResult r = Verifier.verify(tooDeep, STRICT);
    assertEquals(ErrorCode.CALL_DEPTH, r.code(), r.toString());
    assertEquals(2 * deepest, r.error().pc());
    assertThrows(CallDepthExceededException.class, () -> Vm.of(tooDeep).run());
  }

  @Test
  void callDepthCannotExceedTheVmsLimit() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> VerifierOptions.defaults().withMaxCallDepth(Vm.MAX_CALL_DEPTH + 1));
    assertEquals(
        "maxCallDepth must be between 1 and 8 frames (the VM's Vm.MAX_CALL_DEPTH), got 9",
        e.getMessage());
    refused("call f\nexit\nf:\nr0 = 0\nexit", STRICT.withMaxCallDepth(1), ErrorCode.CALL_DEPTH, 0);
  }

  // ---- raw instruction lists ------------------------------------------------------------------

  @Test
  void aRegisterAboveTenInARawListIsRefusedAsProgramDoes() {
    List<Instruction> raw = List.of(Instruction.of(0xb7, 15, 0, 0, 0), Instruction.exit());
    VerificationResult r = Verifier.verify(raw, VerifierOptions.defaults());
    assertEquals(ErrorCode.BAD_PROGRAM, r.code(), r.toString());
    assertEquals(0, r.error().pc());
    ProgramFormatException asProgram =
        assertThrows(ProgramFormatException.class, () -> Program.of(raw));
    assertEquals(FormatRule.INVALID_REGISTER, asProgram.rule());
    assertEquals(
        "BAD_PROGRAM at 0 '.insn 0xb7, dst=15, src=0, off=0, imm=0': dst register r15 does not exist ("
            + FormatRule.INVALID_REGISTER.rule()
            + ").",
        r.error().message());
  }

  @Test
  void everyFormatRuleOfProgramAppliesToRawLists() {
    assertEquals(
        ErrorCode.BAD_PROGRAM, Verifier.verify(List.of(), VerifierOptions.defaults()).code());
    VerificationResult unknown =
        Verifier.verify(
            List.of(Instruction.of(0xff, 0, 0, 0, 0), Instruction.exit()),
            VerifierOptions.defaults());
    assertEquals(ErrorCode.BAD_PROGRAM, unknown.code());
    assertTrue(
        unknown.error().rule().contains("opcode 0xff is not an eBPF instruction"),
        unknown.toString());
    VerificationResult src =
        Verifier.verify(
            List.of(
                AluOp.MOV.reg(Register.R0, Register.R10),
                Instruction.of(0x0f, 0, 12, 0, 0),
                Instruction.exit()),
            VerifierOptions.defaults());
    assertEquals(ErrorCode.BAD_PROGRAM, src.code());
    assertEquals(1, src.error().pc());
    assertTrue(src.error().rule().startsWith("src register r12 does not exist"), src.toString());
  }

  @Test
  void logListsEveryVisitedInstructionOnRequest() {
    VerificationResult r = verify("r0 = 1\nexit", VerifierOptions.defaults().withLog(true));
    assertTrue(r.ok());
    assertNotNull(r.log());
    assertTrue(r.log().contains("0: r0 = 1") && r.log().contains("1: exit"), r.log());
    VerificationResult bad = verify("r0 += r3\nexit", VerifierOptions.defaults().withLog(true));
    assertTrue(bad.log().endsWith(bad.error().message() + "\n"), bad.log());
    assertEquals(null, verify("r0 = 1\nexit").log());
  }

  @Test
  void orThrowCarriesTheCode() {
    VerificationException e =
        assertThrows(VerificationException.class, () -> verify("r0 += r3\nexit").orThrow());
    assertEquals(ErrorCode.UNINIT_REG, e.code());
  }
}
