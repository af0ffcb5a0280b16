//md # Interpreter and JIT
//md
//md The lab runs eBPF in two ways. The **interpreter** steps through the program in a loop written in
//md Java, dispatching on each instruction as it comes. The **JIT** (just-in-time compiler) translates a whole program into JVM
//md bytecode once, before it runs; HotSpot, the JVM's own JIT, then compiles that bytecode to machine
//md code like any other Java method. Both give the same answers, instruction counts and errors:
//md only the speed differs. In this tutorial you will
//md
//md 1. run one kernel on both engines and see that they agree,
//md 2. measure instructions per second and MB/s on each, as a chart,
//md 3. read the JVM bytecode the JIT emitted for a small program,
//md 4. see why the first run is slower than the later ones,
//md 5. see why wall-clock time and modeled time answer different questions.
//md
//md Speeds and times here are **wall-clock** measurements of this JVM on your machine: they differ
//md from machine to machine, JDK to JDK and run to run, so the tutorial shows them and never checks
//md them. What it checks is what cannot vary: answers, instruction counts, the bytecode's shape and
//md the drive's modeled time.
import java.util.*;
import org.csdlab.ebpf.Engine;
import org.csdlab.lab.*;
import org.csdlab.lab.chart.*;
import org.csdlab.lab.dataset.*;
import org.csdlab.lab.tutorial.*;
import tech.tablesaw.api.*;
import tech.tablesaw.plotly.traces.AbstractTrace;
import static org.csdlab.lab.tutorial.Tutorials.*;

var lab = Lab.create();
//md ## 1. One kernel, two engines
//md
//md The kernel counts the little-endian u32 values of its context (`r1` points to it, `r2` holds
//md its length) that are above `0x3fffffff`. We give it 4 MiB of seeded readings (seed 7). A lab
//md program runs on the lab's engine, `AUTO` unless `Lab.builder().engine(...)` says otherwise;
//md `onInterpreter()` and `onJit()` give the same program on one engine or the other.
var countAbove = lab.ebpf().assemble("count_above", """
    r0 = 0
    r3 = r1
    r3 += r2              ; r3 = end of the context
    loop:
    if r1 >= r3 goto done
    r4 = *(u32 *)(r1 + 0)
    r1 += 4
    if r4 <= 0x3fffffff goto loop
    r0 += 1
    goto loop
    done:
    exit
    """);
byte[] readings = Datasets.u32Readings(4, ByteUnit.MiB).seed(7).bytes();
var interpreted = countAbove.onInterpreter().run(readings);
var compiled = countAbove.onJit().run(readings);
show(interpreted);
show(compiled);
//md Both count **524,203** values above `0x3fffffff` in **6,767,656** instructions; each run
//md says which engine ran it. The instruction count is part of the semantics, not a measurement:
//md the JIT counts instructions per basic block, so a program that runs out of fuel stops at the
//md same instruction on both engines.
Check.that("r0 on the interpreter", interpreted.r0()).is(524_203);
Check.that("r0 on the JIT", compiled.r0()).is(interpreted.r0());
Check.that("instructions on the interpreter", interpreted.instructionsExecuted()).is(5_242_715);
Check.that("instructions on the JIT", compiled.instructionsExecuted()).is(interpreted.instructionsExecuted());
Check.that("the engine that ran onInterpreter()", interpreted.engine()).is(Engine.INTERPRETER);
Check.that("the engine that ran onJit()", compiled.engine()).is(Engine.JIT);
//md `AUTO` compiles a program that has a loop (a jump backwards) and interprets one that has none:
//md a program without a loop runs each instruction at most once, so compiling it would cost more
//md than it saves. The run says why it was interpreted.
var hello = lab.ebpf().assemble("hello", "r0 = 42\nexit");
var helloRun = hello.run();
show(helloRun);
Check.that("the engine AUTO chose for count_above (a loop)", countAbove.run(readings).engine()).is(Engine.JIT);
Check.that("the engine AUTO chose for hello (no loop)", helloRun.engine()).is(Engine.INTERPRETER);
Check.that("why hello was interpreted", helloRun.interpretedBecause().orElse("")).contains("no loop");
//md ## 2. How fast: instructions per second and MB/s
//md
//md Each engine runs the kernel ten times over the same 4 MiB. A run knows its wall-clock time, so
//md `instructionsPerSecond()` and `contextBytesPerSecond()` give its speed.
int runs = 10;
double[] runNumbers = new double[runs];
var millionInstructionsPerSecond = new LinkedHashMap<String, double[]>();
var megabytesPerSecond = new LinkedHashMap<String, double[]>();
for (var engine : List.of(Engine.INTERPRETER, Engine.JIT)) {
  var program = countAbove.on(engine);
  double[] minsn = new double[runs];
  double[] mbps = new double[runs];
  for (int i = 0; i < runs; i++) {
    var run = program.run(readings);
    runNumbers[i] = i + 1;
    minsn[i] = run.instructionsPerSecond() / 1e6;
    mbps[i] = run.contextBytesPerSecond() / 1e6;
  }
  String name = engine == Engine.JIT ? "JIT" : "interpreter";
  millionInstructionsPerSecond.put(name, minsn);
  megabytesPerSecond.put(name, mbps);
}
List<Line> lines(Map<String, double[]> series) {
  var lines = new ArrayList<Line>();
  series.forEach((name, values) -> lines.add(new Line(name, runNumbers, values)));
  return lines;
}
var speedChart = Charts.lines("count_above over 4 MiB: eBPF instructions per second", "run",
    "million instructions per second (wall clock)", lines(millionInstructionsPerSecond));
