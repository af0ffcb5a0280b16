package org.csdlab.ebpf.cli;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.asm.Disassembler;

/**
 * {@code csdlab demo [N]}: assembles a small eBPF program that counts the steps of the Collatz
 * sequence from N down to 1, runs it on the VM with N in its context memory, and prints the
 * result, the work done and the disassembly.
 */
final class Demo {
    static final long DEFAULT_START = 27;

    /** The demo program; r1 points to the context, which holds N as a little-endian u64. */
    static final String SOURCE = """
                r1 = *(u64 *)(r1 + 0)    ; n = the u64 at the start of the context
                r0 = 0                   ; steps = 0
            loop:
                if r1 <= 1 goto done     ; reached 1: finished
                r2 = r1
                r2 &= 1                  ; r2 = n & 1
                if r2 == 0 goto even
                r1 *= 3                  ; odd: n = 3n + 1
                r1 += 1
                goto next
            even:
                r1 >>= 1                 ; even: n = n / 2
            next:
                r0 += 1                  ; steps += 1
                goto loop
            done:
                exit                     ; the result is r0
            """;

    private static final long FUEL = 10_000_000L;

    private Demo() {
    }

    static void run(String[] args, PrintStream out) {
        long start = parseStart(args);
        Program program = Assembler.assemble(SOURCE);
        byte[] context = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(start).array();
        Vm vm = Vm.builder(program).fuel(FUEL).build();
        ExecutionResult result = vm.run(context);
        long expected = collatzSteps(start);

        out.println("csdlab demo: how many Collatz steps take n = " + start + " down to 1?");
        out.println("(n -> n/2 when n is even, n -> 3n+1 when it is odd)");
        out.println();
        out.println("eBPF assembly (LLVM syntax):");
        SOURCE.lines().forEach(line -> out.println("  " + line));
        out.println();
        out.printf(Locale.ROOT, "Context: 8 bytes holding n = %d; r1 = its address, r2 = its length%n", start);
        out.println();
        out.printf(Locale.ROOT, "Result        r0 = %d   (%s)%n", result.r0(),
                result.r0() == expected ? "the same as Java computes" : "Java computes " + expected + "!");
        out.printf(Locale.ROOT, "Executed      %,d eBPF instructions in %.3f ms (first run, cold JVM)%n",
                result.instructionsExecuted(), result.wallNanos() / 1e6);
        out.printf(Locale.ROOT, "Program       %d instructions, %d bytes of bytecode%n", program.size(),
                program.slotCount() * Instruction.SLOT_BYTES);
        out.println();
        out.println("Disassembly (slot: bytecode  instruction; the labels became relative jumps):");
        out.print(listingWithBytes(program));
        out.println();
        out.println("Try another n: ./csdlab demo 97");
    }

    private static long parseStart(String[] args) {
        if (args.length == 0) {
            return DEFAULT_START;
        }
        if (args.length > 1) {
            throw new IllegalArgumentException("expected at most one argument, n (a whole number >= 1), got "
                    + args.length);
        }
        long n;
        try {
            n = Long.parseLong(args[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("n must be a whole number >= 1, got '" + args[0] + "'");
        }
        if (n < 1 || n > 1_000_000_000_000L) {
            throw new IllegalArgumentException("n must be between 1 and 1000000000000, got " + n);
        }
        return n;
    }

    /** The same computation in Java, to check the VM's answer. */
    static long collatzSteps(long n) {
        long steps = 0;
        while (Long.compareUnsigned(n, 1) > 0) {
            n = (n & 1) == 0 ? n >>> 1 : 3 * n + 1;
            steps++;
        }
        return steps;
    }

    private static String listingWithBytes(Program program) {
        byte[] code = program.encode();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < program.size(); i++) {
            int pc = program.pcOf(i);
            StringBuilder hex = new StringBuilder();
            for (int b = 0; b < Instruction.SLOT_BYTES; b++) {
                hex.append(String.format("%02x ", code[pc * Instruction.SLOT_BYTES + b]));
            }
            Instruction instruction = program.instructions().get(i);
            String text = Disassembler.llvm().instruction(instruction);
            if (instruction.isJump() || instruction.isLocalCall()) {
                text = String.format("%-22s ; to %d", text, instruction.target(pc));
            }
            out.append(String.format("  %3d: %s  %s%n", pc, hex, text));
        }
        return out.toString();
    }
}
