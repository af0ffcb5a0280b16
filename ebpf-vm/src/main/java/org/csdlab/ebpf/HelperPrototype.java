package org.csdlab.ebpf;

import java.util.ArrayList;
import java.util.List;

/**
 * A helper's signature as the verifier checks calls against it, modelled on the kernel's {@code
 * struct bpf_func_proto}: its id, its name, its argument registers (r1 upward) with what each one
 * must hold, which argument holds the size of each sized pointer, and what it returns in r0 (for a
 * scalar, the signed range the helper guarantees). A variadic helper requires only {@code args};
 * further registers are optional and the prototype says nothing about them. Every helper in a
 * {@link HelperRegistry} has one, so the verifier knows each helper the VM can run.
 *
 * <p>A sized pointer ({@link ArgType.Extent#SIZE_ARGUMENT}) is paired with the size argument right
 * after it, as in the kernel, or else right before it (OpenCSD's {@code read} and {@code write}
 * take the size before the buffer); {@link #sizeArgOf} gives the pairing, and the constructor
 * refuses a prototype where a sized pointer has no size or a size no pointer. Map keys, map values
 * and a {@link ReturnType#MAP_VALUE_OR_NULL} result refer to the one {@link ArgType#MAP_HANDLE}
 * argument ({@link #mapArg}). For an argument the helper stores a u64 through ({@link
 * ArgType#storesWord}), {@link #stored} says what it stores: any number unless the prototype says
 * more ({@link #withStored}), e.g. a pointer into the context at offsets the device fixes.
 *
 * @param sizeArgs for each argument, the index (0 for r1) of the argument that holds its size, or
 *     -1; null pairs them as above
 * @param returns the signed range of r0 after the call when {@code ret} is {@link
 *     ReturnType#SCALAR} ({@link ReturnRange#ANY} when the helper guarantees none)
 * @param stores for each argument, what the helper stores through it ({@link
 *     StoredValue#ANY_NUMBER} unless said otherwise), or null for an argument it stores no u64
 *     through; null: the defaults
 */
