package org.csdlab.ebpf;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of helpers by id, each a function with its {@link HelperPrototype}: the VM runs
 * the functions and the verifier checks calls against the prototypes of the same registry ({@code
 * VerifierOptions.withHelpers(registry)}), so a program the verifier accepts calls only helpers the
 * VM has, and the other way round. Build one with {@link #empty()} and {@link #with}; a helper
 * cannot be registered without its prototype.
 */
public final class HelperRegistry {
  private static final HelperRegistry EMPTY = new HelperRegistry(new TreeMap<>());

  /** A registered helper. */
  public record Entry(HelperPrototype prototype, Helper function) {
    /** The helper's id. */
    public int id() {
      return prototype.id();
    }

    /** The helper's name, as error messages and disassembly comments use it. */
    public String name() {
      return prototype.name();
    }
  }

  private final Map<Integer, Entry> byId;

  private HelperRegistry(Map<Integer, Entry> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  /** A registry with no helpers. */
  public static HelperRegistry empty() {
    return EMPTY;
  }

  /**
   * A copy of this registry with {@code function} registered under its prototype's id; replaces an
   * existing id.
   */
  public HelperRegistry with(HelperPrototype prototype, Helper function) {
    if (prototype == null) {
      throw new IllegalArgumentException(
          "a helper needs its prototype (id, name, arguments, return type)");
    }
    if (function == null) {
      throw new IllegalArgumentException(
          "helper " + prototype.id() + " (" + prototype.name() + ") needs a function");
    }
    TreeMap<Integer, Entry> copy = new TreeMap<>(byId);
    copy.put(prototype.id(), new Entry(prototype, function));
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

  /** The prototypes of the helpers, ordered by id: what the verifier checks calls against. */
  public Map<Integer, HelperPrototype> prototypes() {
    Map<Integer, HelperPrototype> out = new TreeMap<>();
    byId.forEach((id, entry) -> out.put(id, entry.prototype()));
    return Collections.unmodifiableMap(out);
  }

  /** As {@code HelperRegistry[1 map_lookup_elem, 2 map_update_elem]}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("HelperRegistry[");
    byId.values()
        .forEach(
            e ->
                out.append(out.length() > 15 ? ", " : "")
                    .append(e.id())
                    .append(' ')
                    .append(e.name()));
    return out.append(']').toString();
  }
}
