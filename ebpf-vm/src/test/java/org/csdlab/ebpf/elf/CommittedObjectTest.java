package org.csdlab.ebpf.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed {@code elf/globals.o} is what {@code elf/build.sh} makes of {@code globals.c}.
 * Skipped without clang (failing under {@code CI=true}) and when clang's major version differs from
 * the one recorded in {@code clang-version.txt}, since other versions emit other code.
 */
class CommittedObjectTest {
  @TempDir Path work;

  @Test
  void committedObjectMatchesTheSource() throws IOException {
    int recorded =
        Integer.parseInt(
            new String(Clang.resource("clang-version.txt"), StandardCharsets.US_ASCII).trim());
    int installed = Clang.majorVersion();
    Assumptions.assumeTrue(
        installed == recorded,
        "globals.o was built by clang "
            + recorded
            + ", this is clang "
            + installed
            + "; run src/test/resources/elf/build.sh to rebuild it");
    Path compiled = Clang.compile("globals.c", work);
    byte[] committed = Clang.resource("globals.o");
    assertArrayEquals(
        committed,
        Files.readAllBytes(compiled),
        "elf/globals.o is out of date: run ebpf-vm/src/test/resources/elf/build.sh");
    assertEquals(
        ElfObject.parse(committed).program("csd").program(),
        ElfObject.read(compiled).program("csd").program());
  }
}
