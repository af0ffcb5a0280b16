package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.csdlab.ebpf.fuzz.Fuzz;
import org.csdlab.ebpf.fuzz.FuzzOracle;

/**
 * The notebook kernel's cell path: short hostile cells (one to three fragments: exceptions, deep
 * recursion, lab objects fed bad input, broken syntax) go to one {@link CellEvaluator}. Each cell
 * ends in a value or a {@link CellError} whose report is bounded, and after every cell {@code 1 +
 * 1} still answers 2. Among the fragments are {@code System.exit} and {@code Runtime.halt}: the
 * kernel's survival is part of what each try checks. Filling the heap is left to {@link
 * CellHeapExhaustionTest}, which does it in a JVM of its own, since here it would fill the test
 * runner's heap too.
 */
class CellPathFuzz {
  private static final FuzzOracle ORACLE = FuzzOracle.expecting("kernel-cell", CellError.class);

  /**
   * Characters an error report may show in all; a report of thousands of identical frames is a
   * finding.
   */
  static final int MAX_REPORT_CHARS = 20_000;

  private static final List<String> FRAGMENTS = fragments();
  private static CellEvaluator evaluator;

  @Fuzz(tries = 25)
  void hostileCells(@ForAll("cells") String cell) {
    CellEvaluator kernel = evaluator();
    ORACLE.check(() -> cell, () -> evaluate(kernel, cell));
    assertEquals(
        2, kernel.evaluate("1 + 1").value(), "the kernel no longer answers after: " + cell);
  }

  private static CellResult evaluate(CellEvaluator kernel, String cell) {
    try {
      return kernel.evaluate(cell);
    } catch (CellError error) {
      int chars = error.lines().stream().mapToInt(String::length).sum();
      if (chars > MAX_REPORT_CHARS) {
        throw new IllegalStateException(
            "error report of "
                + error.lines().size()
                + " lines, "
                + chars
                + " characters (at most "
                + MAX_REPORT_CHARS
                + ") for "
                + error.getMessage(),
            error);
      }
      throw error;
    }
  }

  @Provide
  Arbitrary<String> cells() {
    return Arbitraries.of(FRAGMENTS)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(parts -> String.join("\n", parts));
  }

  private static List<String> fragments() {
    List<String> fragments =
        new ArrayList<>(
            List.of(
                "throw new IllegalStateException(\"boom\");",
                "1 / 0",
                "int[] a = new int[1]; a[5] = 1;",
                "Object o = null; o.toString();",
                "int f(int n) { return f(n + 1) + 1; } f(0);",
                "class Broken {",
                "var x = ; ",
                "\"\\u0000\".repeat(3)",
                "Lab.create().ebpf().assemble(\"r0 = \")",
                "Assembler.assemble(\"r0 = 1\\nexit\")",
                "Program.decode(new byte[] {(byte) 0x18, 0, 0, 0})",
                "ElfObject.parse(new byte[64])",
                "Verifier.verify(Program.of(Instruction.exit()))",
                "ZnsDevice.create().read(-1, 1)",
                "ZnsDevice.create().append(1, new byte[4096])",
                "Thread.currentThread().interrupt();",
                "List.of(1, 2).get(7)",
                "import does.not.Exist;",
                "interface I { void m(); } new I() { public void m() { throw new Error(\"e\"); } }.m();",
                "String s = \"x\".repeat(100_000); s.length()"));
    fragments.add("System.exit(0);");
    fragments.add("Runtime.getRuntime().halt(3);");
    return List.copyOf(fragments);
  }

  private static synchronized CellEvaluator evaluator() {
    if (evaluator == null) {
      evaluator = CellEvaluator.create();
    }
    return evaluator;
  }

  @AfterContainer
  static void close() {
    if (evaluator != null) {
      evaluator.close();
      evaluator = null;
    }
  }
}
