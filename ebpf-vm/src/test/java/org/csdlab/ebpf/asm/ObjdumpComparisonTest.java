package org.csdlab.ebpf.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles the C programs under {@code src/test/resources/c} with clang, disassembles their {@code
 * .text} with our {@link Disassembler} and compares every instruction with {@code llvm-objdump -d}.
 * Skipped when clang or LLVM tools are missing, except on CI ({@code CI=true}), where that is a
 * failure.
 *
 * <p>One normalization: objdump prints local calls without a sign ({@code call 11}); we print
 * {@code call +11} so that they read back as local calls.
 */
class ObjdumpComparisonTest {
  private static final Pattern OBJDUMP_LINE = Pattern.compile("^\\s*(\\d+):\\s+(.*?)\\s*$");
  private static final Pattern ANNOTATION = Pattern.compile("\\s+<[^<>\\s]+>$");

  private static final String CLANG = tool("CLANG", "clang");
  private static final String OBJCOPY = tool("LLVM_OBJCOPY", "llvm-objcopy");
  private static final String OBJDUMP = tool("LLVM_OBJDUMP", "llvm-objdump");

  @TempDir static Path work;

  private static String tool(String variable, String fallback) {
    String configured = System.getenv(variable);
    return configured == null || configured.isBlank() ? fallback : configured;
  }

  @BeforeAll
  static void requireTools() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of(CLANG, OBJCOPY, OBJDUMP)) {
      if (!runs(tool)) {
        missing.add(tool);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "missing "
            + String.join(", ", missing)
            + " (install clang and llvm, or set CLANG, LLVM_OBJCOPY, LLVM_OBJDUMP)";
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true but " + message);
    }
    Assumptions.abort(message);
  }

  private static boolean runs(String tool) {
    try {
      Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Source, -mcpu, and whether objdump and we print alu32 registers. */
  static Stream<Arguments> objects() {
    return Stream.of(
        Arguments.of("loops.c", "v1", false),
        Arguments.of("memory.c", "v1", false),
        Arguments.of("calls.c", "v1", false),
        Arguments.of("atomics.c", "v1", false),
        Arguments.of("loops.c", "v2", false),
        Arguments.of("loops.c", "v3", false),
        Arguments.of("loops.c", "v3", true),
        Arguments.of("memory.c", "v3", true),
        Arguments.of("calls.c", "v3", true),
        Arguments.of("atomics.c", "v3", true),
        Arguments.of("atomics_v3.c", "v3", true));
  }

  @ParameterizedTest(name = "{0} -mcpu={1} alu32={2}")
  @MethodSource("objects")
  void disassemblyMatchesObjdump(String source, String cpu, boolean alu32) throws Exception {
    Path c = work.resolve(source);
    try (InputStream in = ObjdumpComparisonTest.class.getResourceAsStream("/c/" + source)) {
      Files.write(c, in.readAllBytes());
    }
    String stem = source.replace(".c", "") + "-" + cpu;
    Path object = work.resolve(stem + ".o");
    Path text = work.resolve(stem + ".text");
    run(
        CLANG,
        "-O2",
        "-g",
        "-target",
        "bpf",
        "-mcpu=" + cpu,
        "-c",
        c.toString(),
        "-o",
        object.toString());
    run(OBJCOPY, "-O", "binary", "--only-section=.text", object.toString(), text.toString());
    String dump =
        alu32
            ? run(OBJDUMP, "-d", "--no-show-raw-insn", "--mattr=+alu32", object.toString())
            : run(OBJDUMP, "-d", "--no-show-raw-insn", object.toString());

    Map<Integer, String> expected = objdumpLines(dump);
    Program program = Program.decode(Files.readAllBytes(text));
    Disassembler disassembler = alu32 ? Disassembler.llvm().alu32() : Disassembler.llvm();
    assertEquals(program.size(), expected.size(), "instructions in objdump output:\n" + dump);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < program.size(); i++) {
      int pc = program.pcOf(i);
      Instruction instruction = program.instructions().get(i);
      String ours = disassembler.instruction(instruction);
      if (instruction.isLocalCall()) {
        ours = ours.replace("call +", "call ");
      }
      if (!ours.equals(expected.get(pc))) {
        mismatches.add(pc + ": objdump '" + expected.get(pc) + "', ours '" + ours + "'");
      }
    }
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    assertEquals(program, Assembler.assemble(disassembler.listing(program)));
  }

  /** Slot number to instruction text, annotations such as {@code <LBB0_3>} removed. */
  private static Map<Integer, String> objdumpLines(String dump) {
    Map<Integer, String> lines = new LinkedHashMap<>();
    for (String line : dump.split("\n")) {
      Matcher m = OBJDUMP_LINE.matcher(line);
      if (m.matches()) {
        lines.put(Integer.parseInt(m.group(1)), ANNOTATION.matcher(m.group(2)).replaceFirst(""));
      }
    }
    return lines;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
