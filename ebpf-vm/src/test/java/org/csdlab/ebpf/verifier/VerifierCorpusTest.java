package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.conformance.ConformanceHelpers;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapType;
import org.junit.jupiter.api.Test;

/**
 * The verifier corpus (resources {@code org/csdlab/ebpf/verifier/corpus/GROUP/NAME.data}, grouped
 * as the kernel's verifier selftests are): each case a program the verifier must accept, or refuse
 * with a code at a pc, with a close variant on the other side. It states what verifier v2 proves
 * (issue 16); v1 proves less, so until v2 replaces it the cases v1 decides otherwise are listed in
 * {@code v1-gaps.txt}, and this test holds both halves: v1 gives every other case's verdict, and
 * every listed case is still one it gets wrong (so the list shrinks as the verifier grows). The
 * same holds for v2 ({@link PathVerifier}, with each case's context, maps and helpers) and its list
 * {@code v2-gaps.txt}, where each case carries the one-line reason v2 still gets it wrong.
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

  /**
   * The case ids a gap list names, each line {@code group/name} or {@code group/name: reason}
   * ({@code #} starts a comment line); {@code reasons} says whether each line must give its reason.
   */
  private static Set<String> gaps(String file, boolean reasons)
      throws IOException, URISyntaxException {
    Path list = Path.of(VerifierCorpusTest.class.getResource(CORPUS + "/" + file).toURI());
    Set<String> ids = new TreeSet<>();
    for (String line : Files.readAllLines(list)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (reasons) {
        assertTrue(
            colon > 0 && !line.substring(colon + 1).isBlank(),
            file + ": '" + line + "' gives no reason (group/name: reason)");
      }
      ids.add((colon > 0 ? line.substring(0, colon) : line).strip());
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
    holdToTheCorpus(gaps("v1-gaps.txt", false), VerifierCorpusTest::v1Verdict);
  }

  @Test
  void v2GivesEveryVerdictButTheListedGapsAndGetsEveryGapWrong() throws Exception {
    holdToTheCorpus(gaps("v2-gaps.txt", true), VerifierCorpusTest::v2Verdict);
  }

  private static void holdToTheCorpus(
      Set<String> gaps, java.util.function.Function<VerifierCase, String> verifier)
      throws Exception {
    Set<String> wrong = new TreeSet<>();
    Set<String> ids = new TreeSet<>();
    for (VerifierCase c : corpus()) {
      ids.add(c.id());
      String verdict = verifier.apply(c);
      if (!verdict.equals(c.expected().toString())) {
        wrong.add(c.id() + " (verdict: " + verdict + ")");
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
    assertEquals(Set.of(), unlisted, "cases the verifier decides otherwise, not listed as gaps");
    assertEquals(
        Set.of(), wronglyListed, "listed as gaps, but the verifier now gives their verdict");
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
    return verdict(Verifier.verify(assemble(c), options));
  }

  /** v2 with the case's context (writable, as the corpus's contexts are), maps and helpers. */
  private static String v2Verdict(VerifierCase c) {
    VerifierOptions options = VerifierOptions.defaults().withContextLengthInR2(false);
    if (c.helpers().equals("conformance")) {
      options = options.withHelpers(ConformanceHelpers.registry());
    }
    if (c.contextBytes() != null) {
      options = options.withContext(c.contextBytes(), true);
    }
    for (VerifierCase.MapDeclaration m : c.maps()) {
      options =
          options.withMap(
              m.handle(),
              new MapDefinition(
                  MapType.valueOf(m.type().toUpperCase(Locale.ROOT)),
                  m.keyBytes(),
                  m.valueBytes(),
                  m.entries(),
                  "map" + m.handle()));
    }
    return verdict(PathVerifier.verify(assemble(c), options));
  }

  private static String verdict(VerificationResult result) {
    return result.ok() ? "accepted" : "refused " + result.code() + " at " + result.error().pc();
  }
}
