package org.csdlab.ebpf.verifier;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verifier's view of a helper: its argument registers (r1 upward) and what it returns. A
 * variadic helper requires only {@code args}; further registers are optional.
 */
public record HelperPrototype(int id, String name, List<ArgType> args, ReturnType ret, boolean variadic) {

    public HelperPrototype {
        args = List.copyOf(args);
        if (args.size() > 5) {
            throw new IllegalArgumentException("a helper takes at most 5 arguments, not " + args.size());
        }
    }

    public HelperPrototype(int id, String name, List<ArgType> args, ReturnType ret) {
        this(id, name, args, ret, false);
    }

    public static final HelperPrototype MAP_LOOKUP_ELEM = new HelperPrototype(1, "map_lookup_elem",
            List.of(ArgType.MAP_HANDLE, ArgType.PTR_TO_MEM), ReturnType.MAP_VALUE_OR_NULL);
    public static final HelperPrototype MAP_UPDATE_ELEM = new HelperPrototype(2, "map_update_elem",
            List.of(ArgType.MAP_HANDLE, ArgType.PTR_TO_MEM, ArgType.PTR_TO_MEM, ArgType.ANYTHING), ReturnType.SCALAR);
    public static final HelperPrototype MAP_DELETE_ELEM = new HelperPrototype(3, "map_delete_elem",
            List.of(ArgType.MAP_HANDLE, ArgType.PTR_TO_MEM), ReturnType.SCALAR);
    public static final HelperPrototype KTIME_GET_NS = new HelperPrototype(5, "ktime_get_ns",
            List.of(), ReturnType.SCALAR);
    public static final HelperPrototype TRACE_PRINTK = new HelperPrototype(6, "trace_printk",
            List.of(ArgType.PTR_TO_MEM, ArgType.SIZE), ReturnType.SCALAR, true);

    /** The known Linux-style prototypes, by id. */
    public static Map<Integer, HelperPrototype> linux() {
        Map<Integer, HelperPrototype> out = new TreeMap<>();
        for (HelperPrototype p : List.of(MAP_LOOKUP_ELEM, MAP_UPDATE_ELEM, MAP_DELETE_ELEM, KTIME_GET_NS, TRACE_PRINTK)) {
            out.put(p.id(), p);
        }
        return out;
    }
}
