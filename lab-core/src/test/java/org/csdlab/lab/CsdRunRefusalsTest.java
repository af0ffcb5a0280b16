package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Why helper calls returned -1 is shown wherever a run is shown, bounded like debug messages. */
class CsdRunRefusalsTest {
  private static final String REFUSED_READ =
      "read zone 5 sector 0 offset 0 size 4096: at or above the write pointer 0";

  @Test
  void aRefusedReadIsShownInTheRunsTextAndHtml() {
    Lab lab = Lab.create();
    // the lab's counting kernel over an extent of an empty zone: its first read is refused
    CsdRun run = lab.csd().countU32Above(new Extent(5, 1, 4096), Lab.RAND_MAX / 2);
    assertEquals(-1, (int) run.r0());
    assertEquals(List.of(REFUSED_READ), run.refusals());
    assertTrue(
        run.toString().endsWith(" · 1 helper call returned -1 (first: " + REFUSED_READ + ")"),
        run.toString());
    assertTrue(run.toHtml().contains("helper returned -1"), run.toHtml());
    assertTrue(run.toHtml().contains(REFUSED_READ), run.toHtml());
  }

  @Test
  void aRunMadeOfPartsKeepsAtMostOneRunsWorthOfRefusalsAndCountsTheRest() {
    CsdRun part =
        new CsdRun(
            "k",
            null,
            1,
            0,
            10,
            4096,
            8,
            100,
            10,
            1,
            1000,
            List.of(),
            0,
            Collections.nCopies(600, REFUSED_READ),
            7);
    CsdRun sum = CsdRun.sumOf("k", null, List.of(part, part));
    assertEquals(CsdRun.MAX_REFUSALS, sum.refusals().size());
    assertEquals(2 * 600 - CsdRun.MAX_REFUSALS + 2 * 7, sum.refusalsDropped());
    assertEquals(2 * 607, sum.refusedCalls());
    assertTrue(
        sum.toHtml()
            .contains(
                "214 more helper calls returned -1 (over the limit of"
                    + " ComputationalStorage.builder: refusalLimit)"),
        sum.toHtml());
  }
}
