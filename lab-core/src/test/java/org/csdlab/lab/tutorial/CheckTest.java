package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private PrintStream savedOut;

  @BeforeEach
  void captureOut() {
    savedOut = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOut() {
    System.setOut(savedOut);
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void passingCheckPrintsATickAndReturnsTheValue() {
    List<CheckResult> results = CheckLog.collect(() -> Check.that("r0", 42L).is(42));
    assertEquals("✓ r0 is 42\n", printed());
    assertEquals(List.of(new CheckResult("r0", true, "r0 is 42")), results);
  }

  @Test
  void failingCheckPrintsACrossRecordsAndThrows() {
    List<CheckResult> results = new ArrayList<>();
    CheckFailedException e =
        assertThrows(
            CheckFailedException.class,
            () ->
                CheckLog.recording(
                    results::add,
                    () -> {
                      Check.that("r0", 41L).is(42);
                      return null;
                    }));
    assertEquals("✗ r0: expected 42 but was 41\n", printed());
    assertEquals(List.of(new CheckResult("r0", false, "r0: expected 42 but was 41")), results);
    assertSame(results.get(0), e.result());
    assertEquals("check failed: r0: expected 42 but was 41", e.getMessage());
  }

  @Test
  void numbersCompareByValueWhateverTheirBoxedType() {
    CheckLog.collect(
        () -> {
          Check.that("int and long", 7).is(7L);
          Check.that("byte and int", (byte) 3).is(3);
          Check.that("double and int", 2.0).is(2);
        });
    assertThrows(CheckFailedException.class, () -> Check.that("double and long", 2.5).is(2L));
  }

  @Test
  void closeToHoldsWithinTheToleranceOnly() {
    Check.that("ms", 10.04).isCloseTo(10, 0.05);
    assertThrows(CheckFailedException.class, () -> Check.that("ms", 10.06).isCloseTo(10, 0.05));
    assertTrue(
        printed()
            .startsWith("✓ ms is 10 ± 0.05 (was 10.04)\n✗ ms: expected 10 ± 0.05 but was 10.06"),
        printed());
    assertThrows(IllegalArgumentException.class, () -> Check.that("ms", 1).isCloseTo(1, -1));
    assertThrows(IllegalArgumentException.class, () -> Check.that("text", "a").isCloseTo(1, 1));
  }

  @Test
  void booleanOrderingAndTextChecks() {
    List<CheckResult> results =
        CheckLog.collect(
            () -> {
              Check.that("refused", true).isTrue();
              Check.that("accepted", false).isFalse();
              Check.that("bytes", 5).isGreaterThan(4);
              Check.that("bytes", 5).isLessThan(6);
              Check.that("bytes", 5).isBetween(5, 5);
              Check.that("message", "UNINIT_REG at 3").contains("UNINIT_REG");
              Check.that("x", 1).isNot(2);
              Check.that("x", "a").isNotNull();
            });
    assertEquals(8, results.size());
    assertEquals("refused: yes", results.get(0).line());
    assertEquals("accepted: no", results.get(1).line());
    assertTrue(results.stream().allMatch(CheckResult::passed));
    assertThrows(CheckFailedException.class, () -> Check.that("refused", (Object) null).isTrue());
    assertThrows(CheckFailedException.class, () -> Check.that("bytes", 4).isGreaterThan(4));
    assertThrows(CheckFailedException.class, () -> Check.that("message", "ok").contains("UNINIT"));
  }

  @Test
  void raisesReturnsTheExpectedExceptionAndFailsOnAnyOther() {
    IllegalStateException e =
        Check.raises(
            "a bad write",
            IllegalStateException.class,
            () -> {
              throw new IllegalStateException("zone 0 is full");
            });
    assertEquals("zone 0 is full", e.getMessage());
    assertTrue(
        printed().startsWith("✓ a bad write raises IllegalStateException: zone 0 is full"),
        printed());
    CheckFailedException none =
        assertThrows(
            CheckFailedException.class,
            () -> Check.raises("a bad write", IllegalStateException.class, () -> {}));
    assertEquals(
        "a bad write: expected IllegalStateException but nothing was thrown", none.result().line());
    CheckFailedException other =
        assertThrows(
            CheckFailedException.class,
            () ->
                Check.raises(
                    "a bad write",
                    IllegalStateException.class,
                    () -> {
                      throw new IllegalArgumentException("no");
                    }));
    assertFalse(other.result().passed());
  }

  @Test
  void aCheckNeedsADescription() {
    assertThrows(IllegalArgumentException.class, () -> Check.that(" ", 1));
  }
}
