package org.csdlab.ebpf.asm;

import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;

/** Turns instructions back into text in one {@link Syntax}. (Work in progress.) */
public final class Disassembler {
    private static final Disassembler LLVM = new Disassembler(Syntax.LLVM);
    private static final Disassembler UBPF = new Disassembler(Syntax.UBPF);

    private final Syntax syntax;

    private Disassembler(Syntax syntax) {
        this.syntax = syntax;
    }

    /** The disassembler printing LLVM syntax. */
    public static Disassembler llvm() {
        return LLVM;
    }

    /** The disassembler printing uBPF syntax. */
    public static Disassembler ubpf() {
        return UBPF;
    }

    /** The disassembler for {@code syntax}. */
    public static Disassembler of(Syntax syntax) {
        return syntax == Syntax.LLVM ? LLVM : UBPF;
    }

    /** The syntax printed. */
    public Syntax syntax() {
        return syntax;
    }

    /** One instruction's text; jumps show relative offsets ({@code goto +3}). Never throws. */
    public String instruction(Instruction instruction) {
        return String.format("op=0x%02x dst=%d src=%d off=%d imm=%d", instruction.opcode(), instruction.dst(),
                instruction.src(), instruction.offset(), instruction.imm());
    }

    /** The whole program, one line per instruction prefixed by its slot number. */
    public String listing(Program program) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < program.size(); i++) {
            out.append(String.format("%4d: %s%n", program.pcOf(i), instruction(program.instructions().get(i))));
        }
        return out.toString();
    }
}
