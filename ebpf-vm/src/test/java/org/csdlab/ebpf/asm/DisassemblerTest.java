package org.csdlab.ebpf.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DisassemblerTest {

  /**
   * Encoded instruction, LLVM text, uBPF text. LLVM texts marked "objdump 14" were checked against
   * llvm-objdump 14; the others follow newer LLVM where LLVM 14 prints {@code <unknown>}.
   */
  static Stream<Arguments> table() {
    return Stream.of(
        // ALU64 immediate and register (objdump 14)
        row("07 01 00 00 16 00 00 00", "r1 += 22", "add %r1, 22"),
        row("0f 21 00 00 00 00 00 00", "r1 += r2", "add %r1, %r2"),
        row("17 01 00 00 fd ff ff ff", "r1 -= -3", "sub %r1, -3"),
        row("1f 21 00 00 00 00 00 00", "r1 -= r2", "sub %r1, %r2"),
        row("27 01 00 00 04 00 00 00", "r1 *= 4", "mul %r1, 4"),
        row("2f 21 00 00 00 00 00 00", "r1 *= r2", "mul %r1, %r2"),
        row("37 01 00 00 04 00 00 00", "r1 /= 4", "div %r1, 4"),
        row("3f 21 00 00 00 00 00 00", "r1 /= r2", "div %r1, %r2"),
        row("47 01 00 00 04 00 00 00", "r1 |= 4", "or %r1, 4"),
        row("4f 21 00 00 00 00 00 00", "r1 |= r2", "or %r1, %r2"),
        row("57 01 00 00 04 00 00 00", "r1 &= 4", "and %r1, 4"),
        row("5f 21 00 00 00 00 00 00", "r1 &= r2", "and %r1, %r2"),
        row("67 01 00 00 3f 00 00 00", "r1 <<= 63", "lsh %r1, 63"),
        row("6f 21 00 00 00 00 00 00", "r1 <<= r2", "lsh %r1, %r2"),
        row("77 01 00 00 04 00 00 00", "r1 >>= 4", "rsh %r1, 4"),
        row("7f 21 00 00 00 00 00 00", "r1 >>= r2", "rsh %r1, %r2"),
        row("87 01 00 00 00 00 00 00", "r1 = -r1", "neg %r1"),
        row("a7 01 00 00 04 00 00 00", "r1 ^= 4", "xor %r1, 4"),
        row("af 21 00 00 00 00 00 00", "r1 ^= r2", "xor %r1, %r2"),
        row("b7 01 00 00 ff ff ff ff", "r1 = -1", "mov %r1, -1"),
        row("b7 01 00 00 00 00 00 80", "r1 = -2147483648", "mov %r1, -2147483648"),
        row("b7 01 00 00 ff ff ff 7f", "r1 = 2147483647", "mov %r1, 2147483647"),
        row("bf 21 00 00 00 00 00 00", "r1 = r2", "mov %r1, %r2"),
        row("c7 01 00 00 04 00 00 00", "r1 s>>= 4", "arsh %r1, 4"),
        row("cf 21 00 00 00 00 00 00", "r1 s>>= r2", "arsh %r1, %r2"),
        // ALU64 newer than LLVM 14: mod, sdiv, smod, movsx
        row("97 01 00 00 03 00 00 00", "r1 %= 3", "mod %r1, 3"),
        row("9f 21 00 00 00 00 00 00", "r1 %= r2", "mod %r1, %r2"),
        row("3f 21 01 00 00 00 00 00", "r1 s/= r2", "sdiv %r1, %r2"),
        row("37 01 01 00 03 00 00 00", "r1 s/= 3", "sdiv %r1, 3"),
        row("9f 21 01 00 00 00 00 00", "r1 s%= r2", "smod %r1, %r2"),
        row("97 01 01 00 fd ff ff ff", "r1 s%= -3", "smod %r1, -3"),
        row("bf 21 08 00 00 00 00 00", "r1 = (s8)r2", "movsx864 %r1, %r2"),
        row("bf 21 10 00 00 00 00 00", "r1 = (s16)r2", "movsx1664 %r1, %r2"),
        row("bf 21 20 00 00 00 00 00", "r1 = (s32)r2", "movsx3264 %r1, %r2"),
        // ALU (32-bit), objdump 14
        row("04 01 00 00 04 00 00 00", "w1 += 4", "add32 %r1, 4"),
        row("0c 21 00 00 00 00 00 00", "w1 += w2", "add32 %r1, %r2"),
        row("14 01 00 00 04 00 00 00", "w1 -= 4", "sub32 %r1, 4"),
        row("24 01 00 00 04 00 00 00", "w1 *= 4", "mul32 %r1, 4"),
        row("3c 21 00 00 00 00 00 00", "w1 /= w2", "div32 %r1, %r2"),
        row("44 01 00 00 04 00 00 00", "w1 |= 4", "or32 %r1, 4"),
        row("5c 21 00 00 00 00 00 00", "w1 &= w2", "and32 %r1, %r2"),
        row("64 01 00 00 04 00 00 00", "w1 <<= 4", "lsh32 %r1, 4"),
        row("7c 21 00 00 00 00 00 00", "w1 >>= w2", "rsh32 %r1, %r2"),
        row("84 01 00 00 00 00 00 00", "w1 = -w1", "neg32 %r1"),
        row("a4 01 00 00 04 00 00 00", "w1 ^= 4", "xor32 %r1, 4"),
        row("b4 01 00 00 ff ff ff ff", "w1 = -1", "mov32 %r1, -1"),
        row("bc 21 00 00 00 00 00 00", "w1 = w2", "mov32 %r1, %r2"),
        row("c4 01 00 00 04 00 00 00", "w1 s>>= 4", "arsh32 %r1, 4"),
        row("cc 21 00 00 00 00 00 00", "w1 s>>= w2", "arsh32 %r1, %r2"),
        row("94 01 00 00 03 00 00 00", "w1 %= 3", "mod32 %r1, 3"),
        row("3c 21 01 00 00 00 00 00", "w1 s/= w2", "sdiv32 %r1, %r2"),
        row("94 01 01 00 03 00 00 00", "w1 s%= 3", "smod32 %r1, 3"),
        row("bc 21 08 00 00 00 00 00", "w1 = (s8)w2", "movsx832 %r1, %r2"),
        row("bc 21 10 00 00 00 00 00", "w1 = (s16)w2", "movsx1632 %r1, %r2"),
        // byte order (objdump 14), byte swap (newer)
        row("d4 01 00 00 10 00 00 00", "r1 = le16 r1", "le16 %r1"),
        row("d4 01 00 00 20 00 00 00", "r1 = le32 r1", "le32 %r1"),
        row("d4 01 00 00 40 00 00 00", "r1 = le64 r1", "le64 %r1"),
        row("dc 01 00 00 10 00 00 00", "r1 = be16 r1", "be16 %r1"),
        row("dc 01 00 00 20 00 00 00", "r1 = be32 r1", "be32 %r1"),
        row("dc 01 00 00 40 00 00 00", "r1 = be64 r1", "be64 %r1"),
        row("d7 01 00 00 10 00 00 00", "r1 = bswap16 r1", "bswap16 %r1"),
        row("d7 01 00 00 20 00 00 00", "r1 = bswap32 r1", "bswap32 %r1"),
        row("d7 01 00 00 40 00 00 00", "r1 = bswap64 r1", "bswap64 %r1"),
        // 64-bit immediate (objdump 14: decimal, signed)
        row(
            "18 01 00 00 88 77 66 55 00 00 00 00 44 33 22 11",
            "r1 = 1234605616436508552 ll",
            "lddw %r1, 0x1122334455667788"),
        row(
            "18 01 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff",
            "r1 = -1 ll",
            "lddw %r1, 0xffffffffffffffff"),
        row("18 01 00 00 05 00 00 00 00 00 00 00 00 00 00 00", "r1 = 5 ll", "lddw %r1, 0x5"),
        // loads and stores (objdump 14, except stores of immediates and sign-extending loads)
        row("61 a1 f8 ff 00 00 00 00", "r1 = *(u32 *)(r10 - 8)", "ldxw %r1, [%r10-8]"),
        row("69 21 fd ff 00 00 00 00", "r1 = *(u16 *)(r2 - 3)", "ldxh %r1, [%r2-3]"),
        row("71 21 03 00 00 00 00 00", "r1 = *(u8 *)(r2 + 3)", "ldxb %r1, [%r2+3]"),
        row("79 21 00 00 00 00 00 00", "r1 = *(u64 *)(r2 + 0)", "ldxdw %r1, [%r2+0]"),
        row("81 21 02 00 00 00 00 00", "r1 = *(s32 *)(r2 + 2)", "ldxsw %r1, [%r2+2]"),
        row("89 21 02 00 00 00 00 00", "r1 = *(s16 *)(r2 + 2)", "ldxsh %r1, [%r2+2]"),
        row("91 01 02 00 00 00 00 00", "r1 = *(s8 *)(r0 + 2)", "ldxsb %r1, [%r0+2]"),
        row("63 1a f8 ff 00 00 00 00", "*(u32 *)(r10 - 8) = r1", "stxw [%r10-8], %r1"),
        row("6b 21 fd ff 00 00 00 00", "*(u16 *)(r1 - 3) = r2", "stxh [%r1-3], %r2"),
        row("73 21 fd ff 00 00 00 00", "*(u8 *)(r1 - 3) = r2", "stxb [%r1-3], %r2"),
        row("7b 1a 00 80 00 00 00 00", "*(u64 *)(r10 - 32768) = r1", "stxdw [%r10-32768], %r1"),
        row("7b 1a ff 7f 00 00 00 00", "*(u64 *)(r10 + 32767) = r1", "stxdw [%r10+32767], %r1"),
        row("62 0a f8 ff 05 00 00 00", "*(u32 *)(r10 - 8) = 5", "stw [%r10-8], 5"),
        row("6a 01 02 00 ff ff ff ff", "*(u16 *)(r1 + 2) = -1", "sth [%r1+2], -1"),
        row("72 01 02 00 11 00 00 00", "*(u8 *)(r1 + 2) = 17", "stb [%r1+2], 17"),
        row("7a 0a f0 ff ab 00 00 00", "*(u64 *)(r10 - 16) = 171", "stdw [%r10-16], 171"),
        // atomics (objdump 14; 32-bit forms other than add as with --mattr=+alu32)
        row("db 21 00 00 00 00 00 00", "lock *(u64 *)(r1 + 0) += r2", "lock add [%r1+0], %r2"),
        row("db 21 00 00 40 00 00 00", "lock *(u64 *)(r1 + 0) |= r2", "lock or [%r1+0], %r2"),
        row("db 21 00 00 50 00 00 00", "lock *(u64 *)(r1 + 0) &= r2", "lock and [%r1+0], %r2"),
        row("db 21 00 00 a0 00 00 00", "lock *(u64 *)(r1 + 0) ^= r2", "lock xor [%r1+0], %r2"),
        row(
            "db 21 00 00 01 00 00 00",
            "r2 = atomic_fetch_add((u64 *)(r1 + 0), r2)",
            "lock fetch add [%r1+0], %r2"),
        row(
            "db 21 00 00 41 00 00 00",
            "r2 = atomic_fetch_or((u64 *)(r1 + 0), r2)",
            "lock fetch or [%r1+0], %r2"),
        row(
            "db 21 00 00 51 00 00 00",
            "r2 = atomic_fetch_and((u64 *)(r1 + 0), r2)",
            "lock fetch and [%r1+0], %r2"),
        row(
            "db 21 00 00 a1 00 00 00",
            "r2 = atomic_fetch_xor((u64 *)(r1 + 0), r2)",
            "lock fetch xor [%r1+0], %r2"),
        row("db 21 00 00 e1 00 00 00", "r2 = xchg_64(r1 + 0, r2)", "lock xchg [%r1+0], %r2"),
        row(
            "db 21 00 00 f1 00 00 00",
            "r0 = cmpxchg_64(r1 + 0, r0, r2)",
            "lock cmpxchg [%r1+0], %r2"),
        row("c3 21 f8 ff 00 00 00 00", "lock *(u32 *)(r1 - 8) += r2", "lock add32 [%r1-8], %r2"),
        row("c3 21 f8 ff 40 00 00 00", "lock *(u32 *)(r1 - 8) |= w2", "lock or32 [%r1-8], %r2"),
        row(
            "c3 21 f8 ff 01 00 00 00",
            "w2 = atomic_fetch_add((u32 *)(r1 - 8), w2)",
            "lock fetch add32 [%r1-8], %r2"),
        row(
            "c3 21 f8 ff a1 00 00 00",
            "w2 = atomic_fetch_xor((u32 *)(r1 - 8), w2)",
            "lock fetch xor32 [%r1-8], %r2"),
        row("c3 21 f8 ff e1 00 00 00", "w2 = xchg32_32(r1 - 8, w2)", "lock xchg32 [%r1-8], %r2"),
        row(
            "c3 21 f8 ff f1 00 00 00",
            "w0 = cmpxchg32_32(r1 - 8, w0, w2)",
            "lock cmpxchg32 [%r1-8], %r2"),
        // jumps (objdump 14, without its <symbol+offset> annotation)
        row("05 00 03 00 00 00 00 00", "goto +3", "ja +3"),
        row("05 00 00 80 00 00 00 00", "goto -32768", "ja -32768"),
        row("05 00 00 00 00 00 00 00", "goto +0", "ja +0"),
        row("15 01 ff ff fb ff ff ff", "if r1 == -5 goto -1", "jeq %r1, -5, -1"),
        row("1d 21 03 00 00 00 00 00", "if r1 == r2 goto +3", "jeq %r1, %r2, +3"),
        row("25 01 03 00 04 00 00 00", "if r1 > 4 goto +3", "jgt %r1, 4, +3"),
        row("3d 21 03 00 00 00 00 00", "if r1 >= r2 goto +3", "jge %r1, %r2, +3"),
        row("45 01 03 00 04 00 00 00", "if r1 & 4 goto +3", "jset %r1, 4, +3"),
        row("5d 21 03 00 00 00 00 00", "if r1 != r2 goto +3", "jne %r1, %r2, +3"),
        row("65 01 03 00 04 00 00 00", "if r1 s> 4 goto +3", "jsgt %r1, 4, +3"),
        row("7d 21 03 00 00 00 00 00", "if r1 s>= r2 goto +3", "jsge %r1, %r2, +3"),
        row("a5 01 03 00 04 00 00 00", "if r1 < 4 goto +3", "jlt %r1, 4, +3"),
        row("bd 21 03 00 00 00 00 00", "if r1 <= r2 goto +3", "jle %r1, %r2, +3"),
        row("c5 01 03 00 04 00 00 00", "if r1 s< 4 goto +3", "jslt %r1, 4, +3"),
        row("dd 21 03 00 00 00 00 00", "if r1 s<= r2 goto +3", "jsle %r1, %r2, +3"),
        row("16 01 00 00 fb ff ff ff", "if w1 == -5 goto +0", "jeq32 %r1, -5, +0"),
        row("2e 21 03 00 00 00 00 00", "if w1 > w2 goto +3", "jgt32 %r1, %r2, +3"),
        row("4e 21 03 00 00 00 00 00", "if w1 & w2 goto +3", "jset32 %r1, %r2, +3"),
        row("d6 01 03 00 04 00 00 00", "if w1 s<= 4 goto +3", "jsle32 %r1, 4, +3"),
        row("06 00 00 00 05 00 00 00", "gotol +5", "ja32 +5"),
        row("06 00 00 00 fe ff ff ff", "gotol -2", "ja32 -2"),
        // calls and exit
        row("85 00 00 00 01 00 00 00", "call 1", "call 1"),
        row("85 10 00 00 ff ff ff ff", "call -1", "call local -1"),
        row("85 10 00 00 0b 00 00 00", "call +11", "call local +11"),
        row("8d 02 00 00 00 00 00 00", "callx r2", "callx %r2"),
        row("95 00 00 00 00 00 00 00", "exit", "exit"),
        // no mnemonic: raw form in both syntaxes
        row(
            "e7 01 00 00 16 00 00 00",
            ".insn 0xe7, dst=1, src=0, off=0, imm=22",
            ".insn 0xe7, dst=1, src=0, off=0, imm=22"),
        row(
            "07 21 00 00 16 00 00 00",
            ".insn 0x07, dst=1, src=2, off=0, imm=22",
            ".insn 0x07, dst=1, src=2, off=0, imm=22"),
        row(
            "bf c1 00 00 00 00 00 00",
            ".insn 0xbf, dst=1, src=12, off=0, imm=0",
            ".insn 0xbf, dst=1, src=12, off=0, imm=0"),
        row(
            "18 11 00 00 05 00 00 00 00 00 00 00 00 00 00 00",
            ".insn 0x18, dst=1, src=1, off=0, imm=5",
            ".insn 0x18, dst=1, src=1, off=0, imm=5"));
  }

  private static Arguments row(String hex, String llvm, String ubpf) {
    return Arguments.of(hex, llvm, ubpf);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("table")
  void printsLlvmSyntax(String hex, String llvm, String ubpf) {
    assertEquals(llvm, Disassembler.llvm().instruction(Bytes.instruction(hex)));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("table")
  void printsUbpfSyntax(String hex, String llvm, String ubpf) {
    assertEquals(ubpf, Disassembler.ubpf().instruction(Bytes.instruction(hex)));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("table")
  void readsLlvmSyntaxBack(String hex, String llvm, String ubpf) {
    assertEquals(List.of(Bytes.instruction(hex)), Assembler.of(Syntax.LLVM).instructions(llvm));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("table")
  void readsUbpfSyntaxBack(String hex, String llvm, String ubpf) {
    assertEquals(List.of(Bytes.instruction(hex)), Assembler.of(Syntax.UBPF).instructions(ubpf));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("table")
  void autoDetectsEitherSyntax(String hex, String llvm, String ubpf) {
    Instruction expected = Bytes.instruction(hex);
    assertEquals(List.of(expected), Assembler.auto().instructions(llvm));
    assertEquals(List.of(expected), Assembler.auto().instructions(ubpf));
  }

  /** As {@code llvm-objdump --mattr=+alu32} (checked against LLVM 14). */
  static Stream<Arguments> alu32Table() {
    return Stream.of(
        Arguments.of("61 a1 f8 ff 00 00 00 00", "w1 = *(u32 *)(r10 - 8)"),
        Arguments.of("69 21 fd ff 00 00 00 00", "w1 = *(u16 *)(r2 - 3)"),
        Arguments.of("71 21 fd ff 00 00 00 00", "w1 = *(u8 *)(r2 - 3)"),
        Arguments.of("79 21 fd ff 00 00 00 00", "r1 = *(u64 *)(r2 - 3)"),
        Arguments.of("63 21 fd ff 00 00 00 00", "*(u32 *)(r1 - 3) = w2"),
        Arguments.of("6b 21 fd ff 00 00 00 00", "*(u16 *)(r1 - 3) = w2"),
        Arguments.of("73 21 fd ff 00 00 00 00", "*(u8 *)(r1 - 3) = w2"),
        Arguments.of("7b 21 fd ff 00 00 00 00", "*(u64 *)(r1 - 3) = r2"),
        Arguments.of("c3 21 f8 ff 00 00 00 00", "lock *(u32 *)(r1 - 8) += w2"),
        Arguments.of("c3 21 f8 ff 51 00 00 00", "w2 = atomic_fetch_and((u32 *)(r1 - 8), w2)"),
        Arguments.of("91 21 02 00 00 00 00 00", "r1 = *(s8 *)(r2 + 2)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("alu32Table")
  void printsAlu32RegistersLikeObjdumpWithAlu32(String hex, String text) {
    Instruction instruction = Bytes.instruction(hex);
    assertEquals(text, Disassembler.llvm().alu32().instruction(instruction));
    assertEquals(List.of(instruction), Assembler.of(Syntax.LLVM).instructions(text));
  }

  @Test
  void listingNumbersSlotsAndCountsLddwTwice() {
    Program program = Assembler.assemble("r1 = 1 ll\nr0 = 0\nexit");
    assertEquals(
        "   0: r1 = 1 ll\n   2: r0 = 0\n   3: exit\n", Disassembler.llvm().listing(program));
    assertEquals(
        "   0: lddw %r1, 0x1\n   2: mov %r0, 0\n   3: exit\n",
        Disassembler.ubpf().listing(program));
  }

  @Test
  void labelledListingNamesEveryTargetOnce() {
    Program program =
        Assembler.assemble(
            """
                    r0 = 0
                loop:
                    r0 += 1
                    if r0 < 10 goto loop
                    if r0 == 10 goto done
                    call helper
                done:
                    exit
                helper:
                    r0 = 2
                    exit
                """);
    assertEquals(
        """
                    r0 = 0
                L1:
                    r0 += 1
                    if r0 < 10 goto L1
                    if r0 == 10 goto L5
                    call L6
                L5:
                    exit
                L6:
                    r0 = 2
                    exit
                """,
        Disassembler.llvm().labelledListing(program));
    assertEquals(
        """
                    mov %r0, 0
                L1:
                    add %r0, 1
                    jlt %r0, 10, L1
                    jeq %r0, 10, L5
                    call local L6
                L5:
                    exit
                L6:
                    mov %r0, 2
                    exit
                """,
        Disassembler.ubpf().labelledListing(program));
  }

  @Test
  void instructionToStringUsesLlvmSyntax() {
    assertEquals("r1 += 22", Instruction.of(0x07, 1, 0, 0, 22).toString());
  }

  @Test
  void alu32IsTheSameDisassemblerForUbpf() {
    assertEquals(Disassembler.ubpf(), Disassembler.ubpf().alu32());
    assertEquals(Syntax.LLVM, Disassembler.llvm().alu32().syntax());
  }
}
