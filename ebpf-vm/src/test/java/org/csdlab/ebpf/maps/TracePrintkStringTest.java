package org.csdlab.ebpf.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

/**
 * trace_printk's %s arguments are read as the kernel's bpf_trace_printk reads them: never faulting
 * (the verifier cannot know which arguments a format reads as strings), cut at the string's
 * region's end, and empty for a pointer into no region.
 */
class TracePrintkStringTest {
  /** Prints "[%s]" with r3 = {@code r3}; the format sits at fp-8. */
  private static List<String> printWith(String r3Setup) {
    LinuxHelpers helpers = new LinuxHelpers(MapSet.of(List.of()));
    Vm vm =
        Vm.builder(
                Assembler.assemble(
                    """
                    r1 = 0x5d73255b ll
                    *(u64 *)(r10 - 8) = r1
                    r1 = r10
                    r1 += -8
                    r2 = 8
                    %s
                    call 6
                    r0 = 0
                    exit
                    """
                        .formatted(r3Setup)))
            .helpers(helpers.registry())
            .build();
    vm.run();
    return helpers.printed();
  }

  @Test
  void aStringOnTheStackIsPrintedUpToItsNul() {
    assertEquals(List.of("[hi]"), printWith("*(u32 *)(r10 - 16) = 0x6968\nr3 = r10\nr3 += -16"));
  }

  @Test
  void aStringWithoutNulEndsAtItsRegionsEndAndAPointerIntoNoRegionPrintsNothing() {
    // "ok" in the stack's last two bytes: the stack region ends there, so the string does too
    assertEquals(List.of("[ok]"), printWith("*(u16 *)(r10 - 2) = 0x6b6f\nr3 = r10\nr3 += -2"));
    assertEquals(List.of("[]"), printWith("r3 = 16"));
  }
}
