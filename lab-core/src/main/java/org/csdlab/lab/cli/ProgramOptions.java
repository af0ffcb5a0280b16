package org.csdlab.lab.cli;

import java.nio.file.Path;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.ebpf.elf.LoadedProgram;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The program file and how to read it: shared by the eBPF commands that take a program. */
final class ProgramOptions {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The program: ELF object (.o), raw bytecode (.bin) or assembly text.")
  Path file;

  @Option(
      names = {"-s", "--section"},
      paramLabel = "NAME",
      description = "ELF objects: the section or function to load (needed when there are several).")
  String section;

  @Option(
      names = "--syntax",
      paramLabel = "SYNTAX",
      description =
          "Assembly text: require this syntax, ${COMPLETION-CANDIDATES} (default: either, line by line).")
  Syntax syntax;

  /** Reads the program. */
  LoadedProgram load() {
    return ProgramFile.read(file, section, syntax);
  }
}