var throughputChart = Charts.lines("count_above over 4 MiB: throughput", "run",
    "MB/s (wall clock)", lines(megabytesPerSecond));
show(speedChart);
show(throughputChart);
double median(double[] values) {
  double[] sorted = values.clone();
  Arrays.sort(sorted);
  return sorted[sorted.length / 2];
}
System.out.println(String.format("median: interpreter %.0f M insn/s (%.0f MB/s), JIT %.0f M insn/s (%.0f MB/s): JIT / interpreter %.1f×",
    median(millionInstructionsPerSecond.get("interpreter")), median(megabytesPerSecond.get("interpreter")),
    median(millionInstructionsPerSecond.get("JIT")), median(megabytesPerSecond.get("JIT")),
    median(millionInstructionsPerSecond.get("JIT")) / median(millionInstructionsPerSecond.get("interpreter"))));
//md Both charts have one line per engine. The two charts have the same shape: for this kernel, MB/s
//md is instructions per second divided by the instructions it spends on each byte, which is the
//md same on both engines (5,242,715 instructions for 4,194,304 bytes, about 1.25 per byte). The
//md line printed under the charts gives the medians on your machine. Where the JIT is ahead, this is
//md why: the interpreter pays for every instruction with a read of its (pre-decoded) code word and a
//md dispatch (a `switch` on its class, then on its operation), and keeps the eBPF registers in an
//md array, while the compiled program has no dispatch at all and keeps the registers in JVM local
//md variables, which HotSpot can keep in machine registers.
List<String> seriesOf(Chart chart) {
  return Arrays.stream(chart.figure().getTraces()).map(trace -> ((AbstractTrace) trace).name()).toList();
}
Check.that("lines of the instructions-per-second chart", seriesOf(speedChart)).is(List.of("interpreter", "JIT"));
Check.that("lines of the MB/s chart", seriesOf(throughputChart)).is(List.of("interpreter", "JIT"));
Check.that("instructions per byte, the same on both engines",
    (double) compiled.instructionsExecuted() / readings.length).isCloseTo(1.25, 0.01);
//md ## 3. What the JIT emitted
//md
//md `jit()` shows what the JIT makes of a program: each eBPF instruction beside the JVM bytecode
//md compiled for it (read back from the class the JIT generated, so it is what really runs). Take
//md the loop of tutorial 1 that adds 100 + 99 + … + 1:
var sum = lab.ebpf().assemble("sum", """
    r0 = 0
    r1 = 100
    loop:
    r0 += r1
    r1 -= 1
    if r1 != 0 goto loop
    exit
    """);
