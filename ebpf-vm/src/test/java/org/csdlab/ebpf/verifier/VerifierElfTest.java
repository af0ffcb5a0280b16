package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.junit.jupiter.api.Test;

class VerifierElfTest {

  private static byte[] resource(String name) {
    try (java.io.InputStream in = VerifierElfTest.class.getResourceAsStream("/elf/" + name)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void clangCompiledProgramsWithGlobalsAreAccepted() {
    ElfObject object = ElfObject.parse(resource("globals.o"));
    for (String name : new String[] {"csd", "strings", "xdp", "text_entry", "chain"}) {
      LoadedProgram loaded = object.program(name);
      VerificationResult r =
          Verifier.verify(loaded.program(), VerifierOptions.defaults().withRegionsOf(loaded));
      assertTrue(r.ok(), name + ": " + r + "\n" + loaded.program().listing());
    }
  }
}
