package org.csdlab.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.lab.io.InputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code csdlab ebpf asm FILE}: assembly text to bytecode, written raw to a file or as hex. */
@Command(
    name = "asm",
    description = "Assemble eBPF assembly text into bytecode.",
    footer = {
      "",
      "Examples:",
      "  csdlab ebpf asm prog.s -o prog.bin     raw bytecode, 8 bytes an instruction",
      "  csdlab ebpf asm prog.s                 hex, one instruction a line"
    })
final class EbpfAsmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "Assembly text (LLVM or uBPF syntax, labels allowed).")
  Path file;

  @Option(
      names = "--syntax",
      paramLabel = "SYNTAX",
      description =
          "Require this syntax, ${COMPLETION-CANDIDATES} (default: either, line by line).")
  Syntax syntax;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "Write the raw bytecode to OUT (default: print it as hex).")
  Path output;

  @Override
  public Integer call() {
    if (output != null) {
      BadArgument.requireWritable(spec, "--output", output);
    }
    byte[] text = InputFile.assembly(file).readBytes();
    if (ProgramFile.formOf(text) != ProgramFile.Form.ASSEMBLY) {
      throw new CliException(
          file
              + " is not assembly text (it is "
              + ProgramFile.formOf(text).name().toLowerCase(java.util.Locale.ROOT)
              + "); disassemble it with: csdlab ebpf disasm "
              + file);
    }
    Assembler assembler = syntax == null ? Assembler.auto() : Assembler.of(syntax);
    Program program = assembler.program(new String(text, StandardCharsets.UTF_8));
    byte[] bytecode = program.encode();
    PrintWriter out = spec.commandLine().getOut();
    if (output != null) {
      write(output, bytecode);
      out.printf(
          "%s: %d instructions, %d bytes of bytecode%n", output, program.size(), bytecode.length);
    } else {
      out.print(Hex.format(bytecode, Instruction.SLOT_BYTES));
    }
    return 0;
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
