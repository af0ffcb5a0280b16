//md # Hello eBPF
//md
//md eBPF is a small instruction set — eleven 64-bit registers `r0`…`r10` and a 512-byte stack —
//md designed to run untrusted code safely inside something else: the Linux kernel, or, in this
//md lab, a storage drive. Before a program runs, a *verifier* checks it without running it, and a
//md program it refuses does not run. In this tutorial you will
//md
//md 1. assemble a two-instruction program and run it,
//md 2. trace it, instruction by instruction,
//md 3. disassemble a program compiled from C by clang,
//md 4. watch the verifier refuse unsafe programs, read why, and see what it does not check (yet)
//md    and what stops those programs instead.
//md
//md Lines that start with ✓ are checks: the tutorial asserts there what you should see. If one
//md prints ✗ instead, something in the lab changed.
//md
//md Run it as a notebook (`./csdlab jupyter`), in JShell
//md (`jshell --class-path lab-core/target/csdlab.jar tutorials/01-hello-ebpf/tutorial.jsh`), or
//md headless (`./csdlab tutorial run 1`).
import org.csdlab.ebpf.FuelExhaustedException;
import org.csdlab.ebpf.MemoryAccessException;
import org.csdlab.lab.*;
import org.csdlab.lab.tutorial.*;
import static org.csdlab.lab.tutorial.Tutorials.*;

var lab = Lab.create();
//md ## 1. Assemble and run
//md
//md The smallest useful program puts 42 in `r0` — the register that holds a program's result —
//md and exits. The assembler takes the syntax that `llvm-objdump` prints.
var hello = lab.ebpf().assemble("hello", """
    r0 = 42
    exit
    """);
show(hello.listing());
//md Each instruction is 8 bytes: opcode `b7` is "move a 32-bit constant into a 64-bit register",
//md `95` is `exit`. `run()` first asks the verifier (part 4) and runs only a program it accepts.
//md Running it gives `r0 = 42` after exactly **2 instructions** (the time beside it is the
//md wall-clock time on your machine and varies).
Check.that("opcode of the first instruction", hello.listing().bytecode(0)).contains("b7 ");
Check.that("opcode of the second instruction", hello.listing().bytecode(1)).contains("95 ");
var result = hello.run();
show(result);
Check.that("r0 of the hello program", result.r0()).is(42);
Check.that("instructions executed", result.instructionsExecuted()).is(2);
Check.that("bytes of bytecode", hello.bytecode().length).is(16);
//md ### Exercise: multiply
//md
//md Make the program `times` compute 7 × 6 with a multiplication (`r0 *= ...`) and return it in
//md `r0`. Writing `r0 = 42` does not count: the checks look for the multiplication.
//exercise times-six "Compute 7 × 6 with a multiplication"
//stub var times = lab.ebpf().assemble("times", """
//stub     r0 = 7
//stub     exit
//stub     """);
//stub show(times.run());
//solution
var times = lab.ebpf().assemble("times", """
    r0 = 7
    r0 *= 6
    exit
    """);
show(times.run());
//hidden
Check.that("r0 of your program", times.run().r0()).is(42);
Check.that("your program", times.listing().text()).contains("*=");
Check.that("the verifier accepts your program", times.verify().ok()).isTrue();
//end
//md ## 2. Trace it
//md
//md A trace records every step and the registers it changed. A loop makes a more interesting
//md trace: this one adds 10 + 9 + … + 1 into `r0`.
var sum = lab.ebpf().assemble("sum", """
    r0 = 0
    r1 = 10
    loop:
    r0 += r1
    r1 -= 1
    if r1 != 0 goto loop
    exit
    """);
var trace = sum.trace();
show(trace);
//md The loop body runs ten times, three instructions each, plus two instructions before it and
//md the `exit`: **33 steps**, and `r0` ends at **55**. The third step is the first `r0 += r1`,
//md which changes `r0` from 0 to 10.
Check.that("r0 of the sum program", trace.result().r0()).is(55);
Check.that("steps in the trace", trace.steps().size()).is(33);
Check.that("what the third step changed", trace.steps().get(2).changes().toString()).contains("r0");
Check.that("r0 before the third step", trace.steps().get(2).changes().get(0).before()).is(0);
Check.that("r0 after the third step", trace.steps().get(2).changes().get(0).after()).is(10);
//md ### Exercise: a loop of your own
//md
//md Make the program `sum100` add 1 + 2 + … + 100 into `r0` (that is 5050) with a loop, as `sum`
//md does for 10. Counting up or down is up to you; `r0 = 5050` does not count.
//exercise sum-to-100 "Sum 1 to 100 in a loop"
//stub var sum100 = lab.ebpf().assemble("sum100", """
//stub     r0 = 0
//stub     exit
//stub     """);
//stub show(sum100.run());
//solution
var sum100 = lab.ebpf().assemble("sum100", """
    r0 = 0
    r1 = 100
    loop:
    r0 += r1
    r1 -= 1
    if r1 != 0 goto loop
    exit
    """);
