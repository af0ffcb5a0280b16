package org.csdlab.ebpf.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Size;

/** Disassembling a valid program and assembling the text gives the same program, in every form. */
class RoundTripTest {
  private static final List<Disassembler> DISASSEMBLERS =
      List.of(Disassembler.llvm(), Disassembler.llvm().alu32(), Disassembler.ubpf());

  @Property(tries = 300)
  void numberedListingReadsBack(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int size) {
    Program program = new ProgramGenerator(new Random(seed)).program(size);
    for (Disassembler d : DISASSEMBLERS) {
      String text = d.listing(program);
      assertEquals(program, Assembler.of(d.syntax()).program(text), text);
      assertEquals(program, Assembler.assemble(text), text);
    }
  }

  @Property(tries = 300)
  void labelledListingReadsBack(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int size) {
    Program program = new ProgramGenerator(new Random(seed)).program(size);
    for (Disassembler d : DISASSEMBLERS) {
      String text = d.labelledListing(program);
      assertEquals(program, Assembler.of(d.syntax()).program(text), text);
      assertEquals(program, Assembler.assemble(text), text);
    }
  }

  /**
   * Any field values at all, valid or not: the text never throws and reads back to the same fields.
   */
  @Property(tries = 2000)
  void anyInstructionTextReadsBack(
      @ForAll @IntRange(max = 255) int opcode,
      @ForAll @IntRange(max = 15) int dst,
      @ForAll @IntRange(max = 15) int src,
      @ForAll short offset,
      @ForAll int imm,
      @ForAll int high) {
    long wide = opcode == Instruction.LDDW_OPCODE ? ((long) high << 32) | (imm & 0xffffffffL) : imm;
    Instruction instruction = Instruction.of(opcode, dst, src, offset, wide);
    for (Disassembler d : DISASSEMBLERS) {
      String text = d.instruction(instruction);
      assertEquals(List.of(instruction), Assembler.of(d.syntax()).instructions(text), text);
      assertEquals(List.of(instruction), Assembler.auto().instructions(text), text);
    }
    assertEquals(Disassembler.llvm().instruction(instruction), instruction.toString());
  }

  /**
   * Builds random valid programs from every instruction family, with jumps and calls to instruction
   * starts.
   */
  static final class ProgramGenerator {
    private static final Register[] REGS = Register.values();
    private final Random random;

    ProgramGenerator(Random random) {
      this.random = random;
    }

    Program program(int size) {
      List<Instruction> body = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        body.add(random.nextInt(12) == 0 ? Instruction.exit() : instruction());
      }
      body.add(Instruction.exit());
      int[] starts = new int[body.size()];
      for (int i = 1; i < body.size(); i++) {
        starts[i] = starts[i - 1] + body.get(i - 1).slots();
      }
      List<Instruction> out = new ArrayList<>();
      for (int i = 0; i < body.size(); i++) {
        Instruction insn = body.get(i);
        int relative = starts[random.nextInt(body.size())] - starts[i] - 1;
        if (insn.isLocalCall() || insn.opcode() == Instruction.jaLong(0).opcode()) {
          insn = Statement.withImm(insn, relative);
        } else if (insn.isJump()) {
          insn = Statement.withOffset(insn, relative);
        }
        out.add(insn);
      }
      return Program.of(out);
    }

    private Register writable() {
      return REGS[random.nextInt(10)];
    }

    private Register any() {
      return REGS[random.nextInt(11)];
    }

    private int imm() {
      return switch (random.nextInt(4)) {
        case 0 -> random.nextInt(16);
        case 1 -> -random.nextInt(100);
        default -> random.nextInt();
      };
    }

    private int offset() {
      return random.nextInt(3) == 0 ? (short) random.nextInt() : random.nextInt(64) - 32;
    }

    private Size size() {
      return Size.values()[random.nextInt(4)];
    }

    private Instruction instruction() {
      boolean narrow = random.nextBoolean();
      switch (random.nextInt(15)) {
        case 0, 1:
          {
            AluOp op = arithmetic();
            return narrow ? op.imm32(writable(), imm()) : op.imm(writable(), imm());
          }
        case 2, 3:
          {
            AluOp op = arithmetic();
            return narrow ? op.reg32(writable(), any()) : op.reg(writable(), any());
          }
        case 4:
          {
            AluOp op = new AluOp[] {AluOp.MOVSX8, AluOp.MOVSX16, AluOp.MOVSX32}[random.nextInt(3)];
            return narrow && op != AluOp.MOVSX32
                ? op.reg32(writable(), any())
                : op.reg(writable(), any());
          }
        case 5:
          {
            int bits = 16 << random.nextInt(3);
            return switch (random.nextInt(3)) {
              case 0 -> Instruction.toBigEndian(writable(), bits);
              case 1 -> Instruction.toLittleEndian(writable(), bits);
              default -> Instruction.byteSwap(writable(), bits);
            };
          }
        case 6:
          return narrow ? AluOp.NEG.imm32(writable(), 0) : AluOp.NEG.imm(writable(), 0);
        case 7:
          return Instruction.lddw(writable(), random.nextLong());
        case 8:
          {
            Size size = size();
            return size != Size.DW && random.nextBoolean()
                ? Instruction.loadSigned(size, writable(), any(), offset())
                : Instruction.load(size, writable(), any(), offset());
          }
        case 9:
          return random.nextBoolean()
              ? Instruction.storeImm(size(), any(), offset(), imm())
              : Instruction.storeReg(size(), any(), offset(), any());
        case 10:
          return AtomicOp.values()[random.nextInt(AtomicOp.values().length)].of(
              narrow ? Size.W : Size.DW, any(), any(), offset());
        case 11, 12:
          {
            JumpOp op = conditional();
            if (random.nextBoolean()) {
              return narrow ? op.imm32(any(), imm(), 0) : op.imm(any(), imm(), 0);
            }
            return narrow ? op.reg32(any(), any(), 0) : op.reg(any(), any(), 0);
          }
        case 13:
          return narrow ? Instruction.ja(0) : Instruction.jaLong(0);
        default:
          return switch (random.nextInt(3)) {
            case 0 -> Instruction.call(random.nextInt(200));
            case 1 -> Instruction.callx(any());
            default -> Instruction.callLocal(0);
          };
      }
    }

    private AluOp arithmetic() {
      AluOp op;
      do {
        op = AluOp.values()[random.nextInt(AluOp.values().length)];
      } while (op == AluOp.NEG || op == AluOp.MOVSX8 || op == AluOp.MOVSX16 || op == AluOp.MOVSX32);
      return op;
    }

    private JumpOp conditional() {
      JumpOp op;
      do {
        op = JumpOp.values()[random.nextInt(JumpOp.values().length)];
      } while (!op.isConditional());
      return op;
    }
  }
}
