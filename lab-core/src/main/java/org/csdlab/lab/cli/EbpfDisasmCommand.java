package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.csdlab.ebpf.asm.Disassembler;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.lab.io.InputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code csdlab ebpf disasm FILE}: the instructions of a program as assembly text. */
@Command(
    name = "disasm",
    description = "Disassemble an eBPF program (ELF object or raw bytecode).",
    footer = {
      "",
      "Examples:",
      "  csdlab ebpf disasm tutorials/programs/count_u32.o",
      "  csdlab ebpf disasm prog.bin --to ubpf --labels"
    })
final class EbpfDisasmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProgramOptions program;

  @Option(
      names = "--to",
      paramLabel = "SYNTAX",
      defaultValue = "LLVM",
      description = "Print this syntax, ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Syntax to;

  @Option(
      names = "--labels",
      description =
          "Print labels at jump targets instead of relative offsets (text that assembles again).")
  boolean labels;

  @Option(
      names = "--alu32",
      description = "Print 32-bit registers (w1) where llvm-objdump --mattr=+alu32 does.")
  boolean alu32;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    byte[] bytes = InputFile.program(program.file).readBytes();
    if (ProgramFile.formOf(bytes) == ProgramFile.Form.ELF && program.section == null) {
      ElfObject object = ElfObject.parse(bytes);
      List<String> sections = object.programSelectors();
      if (sections.size() > 1) { // every program, each under its section's name
        for (String section : sections) {
          out.println(section + ":");
          print(object.program(section), out);
          out.println();
        }
        return 0;
      }
    }
    print(program.load(), out);
    return 0;
  }

  private void print(LoadedProgram loaded, PrintWriter out) {
    Disassembler disassembler = Disassembler.of(to);
    if (alu32) {
      disassembler = disassembler.alu32();
    }
    out.print(
        labels
            ? disassembler.labelledListing(loaded.program())
            : disassembler.listing(loaded.program()));
  }
}
