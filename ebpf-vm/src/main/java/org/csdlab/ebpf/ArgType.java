package org.csdlab.ebpf;

/**
 * What a helper expects in one argument register, modelled on the kernel's {@code enum
 * bpf_arg_type}: a plain value, a map handle, a pointer to memory the helper reads or writes (with
 * the size it touches: the map's key or value size, a fixed 8 bytes, up to a NUL, or another
 * argument that holds the size), the context, or a size; for the 8-byte kinds the helper stores
 * into, {@link HelperPrototype#stored} says what it stores (a number in a range, or a pointer into
 * memory the loading path knows). {@link HelperPrototype#sizeArgOf} pairs each sized pointer with
 * its size argument.
 */
public enum ArgType {
  /** Any initialised value ({@code ARG_ANYTHING}). */
  ANYTHING("a value", Access.NONE, Extent.NONE),
  /** The handle of a map the program loaded with {@code lddw} ({@code ARG_CONST_MAP_PTR}). */
  MAP_HANDLE("a map handle", Access.NONE, Extent.NONE),
  /**
   * A pointer to the map argument's {@code key_size} initialised bytes, which the helper reads
   * ({@code ARG_PTR_TO_MAP_KEY}).
   */
  PTR_TO_MAP_KEY("a pointer to a map key", Access.READ, Extent.MAP_KEY),
  /**
   * A pointer to the map argument's {@code value_size} initialised bytes, which the helper reads
   * ({@code ARG_PTR_TO_MAP_VALUE}).
   */
  PTR_TO_MAP_VALUE("a pointer to a map value", Access.READ, Extent.MAP_VALUE),
  /**
   * A pointer to initialised memory the helper only reads, as many bytes as its size argument says
   * ({@code ARG_PTR_TO_MEM | MEM_RDONLY}).
   */
  PTR_TO_MEM("a pointer to memory", Access.READ, Extent.SIZE_ARGUMENT),
  /**
   * A pointer to initialised, writable memory the helper reads and rewrites in place, as many bytes
   * as its size argument says ({@code ARG_PTR_TO_MEM}).
   */
  PTR_TO_MEM_UPDATED("a pointer to memory it rewrites", Access.READ_WRITE, Extent.SIZE_ARGUMENT),
  /**
   * A pointer to writable memory the helper fills, as many bytes as its size argument says; it may
   * be uninitialised before and counts as initialised after the call ({@code
   * ARG_PTR_TO_UNINIT_MEM}).
   */
  PTR_TO_UNINIT_MEM("a pointer to memory it fills", Access.WRITE, Extent.SIZE_ARGUMENT),
  /**
   * A pointer to 8 writable bytes the helper stores a u64 in; they may be uninitialised before and
   * count as initialised after ({@code ARG_PTR_TO_LONG}).
   */
  PTR_TO_UNINIT_LONG("a pointer to a u64 it stores", Access.WRITE, Extent.EIGHT_BYTES),
  /**
   * A pointer to 8 initialised, writable bytes the helper may overwrite or leave as they are, so
   * they must be initialised before the call.
   */
  PTR_TO_LONG_UPDATED("a pointer to a u64 it may overwrite", Access.READ_WRITE, Extent.EIGHT_BYTES),
  /**
   * A pointer to 8 writable bytes the helper stores a pointer in: which memory it points to, and at
   * what offset, is the prototype's {@link HelperPrototype#stored} (the kernel's helpers that hand
   * out memory return it in r0 instead; OpenCSD's {@code get_mem_info} stores it). They may be
   * uninitialised before; a load of them after the call gives the pointer.
   */
  PTR_TO_UNINIT_POINTER(
      "a pointer to 8 bytes it stores a pointer in", Access.WRITE, Extent.EIGHT_BYTES),
  /**
   * A pointer to 8 initialised, writable bytes the helper either sets to the prototype's {@link
   * HelperPrototype#stored} pointer or leaves as they are (OpenCSD's {@code get_call_info} when the
   * host passed no call information). A program that stored 0 there first gets a pointer that may
   * be null and must test it before use; any other old value makes the slot a plain number.
   */
  PTR_TO_POINTER_UPDATED(
      "a pointer to 8 bytes where it may store a pointer", Access.READ_WRITE, Extent.EIGHT_BYTES),
  /**
   * A pointer to a string the helper reads up to its NUL, its own limit, or the end of the region
   * holding its first byte, whichever comes first ({@link Memory#readStringBytes}): the verifier
   * checks that first byte (in bounds, and written when on the stack), and the helper never reads
   * past the region ({@code ARG_PTR_TO_CONST_STR} without the kernel's read-only-map rule, whose
   * contents this verifier does not know).
   */
  PTR_TO_STRING("a pointer to a NUL-terminated string", Access.READ, Extent.TO_NUL),
  /** The program's context pointer, r1 at entry ({@code ARG_PTR_TO_CTX}). */
  PTR_TO_CTX("the context pointer", Access.NONE, Extent.NONE),
  /**
   * The byte count of its paired pointer argument: a constant or a bounded scalar, at least 1
   * ({@code ARG_CONST_SIZE}).
   */
  SIZE("a size", Access.NONE, Extent.NONE),
  /**
   * As {@link #SIZE}, but 0 is allowed, and then the helper does not access the pointer ({@code
   * ARG_CONST_SIZE_OR_ZERO}).
   */
  SIZE_OR_ZERO("a size (0 allowed)", Access.NONE, Extent.NONE);

