package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.csdlab.ebpf.Engine;
import org.junit.jupiter.api.Test;

/** A workbench program declares the size of the context its runs pass, as the verifier knows it. */
class EbpfProgramContextTest {
  private final LabEbpf ebpf = Lab.create().ebpf();

  @Test
  void aRunWithAnotherContextSizeThanDeclaredIsRefusedBeforeItStarts() {
    EbpfProgram reader =
        ebpf.assemble("reader", "r0 = *(u32 *)(r1 + 12)\nexit").withContextBytes(16);
    assertEquals(16, reader.contextBytes());
    assertEquals(
        0x04030201L, reader.run(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}).r0());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader.run(new byte[8]));
    assertEquals(
        "reader.run: the context has 8 bytes, but the program was verified for the 16 it"
            + " declared (withContextBytes)",
        e.getMessage());
    assertEquals(16, reader.on(Engine.INTERPRETER).contextBytes());
  }

  @Test
  void withoutADeclarationAnyContextRuns() {
    EbpfProgram any = ebpf.assemble("any", "r0 = r2\nexit");
    assertEquals(-1, any.contextBytes());
    assertEquals(8, any.run(new byte[8]).r0());
    assertEquals(3, any.run(new byte[3]).r0());
  }
}
