package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's debug messages are bounded, and what was dropped is shown wherever the messages are. */
class CsdRunDebugTest {
  private static CsdRun run(List<String> debug, long dropped) {
    return new CsdRun("k", null, 1, 0, 10, 4096, 8, 100, 10, 1, 1000, debug, dropped, List.of(), 0);
  }

  @Test
  void droppedMessagesAreCountedInTextAndHtml() {
    CsdRun run = run(List.of("a", "b"), 5);
    assertTrue(
        run.toString().endsWith(" · 2 debug messages · 5 debug messages dropped"), run.toString());
    assertTrue(
        run.toHtml()
            .contains(
                "5 more messages (over the debug limits of ComputationalStorage.builder:"
                    + " debugLineLimit, debugByteLimit)"),
        run.toHtml());
    assertTrue(!run(List.of("a"), 0).toHtml().contains("debug dropped"));
  }

  @Test
  void aRunMadeOfPartsKeepsAtMostOneRunsWorthOfMessages() {
    CsdRun part = run(Collections.nCopies(600, "line"), 7);
    CsdRun sum = CsdRun.sumOf("k", null, List.of(part, part, part));
    assertEquals(CsdRun.MAX_DEBUG_LINES, sum.debug().size());
    assertEquals(3 * 600 - CsdRun.MAX_DEBUG_LINES + 3 * 7, sum.debugDropped());
  }
}