show(sum100.run());
//hidden
var sum100Result = sum100.run();
Check.that("r0 of your program", sum100Result.r0()).is(5050);
Check.that("instructions your program ran (a loop over 100 numbers runs more than 100)",
    sum100Result.instructionsExecuted()).isGreaterThan(100);
Check.that("the verifier accepts your program", sum100.verify().ok()).isTrue();
//end
//md ## 3. A program compiled from C
//md
//md Real eBPF programs are written in C and compiled with `clang -O2 -target bpf`.
//md `tutorials/programs/count_u32.c` counts the 32-bit values above `RAND_MAX/2` in a zone of
//md the drive — tutorial 3 runs it on the drive. Here we only read it. Like every kernel of these
//md tutorials it is written for the drive's **opencsd** kernel ABI (`tutorials/include/csd_helpers.h`):
//md OpenCSD's helpers, behaving as OpenCSD's do, so the same source builds for OpenCSD. The
//md committed object file `count_u32.o` is what `make -C tutorials/programs` builds.
var counter = lab.ebpf().load(file("programs/count_u32.o"));
show(counter.listing());
//md What to look for in the listing:
//md
//md * `call N` instructions call *helpers*, functions the host provides. Here they are the
//md   drive's helpers (OpenCSD's numbering): 7 = `get_mem_info`, 8 = `get_call_info`,
//md   4 = `get_sector_size`, 5 = `get_zone_capacity`, 2 = `read`, 1 = `return_data`.
//md * `r10` is the read-only frame pointer; `*(u64 *)(r10 - 24)` is a stack slot.
//md * `r0 = 4294967295 ll` takes two slots (a 64-bit constant: the kernel's error exit -1 as a
//md   32-bit int), and so does `r6 = 3221225472 ll`: 125 instructions fill 127 slots.
//md * There is no comparison with `RAND_MAX/2` in the counting loop. 3221225472 is 0xC0000000,
//md   0xFFFFFFFF − `RAND_MAX/2`: a value plus it carries into bit 32 exactly when the value is
//md   above `RAND_MAX/2`, so `r4 += r6` and `r4 >>= 32` leave 1 or 0 to add to the count. A branch
//md   on random data would be guessed wrong half the time; the loop has none, and it reads eight
//md   values a round (`*(u32 *)(r2 + 0)` up to `*(u32 *)(r2 + 28)`) for one loop test.
Check.that("instructions in count_u32.o", counter.size()).is(125);
Check.that("slots in count_u32.o", counter.program().slotCount()).is(127);
Check.that("the 64-bit constant", counter.listing().text()).contains("r0 = 4294967295 ll");
Check.that("the bias 0xFFFFFFFF - RAND_MAX/2", counter.listing().text()).contains("r6 = 3221225472 ll");
Check.that("a stack slot", counter.listing().text()).contains("*(u64 *)(r10 - 24)");
long helperCalls = counter.listing().text().lines().filter(line -> line.contains("call ")).count();
Check.that("helper calls in count_u32.o", helperCalls).is(6);
Check.that("a comparison with RAND_MAX/2 (1073741823)", counter.listing().text().contains("1073741823")).isFalse();
long roundLoads = counter.listing().text().lines().filter(line -> line.contains(" = *(u32 *)(r2 + ")).count();
Check.that("u32 loads in one round of the counting loop", roundLoads).is(8);
Check.that("the carry into bit 32", counter.listing().text()).contains("r4 >>= 32");
//md ## 4. The verifier says no
//md
//md Before a program runs, the lab's verifier follows every path through it without running it,
//md and checks that every register is written before it is read, every access to the stack stays
//md inside the 512-byte frame and reads only bytes written before, every helper called exists and
//md gets all its arguments, a map value that may be null is checked before it is used, nothing
//md writes `r10` or read-only data, and every instruction can be reached. Here `r3` is read before
//md anything wrote it:
var uninitialised = lab.ebpf().assemble("uninitialised", """
    r0 = r3
    exit
    """);
