package org.csdlab.ebpf.asm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Opcodes;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Size;

/**
 * Reads one instruction in uBPF / bpf_conformance syntax ({@code mov %r0, 1}, {@code ldxw %r0,
 * [%r1+4]}, {@code jsgt32 %r1, 5, +3}, {@code lock fetch add [%r10-8], %r1}, {@code call local
 * func1}).
 */
final class UbpfParser {
  private static final Pattern MOVSX = Pattern.compile("movsx(8|16|32)(32|64)?");
  private static final Pattern BYTE_SWAP = Pattern.compile("(be|le|bswap|swap)(16|32|64)");
  private static final Pattern LOAD = Pattern.compile("ldx(s?)(b|h|w|dw)");
  private static final Pattern STORE = Pattern.compile("st(x?)(b|h|w|dw)");
  static final String MNEMONICS =
      "a mnemonic (mov, add, ldxw, stxdw, jeq, ja, call, exit, lddw, lock, ...)";

  private static final String OPERAND = "a register or an immediate";

  private final LineCursor in;

  private UbpfParser(LineCursor in) {
    this.in = in;
  }

  /** The instruction at the cursor, which must not be at the end of its line. */
  static Statement parse(LineCursor in) {
    Statement statement = new UbpfParser(in).statement();
    in.expectEnd();
    return statement;
  }

  private Statement statement() {
    Token mnemonic = in.name(MNEMONICS);
    String name = mnemonic.text();
    switch (name) {
      case "exit":
        return Statement.of(Instruction.exit(), in);
      case "ja":
        return Statement.withTarget(Instruction.ja(0), in, in.offsetTarget(), false);
      case "ja32":
        return Statement.withTarget(Instruction.jaLong(0), in, in.immTarget(), true);
      case "call":
        return call();
      case "callx":
        return Statement.of(Instruction.callx(register()), in);
      case "lddw":
        return lddw();
      case "lock":
        return lock();
      case "xaddw":
      case "xadddw":
        return atomic(AtomicOp.ADD, name.equals("xaddw") ? Size.W : Size.DW);
      default:
        break;
    }
    Matcher m;
    if ((m = LOAD.matcher(name)).matches()) {
      return load(m.group(1).equals("s"), size(m.group(2)), mnemonic);
    }
    if ((m = STORE.matcher(name)).matches()) {
      return store(m.group(1).equals("x"), size(m.group(2)));
    }
    if ((m = BYTE_SWAP.matcher(name)).matches()) {
      return byteSwap(m.group(1), Integer.parseInt(m.group(2)));
    }
    if ((m = MOVSX.matcher(name)).matches()) {
      return signExtendingMove(Integer.parseInt(m.group(1)), !"32".equals(m.group(2)), mnemonic);
    }
    boolean narrow = name.endsWith("32");
    String base = narrow || name.endsWith("64") ? name.substring(0, name.length() - 2) : name;
    for (JumpOp op : JumpOp.values()) {
      if (op.isConditional() && op.ubpfMnemonic().equals(base)) {
        return conditionalJump(op, narrow);
      }
    }
    for (AluOp op : AluOp.values()) {
      if (op.ubpfMnemonic().equals(base)) {
        return arithmetic(op, narrow);
      }
    }
    throw in.error(mnemonic, MNEMONICS);
  }

  private Register register() {
    return Register.of(in.register(false, true).index());
  }

  private static Size size(String suffix) {
    return switch (suffix) {
      case "b" -> Size.B;
      case "h" -> Size.H;
      case "w" -> Size.W;
      default -> Size.DW;
    };
  }

  /** {@code [%r1+4]}, {@code [%r10-8]} or {@code [%r1]}: base register and offset. */
  private int[] memory() {
    in.expect("[");
    Register base = register();
    int offset = in.memoryOffset();
    in.expect("]");
    return new int[] {base.index(), offset};
  }

  private void comma() {
    in.expect(",");
  }

  private Statement call() {
    Token token = in.peek();
    if (token.is("local")) {
      in.next();
      return Statement.withTarget(Instruction.callLocal(0), in, in.immTarget(), true);
    }
    if (token.is("runtime")) {
      in.next();
      return Statement.of(Instruction.of(Opcodes.CALL, 0, 2, 0, in.imm32()), in);
    }
    if (token.is("helper")) {
      in.next();
    }
    if (in.atRegister()) {
      return Statement.of(Instruction.callx(register()), in);
    }
    if (!in.atNumber()) {
      throw in.error(in.peek(), "a helper id, a register, or 'local' and a label");
    }
    return Statement.of(Instruction.call(in.imm32()), in);
  }

