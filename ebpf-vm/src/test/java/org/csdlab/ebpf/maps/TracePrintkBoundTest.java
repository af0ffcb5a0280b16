package org.csdlab.ebpf.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.ebpf.FuelExhaustedException;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

/** trace_printk output is kept up to a number of lines and bytes; the rest is counted. */
class TracePrintkBoundTest {
  /** The reproducer: 7 instructions that print "hi!" for ever. */
  private static final Program PRINT_FOREVER =
      Assembler.assemble(
          """
                *(u32 *)(r10 - 4) = 0x216968
            loop:
                r1 = r10
                r1 += -4
                r2 = 4
                call 6
                goto loop
                exit
            """);

  private static long runUntilOutOfFuel(LinuxHelpers helpers, long fuel) {
    Vm vm = Vm.builder(PRINT_FOREVER).helpers(helpers.registry()).fuel(fuel).build();
    assertThrows(FuelExhaustedException.class, vm::run);
    return fuel / 5; // one store, then five instructions a line, the call the fourth
  }

  @Test
  void aProgramPrintingInALoopKeepsTheDefaultNumberOfLinesAndCountsTheRest() {
    assertEquals(7, PRINT_FOREVER.size());
    LinuxHelpers helpers = new LinuxHelpers(MapSet.of(List.of()));
    long calls = runUntilOutOfFuel(helpers, 1_000_000);
    assertEquals(LinuxHelpers.DEFAULT_MAX_PRINTED_LINES, helpers.printed().size());
    assertEquals("hi!", helpers.printed().get(0));
    assertEquals(calls - LinuxHelpers.DEFAULT_MAX_PRINTED_LINES, helpers.droppedLines());
    String text = helpers.printedText();
    assertTrue(
        text.endsWith(
            "hi!\n... 199,000 more lines not kept (limit: 1,000 lines, 1,048,576 bytes)\n"),
        text.substring(text.length() - 100));
  }

  @Test
  void theByteLimitIsConfigurableAndKeepsAPrefix() {
    LinuxHelpers helpers =
        new LinuxHelpers(MapSet.of(List.of()), LinuxHelpers.counterClock(), 0, 100, 10);
    long calls = runUntilOutOfFuel(helpers, 101);
    assertEquals(20, calls);
    assertEquals(
        List.of("hi!", "hi!", "hi!"),
        helpers.printed()); // 3 x 3 bytes fit in 10, a fourth does not
    assertEquals(17, helpers.droppedLines());
  }

  @Test
  void nothingDroppedMeansNoNote() {
    LinuxHelpers helpers = new LinuxHelpers(MapSet.of(List.of()));
    runUntilOutOfFuel(helpers, 11);
    assertEquals(0, helpers.droppedLines());
    assertEquals("hi!\nhi!\n", helpers.printedText());
  }
}
