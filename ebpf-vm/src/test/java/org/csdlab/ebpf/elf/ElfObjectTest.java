package org.csdlab.ebpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses the committed {@code elf/globals.o} (no clang needed) and corrupted copies of it. */
class ElfObjectTest {
  private static final byte[] GLOBALS = Clang.resource("globals.o");

  private static ElfObject globals() {
    return ElfObject.parse(GLOBALS);
  }

  @Test
  void readRefusesWhatIsNotARegularFileBeforeReading(@TempDir Path dir) throws Exception {
    // /dev/zero would be read until the heap is full and a FIFO would block forever.
    Path fifo = dir.resolve("pipe.o");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    for (Path path : List.of(Path.of("/dev/zero"), fifo, dir)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ElfObject.read(path));
      assertEquals(
          "ELF object "
              + path
              + " is not a regular file (a directory, device, FIFO or socket);"
              + " give the path of a .o file",
          e.getMessage());
    }
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> ElfObject.read(dir.resolve("none.o")));
    assertEquals(
        "ELF object " + dir.resolve("none.o") + " is missing; give the path of a .o file",
        missing.getMessage());
  }

  @Test
  void listsProgramSectionsAndFunctions() {
    ElfObject object = globals();
    assertEquals(List.of(".text", "csd", "xdp", "socket"), object.programSections());
    assertEquals(
        List.of("add_table", "chain", "csd_main", "length", "scale", "strings", "text_entry"),
        object.functions().stream().map(ElfFunction::name).sorted().toList());
    assertEquals(
        "ElfObject[4 sections with code: .text, csd, xdp, socket; 7 functions]", object.toString());
    ElfFunction scale =
        object.functions().stream().filter(f -> f.name().equals("scale")).findFirst().orElseThrow();
    assertEquals(new ElfFunction("scale", 2, ".text", 0, 40), scale);
  }

  @Test
  void runsTheCommittedObjectWithoutClang() {
    ElfObject object = globals();
    assertEquals(115, object.program("csd").vmBuilder().build().run().r0());
    assertEquals(6115, object.program("strings").vmBuilder().build().run().r0());
    assertEquals(6115, object.program("xdp").vmBuilder().build().run().r0());
    assertEquals(36, object.program("text_entry").vmBuilder().build().run().r0());
    assertEquals(6116, object.program("chain").vmBuilder().build().run().r0());
  }

  @Test
  void entryFunctionComesFirstAndCalleesAfterIt() {
    LoadedProgram csd = globals().program("csd");
    // csd_main: 18 slots; then add_table and scale from .text
    Instruction first = csd.program().instructions().get(0);
    assertTrue(first.isWide());
    assertEquals(0, first.src());
    assertTrue(csd.program().slotCount() > 18);
    assertEquals(
        List.of(".bss", ".data", ".rodata.cst16"),
        csd.regions().stream().map(DataRegion::name).toList());
    assertEquals(false, csd.region(".rodata.cst16").writable());
    assertEquals(
        "LoadedProgram[csd, "
            + csd.program().slotCount()
            + " slots, regions=[.bss, .data, .rodata.cst16]]",
        csd.toString());
  }

  @Test
  void configureAddsRegionsInRelocationOrder() {
    LoadedProgram csd = globals().program("csd");
    Vm vm = csd.configure(Vm.builder(csd.program())).build();
    assertEquals(csd.program().instructions().get(0).imm(), vm.addressOf(".bss"));
  }

  @Test
  void readOnlyDataCannotBeWrittenAndLoadsAreFresh() {
    ElfObject object = globals();
    LoadedProgram a = object.program("csd");
    a.vmBuilder().build().run();
    LoadedProgram b = object.program("csd");
    assertEquals(115, b.vmBuilder().build().run().r0()); // b has its own copy of .data and .bss
  }

  @Test
  void unknownNameListsWhatExists() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> globals().program("nope"));
    assertTrue(
        e.getMessage().contains("sections with code: [.text, csd, xdp, socket]"), e.getMessage());
  }

  // ---- corrupt files --------------------------------------------------------------------------

  @Test
  void notElf() {
    ElfFormatException e =
        assertThrows(ElfFormatException.class, () -> ElfObject.parse(new byte[] {1, 2, 3}));
    assertEquals(
        "ELF header at offset 0x0: the ELF header of 64 bytes at 0x0 runs past the end of the 3-byte file",
        e.getMessage());
    assertEquals(ElfFormatException.ELF_HEADER, e.section());
  }

  @Test
  void wrongMachine() {
    byte[] bytes = GLOBALS.clone();
    bytes[ElfHeader.MACHINE_OFFSET] = 62;
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes));
    assertEquals(
        "ELF header at offset 0x12: e_machine is 62, expected 247 (EM_BPF)", e.getMessage());
  }

  @Test
  void sectionRunsPastTheEnd() {
    byte[] bytes = GLOBALS.clone();
    SectionHeader text = globals().section(".text");
    putLong(bytes, text.headerOffset() + SectionHeader.SIZE_OFFSET, 4096);
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes));
    assertEquals(".text", e.section());
    assertEquals(text.headerOffset(), e.offset());
    assertEquals(
        "section '.text' header at offset 0x"
            + Long.toHexString(text.headerOffset())
            + ": contents of 4096 bytes at 0x40 run past the end of the "
            + bytes.length
            + "-byte file",
        e.getMessage());
  }

  @Test
  void overlappingSections() {
    byte[] bytes = GLOBALS.clone();
    SectionHeader csd = globals().section("csd");
    putLong(bytes, csd.headerOffset() + SectionHeader.CONTENTS_OFFSET_OFFSET, 0x48);
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes));
    assertTrue(e.getMessage().startsWith("section 'csd' header at offset 0x"), e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "overlap section '.text' (0x40, " + globals().section(".text").size() + " bytes)"),
        e.getMessage());
  }

  @Test
  void unknownRelocationType() {
    byte[] bytes = GLOBALS.clone();
    SectionHeader rel = globals().section(".relcsd");
    bytes[(int) rel.offset() + ElfRelocation.INFO_OFFSET] = 7;
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes));
    assertEquals(
        "section '.relcsd' relocation 0 at offset 0x"
            + Long.toHexString(rel.offset())
            + ": relocation type 7 is not supported in program section 'csd' (only R_BPF_64_64 on lddw and"
            + " R_BPF_64_32 on calls)",
        e.getMessage());
  }

  @Test
  void missingSymbol() {
    byte[] bytes = GLOBALS.clone();
    SectionHeader rel = globals().section(".relcsd");
    putInt(bytes, rel.offset() + ElfRelocation.INFO_OFFSET + 4, 0); // symbol 0: undefined
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes));
    assertTrue(
        e.getMessage().endsWith("symbol '' is not defined in this object (section index 0)"),
        e.getMessage());
  }

  @Test
  void relocationOutsideItsSection() {
    byte[] bytes = GLOBALS.clone();
    SectionHeader rel = globals().section(".relcsd");
    putLong(bytes, rel.offset() + ElfRelocation.OFFSET_OFFSET, 0x1000);
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes));
    assertTrue(
        e.getMessage()
            .contains("offset 0x1000 is not an instruction of the 144-byte section 'csd'"),
        e.getMessage());
  }

  @Test
  void lddwExpected() {
    byte[] bytes = GLOBALS.clone();
    SectionHeader csd = globals().section("csd");
    bytes[(int) csd.offset()] = (byte) 0xb7; // r1 = imm instead of lddw
    ElfFormatException e =
        assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes).program("csd"));
    assertEquals(
        "section 'csd' at offset 0x"
            + Long.toHexString(csd.offset())
            + ": R_BPF_64_64 expects a whole"
            + " lddw (opcode 0x18) at offset 0x0 but finds opcode 0xb7",
        e.getMessage());
  }

  @Test
  void invalidCodeIsAnElfFormatException() {
    byte[] bytes = GLOBALS.clone();
    SectionHeader xdp = globals().section("xdp");
    bytes[(int) xdp.offset() + 8 * 14] = 0; // the final exit becomes opcode 0
    ElfFormatException e =
        assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes).program("xdp"));
    assertEquals("xdp", e.section());
    assertTrue(
        e.getMessage().contains("at offset 0x70 is not a valid program: instruction 14"),
        e.getMessage());
  }

  @Test
  void mapSectionWithoutContentsIsRefused() {
    byte[] bytes = GLOBALS.clone();
    byte[] bss = ".bss\0".getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(bytes, bss);
    System.arraycopy("maps".getBytes(StandardCharsets.US_ASCII), 0, bytes, at, 4);
    ElfFormatException e =
        assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes).program("csd"));
    assertTrue(e.getMessage().contains("so map 'total' has no definition"), e.getMessage());
  }

  @Test
  void unsupportedLegacyMapTypeNamesTheMap(@TempDir Path work) {
    byte[] bytes = readAll(Clang.compile("maps.c", work));
    ElfObject object = ElfObject.parse(bytes);
    SectionHeader maps = object.section("maps");
    bytes[(int) maps.offset()] = 99; // counts: type 99
    ElfFormatException e =
        assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes).program("csd"));
    assertTrue(
        e.getMessage().contains("map 'counts': map type 99 is not supported"), e.getMessage());
    bytes[(int) maps.offset()] = 2;
    bytes[(int) maps.offset() + 4] = 8; // key size 8 for an array
    e = assertThrows(ElfFormatException.class, () -> ElfObject.parse(bytes).mapDefinitions());
    assertTrue(e.getMessage().contains("4-byte index"), e.getMessage());
  }

  private static byte[] readAll(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] bytes, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= bytes.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }

  private static void putLong(byte[] bytes, long at, long value) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong((int) at, value);
  }

  private static void putInt(byte[] bytes, long at, int value) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) at, value);
  }
}
