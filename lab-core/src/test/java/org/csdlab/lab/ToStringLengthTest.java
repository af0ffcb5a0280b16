package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.WrittenDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code toString()} of every object a lab session shows fits one line of a terminal, so
 * JShell's {@code var x = ...} lines and a notebook's text form show it whole.
 */
class ToStringLengthTest {

  /** One line of a terminal, less JShell's {@code name ==> } in front. */
  static final int MAX_CHARS = 100;

  @Test
  void everyCommonObjectFitsOneLine(@TempDir Path dir) throws Exception {
    Lab lab = Lab.create();
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("lab", lab);
    shown.put("lab.device()", lab.device());
    shown.put("lab.ebpf()", lab.ebpf());
    EbpfProgram hello = lab.ebpf().assemble("r0 = 42\nexit");
    shown.put("program", hello);
    shown.put("run", hello.run());
    shown.put(
        "run on the JIT, interpreted",
        lab.ebpf().assemble("r0 = 0\n" + "r0 += 1\n".repeat(4000) + "exit").onJit().run());
    shown.put("program on the JIT", hello.onJit());
    shown.put("lab on the JIT", Lab.builder().engine(org.csdlab.ebpf.Engine.JIT).build());
    shown.put("verify", hello.verify());
    WrittenDataset readings = lab.datasets().u32Readings(1, ByteUnit.MiB).seed(7).writeToZones(0);
    shown.put("dataset", readings);
    HostRun onHost = lab.host().countU32Above(readings, Lab.RAND_MAX / 2);
    CsdRun onDrive = lab.csd().countU32Above(readings, Lab.RAND_MAX / 2);
    shown.put("host run", onHost);
    shown.put("csd run", onDrive);
    shown.put("lab.config()", lab.config());
    shown.put("lab.monitor()", lab.monitor());
    shown.put("lab.datasets()", lab.datasets());
    shown.put("lab.host()", lab.host());
    shown.put("lab.csd()", lab.csd());
    Path deep =
        dir.resolve(
            "a-directory-with-a-long-name/and-another-one-below-it/and-a-third-one/drive.img");
    java.nio.file.Files.createDirectories(deep.getParent());
    try (Lab onFile = Lab.builder().backendFile(deep).build()) {
      shown.put("lab on a file", onFile);
      shown.put("its config", onFile.config());
      assertTrue(onFile.toString().contains("; file drive.img]"), onFile.toString());
      onFile.device().reset(0);
    }
    String all = describe(shown);
    shown.forEach(
        (what, value) -> {
          String text = value.toString();
          assertTrue(
              text.length() <= MAX_CHARS && !text.contains("\n"),
              what + " is " + text.length() + " chars:\n" + all);
        });
    assertEquals(
        "Lab[64 zones × 16.0 MiB (63 empty, 1 closed); teaching timing; core 1 G insn/s; in memory]",
        lab.toString());
  }

  @Test
  void tablesHaveAOneLineHeadlineAndRowsThatFitALine() {
    Lab lab = Lab.create();
    EbpfProgram hello = lab.ebpf().assemble("r0 = 42\nexit");
    WrittenDataset readings = lab.datasets().u32Readings(1, ByteUnit.MiB).seed(7).writeToZones(0);
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("trace", hello.trace());
    shown.put("listing", hello.listing());
    shown.put(
        "comparison",
        lab.compare(
            lab.host().countU32Above(readings, Lab.RAND_MAX / 2),
            lab.csd().countU32Above(readings, Lab.RAND_MAX / 2)));
    String all = describe(shown);
    shown.forEach(
        (what, value) ->
            assertTrue(
                value.toString().lines().allMatch(line -> line.length() <= MAX_CHARS),
                what + " has a line longer than " + MAX_CHARS + ":\n" + all));
  }

  @Test
  void siPrefixesKeepCountsShort() {
    assertEquals("1 G insn/s", Quantities.si(1_000_000_000L, "insn/s"));
    assertEquals("200 M insn/s", Quantities.si(200_000_000L, "insn/s"));
    assertEquals("1.31 M insn", Quantities.si(1_311_028L, "insn"));
    assertEquals("1.5 k insn", Quantities.si(1_500L, "insn"));
    assertEquals("12 insn", Quantities.si(12L, "insn"));
  }

  private static String describe(Map<String, Object> shown) {
    StringBuilder all = new StringBuilder();
    shown.forEach(
        (what, value) ->
            all.append(what)
                .append(" (")
                .append(value.toString().length())
                .append("): ")
                .append(value)
                .append('\n'));
    return all.toString();
  }
}
