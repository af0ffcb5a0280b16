package org.csdlab.ebpf.verifier;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of a verification: helper prototypes (unknown helper ids are refused), memory regions
 * whose base address loaded by {@code lddw} yields a pointer to them (read-only ones refuse
 * writes), whether to keep the per-instruction log, how deep local calls may nest, and whether
 * r2 holds the context length at entry (as {@link org.csdlab.ebpf.Vm#run} sets it; on by default).
 */
public record VerifierOptions(Map<Integer, HelperPrototype> helpers, List<Region> regions, boolean log,
        int maxCallDepth, boolean contextLengthInR2) {

    /**
     * A region a program may point into: an {@code lddw} of an address in
     * [{@code base}, {@code base + length}) yields a pointer to it at that offset.
     */
    public record Region(String name, long base, long length, boolean writable) {
        public boolean contains(long address) {
            return address - base >= 0 && address - base < Math.max(length, 1);
        }
    }

    public VerifierOptions {
        helpers = Map.copyOf(helpers);
        regions = List.copyOf(regions);
    }

    public static VerifierOptions defaults() {
        return new VerifierOptions(HelperPrototype.linux(), List.of(), false, 8, true);
    }

    public VerifierOptions withLog(boolean keep) {
        return new VerifierOptions(helpers, regions, keep, maxCallDepth, contextLengthInR2);
    }

    public VerifierOptions withHelper(HelperPrototype prototype) {
        Map<Integer, HelperPrototype> m = new TreeMap<>(helpers);
        m.put(prototype.id(), prototype);
        return new VerifierOptions(m, regions, log, maxCallDepth, contextLengthInR2);
    }

    /** Only these helpers (replacing the Linux defaults). */
    public VerifierOptions withHelpers(Map<Integer, HelperPrototype> only) {
        return new VerifierOptions(only, regions, log, maxCallDepth, contextLengthInR2);
    }

    public VerifierOptions withRegion(String name, long base, boolean writable) {
        return withRegion(name, base, 1, writable);
    }

    public VerifierOptions withRegion(String name, long base, long length, boolean writable) {
        List<Region> r = new java.util.ArrayList<>(regions);
        r.add(new Region(name, base, length, writable));
        return new VerifierOptions(helpers, r, log, maxCallDepth, contextLengthInR2);
    }

    /** Whether r2 is initialised (a scalar, the context length) at entry; when not, only r1 and r10 are. */
    public VerifierOptions withContextLengthInR2(boolean set) {
        return new VerifierOptions(helpers, regions, log, maxCallDepth, set);
    }

    public VerifierOptions withMaxCallDepth(int depth) {
        return new VerifierOptions(helpers, regions, log, depth, contextLengthInR2);
    }

    /** The data regions (.data, .rodata*, .bss) of a program loaded from an ELF object, at the addresses it uses. */
    public VerifierOptions withRegionsOf(org.csdlab.ebpf.elf.LoadedProgram loaded) {
        VerifierOptions o = this;
        for (int i = 0; i < loaded.regions().size(); i++) {
            var region = loaded.regions().get(i);
            o = o.withRegion(region.name(), org.csdlab.ebpf.elf.LoadedProgram.regionAddress(i), region.bytes().length,
                    region.writable());
        }
        return o;
    }

    public VerifierOptions withReadOnlyRegion(String name, long base) {
        return withRegion(name, base, false);
    }
}
