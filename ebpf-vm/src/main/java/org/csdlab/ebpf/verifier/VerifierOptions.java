package org.csdlab.ebpf.verifier;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of a verification: helper prototypes (unknown helper ids are refused), memory regions
 * whose base address loaded by {@code lddw} yields a pointer to them (read-only ones refuse
 * writes), and whether to keep the per-instruction log.
 */
public record VerifierOptions(Map<Integer, HelperPrototype> helpers, List<Region> regions, boolean log,
        int maxCallDepth) {

    /** A region a program may point into: an {@code lddw} of {@code base} yields a pointer to it. */
    public record Region(String name, long base, boolean writable) {
    }

    public VerifierOptions {
        helpers = Map.copyOf(helpers);
        regions = List.copyOf(regions);
    }

    public static VerifierOptions defaults() {
        return new VerifierOptions(HelperPrototype.linux(), List.of(), false, 8);
    }

    public VerifierOptions withLog(boolean keep) {
        return new VerifierOptions(helpers, regions, keep, maxCallDepth);
    }

    public VerifierOptions withHelper(HelperPrototype prototype) {
        Map<Integer, HelperPrototype> m = new TreeMap<>(helpers);
        m.put(prototype.id(), prototype);
        return new VerifierOptions(m, regions, log, maxCallDepth);
    }

    /** Only these helpers (replacing the Linux defaults). */
    public VerifierOptions withHelpers(Map<Integer, HelperPrototype> only) {
        return new VerifierOptions(only, regions, log, maxCallDepth);
    }

    public VerifierOptions withRegion(String name, long base, boolean writable) {
        List<Region> r = new java.util.ArrayList<>(regions);
        r.add(new Region(name, base, writable));
        return new VerifierOptions(helpers, r, log, maxCallDepth);
    }

    public VerifierOptions withReadOnlyRegion(String name, long base) {
        return withRegion(name, base, false);
    }
}