var sumJit = sum.jit();
show(sumJit);
//md How to read it:
//md
//md * Each eBPF register is a JVM `long` local variable, named `r0` … `r10` here. `r0 += r1` (pc 2)
//md   becomes `LLOAD r0`, `LLOAD r1`, `LADD`, `LSTORE r0`: load both, add, store — no decoding, no
//md   dispatch, no register array.
//md * The conditional jump back (pc 4) becomes a comparison (`LCMP`) and a JVM branch (`IFNE`) to
//md   the loop's start: the label that begins the unrolled rounds in the support code (see the
//md   last point), which go on with pc 2 when the fuel left is less than four rounds cost.
//md * The first instruction of each **basic block** (pc 0, the loop head at pc 2, and `exit` at pc 5)
//md   starts by subtracting the block's instruction count from `left`, the fuel left, and jumps to
//md   the refill code when it runs out. Counting once per block instead of once per instruction
//md   is what keeps the count exact and cheap; the instructions inside a block (pc 1, 3, 4) have no
//md   fuel code.
//md * `exit` (pc 5) writes the registers back to the run state and returns `r0`.
//md * Apart from the instructions, on rows of their own: the **setup** loads the registers from the
//md   run state into the locals; the JIT's **support code** asks the run state for more fuel
//md   (`RunState.refill`) and jumps back to the block that ran short, or, when there is no more,
//md   hands the block to the interpreter (`JitRun.handOver`), which runs it up to the last
//md   instruction the fuel pays for and stops there exactly as it always does.
//md * The loop (pc 2–4) is one small block, so the support code also holds four copies of its body
//md   (four `LADD`s for `r0 += r1`): when `left` holds the fuel for four rounds, they run one after
//md   the other without a fuel check between them, each still subtracting its 3 instructions from
//md   `left`, so the count stays exact; with less fuel the loop runs its checked form above.
Check.that("compiled steps, one per instruction", sumJit.steps().size()).is(sum.size());
Check.that("the instruction at pc 2", sumJit.step(2).instruction().toString()).is("r0 += r1");
Check.that("JVM code of pc 2 (r0 += r1)", String.join(" ", sumJit.step(2).bytecode())).contains("LLOAD r0 LLOAD r1 LADD LSTORE r0");
Check.that("pc 4 (the jump back) ends in a JVM branch",
    sumJit.step(4).bytecode().stream().anyMatch(insn -> insn.startsWith("IFNE "))).isTrue();
var loopLabel = sumJit.step(4).bytecode().stream().filter(insn -> insn.startsWith("IFNE ")).findFirst().orElseThrow().substring(5);
Check.that("the label that branch goes to starts the support code (the unrolled rounds)",
    sumJit.listing().functions().get(0).support().stream().takeWhile(insn -> insn.matches("L\\d+")).toList().contains(loopLabel)).isTrue();
for (int pc : new int[] {0, 2, 5}) {
  Check.that("pc " + pc + " (a block's first instruction) counts fuel", sumJit.step(pc).bytecode().contains("LSTORE left")).isTrue();
}
for (int pc : new int[] {1, 3, 4}) {
  Check.that("pc " + pc + " (inside a block) counts no fuel", sumJit.step(pc).bytecode().contains("LSTORE left")).isFalse();
}
Check.that("the setup, then the support code, of the one function",
    sumJit.listing().functions().size() == 1 && !sumJit.listing().functions().get(0).setup().isEmpty()
    && String.join(" ", sumJit.listing().functions().get(0).support()).contains("RunState.refill")).isTrue();
Check.that("the loop's unrolled rounds in the support code (its LADDs)",
    sumJit.listing().functions().get(0).support().stream().filter(insn -> insn.equals("LADD")).count()).isGreaterThan(3);
Check.that("the program ran on the JIT, with the same result", sum.onJit().run().r0()).is(5050);
//md ### Exercise: a multiplication in a loop
//md
//md Make the program `factorial` compute 10! = 3,628,800 into `r0` with a **loop** that multiplies
//md (`r0 *= r1`). Writing the constant does not count: the checks look for the loop (the lab's
//md `AUTO` runs the program on the JIT only if it has one) and for a JVM multiplication (`LMUL`) in
//md what the JIT emitted.
//exercise factorial-loop "Compute 10! in a loop that the JIT compiles to an LMUL"
//stub var factorial = lab.ebpf().assemble("factorial", """
//stub     r0 = 1
//stub     exit
//stub     """);
//stub show(factorial.jit());
//solution
var factorial = lab.ebpf().assemble("factorial", """
    r0 = 1
    r1 = 10
    loop:
    r0 *= r1
    r1 -= 1
    if r1 > 1 goto loop
    exit
    """);
show(factorial.jit());
//hidden
var factorialRun = factorial.run();
Check.that("r0 of your program", factorialRun.r0()).is(3_628_800);
Check.that("the engine AUTO chose for your program (a loop runs on the JIT)", factorialRun.engine()).is(Engine.JIT);
Check.that("a JVM multiplication (LMUL) in what the JIT emitted for your program",
    factorial.jit().steps().stream().anyMatch(step -> step.bytecode().contains("LMUL"))).isTrue();
