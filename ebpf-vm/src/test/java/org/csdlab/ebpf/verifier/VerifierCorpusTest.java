package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.conformance.ConformanceHelpers;
import org.junit.jupiter.api.Test;

/**
 * The verifier corpus (resources {@code org/csdlab/ebpf/verifier/corpus/GROUP/NAME.data}, grouped
 * as the kernel's verifier selftests are): each case a program the verifier must accept, or refuse
 * with a code at a pc, with a close variant on the other side. It states what verifier v2 proves
 * (issue 16); v1 proves less, so until v2 replaces it the cases v1 decides otherwise are listed in
 * {@code v1-gaps.txt}, and this test holds both halves: v1 gives every other case's verdict, and
 * every listed case is still one it gets wrong (so the list shrinks as the verifier grows).
 */
class VerifierCorpusTest {
  private static final String CORPUS = "/org/csdlab/ebpf/verifier/corpus";
  private static final int MINIMUM_CASES = 150;

  static List<VerifierCase> corpus() throws IOException, URISyntaxException {
    Path root = Path.of(VerifierCorpusTest.class.getResource(CORPUS).toURI());
    List<VerifierCase> cases = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".data")).sorted().toList()) {
        cases.add(VerifierCase.read(file));
      }
    }
    return cases;
  }

  private static Set<String> v1Gaps() throws IOException, URISyntaxException {
    Path list = Path.of(VerifierCorpusTest.class.getResource(CORPUS + "/v1-gaps.txt").toURI());
    Set<String> ids = new TreeSet<>();
    for (String line : Files.readAllLines(list)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        ids.add(line.strip());
      }
    }
    return ids;
  }

  @Test
  void theCorpusHasBothSidesOfEveryGroupAndEveryCaseIsWellFormed() throws Exception {
    List<VerifierCase> cases = corpus();
    assertTrue(cases.size() >= MINIMUM_CASES, cases.size() + " cases");
    Map<String, int[]> sides = new TreeMap<>();
    for (VerifierCase c : cases) {
      Program program = assemble(c);
      sides.computeIfAbsent(c.group(), g -> new int[2])[c.expected().accepted() ? 0 : 1]++;
      assertTrue(!c.description().isBlank(), c.id() + " says what it shows");
      assertTrue(
          List.of("linux", "conformance").contains(c.helpers()), c.id() + ": " + c.helpers());
      if (!c.expected().accepted()) {
        int pc = c.expected().pc();
        assertTrue(
            program.isInstructionStart(pc), c.id() + ": pc " + pc + " starts no instruction");
      }
    }
    for (Map.Entry<String, int[]> group : sides.entrySet()) {
      assertTrue(
          group.getValue()[0] > 0 && group.getValue()[1] > 0,
          group.getKey() + " has accepted and refused cases");
    }
  }

  @Test
  void v1GivesEveryVerdictButTheListedGapsAndGetsEveryGapWrong() throws Exception {
    Set<String> gaps = v1Gaps();
    Set<String> wrong = new TreeSet<>();
    Set<String> ids = new TreeSet<>();
    for (VerifierCase c : corpus()) {
      ids.add(c.id());
      String verdict = v1Verdict(c);
      if (!verdict.equals(c.expected().toString())) {
        wrong.add(c.id() + " (v1: " + verdict + ")");
      }
    }
    Set<String> unlisted = new TreeSet<>();
    Set<String> wronglyListed = new TreeSet<>(gaps);
    for (String w : wrong) {
      String id = w.substring(0, w.indexOf(' '));
      wronglyListed.remove(id);
      if (!gaps.contains(id)) {
        unlisted.add(w);
      }
    }
    assertTrue(ids.containsAll(gaps), "every listed gap is a case of the corpus");
    assertEquals(Set.of(), unlisted, "cases v1 decides otherwise, not listed as gaps");
    assertEquals(Set.of(), wronglyListed, "listed as gaps, but v1 now gives their verdict");
  }

  private static Program assemble(VerifierCase c) {
    try {
      return Assembler.assemble(c.asm());
    } catch (RuntimeException e) {
      throw new AssertionError(c.id() + ": " + e.getMessage(), e);
    }
  }

  private static String v1Verdict(VerifierCase c) {
    VerifierOptions options = VerifierOptions.defaults().withContextLengthInR2(false);
    if (c.helpers().equals("conformance")) {
      options = options.withHelpers(ConformanceHelpers.registry());
    }
    VerificationResult result = Verifier.verify(assemble(c), options);
    return result.ok() ? "accepted" : "refused " + result.code() + " at " + result.error().pc();
  }
}
