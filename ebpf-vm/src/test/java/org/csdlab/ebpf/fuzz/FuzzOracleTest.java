package org.csdlab.ebpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.csdlab.ebpf.ProgramFormatException;
import org.csdlab.ebpf.asm.AsmParseException;
import org.csdlab.ebpf.asm.Assembler;

/** The oracle's verdicts: what passes as a result or a refusal, and what is a finding. */
class FuzzOracleTest {
  private static final FuzzOracle ORACLE =
      FuzzOracle.expecting("oracle-test", AsmParseException.class);

  @Fuzz(tries = 1)
  void aResultComesBack() {
    assertEquals(Optional.of(42), ORACLE.check(() -> "42", () -> 42));
  }

  @Fuzz(tries = 1)
  void aDocumentedRefusalWithAMessagePasses() {
    assertEquals(Optional.empty(), ORACLE.check(() -> "r0 = ", () -> Assembler.assemble("r0 = ")));
  }

  @Fuzz(tries = 1)
  void anUndocumentedExceptionIsAFindingNamingTheInput() {
    AssertionError finding =
        assertThrows(
            AssertionError.class, () -> ORACLE.check(() -> "the input", () -> (new int[0])[1]));
    assertTrue(
        finding.getMessage().contains("undocumented java.lang.ArrayIndexOutOfBoundsException"),
        finding.getMessage());
    assertTrue(finding.getMessage().contains("input: the input"), finding.getMessage());
  }

  @Fuzz(tries = 1)
  void anotherDocumentedTypeOfTheSameApiIsStillAFinding() {
    AssertionError finding =
        assertThrows(
            AssertionError.class,
            () ->
                ORACLE.check(
                    () -> "x",
                    () -> {
                      throw new ProgramFormatException(
                          org.csdlab.ebpf.FormatRule.EMPTY, 0, "no bytes");
                    }));
    assertTrue(
        finding.getMessage().contains("undocumented org.csdlab.ebpf.ProgramFormatException"));
  }

  @Fuzz(tries = 1)
  void anUnboundedMessageIsAFinding() {
    FuzzOracle oracle = FuzzOracle.expecting("oracle-test", IllegalStateException.class);
    AssertionError finding =
        assertThrows(
            AssertionError.class,
            () ->
                oracle.check(
                    () -> "x",
                    () -> {
                      throw new IllegalStateException("y".repeat(FuzzOracle.MAX_MESSAGE_CHARS + 1));
                    }));
    assertTrue(
        finding.getMessage().contains("with a message of 2001 characters (at most 2000)"),
        finding.getMessage());
  }

  @Fuzz(tries = 1)
  void anEmptyMessageIsAFinding() {
    FuzzOracle oracle = FuzzOracle.expecting("oracle-test", IllegalStateException.class);
    AssertionError finding =
        assertThrows(
            AssertionError.class,
            () ->
                oracle.check(
                    () -> "x",
                    () -> {
                      throw new IllegalStateException();
                    }));
    assertTrue(
        finding.getMessage().contains("java.lang.IllegalStateException with an empty message"));
  }

  @Fuzz(tries = 1)
  void anErrorIsAFindingAndTheOracleGoesOn() {
    FuzzOracle oracle = FuzzOracle.expecting("oracle-test", RuntimeException.class);
    AssertionError finding =
        assertThrows(
            AssertionError.class,
            () ->
                oracle.check(
                    () -> "x",
                    () -> {
                      throw new StackOverflowError();
                    }));
    assertTrue(finding.getMessage().contains("undocumented java.lang.StackOverflowError"));
    assertEquals(Optional.of(1), oracle.check(() -> "y", () -> 1));
  }

  @Fuzz(tries = 1)
  void kindOfNamesTheTypeAndTheFirstProjectFrame() {
    Throwable thrown = new ArrayIndexOutOfBoundsException("x");
    thrown.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("java.lang.System", "arraycopy", null, -2),
          new StackTraceElement("org.csdlab.ebpf.elf.ElfBytes", "copy", "ElfBytes.java", 88)
        });
    assertEquals("ArrayIndexOutOfBoundsException at ElfBytes.copy:88", FuzzOracle.kindOf(thrown));
  }
}
