package org.csdlab.ebpf.asm;

import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.AtomicOp;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Size;

/**
 * Reads one instruction in LLVM syntax ({@code r0 = 1}, {@code if w1 s> 5 goto +3}, {@code *(u64
 * *)(r10 - 8) = r1}, {@code r2 = atomic_fetch_add((u64 *)(r1 + 0), r2)}).
 */
final class LlvmParser {
  private static final String OPERAND = "a register or an immediate";

  /** What the first word of a line can be, for the error when it is none of them. */
  static final String INSTRUCTION =
      "an instruction (such as 'r0 = 1', 'if r1 > r2 goto +1', 'exit')";

  private final LineCursor in;

  private LlvmParser(LineCursor in) {
    this.in = in;
  }

  /** The instruction at the cursor, which must not be at the end of its line. */
  static Statement parse(LineCursor in) {
    Statement statement = new LlvmParser(in).statement();
    in.expectEnd();
    return statement;
  }

  /** True when the line at the cursor reads as LLVM syntax rather than uBPF syntax. */
  static boolean looksLikeLlvm(LineCursor in) {
    Token first = in.peek();
    if (first.is("*")
        || first.is("if")
        || first.is("goto")
        || first.is("gotol")
        || in.atRegister()) {
      return true;
    }
    if (first.is("lock")) {
      return in.peek(1).is("*");
    }
    if (first.is("call")) {
      Token next = in.peek(1);
      boolean mode = next.is("local") || next.is("helper") || next.is("runtime");
      return !(mode && in.peek(2).kind() != Token.Kind.END) && !next.text().startsWith("%");
    }
    return false;
  }

  private Statement statement() {
    Token first = in.peek();
    if (first.is("exit")) {
      in.next();
      return Statement.of(Instruction.exit(), in);
    }
    if (first.is("goto")) {
      in.next();
      return Statement.withTarget(Instruction.ja(0), in, in.offsetTarget(), false);
    }
    if (first.is("gotol")) {
      in.next();
      return Statement.withTarget(Instruction.jaLong(0), in, in.immTarget(), true);
    }
    if (first.is("call")) {
      in.next();
      return call();
    }
    if (first.is("callx")) {
      in.next();
      return Statement.of(Instruction.callx(Register.of(in.register(false, false).index())), in);
    }
    if (first.is("if")) {
      in.next();
      return conditionalJump();
    }
    if (first.is("lock")) {
      in.next();
      return lockedAtomic();
    }
    if (first.is("*")) {
      return store();
    }
    if (in.atRegister()) {
      return assignment();
    }
    throw in.error(first, INSTRUCTION);
  }

  private Statement call() {
    Token token = in.peek();
    if (token.kind() == Token.Kind.NUMBER) {
      return Statement.of(Instruction.call(in.imm32()), in);
    }
    if (token.kind() == Token.Kind.IDENT || token.is("+") || token.is("-")) {
      return Statement.withTarget(Instruction.callLocal(0), in, in.immTarget(), true);
    }
    throw in.error(token, "a helper id, a label or a relative offset such as +3");
  }

  private Statement conditionalJump() {
    LineCursor.Reg dst = in.register(true, false);
    Token opToken = in.peek();
    String operator = operator();
    JumpOp op = null;
    for (JumpOp candidate : JumpOp.values()) {
      if (operator.equals(candidate.llvmOperator())) {
        op = candidate;
      }
    }
    if (op == null) {
      throw in.error(opToken, "a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &)");
    }
    Instruction jump;
    if (in.atRegister()) {
      LineCursor.Reg src = sameWidth(dst, in.register(true, false));
      Register a = Register.of(dst.index());
      Register b = Register.of(src.index());
      jump = dst.w() ? op.reg32(a, b, 0) : op.reg(a, b, 0);
    } else {
      int imm = in.imm32(OPERAND);
      jump =
          dst.w()
              ? op.imm32(Register.of(dst.index()), imm, 0)
              : op.imm(Register.of(dst.index()), imm, 0);
    }
    in.expect("goto");
    return Statement.withTarget(jump, in, in.offsetTarget(), false);
  }

