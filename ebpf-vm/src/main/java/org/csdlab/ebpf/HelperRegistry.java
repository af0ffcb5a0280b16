package org.csdlab.ebpf;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of helpers by id. Build one with {@link #empty()} and {@link #with}; every
 * helper has a name that error messages and disassembly comments use.
 */
public final class HelperRegistry {
    private static final HelperRegistry EMPTY = new HelperRegistry(new TreeMap<>());

    /** A registered helper. */
    public record Entry(int id, String name, Helper function) {
    }

    private final Map<Integer, Entry> byId;

    private HelperRegistry(Map<Integer, Entry> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** A registry with no helpers. */
    public static HelperRegistry empty() {
        return EMPTY;
    }

    /** A copy of this registry with {@code function} registered as {@code id}; replaces an existing id. */
    public HelperRegistry with(int id, String name, Helper function) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("helper " + id + " needs a name");
        }
        if (function == null) {
            throw new IllegalArgumentException("helper " + id + " (" + name + ") needs a function");
        }
        TreeMap<Integer, Entry> copy = new TreeMap<>(byId);
        copy.put(id, new Entry(id, name, function));
        return new HelperRegistry(copy);
    }

    /** A copy of this registry with every helper of {@code other} added. */
    public HelperRegistry with(HelperRegistry other) {
        TreeMap<Integer, Entry> copy = new TreeMap<>(byId);
        copy.putAll(other.byId);
        return new HelperRegistry(copy);
    }

    /** The helper with {@code id}, or null. */
    public Entry find(long id) {
        return id == (int) id ? byId.get((int) id) : null;
    }

    /** The helpers, ordered by id. */
    public Map<Integer, Entry> entries() {
        return byId;
    }

    /** As {@code HelperRegistry[1 map_lookup_elem, 2 map_update_elem]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("HelperRegistry[");
        byId.values().forEach(e -> out.append(out.length() > 15 ? ", " : "").append(e.id()).append(' ').append(e.name()));
        return out.append(']').toString();
    }
}
