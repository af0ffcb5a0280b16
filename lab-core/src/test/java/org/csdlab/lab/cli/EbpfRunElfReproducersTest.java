package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ebpf run} on the ELF reproducers of issue 11: the right program, or one clean line. */
class EbpfRunElfReproducersTest {
  private static String object(String name) throws URISyntaxException {
    return Path.of(EbpfRunElfReproducersTest.class.getResource("/elf-reproducers/" + name).toURI())
        .toString();
  }

  @Test
  void functionInAnUnnamedCodeSectionRuns() throws Exception {
    CliRun run = CliRun.of("ebpf", "run", object("unnamed.o"), "-s", "f");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("r0 = 7 (0x7)\n"), run.out());
  }

  @Test
  void sectionsSharingANameAreChosenByIndex() throws Exception {
    String file = object("twoprog.o");
    assertTrue(CliRun.of("ebpf", "run", file, "-s", "f").out().startsWith("r0 = 2 (0x2)\n"));
    CliRun ambiguous = CliRun.of("ebpf", "run", file, "-s", "prog");
    assertEquals(1, ambiguous.status());
    assertEquals(
        "csdlab ebpf run: 'prog' is ambiguous: it names 2 sections with code (section #1 'prog', section"
            + " #2 'prog'); choose one by section index, e.g. '#1'",
        ambiguous.errorLine());
    assertTrue(CliRun.of("ebpf", "run", file, "-s", "#2").out().startsWith("r0 = 2 (0x2)\n"));
    CliRun unchosen = CliRun.of("ebpf", "run", file);
    assertEquals(
        "csdlab ebpf run: ELF object "
            + file
            + " has programs in sections #1, #2; choose one with"
            + " --section",
        unchosen.errorLine());
  }

  @Test
  void ringBuffersOverTheMemoryBudgetAreRefusedNamingIt() throws Exception {
    CliRun run = CliRun.of("ebpf", "run", object("rings.o"));
    assertEquals(1, run.status());
    assertTrue(
        run.errorLine()
            .startsWith(
                "csdlab ebpf run: program memory 6.0 GiB exceeds the budget of 256.0 MiB"
                    + " (ElfLoadOptions.memoryBudgetBytes): map 'rb1' (RINGBUF, 1.0 GiB) 3.0 GiB, map 'rb2' (RINGBUF, 1.0 GiB)"
                    + " 3.0 GiB"),
        run.errorLine());
  }

  @Test
  void hashMapOfTwoToThe26EntriesIsRefusedBeforeRunning() throws Exception {
    CliRun run = CliRun.of("ebpf", "run", object("hash.o"));
    assertEquals(1, run.status());
    assertTrue(
        run.errorLine()
            .startsWith(
                "csdlab ebpf run: program memory 9.3 GiB exceeds the budget of 256.0 MiB"
                    + " (ElfLoadOptions.memoryBudgetBytes): map 'big' (HASH, 67108864 entries of 1 B) 9.3 GiB"),
        run.errorLine());
    assertEquals("", run.out());
  }
}
