package org.csdlab.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.fuzz.Fuzz;
import org.csdlab.ebpf.verifier.SoundnessCase.Feature;

/**
 * Soundness with teeth: {@link SoundnessPrograms} draws programs with memory accesses near every
 * region's edges, bounds of every comparison kind, map lookups, helper buffers, local calls and
 * loops; {@link PathVerifier} verifies each; every accepted one runs on the interpreter ({@link
 * SoundnessOracle}) with fuel = its proven instruction bound, and must never fault on memory, read
 * an uninitialised stack byte, reach into a neighbouring map value or run out of that fuel; and the
 * verifier must answer every program (a throw counts as a violation too). Every violation is
 * counted; the target fails at its end listing the first few, each reduced to the fewest lines that
 * still fail, with its options and inputs (the first of each kind of violation).
 *
 * <p>It also fails when the programs accepted are too few to mean anything: at least {@value
 * #MIN_ACCEPTED_PERCENT}% accepted, and among the accepted ones at least {@value
 * #MIN_FEATURE_PERCENT}% with a variable offset and as many with a loop.
 *
 * <p>{@code mvn verify} runs {@value #VERIFY_TRIES} programs with the campaign's fixed seed. A
 * campaign by hand, e.g. 10⁶ programs:
 *
 * <pre>
 * mvn -o -B -pl ebpf-vm test -Dtest=PathVerifierSoundnessTest -Dsoundness.tries=1000000 \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * ({@code -Dcsdlab.fuzz.seed=S} for another sequence).
 */
class PathVerifierSoundnessTest {
  /** System property: programs to generate, overriding {@value #VERIFY_TRIES}. */
  static final String TRIES_PROPERTY = "soundness.tries";

  static final int VERIFY_TRIES = 10_000;

  static final int MIN_ACCEPTED_PERCENT = 25;
  static final int MIN_FEATURE_PERCENT = 10;

  /** Kinds of violation shown with a reduced reproducer (the first of each); all are counted. */
  private static final int VIOLATIONS_SHOWN = 12;

  /** Programs between two summary lines of a long campaign. */
  private static final int PROGRESS_EVERY = 50_000;

  private static long programs;
  private static long accepted;
  private static long violating;
  private static long fixedFuelRanOut;
  private static long withoutBound;
  private static long truncatedTraces;
  private static long largestBound;
  private static Map<String, Long> refused;
  private static Map<String, Long> violationKinds;
  private static Map<Feature, Long> drawnWith;
  private static Map<Feature, Long> acceptedWith;
  private static List<SoundnessOracle.Violation> shown;

  @BeforeProperty
  void resetCounts() {
    programs = 0;
    accepted = 0;
    violating = 0;
    fixedFuelRanOut = 0;
    withoutBound = 0;
    truncatedTraces = 0;
    largestBound = 0;
    refused = new TreeMap<>();
    violationKinds = new TreeMap<>();
    drawnWith = new EnumMap<>(Feature.class);
    acceptedWith = new EnumMap<>(Feature.class);
    shown = new ArrayList<>();
  }

  @Fuzz(tries = VERIFY_TRIES, triesProperty = TRIES_PROPERTY)
  void acceptedProgramsRunWithoutFaultWithinTheirBound(@ForAll long seed) {
    SoundnessCase c = SoundnessPrograms.draw(seed);
    Program program = c.program();
    if (++programs % PROGRESS_EVERY == 0) {
      System.out.println(summary()); // a long campaign shows how it goes
    }
    c.features().forEach(f -> drawnWith.merge(f, 1L, Long::sum));
    VerificationResult result;
    try {
      result = PathVerifier.verify(program, c.options());
    } catch (RuntimeException e) {
      // a verifier must answer every program: a throw is a finding like a fault
      refused.merge("(the verifier threw)", 1L, Long::sum);
      violating++;
      record(SoundnessOracle.Violation.verifierThrew(c, e));
      return;
    }
    if (!result.ok()) {
      refused.merge(result.code().name(), 1L, Long::sum);
      return;
    }
    accepted++;
    c.features().forEach(f -> acceptedWith.merge(f, 1L, Long::sum));
    if (result.hasInstructionBound()) {
      largestBound = Math.max(largestBound, result.instructionBound());
    } else {
      withoutBound++;
    }
    SoundnessOracle.Outcome outcome = SoundnessOracle.check(c, program, result);
    fixedFuelRanOut += outcome.fixedFuelRanOut() ? 1 : 0;
    truncatedTraces += outcome.traceTruncated() ? 1 : 0;
    if (!outcome.violations().isEmpty()) {
      violating++;
      record(outcome.violations().get(0));
    }
  }

  /** Counts {@code v} by kind; the first of each kind is reduced and shown. */
  private static void record(SoundnessOracle.Violation v) {
    if (violationKinds.merge(v.kind(), 1L, Long::sum) == 1 && shown.size() < VIOLATIONS_SHOWN) {
      shown.add(SoundnessReducer.reduce(v));
    }
  }

  @AfterProperty
  void acceptedProgramsWereSafe() {
    System.out.println(summary());
    assertEquals(
        0,
        violating,
        () ->
            "accepted programs misbehaved at run time:\n"
                + String.join(
                    "\n", shown.stream().map(SoundnessOracle.Violation::reproducer).toList()));
    assertTrue(
        accepted * 100 >= programs * MIN_ACCEPTED_PERCENT,
        () -> "too few programs accepted to test anything: " + summary());
    for (Feature f : List.of(Feature.VARIABLE_OFFSET, Feature.LOOP)) {
      assertTrue(
          acceptedWith.getOrDefault(f, 0L) * 100 >= accepted * MIN_FEATURE_PERCENT,
          () -> "too few accepted programs with " + f + ": " + summary());
    }
  }

  private static String summary() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "soundness: %,d programs, %,d accepted (%.1f%%), %,d violations (accepted programs"
                    + " that misbehaved when run, verifier throws) %s;"
                    + " refused by code %s; accepted/drawn by feature:",
                programs,
                accepted,
                programs == 0 ? 0.0 : 100.0 * accepted / programs,
                violating,
                violationKinds,
                refused));
    for (Feature f : Feature.values()) {
      text.append(' ')
          .append(f.name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(acceptedWith.getOrDefault(f, 0L))
          .append('/')
          .append(drawnWith.getOrDefault(f, 0L));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "; largest proven bound %,d instructions; %,d accepted without a bound (%,d ran out of"
                + " the fixed fuel); %,d runs' traces truncated at %,d steps",
            largestBound,
            withoutBound,
            fixedFuelRanOut,
            truncatedTraces,
            SoundnessOracle.TRACE_STEPS));
    return text.toString();
  }
}
