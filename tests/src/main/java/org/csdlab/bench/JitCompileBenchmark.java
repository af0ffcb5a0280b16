package org.csdlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.JumpOp;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Register;
import org.csdlab.ebpf.Vm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JIT compile time: building a {@code Vm} with {@link Engine#JIT} (control flow, bytecode, a hidden
 * class) for a program of {@code instructions} instructions in a loop of arithmetic and forward
 * branches, as compilers emit. Run: {@code java -jar tests/target/benchmarks.jar
 * JitCompileBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JitCompileBenchmark {
  @Param({"100", "1000", "10000"})
  public int instructions;

  private Program program;

  /** A loop over {@code instructions} instructions: adds, moves, multiplies and short branches. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    List<Instruction> body = new ArrayList<>();
    body.add(AluOp.MOV.imm(Register.R0, 0));
    body.add(AluOp.MOV.imm(Register.R1, 3));
    while (body.size() < instructions - 3) {
      switch (body.size() % 4) {
        case 0 -> body.add(AluOp.ADD.imm(Register.R0, random.nextInt(100)));
        case 1 -> body.add(AluOp.MOV.reg(Register.R2, Register.R0));
        case 2 -> body.add(JumpOp.JGT.imm(Register.R2, 1000, 1));
        default -> body.add(AluOp.XOR.reg(Register.R0, Register.R2));
      }
    }
    body.add(AluOp.SUB.imm(Register.R1, 1));
    body.add(JumpOp.JNE.imm(Register.R1, 0, -(body.size() - 1)));
    body.add(Instruction.exit());
    program = Program.of(body);
    Vm vm = Vm.builder(program).engine(Engine.JIT).build();
    if (vm.engine() != Engine.JIT) {
      throw new IllegalStateException("not compiled: " + vm.interpretedBecause().orElse("?"));
    }
  }

  /** Compiles the program once. */
  @Benchmark
  public Vm compile() {
    return Vm.builder(program).engine(Engine.JIT).build();
  }
}