//end
//md ## 4. Why the first run is slower
//md
//md Take a fresh copy of `count_above` on each engine and time its first five runs. The first run
//md of a lab program builds its VM; for the JIT that includes **compiling** the program: generating
//md the bytecode and loading it as a new class (`VM built`). Then the **HotSpot warm-up**: HotSpot
//md starts by interpreting a new class's bytecode itself, counts how often its methods and loops
//md run, and compiles the hot ones to machine code in the background, first quickly, then (after
//md more runs) with full optimisation. The lab's interpreter is one Java class that parts 1 and 2
//md have already warmed up; each JIT-compiled program is a class HotSpot has never seen, so its
//md first runs go through all of that.
var firstRuns = Table.create("The first runs of a fresh count_above, in ms of wall-clock time",
    IntColumn.create("run"), StringColumn.create("engine"), DoubleColumn.create("VM built (ms)"),
    DoubleColumn.create("run (ms)"), DoubleColumn.create("MB/s"));
var freshR0 = new ArrayList<Long>();
var freshBuilds = new ArrayList<Long>();
for (var engine : List.of(Engine.INTERPRETER, Engine.JIT)) {
  var fresh = lab.ebpf().program("count_above", countAbove.program()).on(engine);
  for (int i = 1; i <= 5; i++) {
    var run = fresh.run(readings);
    freshR0.add(run.r0());
    freshBuilds.add(run.vmBuildNanos());
    firstRuns.intColumn("run").append(i);
    firstRuns.stringColumn("engine").append(engine == Engine.JIT ? "JIT" : "interpreter");
    firstRuns.doubleColumn("VM built (ms)").append(Math.round(run.vmBuildNanos() / 1e4) / 100.0);
    firstRuns.doubleColumn("run (ms)").append(Math.round(run.wallNanos() / 1e4) / 100.0);
    firstRuns.doubleColumn("MB/s").append(Math.round(run.contextBytesPerSecond() / 1e6));
  }
}
show(firstRuns);
var compileOnly = countAbove.jit().listing();
System.out.println(String.format("compiling count_above alone: %.1f ms, %d bytes of JVM bytecode",
    compileOnly.compileNanos() / 1e6, compileOnly.bytecodeBytes()));
//md Read the JIT's rows from the top: the VM is built (compiled) only before run 1, and the run
//md times usually fall over the first runs while HotSpot compiles the generated class. The
//md interpreter's first run pays no compilation, only the small cost of building its VM. How much
//md each costs depends on your machine and JDK; a benchmark (`./csdlab bench`) therefore runs a
//md program many times before it measures. Every run gives the same answer.
Check.that("every run of both fresh programs counts the same", new HashSet<>(freshR0)).is(Set.of(interpreted.r0()));
Check.that("runs that built a VM (the first of each engine)", freshBuilds.stream().filter(nanos -> nanos > 0).count()).is(2L);
Check.that("the JIT's first run built the VM", freshBuilds.get(5) > 0).isTrue();
Check.that("the JIT's later runs reused it", freshBuilds.subList(6, 10)).is(List.of(0L, 0L, 0L, 0L));
//md ## 5. Two clocks: wall time and modeled time
//md
//md The drive runs kernels on its own core, which the lab's timing model gives 10⁹ eBPF
//md instructions per second. We build two labs that differ only in the engine that emulates that
//md core, `Lab.builder().engine(...)`, write the same 64 MiB of readings (seed 7) to each drive, and
//md count on each drive with the lab's counting kernel.
var interpretingLab = Lab.builder().engine(Engine.INTERPRETER).build();
var compilingLab = Lab.builder().engine(Engine.JIT).build();
var onInterpretingDrive = interpretingLab.datasets().u32Readings(64, ByteUnit.MiB).seed(7).writeToZones(0);
var onCompilingDrive = compilingLab.datasets().u32Readings(64, ByteUnit.MiB).seed(7).writeToZones(0);
long threshold = Lab.RAND_MAX / 2;
var interpreterDrive = interpretingLab.csd().countU32Above(onInterpretingDrive, threshold);
var jitDrive = compilingLab.csd().countU32Above(onCompilingDrive, threshold);
var clocks = Table.create("One count over 64 MiB on the drive, on each engine",
    StringColumn.create("engine"), LongColumn.create("count"), LongColumn.create("eBPF instructions"),
    DoubleColumn.create("modeled time (ms)"), DoubleColumn.create("wall time (ms)"));
