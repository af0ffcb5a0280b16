/**
 * The fuzz harness shared by every module's fuzz targets (through this module's test jar).
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link org.csdlab.ebpf.fuzz.Fuzz}: marks a target, a jqwik property with a fixed seed and
 *       its short {@code tries} for {@code mvn verify}.
 *   <li>{@link org.csdlab.ebpf.fuzz.FuzzCampaign}: the lifecycle hook that applies {@code
 *       -Dcsdlab.fuzz.tries} and {@code -Dcsdlab.fuzz.seed} and prints one summary line per target:
 *       inputs, time, results, refusals by type, findings.
 *   <li>{@link org.csdlab.ebpf.fuzz.FuzzOracle}: one per target, naming the exception types the
 *       target's API documents. Each try runs on a worker thread with a timeout; the outcome is a
 *       result, a documented refusal (non-empty message of bounded length), or a finding that fails
 *       the target with the input and the stack top. *
 *   <li>{@link org.csdlab.ebpf.fuzz.ProgramShapes}: structure-aware programs (every family, jumps
 *       and calls to instruction starts, stack and context offsets, extreme constants, call trees)
 *       for the decoding, verifier and VM targets, optionally with fixed snippets (loops,
 *       recursions) whose jumps keep their targets; {@code org.csdlab.ebpf.EngineDifferentialFuzz}
 *       uses them to compare the interpreter with the JIT, with a tries property of its own
 *       ({@code @Fuzz(triesProperty = "diff.tries")}).
 * </ul>
 *
 * <h2>Why jqwik, not Jazzer</h2>
 *
 * The targets parse formats whose structure the generators know (instruction fields, ELF section
 * headers, image headers with their CRC, filesystem blocks), so structure-aware generation reaches
 * the deep paths without coverage guidance, and jqwik runs inside the ordinary JUnit platform of
 * {@code mvn verify} with fixed seeds and shrinking of byte arrays and strings. Coverage guidance
 * would pay off for a target whose valid inputs are hard to describe; none is so far.
 *
 * <h2>Adding a target</h2>
 *
 * One {@code *Fuzz} class in the module that owns the code, in the package of the code when it
 * needs package-private layout constants; an oracle naming exactly the documented exceptions;
 * {@code tries} small enough that the whole suite stays well under a minute; differential checks
 * (round trips, canaries, unchanged files) asserted after the oracle returns.
 */
package org.csdlab.ebpf.fuzz;
