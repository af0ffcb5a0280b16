package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.ebpf.JitListing;
import org.csdlab.lab.display.Renderers;
import org.junit.jupiter.api.Test;

/**
 * {@code program.jit()}: the eBPF instructions beside the JVM bytecode the JIT compiled them to.
 */
class JitTableTest {
  private final LabEbpf ebpf = Lab.create().ebpf();

  @Test
  void eachInstructionHasARowWithItsBytecodeAndTheJitsOwnCodeIsLabelledApart() {
    JitTable jit = ebpf.assemble("sum", EbpfProgramEngineTest.SUM_TO_100).jit();
    assertEquals(6, jit.steps().size(), "one step per instruction");
    assertTrue(jit.step(2).bytecode().contains("LADD"), "r0 += r1: " + jit.step(2).bytecode());
    assertEquals("r0 += r1", jit.step(2).instruction().toString());

    Xhtml html = Xhtml.parse(Renderers.render(jit).html());
    assertEquals(jit.toHtml(), Renderers.render(jit).html());
    assertEquals(
        List.of("pc", "eBPF instruction", "JVM bytecode"),
        List.of(
            html.text("//table[2]/tr[1]/th[1]"),
            html.text("//table[2]/tr[1]/th[2]"),
            html.text("//table[2]/tr[1]/th[3]")));
    assertEquals(6, html.count("//tr[@data-pc]"));
    assertEquals("2", html.text("//tr[@data-pc='2']/td[1]"));
    assertEquals("r0 += r1", html.text("//tr[@data-pc='2']/td[2]"));
    assertTrue(
        html.text("//tr[@data-pc='2']/td[3]").contains("LLOAD r0\nLLOAD r1\nLADD\nLSTORE r0"),
        html.text("//tr[@data-pc='2']/td[3]"));
    assertTrue(html.text("//tr[@data-pc='2']/td[3]/@style").contains("white-space:pre"));
    assertEquals(1, html.count("//tr[@data-function='0']"));
    assertTrue(
        html.text("//tr[@data-function='0']/th")
            .startsWith("function at pc 0: a static method of "),
        html.text("//tr[@data-function='0']/th"));
    assertEquals("3", html.text("//tr[@data-function='0']/th/@colspan"));
    assertEquals(1, html.count("//tr[@data-part='setup']"));
    assertTrue(html.text("//tr[@data-part='setup']/td[2]").startsWith("setup: "));
    assertTrue(html.text("//tr[@data-part='setup']/td[3]").contains("LSTORE r1"));
    assertEquals(1, html.count("//tr[@data-part='support']"));
    assertTrue(
        html.text("//tr[@data-part='support']/td[2]").contains("fuel refill, fault handlers"));
    assertTrue(html.text("//tr[@data-part='support']/td[3]").contains("RunState.refill"));
    // the rows come in order: function header, setup, the steps, support
    assertEquals("0", html.text("//table[2]/tr[2]/@data-function"));
    assertEquals("setup", html.text("//table[2]/tr[3]/@data-part"));
    assertEquals("0", html.text("//table[2]/tr[4]/@data-pc"));
    assertEquals("support", html.text("//table[2]/tr[last()]/@data-part"));

    JitListing listing = jit.listing();
    assertEquals(
        List.of("6", listing.bytecodeBytes() + " bytes", "1"),
        List.of(
            html.text("//table[1]/tr[2]/td[1]"),
            html.text("//table[1]/tr[2]/td[2]"),
            html.text("//table[1]/tr[2]/td[3]")));
    assertTrue(html.text("//table[1]/tr[2]/td[4]").endsWith(" ms"));
    assertTrue(
        html.text("/div/div/div[1]")
            .equals(
                "sum: 6 eBPF instructions → " + listing.bytecodeBytes() + " bytes of JVM bytecode"),
        html.text("/div/div/div[1]"));
  }

  @Test
  void aLocalFunctionIsAMethodOfItsOwnWithItsOwnHeader() {
    JitTable jit =
        ebpf.assemble(
                "calls",
                """
                r1 = 20
                call add_one
                r0 += 1
                exit
                add_one:
                r0 = r1
                r0 += 1
                exit
                """)
            .jit();
    Xhtml html = Xhtml.parse(jit.toHtml());
    assertEquals(2, html.count("//tr[@data-function]"));
    assertEquals(1, html.count("//tr[@data-function='4']"));
    assertEquals(2, html.count("//tr[@data-part='setup']"));
    assertEquals(2, html.count("//tr[@data-part='support']"));
    assertEquals(7, html.count("//tr[@data-pc]"));
    assertEquals("2", html.text("//table[1]/tr[2]/td[3]"));
  }

  @Test
  void aProgramTheJitRefusesShowsWhyAndItsListing() {
    JitTable jit = ebpf.assemble("huge", EbpfProgramEngineTest.OVER_THE_JIT_BUDGET).jit();
    assertTrue(
        jit.toString()
            .startsWith("not compiled: the program has 100002 instructions, more than the JIT"),
        jit::toString);
    Xhtml html = Xhtml.parse(jit.toHtml());
    assertEquals("huge: not compiled, it runs on the interpreter", html.text("/div/div/div[1]"));
    assertTrue(html.text("//pre").contains("JitCompiler.MAX_INSTRUCTIONS = 100000"));
    assertEquals(
        100_002 + 1, html.count("//tr"), "the listing: a header and one row per instruction");
    var e = assertThrows(IllegalArgumentException.class, () -> jit.step(0));
    assertTrue(
        e.getMessage().startsWith("huge was not compiled (the program has 100002"), e.getMessage());
  }

  @Test
  void aPcWithNoInstructionIsNamedWithTheSlotsThereAre() {
    JitTable jit = ebpf.assemble("sum", EbpfProgramEngineTest.SUM_TO_100).jit();
    var e = assertThrows(IllegalArgumentException.class, () -> jit.step(9));
    assertEquals("sum: no instruction starts at pc 9 (slots 0 to 5)", e.getMessage());
  }
}