for (var run : List.of(interpreterDrive, jitDrive)) {
  clocks.stringColumn("engine").append(run == jitDrive ? "JIT" : "interpreter");
  clocks.longColumn("count").append(run.value());
  clocks.longColumn("eBPF instructions").append(run.instructions());
  clocks.doubleColumn("modeled time (ms)").append(run.modeledNanos() / 1e6);
  clocks.doubleColumn("wall time (ms)").append(Math.round(run.wallNanos() / 1e4) / 100.0);
}
show(clocks);
//md The two clocks answer different questions:
//md
//md * **Modeled time** answers *how long would a real drive take?* It comes from the timing model:
//md   the flash reads (their size, latency and the dies working in parallel), the host link, and the
//md   core's 10⁹ instructions per second times the instructions the kernel executed. The engine is
//md   not in it, so it is the same on both labs: **911.8 ms**, of which **86.0 ms** computing. It is
//md   deterministic, so a lesson can check it, and it changes when the *drive* changes (a faster
//md   core, another timing profile).
//md * **Wall time** answers *how long did this JVM take to emulate it?* It depends on the engine,
//md   your machine, the JDK and the warm-up, so it is only shown. It covers more than the kernel's
//md   instructions: each emulated flash read copies its bytes into the drive's memory, and that
//md   costs the same on both engines, so the engine changes only part of the wall time. The JIT's
//md   kernel is also a class HotSpot has not warmed up yet (part 4).
Check.that("the same count on both labs", jitDrive.value()).is(interpreterDrive.value());
Check.that("the same eBPF instructions on both labs", jitDrive.instructions()).is(interpreterDrive.instructions());
Check.that("modeled time, the same on both engines (ns)", jitDrive.modeledNanos()).is(interpreterDrive.modeledNanos());
Check.that("modeled time of the count (ns)", jitDrive.modeledNanos()).is(911_786_624L);
Check.that("modeled compute time: one ns per instruction at 10⁹ insn/s", jitDrive.computeNanos()).is(jitDrive.instructions());
Check.that("the engine of the interpreting lab's kernel", interpretingLab.csd().countKernel().engine()).is(Engine.INTERPRETER);
Check.that("the engine of the compiling lab's kernel", compilingLab.csd().countKernel().engine()).is(Engine.JIT);
//md ### Exercise: which clock moves?
//md
//md Build a lab `fastCore` whose drive core runs **2 × 10⁹** instructions per second
//md (`Lab.builder().coreInstructionsPerSecond(...)`), on the JIT, write the same 64 MiB of readings
//md (seed 7) to its zones from 0, and count on its drive the readings above `threshold`: keep the
//md run in `fastRun`. The count and the instructions stay the same; the modeled compute time
//md halves.
//exercise faster-core "Count on a drive with a core twice as fast"
//stub var fastCore = compilingLab;   // fix me: a lab with a core of 2 × 10⁹ instructions/s, on the JIT
//stub var fastRun = jitDrive;        // fix me: the count on fastCore's drive
//solution
var fastCore = Lab.builder().coreInstructionsPerSecond(2_000_000_000L).engine(Engine.JIT).build();
var fastReadings = fastCore.datasets().u32Readings(64, ByteUnit.MiB).seed(7).writeToZones(0);
var fastRun = fastCore.csd().countU32Above(fastReadings, threshold);
//hidden
Check.that("the core speed of your lab (insn/s)", fastCore.config().coreInstructionsPerSecond()).is(2_000_000_000L);
Check.that("the engine of your lab", fastCore.config().engine()).is(Engine.JIT);
Check.that("your count (the same readings)", fastRun.value()).is(jitDrive.value());
Check.that("the eBPF instructions of your count", fastRun.instructions()).is(jitDrive.instructions());
Check.that("your modeled compute time, half of the 10⁹ core's (ns)",
    (double) fastRun.computeNanos()).isCloseTo(jitDrive.computeNanos() / 2.0, 4);
//end
//md ## What next
//md
//md Run tutorial 3 again and look at its wall times: the lab's `AUTO` engine runs its counting
//md kernel on the JIT. Or write a program the JIT cannot compile — a straight line of 4,000
//md `r0 += 1` compiles to a method larger than HotSpot compiles (8,000 bytes) — and read why its
//md run says it was interpreted.