public record HelperPrototype(
    int id,
    String name,
    List<ArgType> args,
    ReturnType ret,
    boolean variadic,
    List<Integer> sizeArgs,
    HelperPrototype.ReturnRange returns,
    List<StoredValue> stores) {

  /** Most argument registers a helper reads (r1-r5). */
  public static final int MAX_ARGS = 5;

  /** The signed 64-bit range r0 holds after the call: {@code min <= r0 <= max}. */
  public record ReturnRange(long min, long max) {
    /** No guarantee. */
    public static final ReturnRange ANY = new ReturnRange(Long.MIN_VALUE, Long.MAX_VALUE);

    /** 0 on success or a negated errno (-4095..-1), as the kernel's {@code int} helpers. */
    public static final ReturnRange ZERO_OR_ERRNO = new ReturnRange(-4095, 0);

    /** A u32, zero-extended. */
    public static final ReturnRange U32 = new ReturnRange(0, 0xffff_ffffL);

    public ReturnRange {
      if (min > max) {
        throw new IllegalArgumentException("return range min " + min + " > max " + max);
      }
    }

    /** Exactly {@code value}. */
    public static ReturnRange exactly(long value) {
      return new ReturnRange(value, value);
    }

    /** Whether {@code value} lies in the range. */
    public boolean contains(long value) {
      return value >= min && value <= max;
    }

    @Override
    public String toString() {
      return equals(ANY) ? "any" : "[" + min + ", " + max + "]";
    }
  }

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
    if (returns == null) {
      throw new IllegalArgumentException(
          "helper " + id + " (" + name + ") needs a return range (ReturnRange.ANY for none)");
    }
    sizeArgs = sizeArgs == null ? pairSizes(args) : List.copyOf(sizeArgs);
    checkPairing("helper " + id + " (" + name + ")", args, sizeArgs);
    stores =
        stores == null
            ? defaultStores(args)
            : java.util.Collections.unmodifiableList(new ArrayList<>(stores));
    checkStores("helper " + id + " (" + name + ")", args, stores);
    long mapHandles = args.stream().filter(a -> a == ArgType.MAP_HANDLE).count();
    boolean usesMap =
        ret == ReturnType.MAP_VALUE_OR_NULL
            || args.contains(ArgType.PTR_TO_MAP_KEY)
            || args.contains(ArgType.PTR_TO_MAP_VALUE);
    if (usesMap && mapHandles != 1) {
      throw new IllegalArgumentException(
          "helper "
              + id
              + " ("
              + name
              + ") uses a map's key or value size, so it needs exactly one map handle argument,"
              + " not "
              + mapHandles);
    }
  }

  /** A helper with its sizes paired as the class comment says and no return range. */
  public HelperPrototype(int id, String name, List<ArgType> args, ReturnType ret) {
    this(id, name, args, ret, false);
  }

  /** A helper with its sizes paired as the class comment says and no return range. */
  public HelperPrototype(
      int id, String name, List<ArgType> args, ReturnType ret, boolean variadic) {
    this(id, name, args, ret, variadic, null, ReturnRange.ANY, null);
  }

  /** This prototype, guaranteeing {@code min <= r0 <= max} (signed) after the call. */
  public HelperPrototype withReturnRange(long min, long max) {
    return withReturnRange(new ReturnRange(min, max));
  }

  /** This prototype, guaranteeing r0 in {@code range} after the call. */
  public HelperPrototype withReturnRange(ReturnRange range) {
    if (ret != ReturnType.SCALAR) {
      throw new IllegalArgumentException(
          "helper " + id + " (" + name + ") returns " + ret + ", not a scalar with a range");
    }
    return new HelperPrototype(id, name, args, ret, variadic, sizeArgs, range, stores);
  }

  /**
   * This prototype, the helper storing {@code value} through argument {@code arg} (0 for r1), which
   * must be one it stores a u64 through ({@link ArgType#storesWord}); a pointer only through one
   * that {@link ArgType#storesPointer}.
   */
  public HelperPrototype withStored(int arg, StoredValue value) {
    if (arg < 0 || arg >= args.size()) {
      throw new IllegalArgumentException(
          "helper " + id + " (" + name + ") has no argument r" + (arg + 1));
    }
    List<StoredValue> out = new ArrayList<>(stores);
    out.set(arg, value);
    return new HelperPrototype(id, name, args, ret, variadic, sizeArgs, returns, out);
  }

  /**
   * What the helper stores through argument {@code arg} (0 for r1), or null when it stores no u64
   * through it.
   */
  public StoredValue stored(int arg) {
    return stores.get(arg);
  }

  /** The index (0 for r1) of the argument holding the size of argument {@code arg}, or -1. */
  public int sizeArgOf(int arg) {
    return sizeArgs.get(arg);
  }

  /** The index of the pointer argument whose size argument {@code sizeArg} is, or -1. */
  public int pointerArgOf(int sizeArg) {
    return sizeArgs.indexOf(sizeArg);
  }

  /** The index (0 for r1) of the map handle argument, or -1 when the helper takes none. */
  public int mapArg() {
    return args.indexOf(ArgType.MAP_HANDLE);
  }

  private static List<StoredValue> defaultStores(List<ArgType> args) {
    List<StoredValue> out = new ArrayList<>();
    for (ArgType a : args) {
      out.add(a.storesWord() ? StoredValue.ANY_NUMBER : null);
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private static void checkStores(String helper, List<ArgType> args, List<StoredValue> stores) {
    if (stores.size() != args.size()) {
      throw new IllegalArgumentException(
          helper + ": " + stores.size() + " stored values for " + args.size() + " arguments");
    }
    for (int i = 0; i < args.size(); i++) {
      ArgType a = args.get(i);
      StoredValue v = stores.get(i);
      String arg = "r" + (i + 1) + " (" + a.description() + ")";
      if (a.storesWord() != (v != null)) {
        throw new IllegalArgumentException(
            helper
                + ": "
                + arg
                + (v == null ? " needs what the helper stores there" : " stores nothing"));
      }
      if (v instanceof StoredValue.Pointer && !a.storesPointer()) {
        throw new IllegalArgumentException(helper + ": " + arg + " stores a number, not " + v);
      }
    }
  }

  private static List<Integer> pairSizes(List<ArgType> args) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      int size = -1;
      if (args.get(i).extent() == ArgType.Extent.SIZE_ARGUMENT) {
        if (i + 1 < args.size() && args.get(i + 1).isSize()) {
          size = i + 1;
        } else if (i > 0 && args.get(i - 1).isSize()) {
          size = i - 1;
        }
      }
      out.add(size);
    }
    return out;
  }

  private static void checkPairing(String helper, List<ArgType> args, List<Integer> sizes) {
    if (sizes.size() != args.size()) {
      throw new IllegalArgumentException(
          helper + ": " + sizes.size() + " size pairings for " + args.size() + " arguments");
    }
    for (int i = 0; i < args.size(); i++) {
      int size = sizes.get(i);
      String arg = "r" + (i + 1) + " (" + args.get(i).description() + ")";
      boolean sized = args.get(i).extent() == ArgType.Extent.SIZE_ARGUMENT;
      if (sized && (size < 0 || size >= args.size() || !args.get(size).isSize())) {
        throw new IllegalArgumentException(helper + ": " + arg + " has no size argument");
      }
      if (!sized && size != -1) {
        throw new IllegalArgumentException(helper + ": " + arg + " takes no size argument");
      }
      if (args.get(i).isSize() && sizes.indexOf(i) < 0) {
        throw new IllegalArgumentException(helper + ": " + arg + " belongs to no pointer");
      }
      if (args.get(i).isSize() && sizes.indexOf(i) != sizes.lastIndexOf(i)) {
        throw new IllegalArgumentException(helper + ": " + arg + " belongs to two pointers");
      }
    }
  }
}
