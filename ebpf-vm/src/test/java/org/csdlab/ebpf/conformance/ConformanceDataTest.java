package org.csdlab.ebpf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.csdlab.ebpf.EbpfException;
import org.csdlab.ebpf.FormatRule;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.ProgramFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code src/test/resources/conformance/*.data} case through the plugin, in process, the
 * way the bpf_conformance runner would: program as hex, memory as the first argument; once with
 * {@code --interpret} and once with {@code --jit}.
 *
 * <p>{@code -Dconformance.dir=DIR} runs the {@code .data} files of another directory instead, such
 * as the public bpf_conformance suite's {@code tests/}: {@code mvn -o -B -pl ebpf-vm test
 * -Dtest=ConformanceDataTest#caseGivesItsResultOrError -Dconformance.dir=/path/to/tests}.
 */
class ConformanceDataTest {

  static Stream<Path> cases() throws IOException, URISyntaxException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(directory())) {
      listing
          .filter(p -> p.getFileName().toString().endsWith(".data"))
          .sorted()
          .forEach(files::add);
    }
    return files.stream();
  }

  private static Path directory() throws URISyntaxException {
    String chosen = System.getProperty("conformance.dir");
    if (chosen != null && !chosen.isBlank()) {
      return Path.of(chosen);
    }
    URL directory = ConformanceDataTest.class.getResource("/conformance");
    assertNotNull(directory, "test resources have no conformance directory");
    return Path.of(directory.toURI());
  }

  static Stream<Arguments> casesOnEachEngine() throws IOException, URISyntaxException {
    return cases()
        .flatMap(file -> Stream.of(Arguments.of(file, "--interpret"), Arguments.of(file, "--jit")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("casesOnEachEngine")
  void caseGivesItsResultOrError(Path file, String engine) throws IOException {
    ConformanceCase c = ConformanceCase.read(file);
    byte[] bytecode;
    try {
      bytecode = c.bytecode();
    } catch (EbpfException e) {
      // Assembly that breaks a format rule is refused by the assembler, before the plugin.
      if (!c.expectsError()) {
        throw e;
      }
      assertErrorMatches(c, e.getMessage());
      return;
    }
    List<String> args = new ArrayList<>();
    if (c.memoryHex() != null) {
      args.add(c.memoryHex());
    }
    args.add(engine);
    args.add("--program");
    args.add(HexFormat.ofDelimiter("  ").formatHex(bytecode));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ConformancePlugin.run(
            args.toArray(String[]::new),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    if (c.expectsError()) {
      assertTrue(status != 0, () -> "expected an error, got status 0 and output " + stdout);
      assertEquals("", stdout);
      assertEquals(1, stderr.lines().count(), () -> "one error line expected: " + stderr);
      assertErrorMatches(c, stderr.strip());
    } else {
      assertEquals(0, status, () -> "failed: " + stderr);
      assertEquals(Long.toHexString(c.result()) + System.lineSeparator(), stdout);
    }
  }

  private static void assertErrorMatches(ConformanceCase c, String message) {
    for (String expected : c.errors()) {
      assertTrue(
          message.contains(expected), () -> "error '" + message + "' lacks '" + expected + "'");
    }
  }

  @Test
  void everyFormatRuleHasACaseExceptTooLarge() throws IOException, URISyntaxException {
    Set<FormatRule> covered = EnumSet.noneOf(FormatRule.class);
    for (Path file : (Iterable<Path>) cases()::iterator) {
      ConformanceCase c = ConformanceCase.read(file);
      if (c.raw() == null || !c.expectsError()) {
        continue;
      }
      try {
        Program.decode(c.raw());
      } catch (ProgramFormatException e) {
        covered.add(e.rule());
      }
    }
    Set<FormatRule> missing = EnumSet.complementOf(EnumSet.copyOf(covered));
    // A program over the slot limit is 8 MB: ConformancePluginTest covers it instead of a file.
    assertEquals(EnumSet.of(FormatRule.TOO_LARGE), missing);
  }

  @Test
  void casesAreManyAndWellFormed() throws IOException, URISyntaxException {
    List<Path> files = cases().toList();
    assertTrue(files.size() >= 150, "only " + files.size() + " cases");
    for (Path file : files) {
      ConformanceCase c = ConformanceCase.read(file);
      if (c.raw() == null && c.asm().isBlank()) {
        fail(file + " has neither '-- asm' nor '-- raw'");
      }
    }
  }
}
