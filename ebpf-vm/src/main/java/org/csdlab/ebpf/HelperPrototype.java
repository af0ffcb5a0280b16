package org.csdlab.ebpf;

import java.util.List;

/**
 * A helper's signature as the verifier checks calls against it: its id, its name, its argument
 * registers (r1 upward) and what it returns. A variadic helper requires only {@code args}; further
 * registers are optional. Every helper in a {@link HelperRegistry} has one, so the verifier knows
 * each helper the VM can run.
 */
public record HelperPrototype(
    int id, String name, List<ArgType> args, ReturnType ret, boolean variadic) {

  /** Most argument registers a helper reads (r1-r5). */
  public static final int MAX_ARGS = 5;

  public HelperPrototype {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("helper " + id + " needs a name");
    }
    args = List.copyOf(args);
    if (args.size() > MAX_ARGS) {
      throw new IllegalArgumentException(
          "a helper takes at most " + MAX_ARGS + " arguments, not " + args.size());
    }
    if (ret == null) {
      throw new IllegalArgumentException("helper " + id + " (" + name + ") needs a return type");
    }
  }

  public HelperPrototype(int id, String name, List<ArgType> args, ReturnType ret) {
    this(id, name, args, ret, false);
  }
}
