package org.csdlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.asm.Syntax;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.lab.dataset.WrittenDataset;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.io.InputFile;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.OpenCsdHelpers;

/**
 * The drive's computational storage: load eBPF kernels that use the {@code opencsd} helpers ({@link
 * OpenCsdHelpers}) and run them next to the data. Loading verifies first; a refused kernel throws
 * {@link org.csdlab.ebpf.verifier.VerificationException} naming the instruction ({@link #verify}
 * shows the refusal without throwing).
 */
public final class LabCsd implements HtmlRenderable {
  /** Resource holding the built-in counting kernel's assembly source. */
  static final String COUNT_KERNEL_SOURCE = "count_u32_above.s";

  /** Name of the built-in counting kernel. */
  public static final String COUNT_KERNEL = "count_u32_above";

  private final ComputationalStorage csd;
  private final ProgressListener progress;
  private Kernel countKernel;

  LabCsd(ComputationalStorage csd, ProgressListener progress) {
    this.csd = csd;
    this.progress = progress;
  }

  /** The drive's {@link ComputationalStorage} itself. */
  public ComputationalStorage raw() {
    return csd;
  }

  /** Loads {@code program} (its entry is its first instruction) under the name {@code name}. */
  public Kernel load(String name, Program program) {
    return new Kernel(name, program, csd.load(program), progress);
  }

  /** Loads {@code program} under the name {@code kernel}. */
  public Kernel load(Program program) {
    return load("kernel", program);
  }

  /** Loads a program taken from an ELF object, with its data regions, named by its section. */
  public Kernel load(LoadedProgram program) {
    return load(program.name(), program);
  }

  private Kernel load(String name, LoadedProgram program) {
    return new Kernel(name, program.program(), csd.load(program), progress);
  }

  /**
   * Loads the program of section or function {@code section} of the ELF object at {@code elf},
   * named {@code file.o:section}.
   */
  public Kernel load(Path elf, String section) {
    return load(
        LabEbpf.elfName(elf, section),
        ElfObject.parse(InputFile.program(elf).readBytes()).program(section));
  }

  /**
   * Loads the ELF object's first program section ({@code .text} for a C {@code main}), named after
   * the file: its runs show as {@code drive count_u32.o} in the monitor.
   */
  public Kernel load(Path elf) {
    ElfObject object = ElfObject.parse(InputFile.program(elf).readBytes());
    return load(
        LabEbpf.elfName(elf, null),
        object.program(LabEbpf.entrySection(object, elf.toString(), "path")));
  }

  /** Loads the program of section or function {@code section} of the ELF object {@code elf}. */
  public Kernel load(byte[] elf, String section) {
    return load(ElfObject.parse(elf).program(section));
  }

  /**
   * Loads the first program section ({@code .text} for a C {@code main}) of the ELF object {@code
   * elf}.
   */
  public Kernel load(byte[] elf) {
    ElfObject object = ElfObject.parse(elf);
    return load(object.program(LabEbpf.entrySection(object, "the ELF object", "elf")));
  }

  /**
   * Assembles {@code source} (each line in whichever syntax it is written in) and loads it as
   * {@code kernel}.
   */
  public Kernel assemble(String source) {
    return assemble("kernel", source);
  }

  /** Assembles {@code source} (either syntax) and loads it under {@code name}. */
  public Kernel assemble(String name, String source) {
    return load(name, Assembler.assemble(source));
  }

  /**
   * Assembles {@code source}, which must be written in {@code syntax}, and loads it as {@code
   * kernel}.
   */
  public Kernel assemble(String source, Syntax syntax) {
    return load("kernel", Assembler.of(syntax).program(source));
  }

  /** Decodes little-endian bytecode and loads it as {@code bytecode}. */
  public Kernel decode(byte[] bytecode) {
    return load("bytecode", Program.decode(bytecode));
  }

  /**
   * Verifies {@code program} as {@link #load} would, with the {@code opencsd} helpers; never throws
   * for a refusal.
   */
  public Verification verify(Program program) {
    return new Verification("kernel", program, csd.verify(program));
  }

  /** Verifies a program from an ELF object as {@link #load} would. */
  public Verification verify(LoadedProgram program) {
    return new Verification(program.name(), program.program(), csd.verify(program));
  }

  /**
   * Counts the little-endian u32 values greater than {@code threshold} (unsigned) in {@code extent}
   * with the built-in kernel {@value #COUNT_KERNEL} on the drive: the data is read inside the drive
   * and only the counts cross the host link. The kernel runs once per zone, as one device command
   * would, so 8 bytes per zone come back, progress moves zone by zone, and the fuel of one run only
   * needs to cover one zone.
   */
  public CsdRun countU32Above(Extent extent, long threshold) {
    LabHost.checkThreshold(threshold);
    Geometry geometry = csd.device().geometry();
    extent.checkFits(geometry);
    Kernel kernel = countKernel();
    String label = "drive " + kernel.name();
    List<CsdRun> parts = new ArrayList<>();
    progress.started(label, extent.lengthBytes());
    try {
      for (int i = 0; i < extent.zoneCount(); i++) {
        long bytes = extent.bytesInZone(i, geometry);
        if (bytes == 0 && !parts.isEmpty()) {
          break;
        }
        int zone = extent.firstZone() + i;
        CsdRun part =
            kernel.runQuietly(Kernel.words(zone, 1, bytes, threshold), new Extent(zone, 1, bytes));
        parts.add(part);
        progress.advanced(label, bytes, part.modeledNanos());
      }
    } finally {
      progress.finished(label);
    }
    return CsdRun.sumOf(kernel.name(), extent, parts);
  }

  /**
   * Counts the u32 values greater than {@code threshold} in a dataset written to the drive, on the
   * drive.
   *
   * @throws StaleDatasetException a zone of the dataset was reset (or rewritten) since it was
   *     written
   */
  public CsdRun countU32Above(WrittenDataset dataset, long threshold) {
    StaleDatasetException.checkUnchanged(dataset, csd.device());
    return countU32Above(Extent.of(dataset), threshold);
  }

  /** The built-in counting kernel (assembly source in the lab's resources), loaded once. */
  public synchronized Kernel countKernel() {
    if (countKernel == null) {
      countKernel = assemble(COUNT_KERNEL, countKernelSource());
    }
    return countKernel;
  }

  /** The assembly source of {@link #countKernel()}, with its comments. */
  public static String countKernelSource() {
    try (InputStream in = LabCsd.class.getResourceAsStream(COUNT_KERNEL_SOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the lab's resource " + COUNT_KERNEL_SOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The csd, as {@code LabCsd[core 1 G insn/s, memory 1.0 MiB, fuel 100000000]}. */
  @Override
  public String toString() {
    return "LabCsd[core "
        + Quantities.si(csd.coreInstructionsPerSecond(), "insn/s")
        + ", memory "
        + Quantities.bytes(csd.memoryBytes())
        + ", fuel "
        + csd.fuel()
        + "]";
  }

  @Override
  public String toHtml() {
    return Html.panel(
        "Computational storage",
        Html.table(
            List.of("setting", "value"),
            List.of(
                List.of("device core", csd.coreInstructionsPerSecond() + " eBPF instructions/s"),
                List.of("scratch memory", Quantities.bytes(csd.memoryBytes())),
                List.of("fuel", csd.fuel() + " instructions per run"),
                List.of(
                    "helpers",
                    "opencsd: return_data, read, write, get_sector_size, get_zone_capacity, get_zone_size, "
                        + "get_mem_info, get_call_info, debug"),
                List.of("built-in kernel", COUNT_KERNEL + ": countU32Above(extent, threshold)"))));
  }
}
