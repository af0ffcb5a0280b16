package org.csdlab.ebpf.elf;

import static org.csdlab.ebpf.elf.ElfWriter.exit;
import static org.csdlab.ebpf.elf.ElfWriter.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Functions and programs are found by section index: ELF section names may be empty or shared. */
class ElfSectionIndexTest {
  /** A code section with no name holding {@code f: r0 = 7; exit}, and a named one before it. */
  private static byte[] unnamedCodeSection() {
    ElfWriter elf = new ElfWriter();
    elf.code("other", movR0(3), exit());
    int unnamed = elf.code("", movR0(7), exit());
    elf.function("f", unnamed, 0, 16);
    return elf.bytes();
  }

  /**
   * Two code sections named {@code prog}: {@code r0 = 1} (section 1) and {@code r0 = 2} (section 2,
   * function f).
   */
  private static byte[] twoSectionsNamedProg() {
    ElfWriter elf = new ElfWriter();
    int first = elf.code("prog", movR0(1), exit());
    int second = elf.code("prog", movR0(2), exit());
    elf.function("g", first, 0, 16);
    elf.function("f", second, 0, 16);
    return elf.bytes();
  }

  @Test
  void functionInACodeSectionWithoutANameLoadsFromItsSection() {
    ElfObject object = ElfObject.parse(unnamedCodeSection());
    ElfFunction f =
        object.functions().stream().filter(fn -> fn.name().equals("f")).findFirst().orElseThrow();
    assertEquals(2, f.sectionIndex());
    assertEquals("", f.section());
    // before: section("") found the null section 0 and copied 16 bytes from offset 0 of its
    // 2^25-byte "size"
    assertEquals(7, object.program("f").vmBuilder().build().run().r0());
  }

  @Test
  void functionLoadsFromItsOwnSectionWhenTheNameIsShared() {
    ElfObject object = ElfObject.parse(twoSectionsNamedProg());
    assertEquals(
        2,
        object.program("f").vmBuilder().build().run().r0()); // was 1: the first section named prog
    assertEquals(1, object.program("g").vmBuilder().build().run().r0());
  }

  @Test
  void sharedSectionNameIsRefusedWithTheCandidatesAndHowToChoose() {
    ElfObject object = ElfObject.parse(twoSectionsNamedProg());
    AmbiguousNameException e =
        assertThrows(AmbiguousNameException.class, () -> object.program("prog"));
    assertEquals(
        "'prog' is ambiguous: it names 2 sections with code (section #1 'prog', section #2 'prog');"
            + " choose one by section index, e.g. '#1'",
        e.getMessage());
    assertEquals(
        List.of(
            new AmbiguousNameException.Candidate(1, "prog", null),
            new AmbiguousNameException.Candidate(2, "prog", null)),
        e.candidates());
    assertEquals(1, object.program("#1").vmBuilder().build().run().r0());
    assertEquals(2, object.program("#2").vmBuilder().build().run().r0());
    assertThrows(AmbiguousNameException.class, () -> object.section("prog"));
  }

  @Test
  void sharedFunctionNameIsRefusedAndChosenAsIndexColonName() {
    ElfWriter elf = new ElfWriter();
    int a = elf.code("a", movR0(10), exit());
    int b = elf.code("b", movR0(20), exit());
    elf.function("f", a, 0, 16);
    elf.function("f", b, 0, 16);
    ElfObject object = ElfObject.parse(elf.bytes());
    AmbiguousNameException e =
        assertThrows(AmbiguousNameException.class, () -> object.program("f"));
    assertEquals(
        "'f' is ambiguous: it names 2 functions (function 'f' in section #1 'a', function 'f' in section"
            + " #2 'b'); choose one by section index, e.g. '#1:f'",
        e.getMessage());
    assertEquals(20, object.program("#2:f").vmBuilder().build().run().r0());
  }

  @Test
  void programSelectorsUseTheIndexWhereANameIsEmptyOrShared() {
    assertEquals(List.of("#1", "#2"), ElfObject.parse(twoSectionsNamedProg()).programSelectors());
    assertEquals(List.of("other", "#2"), ElfObject.parse(unnamedCodeSection()).programSelectors());
    assertEquals(
        List.of(".text", "csd", "xdp", "socket"),
        ElfObject.parse(Clang.resource("globals.o")).programSelectors());
  }

  @Test
  void badIndexSelectorsListTheSectionsWithCode() {
    ElfObject object = ElfObject.parse(twoSectionsNamedProg());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> object.program("#9"));
    assertEquals(
        "'#9' does not select a section with code; sections with code: [#1 'prog', #2 'prog']",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> object.program("#1:f"));
    assertEquals("section #1 'prog' has no function 'f'; its functions: [g]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> object.program("#x"));
  }

  @Test
  void dataSectionsSharingANameGetRegionsNamedByIndex() {
    ElfWriter elf = new ElfWriter();
    byte[][] load = ElfWriter.lddwR1();
    byte[][] load2 = ElfWriter.lddwR1();
    int code = elf.code("prog", load[0], load[1], load2[0], load2[1], movR0(0), exit());
    int first = elf.nobits(".bss", 8);
    int second = elf.nobits(".bss", 16);
    elf.relocateLoad(code, 0, elf.sectionSymbol(first));
    elf.relocateLoad(code, 16, elf.sectionSymbol(second));
    LoadedProgram loaded = ElfObject.parse(elf.bytes()).program("prog");
    assertEquals(
        List.of(".bss#2", ".bss#3"), loaded.regions().stream().map(DataRegion::name).toList());
    assertEquals(0, loaded.vmBuilder().build().run().r0());
  }

  @Test
  void clangObjectWithItsXdpSectionNameEmptiedStillLoadsItsFunction() {
    byte[] bytes = Clang.resource("globals.o");
    SectionHeader xdp = ElfObject.parse(bytes).section("xdp");
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt((int) xdp.headerOffset() + SectionHeader.NAME_OFFSET, 0); // sh_name -> ""
    ElfObject object = ElfObject.parse(bytes);
    assertEquals("", object.sections().get(xdp.index()).name());
    assertTrue(
        object.functions().stream()
            .anyMatch(f -> f.name().equals("strings") && f.sectionIndex() == xdp.index()));
    assertEquals(6115, object.program("strings").vmBuilder().build().run().r0());
    assertEquals(6115, object.program("#" + xdp.index()).vmBuilder().build().run().r0());
  }
}
