package org.csdlab.ebpf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

class ConformancePluginTest {

  /** What one plugin run printed and returned. */
  private record Outcome(int status, String out, String err) {
    void assertOneErrorLine(int expectedStatus, String fragment) {
      assertEquals(expectedStatus, status, this::toString);
      assertEquals("", out, this::toString);
      assertEquals(1, err.lines().count(), this::toString);
      assertTrue(err.endsWith(System.lineSeparator()), this::toString);
      assertTrue(err.contains(fragment), () -> "'" + fragment + "' missing from " + this);
    }
  }

  private static Outcome plugin(String stdin, String... args) {
    return plugin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)), args);
  }

  private static Outcome plugin(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ConformancePlugin.run(
            args,
            stdin,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Hex as the bpf_conformance runner writes it: each byte followed by two spaces. */
  private static String runnerHex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x  ", b & 0xff));
    }
    return out.toString();
  }

  private static String program(String source) {
    return runnerHex(Assembler.assemble(source).encode());
  }

  @Test
  void printsR0InLowercaseHexWithoutPrefix() {
    Outcome outcome = plugin(program("lddw %r0, 0xABCDEF0123456789\nexit"));
    assertEquals(new Outcome(0, "abcdef0123456789" + System.lineSeparator(), ""), outcome);
    assertEquals(
        "ffffffffffffffff" + System.lineSeparator(), plugin(program("mov %r0, -1\nexit")).out());
    assertEquals("0" + System.lineSeparator(), plugin(program("exit")).out());
  }

  @Test
  void acceptsHexWithoutSeparatorsOrAcrossLines() {
    assertEquals(
        "2a" + System.lineSeparator(), plugin("b7000000 2a000000\n9500000000000000\n").out());
    assertEquals(
        "2a" + System.lineSeparator(),
        plugin("B7 00 00 00 2A 00 00 00\r\n95 00 00 00 00 00 00 00").out());
  }

  @Test
  void memoryArgumentIsPassedInR1WithItsLengthInR2() {
    String source = "ldxb %r0, [%r1+2]\nlsh %r0, 8\nor %r0, %r2\nexit";
    assertEquals("cc03" + System.lineSeparator(), plugin(program(source), "aa  bb  cc  ").out());
    assertEquals(
        "0" + System.lineSeparator(), plugin(program("mov %r0, %r1\nor %r0, %r2\nexit")).out());
  }

  @Test
  void blankMemoryArgumentMeansNoMemory() {
    assertEquals("0" + System.lineSeparator(), plugin(program("mov %r0, %r1\nexit"), "  ").out());
  }

  @Test
  void programMayComeAsAnOptionAndOptionsMayFollowMemory() {
    String hex = program("mov %r0, %r2\nexit");
    assertEquals(
        "3" + System.lineSeparator(),
        plugin("", "01 02 03", "--interpret", "--program", hex).out());
  }

  @Test
  void theJitAndTheInterpreterGiveTheSameAnswersAndErrors() {
    String loop =
        program("mov %r0, 0\nmov %r1, 1000\nadd %r0, %r1\nsub %r1, 1\njne %r1, 0, -3\nexit");
    assertEquals("7a314" + System.lineSeparator(), plugin(loop, "--jit").out());
    assertEquals(plugin(loop, "--interpret").out(), plugin(loop, "--jit").out());
    String endless = program("ja -1\nexit");
    plugin(endless, "--jit", "--fuel", "1000")
        .assertOneErrorLine(ConformancePlugin.PROGRAM_FAILED, "out of fuel: 1000 instructions");
    String fault = program("mov %r1, 0\nldxw %r0, [%r1+8]\njeq %r0, 0, -3\nexit");
    String jitError = plugin(fault, "--jit").err();
    assertEquals(plugin(fault, "--interpret").err(), jitError);
    assertTrue(jitError.contains("pc 1"), jitError);
  }

  @Test
  void conformanceHelpersAreAvailable() {
    assertEquals("c" + System.lineSeparator(), plugin(program("mov %r1, 144\ncall 3\nexit")).out());
  }

  @Test
  void malformedHexIsOneLineWithStatus2() {
    plugin("95 0")
        .assertOneErrorLine(
            ConformancePlugin.BAD_INPUT, "program: the hex digit at character 4 has no partner");
    plugin("95 00 00 00 00 00 00 0g")
        .assertOneErrorLine(ConformancePlugin.BAD_INPUT, "character 23 ('g')");
    plugin(program("exit"), "12 3").assertOneErrorLine(ConformancePlugin.BAD_INPUT, "memory:");
    plugin("\u00e9").assertOneErrorLine(ConformancePlugin.BAD_INPUT, "is not a hex digit");
  }

  @Test
  void badCommandLinesAreOneLineWithStatus2() {
    String exit = program("exit");
    plugin(exit, "--elf")
        .assertOneErrorLine(ConformancePlugin.BAD_INPUT, "ELF input is not supported");
    plugin(exit, "--frobnicate")
        .assertOneErrorLine(ConformancePlugin.BAD_INPUT, "unknown option '--frobnicate'");
    plugin(exit, "00", "11")
        .assertOneErrorLine(ConformancePlugin.BAD_INPUT, "only one memory argument");
    plugin(exit, "--fuel", "lots")
        .assertOneErrorLine(ConformancePlugin.BAD_INPUT, "--fuel needs a positive number");
    plugin(exit, "--program")
        .assertOneErrorLine(ConformancePlugin.BAD_INPUT, "--program needs a value");
  }

  @Test
  void refusedProgramIsOneLineWithStatus1() {
    plugin("")
        .assertOneErrorLine(
            ConformancePlugin.PROGRAM_FAILED, "a program needs at least one instruction");
    plugin("00 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00")
        .assertOneErrorLine(ConformancePlugin.PROGRAM_FAILED, "instruction 0: opcode 0x00");
    plugin(program("call 99\nexit"))
        .assertOneErrorLine(ConformancePlugin.PROGRAM_FAILED, "helper 99");
  }

  @Test
  void faultIsOneLineWithStatus1() {
    plugin(program("ldxw %r0, [%r1]\nexit"))
        .assertOneErrorLine(ConformancePlugin.PROGRAM_FAILED, "null pointer access");
  }

  @Test
  void endlessLoopRunsOutOfFuel() {
    String loop = program("loop:\nja loop\nexit");
    plugin(loop, "--fuel", "1000")
        .assertOneErrorLine(ConformancePlugin.PROGRAM_FAILED, "out of fuel: 1000");
    plugin(loop, "--fuel", "1000")
        .assertOneErrorLine(ConformancePlugin.PROGRAM_FAILED, "raise the limit with --fuel N");
    plugin(loop)
        .assertOneErrorLine(
            ConformancePlugin.PROGRAM_FAILED, "out of fuel: " + ConformancePlugin.DEFAULT_FUEL);
  }

  @Test
  void programOverTheSlotLimitIsRefused() {
    byte[] bytes = new byte[(Program.MAX_SLOTS + 1) * 8];
    for (int i = 0; i < bytes.length; i += 8) {
      bytes[i] = (byte) 0x95;
    }
    String hex = HexFormat.of().formatHex(bytes);
    plugin(hex)
        .assertOneErrorLine(ConformancePlugin.PROGRAM_FAILED, "at most 1000000 instruction slots");
  }

  @Test
  void endlessStandardInputIsCutOff() {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return '9';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) '9');
            return len;
          }
        };
    plugin(endless)
        .assertOneErrorLine(
            ConformancePlugin.BAD_INPUT, "more than " + ConformancePlugin.MAX_INPUT_CHARS);
  }

  @Test
  void memoryIsACopyOfTheArgument() {
    String source = "stb [%r1], 0x55\nldxb %r0, [%r1]\nexit";
    Outcome first = plugin(program(source), "01");
    assertEquals("55" + System.lineSeparator(), first.out());
  }

  /**
   * Opcodes that random programs are made of (every class but LD, whose two slots are left out).
   */
  private static final int[] OPCODES = {
    0x07, 0x0f, 0x17, 0x1f, 0x27, 0x37, 0x3f, 0x47, 0x57, 0x67, 0x6f, 0x77, 0x7f, 0x87, 0x97, 0x9f,
    0xa7, 0xb7, 0xbf, 0xc7, 0xcf, 0xd4, 0xdc, 0xd7, 0x04, 0x0c, 0x14, 0x34, 0x3c, 0x94, 0xb4, 0xbc,
    0xcc, 0x05, 0x15, 0x1d, 0x25, 0x2d, 0x55, 0x65, 0xa5, 0xb5, 0xc5, 0xd5, 0x16, 0x26, 0x56, 0x66,
    0x06, 0x61, 0x69, 0x71, 0x79, 0x81, 0x89, 0x91, 0x62, 0x6a, 0x72, 0x7a, 0x63, 0x6b, 0x73, 0x7b,
    0xc3, 0xdb, 0x85, 0x8d, 0x95
  };

  private static final int[] ATOMIC_OPS = {
    0x00, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1
  };

  /** A random program whose slots mostly follow the format rules, so that most of them run. */
  private static byte[] plausibleProgram(Random random) {
    int slots = 1 + random.nextInt(12);
    byte[] bytes = new byte[(slots + 1) * 8];
    for (int i = 0; i < slots; i++) {
      int op = OPCODES[random.nextInt(OPCODES.length)];
      int dst = random.nextInt(10);
      int src = random.nextInt(11);
      int offset = 0;
      int imm = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(64) - 8;
      boolean regSource = (op & 0x08) != 0;
      switch (op & 0x07) {
        case 0x04, 0x07 -> {
          if ((op & 0xf0) == 0xd0) {
            src = 0;
            imm = 16 << random.nextInt(3);
          } else if ((op & 0xf0) == 0x80) {
            src = 0;
            imm = 0;
          } else if (regSource) {
            imm = 0;
          } else {
            src = 0;
          }
        }
        case 0x05, 0x06 -> {
          offset = random.nextInt(7) - 2;
          if (op == 0x95 || op == 0x85 || op == 0x8d) {
            offset = 0;
            src = 0;
            imm = op == 0x85 ? random.nextInt(6) : 0;
            dst = op == 0x8d ? dst : 0;
          } else if (op == 0x05 || op == 0x06) {
            dst = 0;
            src = 0;
            imm = op == 0x06 ? offset : 0;
            offset = op == 0x06 ? 0 : offset;
          } else if (regSource) {
            imm = 0;
          } else {
            src = 0;
          }
        }
        case 0x01 -> {
          imm = 0;
          offset = random.nextInt(32) - 16;
          src = random.nextBoolean() ? 10 : src;
        }
        case 0x02 -> {
          src = 0;
          dst = random.nextBoolean() ? 10 : random.nextInt(11);
          offset = -8 * (1 + random.nextInt(4));
        }
        default -> {
          dst = random.nextBoolean() ? 10 : random.nextInt(11);
          offset = -8 * (1 + random.nextInt(4));
          imm = op == 0xc3 || op == 0xdb ? ATOMIC_OPS[random.nextInt(ATOMIC_OPS.length)] : 0;
        }
      }
      ByteBuffer.wrap(bytes, i * 8, 8)
          .order(ByteOrder.LITTLE_ENDIAN)
          .put((byte) op)
          .put((byte) (src << 4 | dst))
          .putShort((short) offset)
          .putInt(imm);
    }
    bytes[slots * 8] = (byte) 0x95;
    return bytes;
  }

  @Test
  void randomBytesEndInAResultOrOneCleanErrorLine() {
    Random random = new Random(9669);
    int results = 0;
    int errors = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] programBytes;
      switch (i % 3) {
        case 0 -> {
          programBytes = new byte[random.nextInt(64)];
          random.nextBytes(programBytes);
        }
        case 1 -> programBytes = plausibleProgram(random);
        default -> {
          programBytes = new byte[8 * (1 + random.nextInt(8))];
          random.nextBytes(programBytes);
        }
      }
      byte[] memory = new byte[random.nextInt(40)];
      random.nextBytes(memory);
      List<String> args = new ArrayList<>();
      if (memory.length > 0 || random.nextBoolean()) {
        args.add(random.nextInt(10) == 0 ? randomText(random) : runnerHex(memory));
      }
      args.add("--fuel");
      args.add("100000");
      String stdin = random.nextInt(10) == 0 ? randomText(random) : runnerHex(programBytes);
      Outcome outcome = plugin(stdin, args.toArray(String[]::new));
      String context = "case " + i + ": " + outcome;
      if (outcome.status() == 0) {
        results++;
        assertTrue(outcome.out().matches("[0-9a-f]{1,16}" + System.lineSeparator()), context);
        assertEquals("", outcome.err(), context);
      } else {
        errors++;
        assertEquals("", outcome.out(), context);
        assertEquals(1, outcome.err().lines().count(), context);
        assertFalse(
            outcome.err().contains("\tat ") || outcome.err().contains("Exception"), context);
        assertFalse(outcome.err().startsWith("internal error"), context);
      }
    }
    assertTrue(results > 100, "only " + results + " random programs ran to exit");
    assertTrue(errors > 100, "only " + errors + " random inputs were refused");
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(30);
    for (int i = 0; i < length; i++) {
      text.append(
          (char) (random.nextInt(3) == 0 ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x300)));
    }
    return text.toString();
  }
}
