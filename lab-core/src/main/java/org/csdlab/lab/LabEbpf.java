package org.csdlab.lab;

import java.nio.file.Path;
import java.util.List;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.asm.Disassembler;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.io.InputFile;

/**
 * The eBPF workbench: assemble (LLVM syntax {@code r0 = 1} or uBPF syntax {@code mov %r0, 1}),
 * disassemble, load ELF objects, then run, trace and verify the resulting {@link EbpfProgram}.
 */
public final class LabEbpf implements HtmlRenderable {
  private final long fuel;
  private final Engine engine;

  LabEbpf(long fuel, Engine engine) {
    this.fuel = fuel;
    this.engine = engine;
  }

  /**
   * The engine the programs made here run on unless told otherwise ({@link EbpfProgram#on}): the
   * lab's ({@link Lab.Builder#engine}).
   */
  public Engine engine() {
    return engine;
  }

  /** Assembles {@code source}, each line in whichever syntax it is written in. */
  public EbpfProgram assemble(String source) {
    return assemble("program", source);
  }

  /** Assembles {@code source} under the name {@code name}. */
  public EbpfProgram assemble(String name, String source) {
    return program(name, Assembler.assemble(source));
  }

  /** Assembles {@code source}, which must be written in {@code syntax}, named {@code program}. */
  public EbpfProgram assemble(String source, Syntax syntax) {
    return program("program", Assembler.of(syntax).program(source));
  }

  /** Decodes little-endian bytecode into a program. */
  public EbpfProgram decode(byte[] bytecode) {
    return program("bytecode", Program.decode(bytecode));
  }

  /** The listing (disassembly beside bytecode) of {@code bytecode}. */
  public Listing disassemble(byte[] bytecode) {
    return new Listing("bytecode", Program.decode(bytecode));
  }

  /** The text of {@code program} in {@code syntax}, one numbered line per instruction. */
  public String disassemble(Program program, Syntax syntax) {
    return Disassembler.of(syntax).listing(program);
  }

  /** A lab program of {@code program}, named {@code program}. */
  public EbpfProgram program(Program program) {
    return program("program", program);
  }

  /** A lab program of {@code program}. */
  public EbpfProgram program(String name, Program program) {
    return new EbpfProgram(name, program, null, fuel, engine);
  }

  /**
   * A lab program of one taken from an ELF object, with its data regions and maps, named by its
   * section.
   */
  public EbpfProgram program(LoadedProgram loaded) {
    return program(loaded.name(), loaded);
  }

  private EbpfProgram program(String name, LoadedProgram loaded) {
    return new EbpfProgram(name, loaded.program(), loaded, fuel, engine);
  }

  /**
   * The program of section or function {@code section} of the ELF object at {@code elf}, named
   * {@code file.o:section}.
   */
  public EbpfProgram load(Path elf, String section) {
    return program(
        elfName(elf, section),
        ElfObject.parse(InputFile.program(elf).readBytes()).program(section));
  }

  /**
   * The first program section of the ELF object at {@code elf} ({@code .text} when present), named
   * after the file, e.g. {@code count_u32.o}.
   */
  public EbpfProgram load(Path elf) {
    ElfObject object = ElfObject.parse(InputFile.program(elf).readBytes());
    return program(
        elfName(elf, null), object.program(entrySection(object, elf.toString(), "path")));
  }

  /**
   * What a program from the ELF object {@code elf} is called: the file's name, e.g. {@code
   * count_u32.o}, which says more than its section ({@code .text} for every C {@code main}); with a
   * {@code section} chosen by the caller, {@code count_u32.o:.text}.
   */
  static String elfName(Path elf, String section) {
    Path file = elf.getFileName();
    String name = file == null ? elf.toString() : file.toString();
    return section == null ? name : name + ":" + section;
  }

  /** The program of section or function {@code section} of the ELF object {@code elf}. */
  public EbpfProgram load(byte[] elf, String section) {
    return program(ElfObject.parse(elf).program(section));
  }

  /** The first program section of the ELF object {@code elf} ({@code .text} when present). */
  public EbpfProgram load(byte[] elf) {
    ElfObject object = ElfObject.parse(elf);
    return program(object.program(entrySection(object, "the ELF object", "elf")));
  }

  /**
   * {@code .text} if the object has code there, else its only program section; {@code argument} is
   * how the caller's {@code load} call names the object ({@code path} or {@code elf}), for the
   * hint.
   */
  static String entrySection(ElfObject object, String where, String argument) {
    List<String> sections = object.programSelectors();
    if (sections.contains(".text")) {
      return ".text";
    }
    if (sections.size() == 1) {
      return sections.get(0);
    }
    throw new IllegalArgumentException(
        where
            + ": "
            + (sections.isEmpty()
                ? "has no program section"
                : "has several program sections "
                    + sections
                    + "; name one, e.g. load("
                    + argument
                    + ", \""
                    + sections.get(0)
                    + "\")"));
  }

  @Override
  public String toString() {
    return "LabEbpf[assemble, decode, disassemble, load; fuel " + fuel + "; engine " + engine + "]";
  }

  @Override
  public String toHtml() {
    return Html.panel(
        "eBPF workbench",
        Html.escape(
            "assemble(source) in LLVM (r0 = 1) or uBPF (mov %r0, 1) syntax, "
                + "decode(bytecode), disassemble(bytecode), load(elf); then verify(), listing(), and run() and trace(), which verify first (runUnverified() and traceUnverified() skip that for experiments); jit() shows what the JIT compiles a program to. Fuel: "
                + fuel
                + " instructions per run. Engine: "
                + engine
                + " (onInterpreter() and onJit() run a program on the other one)."));
  }
}