  /** An operator, joining a signed marker written as {@code s} right before it ({@code s>=}). */
  private String operator() {
    Token token = in.next();
    if (token.is("s")
        && in.peek().kind() == Token.Kind.PUNCT
        && in.peek().column() == token.endColumn()) {
      return "s" + in.next().text();
    }
    return token.kind() == Token.Kind.PUNCT ? token.text() : "";
  }

  private LineCursor.Reg sameWidth(LineCursor.Reg first, LineCursor.Reg second) {
    if (first.w() != second.w()) {
      String letter = first.w() ? "w" : "r";
      throw in.problem(
          second.token(),
          "a " + letter + " register",
          "expected a "
              + letter
              + " register (same width as "
              + first.token().text()
              + ") but found '"
              + second.token().text()
              + "'");
    }
    return second;
  }

  private LineCursor.Reg sameRegister(LineCursor.Reg expected, LineCursor.Reg actual, String form) {
    if (expected.index() != actual.index() || expected.w() != actual.w()) {
      throw in.problem(
          actual.token(),
          "'" + expected.token().text() + "'",
          form
              + " uses one register on"
              + " both sides: expected '"
              + expected.token().text()
              + "' but found '"
              + actual.token().text()
              + "'");
    }
    return actual;
  }

  // ---- memory ---------------------------------------------------------------------------

  /** {@code (u32 *)}: the size cast, after its opening {@code (}; returns the type token. */
  private Token typeCast() {
    in.expect("(");
    Token type = in.name("a type (u8, u16, u32, u64, s8, s16, s32)");
    if (!type.text().matches("[us](8|16|32|64)")) {
      throw in.error(type, "a type (u8, u16, u32, u64, s8, s16, s32)");
    }
    in.expect("*");
    in.expect(")");
    return type;
  }

  private static Size sizeOf(Token type) {
    return Size.ofBytes(Integer.parseInt(type.text().substring(1)) / 8);
  }

  private void requireUnsigned(Token type) {
    if (type.text().startsWith("s")) {
      throw in.error(type, "an unsigned type (u8, u16, u32, u64)");
    }
  }

  /** {@code (r1 + 4)}: base register and offset, parentheses included. */
  private int[] memory() {
    in.expect("(");
    int[] address = address();
    in.expect(")");
    return address;
  }

  /** {@code r1 + 4}: base register and offset. */
  private int[] address() {
    LineCursor.Reg base = in.register(false, false);
    return new int[] {base.index(), in.memoryOffset()};
  }

  private Statement store() {
    in.expect("*");
    Token type = typeCast();
    requireUnsigned(type);
    Size size = sizeOf(type);
    int[] address = memory();
    in.expect("=");
    Register dst = Register.of(address[0]);
    if (in.atRegister()) {
      LineCursor.Reg src = in.register(size != Size.DW, false);
      return Statement.of(
          Instruction.storeReg(size, dst, address[1], Register.of(src.index())), in);
    }
    return Statement.of(Instruction.storeImm(size, dst, address[1], in.imm32(OPERAND)), in);
  }

  private Statement lockedAtomic() {
    in.expect("*");
    Token type = typeCast();
    Size size = atomicSize(type);
    int[] address = memory();
    Token opToken = in.peek();
    String operator = operator();
    AtomicOp op = null;
    for (AtomicOp candidate : AtomicOp.values()) {
      if (!candidate.fetches() && operator.equals(candidate.llvmOperator())) {
        op = candidate;
      }
    }
    if (op == null) {
      throw in.error(opToken, "an atomic operator (+=, |=, &=, ^=)");
    }
    LineCursor.Reg src = in.register(size == Size.W, false);
    return Statement.of(
        op.of(size, Register.of(address[0]), Register.of(src.index()), address[1]), in);
  }

  private Size atomicSize(Token type) {
    if (!type.is("u32") && !type.is("u64")) {
      throw in.error(type, "u32 or u64 (atomic operations work on 4 or 8 bytes)");
    }
    return sizeOf(type);
  }

  // ---- assignments to a register ---------------------------------------------------------

  private Statement assignment() {
    LineCursor.Reg dst = in.register(true, false);
    Token opToken = in.peek();
    String operator = operator();
    if (operator.equals("=")) {
      return assignedValue(dst);
    }
    for (AluOp op : AluOp.values()) {
      if (operator.equals(op.llvmOperator())) {
        return arithmetic(op, dst);
      }
    }
    throw in.error(
        opToken,
        "an assignment operator (=, +=, -=, *=, /=, s/=, %=, s%=, |=, &=, ^=, <<=, >>=, s>>=)");
  }

