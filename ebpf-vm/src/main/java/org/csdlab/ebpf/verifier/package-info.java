/**
 * Verifier v1: checks a program before it runs and explains a refusal with one primary error.
 *
 * <pre>{@code
 * VerificationResult r = Verifier.verify(program, VerifierOptions.defaults());
 * if (!r.ok()) {
 *     System.err.println(r.error().message());   // UNINIT_REG at 3 'r0 += r2': r2 is read before ...
 * }
 * }</pre>
 *
 * <p>{@link org.csdlab.ebpf.verifier.Verifier} is an abstract interpreter over register types
 * ({@link org.csdlab.ebpf.verifier.RegType}: scalar, pointer to stack with its offset, context, map
 * value, map value or null, memory region) and per-byte stack initialisation, joining states where
 * paths meet until a fixpoint, so loops are accepted. Each refusal has a stable {@link
 * org.csdlab.ebpf.verifier.ErrorCode}; {@link org.csdlab.ebpf.verifier.VerifierOptions} give helper
 * prototypes (unknown helpers are refused), data regions (read-only ones refuse writes) and the
 * per-instruction log.
 *
 * <p>The analysis keys its states by (instruction, call chain), so its cost grows with the number
 * of call chains; the budgets of {@link org.csdlab.ebpf.verifier.VerifierOptions} bound it ({@link
 * org.csdlab.ebpf.verifier.ErrorCode#TOO_COMPLEX}, with the {@link
 * org.csdlab.ebpf.verifier.AnalysisCost}), and an interrupt of the thread stops it ({@link
 * org.csdlab.ebpf.verifier.VerificationInterruptedException}). Helper prototypes come from the
 * {@link org.csdlab.ebpf.HelperRegistry} the VM runs.
 *
 * <p>Not in v1: value ranges (dereferencing a scalar, a context or a map value is left to the VM's
 * run-time bounds checks), helper argument sizes (a stack buffer passed to a helper counts as
 * initialised from its start to the frame's top after the call), and recursion (refused once calls
 * nest deeper than the limit).
 */
package org.csdlab.ebpf.verifier;
