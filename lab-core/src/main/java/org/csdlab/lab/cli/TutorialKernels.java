package org.csdlab.lab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;

/**
 * The committed tutorial kernels ({@code tutorials/programs/*.o}, compiled from the C sources
 * beside them), which the build puts on the class path.
 */
final class TutorialKernels {
  private TutorialKernels() {}

  /** The program in section {@code .text} of {@code tutorials/programs/NAME.o}. */
  static LoadedProgram load(String name) {
    return ElfObject.parse(object(name)).program(".text");
  }

  /** The bytes of the ELF object {@code tutorials/programs/NAME.o}. */
  static byte[] object(String name) {
    String resource = "/tutorials/programs/" + name + ".o";
    try (InputStream in = TutorialKernels.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the class path; rebuild csdlab (CSDLAB_REBUILD=1 ./csdlab)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