  private Statement arithmetic(AluOp op, LineCursor.Reg dst) {
    Register d = Register.of(dst.index());
    if (in.atRegister()) {
      Register s = Register.of(sameWidth(dst, in.register(true, false)).index());
      return Statement.of(dst.w() ? op.reg32(d, s) : op.reg(d, s), in);
    }
    int imm = in.imm32(OPERAND);
    return Statement.of(dst.w() ? op.imm32(d, imm) : op.imm(d, imm), in);
  }

  private Statement assignedValue(LineCursor.Reg dst) {
    Token token = in.peek();
    Register d = Register.of(dst.index());
    if (token.is("-") && in.peek(1).kind() == Token.Kind.IDENT) {
      in.next();
      sameRegister(dst, in.register(true, false), "negation");
      return Statement.of(dst.w() ? AluOp.NEG.imm32(d, 0) : AluOp.NEG.imm(d, 0), in);
    }
    if (in.atNumber()) {
      return constant(dst);
    }
    if (in.atRegister()) {
      Register s = Register.of(sameWidth(dst, in.register(true, false)).index());
      return Statement.of(dst.w() ? AluOp.MOV.reg32(d, s) : AluOp.MOV.reg(d, s), in);
    }
    if (token.is("(")) {
      return signExtendingMove(dst);
    }
    if (token.is("*")) {
      return load(dst);
    }
    if (token.kind() == Token.Kind.IDENT) {
      return namedValue(dst);
    }
    throw in.error(
        token,
        "a value (a number, a register, -register, (s8)register, *(u32 *)(register + offset)"
            + ", be16/le16/bswap16 register, atomic_fetch_add(...), xchg_64(...), cmpxchg_64(...))");
  }

  private Statement constant(LineCursor.Reg dst) {
    if (peekLl()) {
      if (dst.w()) {
        throw in.error(dst.token(), "an r register (lddw loads 64 bits)");
      }
      long imm = in.imm64();
      in.expect("ll");
      return Statement.of(Instruction.lddw(Register.of(dst.index()), imm), in);
    }
    int imm = in.imm32();
    Register d = Register.of(dst.index());
    return Statement.of(dst.w() ? AluOp.MOV.imm32(d, imm) : AluOp.MOV.imm(d, imm), in);
  }

  private boolean peekLl() {
    int ahead = in.peek().kind() == Token.Kind.NUMBER ? 1 : 2;
    return in.peek(ahead).is("ll");
  }

  private Statement signExtendingMove(LineCursor.Reg dst) {
    in.expect("(");
    Token type = in.name("s8, s16 or s32");
    boolean allowed = type.is("s8") || type.is("s16") || (type.is("s32") && !dst.w());
    if (!allowed) {
      throw in.error(type, dst.w() ? "s8 or s16" : "s8, s16 or s32");
    }
    in.expect(")");
    Register s = Register.of(sameWidth(dst, in.register(true, false)).index());
    AluOp op =
        switch (type.text()) {
          case "s8" -> AluOp.MOVSX8;
          case "s16" -> AluOp.MOVSX16;
          default -> AluOp.MOVSX32;
        };
    Register d = Register.of(dst.index());
    return Statement.of(dst.w() ? op.reg32(d, s) : op.reg(d, s), in);
  }

  private Statement load(LineCursor.Reg dst) {
    in.expect("*");
    Token type = typeCast();
    Size size = sizeOf(type);
    boolean signed = type.text().startsWith("s");
    if (signed && size == Size.DW) {
      throw in.error(type, "s8, s16 or s32 (sign-extending loads take 1, 2 or 4 bytes)");
    }
    if (dst.w() && (signed || size == Size.DW)) {
      throw in.error(dst.token(), "an r register (only u8/u16/u32 loads may name a w register)");
    }
    int[] address = memory();
    Register d = Register.of(dst.index());
    Register s = Register.of(address[0]);
    return Statement.of(
        signed
            ? Instruction.loadSigned(size, d, s, address[1])
            : Instruction.load(size, d, s, address[1]),
        in);
  }

