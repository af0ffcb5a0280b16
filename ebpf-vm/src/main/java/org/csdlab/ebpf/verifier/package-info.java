/**
 * The eBPF verifier: checks a program before it runs and explains a refusal with one primary error.
 *
 * <pre>{@code
 * VerificationResult r = Verifier.verify(program, VerifierOptions.defaults());
 * if (!r.ok()) {
 *     System.err.println(r.error().message());   // UNINIT_REG at 3 'r0 += r2': r2 is read before ...
 * }
 * }</pre>
 *
 * <p>Two engines share the structural checks ({@link org.csdlab.ebpf.verifier.Verifier#verify}
 * refuses a bad format, a jump outside, a fall off the end, unreachable code the same way for
 * both), the error codes ({@link org.csdlab.ebpf.verifier.ErrorCode}), the refusal's form ({@link
 * org.csdlab.ebpf.verifier.VerifierError}: code, pc, instruction, rule, registers, fix) and the
 * options ({@link org.csdlab.ebpf.verifier.VerifierOptions}: helper prototypes, the context's size,
 * maps, data regions, budgets, the log).
 *
 * <p><b>v1</b>, {@link org.csdlab.ebpf.verifier.Verifier}, is what {@code Verifier.verify} and so
 * the lab, the drive and flufflefs-lite use until v2 replaces it: an abstract interpreter over
 * register types ({@link org.csdlab.ebpf.verifier.RegType}) and per-byte stack initialisation,
 * joining states where paths meet until a fixpoint. It proves neither value ranges (context and map
 * value accesses are left to the VM's run-time bounds checks) nor termination (a loop that never
 * ends is stopped by the fuel limit).
 *
 * <p><b>v2</b>, {@link org.csdlab.ebpf.verifier.PathVerifier}, proves what the Linux verifier
 * proves, so that a program it accepts runs without a memory fault and ends:
 *
 * <ul>
 *   <li>values: every register and spilled slot is a {@link org.csdlab.ebpf.verifier.Scalar} (a
 *       {@link org.csdlab.ebpf.verifier.Tnum} and signed and unsigned 64- and 32-bit bounds; {@link
 *       org.csdlab.ebpf.verifier.ScalarAlu} for every ALU operation, {@link
 *       org.csdlab.ebpf.verifier.ScalarBranch} narrowing both outcomes of every jump), or a pointer
 *       of a kind with its offset as a Scalar;
 *   <li>memory: every access with its whole range against its region's size (stack, context, map
 *       value, data region, the drive's memory), helper buffers against their prototype's sizes
 *       ({@link org.csdlab.ebpf.ArgType}, {@link org.csdlab.ebpf.StoredValue});
 *   <li>termination: paths are explored with pruning at the kernel's prune points; a state that
 *       repeats on its own path is {@link org.csdlab.ebpf.verifier.ErrorCode#INFINITE_LOOP}; a loop
 *       whose rounds do not converge is summarised by a widened invariant and accepted only with a
 *       ranking location that moves one way without wrapping ({@link
 *       org.csdlab.ebpf.verifier.ErrorCode#UNBOUNDED_LOOP} otherwise), and {@link
 *       org.csdlab.ebpf.verifier.VerificationResult#instructionBound()} is the most instructions a
 *       run can execute;
 *   <li>the log in the kernel's form ({@code 5: (2d) if r8 > r1 goto pc+73 ; R1_w=scalar(umax=255)
 *       R8_w=ctx(off=14)}), and a refusal's ranges and path.
 * </ul>
 *
 * <p>Both engines' cost is bounded by the budgets of {@link
 * org.csdlab.ebpf.verifier.VerifierOptions} ({@link
 * org.csdlab.ebpf.verifier.ErrorCode#TOO_COMPLEX}, with the {@link
 * org.csdlab.ebpf.verifier.AnalysisCost}), and an interrupt of the thread stops either ({@link
 * org.csdlab.ebpf.verifier.VerificationInterruptedException}).
 */
package org.csdlab.ebpf.verifier;
