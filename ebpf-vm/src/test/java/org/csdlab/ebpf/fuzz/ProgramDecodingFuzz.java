package org.csdlab.ebpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;

/**
 * {@link Program#decode} of raw bytes and of mutated encodings of structured programs: a program or
 * a {@link ProgramFormatException}; a decoded program encodes back to the same bytes and its
 * listing renders.
 */
class ProgramDecodingFuzz {
  private static final FuzzOracle ORACLE =
      FuzzOracle.expecting("program-decoding", ProgramFormatException.class);

  @Fuzz(tries = 3000)
  void randomBytes(@ForAll("bytecode") byte[] bytes) {
    decode(bytes);
  }

  @Fuzz(tries = 3000)
  void mutatedPrograms(@ForAll("mutatedEncodings") byte[] bytes) {
    decode(bytes);
  }

  private static void decode(byte[] bytes) {
    ORACLE.check(
        () -> FuzzOracle.hex(bytes),
        () -> {
          Program program = Program.decode(bytes);
          assertArrayEquals(bytes, program.encode(), "decode then encode");
          assertEquals(program, Program.decode(program.encode()));
          program.listing();
          return program;
        });
  }

  @Provide
  Arbitrary<byte[]> bytecode() {
    Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(96);
    Arbitrary<byte[]> slots =
        Arbitraries.integers()
            .between(1, 12)
            .flatMap(
                n -> Arbitraries.bytes().array(byte[].class).ofSize(n * Instruction.SLOT_BYTES));
    Arbitrary<byte[]> exiting = slots.map(ProgramDecodingFuzz::endWithExit);
    return Arbitraries.oneOf(any, slots, exiting);
  }

  @Provide
  Arbitrary<byte[]> mutatedEncodings() {
    return Arbitraries.randomValue(
        random -> {
          List<Instruction> instructions =
              new ProgramShapes(random).program(random.nextInt(24), true);
          byte[] bytes = encode(instructions);
          for (int m = random.nextInt(4); m > 0; m--) {
            mutate(random, bytes);
          }
          return bytes;
        });
  }

  private static void mutate(Random random, byte[] bytes) {
    int at = random.nextInt(bytes.length);
    switch (random.nextInt(3)) {
      case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
      case 1 -> bytes[at] = (byte) random.nextInt(256);
      default -> bytes[at - at % Instruction.SLOT_BYTES] = (byte) random.nextInt(256);
    }
  }

  private static byte[] endWithExit(byte[] slots) {
    byte[] exit = Instruction.exit().encode();
    System.arraycopy(exit, 0, slots, slots.length - exit.length, exit.length);
    return slots;
  }

  /** Encodes without validating, so that unvalidated shapes reach the decoder too. */
  static byte[] encode(List<Instruction> instructions) {
    int slots = instructions.stream().mapToInt(Instruction::slots).sum();
    byte[] out = new byte[slots * Instruction.SLOT_BYTES];
    int at = 0;
    for (Instruction insn : instructions) {
      byte[] one = insn.encode();
      System.arraycopy(one, 0, out, at, one.length);
      at += one.length;
    }
    return out;
  }
}
