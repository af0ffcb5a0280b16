package org.csdlab.ebpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.csdlab.ebpf.Vm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiles {@code elf/globals.c} with clang (with and without {@code -g}), loads each program and
 * runs it; r0 must be what the C code computes (see the comments in the source).
 */
class ElfProgramTest {
  @TempDir Path work;

  private ElfObject compile(boolean debug) {
    return ElfObject.read(
        debug ? Clang.compile("globals.c", work, "-g") : Clang.compile("globals.c", work));
  }

  @ParameterizedTest(name = "debug info: {0}")
  @ValueSource(booleans = {false, true})
  void sectionProgramUsesDataBssRodataAndCallsIntoText(boolean debug) {
    LoadedProgram csd = compile(debug).program("csd");
    Vm vm = csd.vmBuilder().build();

    assertEquals(115, vm.run().r0()); // total = 7, counter = 4: 100 + 8 + 7
    assertEquals(10 + 20 + 30 + 40 + 2 * 5 + 14, vm.run().r0()); // globals persist between runs

    assertEquals(
        14, ByteBuffer.wrap(csd.region(".bss").bytes()).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
    assertEquals(
        5, ByteBuffer.wrap(csd.region(".data").bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
  }

  @ParameterizedTest(name = "debug info: {0}")
  @ValueSource(booleans = {false, true})
  void stringConstantsInRodataStr(boolean debug) {
    LoadedProgram xdp = compile(debug).program("xdp");
    assertEquals(6 * 1000 + 's', xdp.vmBuilder().build().run().r0());
  }

  @ParameterizedTest(name = "debug info: {0}")
  @ValueSource(booleans = {false, true})
  void callIntoAnotherNamedSectionThatCallsIntoText(boolean debug) {
    LoadedProgram chain = compile(debug).program("socket");
    assertEquals(6116, chain.vmBuilder().build().run().r0());
  }

  @ParameterizedTest(name = "debug info: {0}")
  @ValueSource(booleans = {false, true})
  void programByFunctionNameFromText(boolean debug) {
    LoadedProgram entry = compile(debug).program("text_entry");
    assertEquals(36, entry.vmBuilder().build().run().r0());
  }

  @ParameterizedTest(name = "debug info: {0}")
  @ValueSource(booleans = {false, true})
  void namedSectionOnlyReadsTheContext(boolean debug) {
    ElfObject object =
        ElfObject.read(
            debug ? Clang.compile("context.c", work, "-g") : Clang.compile("context.c", work));
    assertEquals(List.of("csd"), object.programSections()); // the empty .text is not listed
    LoadedProgram sum = object.program("sum_bytes");
    assertEquals(List.of(), sum.regions());
    assertEquals(
        1 + 2 + 3 + 250, sum.vmBuilder().build().run(new byte[] {1, 2, 3, (byte) 250}).r0());
    assertEquals(object.program("csd").program(), sum.program());
  }

  @ParameterizedTest(name = "debug info: {0}")
  @ValueSource(booleans = {false, true})
  void relocatedAddressesMatchTheVm(boolean debug) {
    LoadedProgram csd = compile(debug).program("csd");
    Vm vm = csd.vmBuilder().build();
    for (int i = 0; i < csd.regions().size(); i++) {
      assertEquals(LoadedProgram.regionAddress(i), vm.addressOf(csd.regions().get(i).name()));
    }
  }
}
