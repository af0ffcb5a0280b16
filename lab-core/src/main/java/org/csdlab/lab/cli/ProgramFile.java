package org.csdlab.lab.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.lab.io.InputFile;

/**
 * An eBPF program read from a file, whichever of the three forms it has: an ELF object as {@code
 * clang -O2 -target bpf} writes ({@code .o}), raw little-endian bytecode ({@code .bin}, 8 bytes an
 * instruction) or assembly text. The form is told from the content: the ELF magic, else text (UTF-8
 * without NUL bytes), else bytecode.
 */
final class ProgramFile {
  /** The three forms of a program file. */
  enum Form {
    ELF,
    BYTECODE,
    ASSEMBLY
  }

  private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

  private ProgramFile() {}

  /**
   * Reads the program in {@code file}.
   *
   * @param section for an ELF object, the section or function to load; null takes its only program
   *     and refuses an object with several
   * @param syntax for assembly, the syntax required; null accepts either, line by line
   */
  static LoadedProgram read(Path file, String section, Syntax syntax) {
    byte[] bytes = InputFile.program(file).readBytes();
    String name = String.valueOf(file.getFileName());
    switch (formOf(bytes)) {
      case ELF:
        return elfProgram(ElfObject.parse(bytes), file, section);
      case ASSEMBLY:
        refuseSection(file, section);
        Assembler assembler = syntax == null ? Assembler.auto() : Assembler.of(syntax);
        return new LoadedProgram(
            name, assembler.program(new String(bytes, StandardCharsets.UTF_8)), List.of());
      default:
        refuseSection(file, section);
        if (bytes.length == 0) {
          throw new CliException("program file " + file + " is empty");
        }
        return new LoadedProgram(name, Program.decode(bytes), List.of());
    }
  }

  /** The form of a program file's content. */
  static Form formOf(byte[] bytes) {
    if (bytes.length >= ELF_MAGIC.length
        && Arrays.equals(bytes, 0, ELF_MAGIC.length, ELF_MAGIC, 0, ELF_MAGIC.length)) {
      return Form.ELF;
    }
    return bytes.length > 0 && isText(bytes) ? Form.ASSEMBLY : Form.BYTECODE;
  }

  private static boolean isText(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static LoadedProgram elfProgram(ElfObject object, Path file, String section) {
    if (section != null) {
      return object.program(section);
    }
    List<String> sections = object.programSelectors();
    if (sections.isEmpty()) {
      throw new CliException("ELF object " + file + " has no code sections");
    }
    if (sections.size() > 1) {
      throw new CliException(
          "ELF object "
              + file
              + " has programs in sections "
              + String.join(", ", sections)
              + "; choose one with --section");
    }
    return object.program(sections.get(0));
  }

  private static void refuseSection(Path file, String section) {
    if (section != null) {
      throw new CliException("--section applies to ELF objects only; " + file + " is not one");
    }
  }
}