  /** What the helper does with the memory an argument points to. */
  public enum Access {
    /** Nothing: the argument is no pointer to memory. */
    NONE,
    /** Reads it: it must be initialised. */
    READ,
    /** Writes it without reading its value: it may be uninitialised and must be writable. */
    WRITE,
    /** Reads and may write it: it must be initialised and writable. */
    READ_WRITE
  }

  /** How many bytes from the pointer the helper may touch. */
  public enum Extent {
    /** None: the argument is no pointer to memory. */
    NONE,
    /** The map argument's {@code key_size}. */
    MAP_KEY,
    /** The map argument's {@code value_size}. */
    MAP_VALUE,
    /** The value of the paired size argument. */
    SIZE_ARGUMENT,
    /** Exactly 8 bytes. */
    EIGHT_BYTES,
    /** Up to and including the first NUL byte. */
    TO_NUL
  }

  private final String description;
  private final Access access;
  private final Extent extent;

  ArgType(String description, Access access, Extent extent) {
    this.description = description;
    this.access = access;
    this.extent = extent;
  }

  /** Plain words for messages, e.g. "a map handle". */
  public String description() {
    return description;
  }

  /** What the helper does with the memory this argument points to. */
  public Access access() {
    return access;
  }

  /** How many bytes from the pointer the helper touches. */
  public Extent extent() {
    return extent;
  }

  /** Whether the argument is a pointer to memory the helper accesses. */
  public boolean isMemoryPointer() {
    return access != Access.NONE;
  }

  /** Whether the memory must be initialised before the call. */
  public boolean readsMemory() {
    return access == Access.READ || access == Access.READ_WRITE;
  }

  /** Whether the helper may write the memory (it must be writable; it is initialised after). */
  public boolean writesMemory() {
    return access == Access.WRITE || access == Access.READ_WRITE;
  }

  /** Whether the argument is a size ({@link #SIZE} or {@link #SIZE_OR_ZERO}). */
  public boolean isSize() {
    return this == SIZE || this == SIZE_OR_ZERO;
  }

  /** Whether the helper stores a pointer through this argument (its prototype says which). */
  public boolean storesPointer() {
    return this == PTR_TO_UNINIT_POINTER || this == PTR_TO_POINTER_UPDATED;
  }

  /** Whether the helper stores a u64 through this argument (a number or a pointer). */
  public boolean storesWord() {
    return extent == Extent.EIGHT_BYTES && writesMemory();
  }

  /** Bytes the pointer's memory spans when they are fixed (8 for the u64 pointers), else -1. */
  public int fixedSizeBytes() {
    return extent == Extent.EIGHT_BYTES ? Long.BYTES : -1;
  }
}