  private Statement namedValue(LineCursor.Reg dst) {
    Token name = in.next();
    String text = name.text();
    if (text.matches("(be|le|bswap)(16|32|64)")) {
      if (dst.w()) {
        throw in.error(dst.token(), "an r register (byte swaps are written on r registers)");
      }
      sameRegister(dst, in.register(false, false), "a byte swap");
      int bits = Integer.parseInt(text.replaceAll("[a-z]", ""));
      Register d = Register.of(dst.index());
      return Statement.of(
          text.startsWith("be")
              ? Instruction.toBigEndian(d, bits)
              : text.startsWith("le")
                  ? Instruction.toLittleEndian(d, bits)
                  : Instruction.byteSwap(d, bits),
          in);
    }
    if (text.startsWith("atomic_fetch_")) {
      return fetchAtomic(dst, name);
    }
    if (text.equals("xchg_64") || text.equals("xchg32_32")) {
      return exchange(dst, text.equals("xchg_64") ? Size.DW : Size.W);
    }
    if (text.equals("cmpxchg_64") || text.equals("cmpxchg32_32")) {
      return compareExchange(dst, text.equals("cmpxchg_64") ? Size.DW : Size.W);
    }
    throw in.error(
        name,
        "a value (a number, a register, be16/le32/bswap64 register, atomic_fetch_add(...),"
            + " xchg_64(...), cmpxchg_64(...))");
  }

  private Statement fetchAtomic(LineCursor.Reg dst, Token name) {
    AtomicOp op =
        switch (name.text()) {
          case "atomic_fetch_add" -> AtomicOp.FETCH_ADD;
          case "atomic_fetch_or" -> AtomicOp.FETCH_OR;
          case "atomic_fetch_and" -> AtomicOp.FETCH_AND;
          case "atomic_fetch_xor" -> AtomicOp.FETCH_XOR;
          default ->
              throw in.error(
                  name, "atomic_fetch_add, atomic_fetch_or, atomic_fetch_and or atomic_fetch_xor");
        };
    in.expect("(");
    Token type = typeCast();
    Size size = atomicSize(type);
    int[] address = memory();
    in.expect(",");
    LineCursor.Reg src = atomicRegister(dst, size);
    in.expect(")");
    return Statement.of(
        op.of(size, Register.of(address[0]), Register.of(src.index()), address[1]), in);
  }

  /** The value register of a fetching atomic: the same register the result goes to. */
  private LineCursor.Reg atomicRegister(LineCursor.Reg dst, Size size) {
    if (size == Size.DW && dst.w()) {
      throw in.error(dst.token(), "an r register (64-bit atomic)");
    }
    LineCursor.Reg src = in.register(size == Size.W, false);
    if (src.index() != dst.index()) {
      throw in.problem(
          src.token(),
          "'" + dst.token().text() + "'",
          "a fetching atomic returns the old value"
              + " in its operand register: expected '"
              + dst.token().text()
              + "' but found '"
              + src.token().text()
              + "'");
    }
    return src;
  }

  private Statement exchange(LineCursor.Reg dst, Size size) {
    in.expect("(");
    int[] address = address();
    in.expect(",");
    LineCursor.Reg src = atomicRegister(dst, size);
    in.expect(")");
    return Statement.of(
        AtomicOp.XCHG.of(size, Register.of(address[0]), Register.of(src.index()), address[1]), in);
  }

  private Statement compareExchange(LineCursor.Reg dst, Size size) {
    if (dst.index() != 0 || (size == Size.DW && dst.w())) {
      throw in.error(
          dst.token(),
          size == Size.DW ? "r0 (cmpxchg returns in r0)" : "w0 (cmpxchg returns in w0)");
    }
    in.expect("(");
    int[] address = address();
    in.expect(",");
    LineCursor.Reg expected = in.register(size == Size.W, false);
    if (expected.index() != 0) {
      throw in.error(expected.token(), "r0 (cmpxchg compares with r0)");
    }
    in.expect(",");
    LineCursor.Reg src = in.register(size == Size.W, false);
    in.expect(")");
    return Statement.of(
        AtomicOp.CMPXCHG.of(size, Register.of(address[0]), Register.of(src.index()), address[1]),
        in);
  }
}