var refusal = uninitialised.verify();
show(refusal);
//md The refusal names the rule (`UNINIT_REG`), the instruction (pc 0, `r0 = r3`), the state of
//md the registers involved and a fix.
Check.that("the verifier accepts the uninitialised program", refusal.ok()).isFalse();
Check.that("the refusal's code", refusal.code().toString()).is("UNINIT_REG");
Check.that("the refused instruction", refusal.error().get().pc()).is(0);
Check.that("the refusal", refusal.toString()).contains("r3 is read before any instruction writes it");
//md A refused program does not run: `run()` (and `trace()`) throw a `ProgramRefusedException`
//md with the verifier's message, and say how to run the program anyway for an experiment
//md (`runUnverified()`).
var notRun = Check.raises("running the uninitialised program", ProgramRefusedException.class, uninitialised::run);
Check.that("what the refusal to run suggests", notRun.getMessage()).contains("call runUnverified()");
//md The stack is checked too. It lies *below* the frame pointer (`r10 - 512` up to `r10 - 1`);
//md reading above it would read outside the program's frame:
var outOfBounds = lab.ebpf().assemble("out-of-bounds", """
    r0 = *(u64 *)(r10 + 8)
    exit
    """);
var stackRefusal = outOfBounds.verify();
show(stackRefusal);
Check.that("the stack refusal's code", stackRefusal.code().toString()).is("STACK_OUT_OF_BOUNDS");
Check.that("the stack refusal", stackRefusal.toString()).contains("outside the stack frame [-512, 0)");
//md The programs of parts 1 and 2 are accepted:
Check.that("the verifier accepts hello", hello.verify().ok()).isTrue();
Check.that("the verifier accepts sum", sum.verify().ok()).isTrue();
//md ### What this verifier does not check (yet)
//md
//md Accepting `sum` does **not** mean the verifier proved that its loop ends. This verifier follows
//md a loop until the register types stop changing and never asks whether the loop exits. (Linux's
//md verifier refuses loops it cannot bound; a later version of this lab's will too.) So it accepts
//md this loop, which never ends:
var endless = lab.ebpf().assemble("endless", """
    r0 = 0
    spin:
    if r0 == 0 goto spin
    exit
    """);
Check.that("the verifier accepts the endless loop", endless.verify().ok()).isTrue();
//md What stops it at run time is the **fuel limit**: one run may execute at most so many
//md instructions (100,000,000 unless the lab is built with `Lab.builder().fuel(n)`), then it
//md stops with a `FuelExhaustedException`. A lab with a fuel of 10,000 shows it at once:
var smallFuel = Lab.builder().fuel(10_000).build();
Check.that("the default fuel per run", lab.config().fuel()).is(100_000_000L);
var outOfFuel = Check.raises("running the endless loop", FuelExhaustedException.class,
    () -> smallFuel.ebpf().program("endless", endless.program()).run());
Check.that("instructions executed when the fuel ran out", outOfFuel.fuel()).is(10_000L);
Check.that("how the message says to raise the limit", outOfFuel.getMessage()).contains("Lab.builder().fuel(n)");
//md Nor does it check every memory access: a read through the context pointer `r1` at any offset,
//md or through a number used as an address, is accepted. The VM checks every access when the
//md program runs, and stops it with an error naming the instruction, the address and the nearest
//md region. Here the program reads byte 100 of a 3-byte context:
var pastTheContext = lab.ebpf().assemble("past-the-context", """
    r0 = *(u8 *)(r1 + 100)
    exit
    """);
Check.that("the verifier accepts the read at r1 + 100", pastTheContext.verify().ok()).isTrue();
var outside = Check.raises("reading byte 100 of a 3-byte context", MemoryAccessException.class,
    () -> pastTheContext.run(new byte[3]));
Check.that("the instruction the VM stopped at", outside.pc()).is(0);
Check.that("the region the VM names", outside.getMessage()).contains("nearest region context");
//md ## What next
//md
//md Tutorial 2 introduces the drive these programs will run on: a zoned SSD.