  private Statement lddw() {
    Register dst = register();
    comma();
    return Statement.of(Instruction.lddw(dst, in.imm64()), in);
  }

  private Statement load(boolean signed, Size size, Token mnemonic) {
    if (signed && size == Size.DW) {
      throw in.error(mnemonic, "ldxsb, ldxsh or ldxsw (sign-extending loads take 1, 2 or 4 bytes)");
    }
    Register dst = register();
    comma();
    int[] address = memory();
    Register src = Register.of(address[0]);
    return Statement.of(
        signed
            ? Instruction.loadSigned(size, dst, src, address[1])
            : Instruction.load(size, dst, src, address[1]),
        in);
  }

  private Statement store(boolean fromRegister, Size size) {
    int[] address = memory();
    comma();
    Register dst = Register.of(address[0]);
    if (fromRegister) {
      return Statement.of(Instruction.storeReg(size, dst, address[1], register()), in);
    }
    return Statement.of(Instruction.storeImm(size, dst, address[1], in.imm32()), in);
  }

  private Statement lock() {
    boolean fetch = in.accept("fetch");
    Token opToken =
        in.name("an atomic operation (add, or, and, xor, xchg, cmpxchg; 32 suffix for 4 bytes)");
    String name = opToken.text();
    boolean narrow = name.endsWith("32");
    String base = narrow ? name.substring(0, name.length() - 2) : name;
    AtomicOp op =
        switch (base) {
          case "add" -> fetch ? AtomicOp.FETCH_ADD : AtomicOp.ADD;
          case "or" -> fetch ? AtomicOp.FETCH_OR : AtomicOp.OR;
          case "and" -> fetch ? AtomicOp.FETCH_AND : AtomicOp.AND;
          case "xor" -> fetch ? AtomicOp.FETCH_XOR : AtomicOp.XOR;
          case "xchg" -> AtomicOp.XCHG;
          case "cmpxchg" -> AtomicOp.CMPXCHG;
          default ->
              throw in.error(
                  opToken,
                  "an atomic operation (add, or, and, xor, xchg, cmpxchg; 32 suffix for 4 bytes)");
        };
    return atomic(op, narrow ? Size.W : Size.DW);
  }

  private Statement atomic(AtomicOp op, Size size) {
    int[] address = memory();
    comma();
    return Statement.of(op.of(size, Register.of(address[0]), register(), address[1]), in);
  }

  private Statement byteSwap(String kind, int bits) {
    Register dst = register();
    return Statement.of(
        switch (kind) {
          case "be" -> Instruction.toBigEndian(dst, bits);
          case "le" -> Instruction.toLittleEndian(dst, bits);
          default -> Instruction.byteSwap(dst, bits);
        },
        in);
  }

  private Statement signExtendingMove(int bits, boolean wide, Token mnemonic) {
    if (bits == 32 && !wide) {
      throw in.error(
          mnemonic, "movsx832, movsx1632 or a 64-bit movsx (movsx864, movsx1664, movsx3264)");
    }
    AluOp op = bits == 8 ? AluOp.MOVSX8 : bits == 16 ? AluOp.MOVSX16 : AluOp.MOVSX32;
    Register dst = register();
    comma();
    Register src = register();
    return Statement.of(wide ? op.reg(dst, src) : op.reg32(dst, src), in);
  }

  private Statement arithmetic(AluOp op, boolean narrow) {
    Register dst = register();
    if (op.isUnary()) {
      return Statement.of(narrow ? op.imm32(dst, 0) : op.imm(dst, 0), in);
    }
    comma();
    if (in.atRegister()) {
      Register src = register();
      return Statement.of(narrow ? op.reg32(dst, src) : op.reg(dst, src), in);
    }
    int imm = in.imm32(OPERAND);
    return Statement.of(narrow ? op.imm32(dst, imm) : op.imm(dst, imm), in);
  }

  private Statement conditionalJump(JumpOp op, boolean narrow) {
    Register dst = register();
    comma();
    Instruction jump;
    if (in.atRegister()) {
      Register src = register();
      jump = narrow ? op.reg32(dst, src, 0) : op.reg(dst, src, 0);
    } else {
      int imm = in.imm32(OPERAND);
      jump = narrow ? op.imm32(dst, imm, 0) : op.imm(dst, imm, 0);
    }
    comma();
    return Statement.withTarget(jump, in, in.offsetTarget(), false);
  }
}
