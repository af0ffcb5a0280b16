package org.csdlab.ebpf.verifier;

/**
 * Abstract value of a register: its kind, for stack pointers and map values the offset from the
 * base when known ({@code offset == null} when not), for regions their name and writability, and
 * for map values the id of the lookup that produced them (its pc + 1; 0 when unknown), so a null
 * check of one copy refines all copies. A register a {@code void} helper left without a value is
 * not initialised with that helper's name in {@code region} and the call's pc + 1 in {@code id}, so
 * a refusal can name the call.
 */
public record RegType(Kind kind, Long offset, String region, boolean writable, int id) {

  public enum Kind {
    NOT_INIT,
    SCALAR,
    PTR_TO_STACK,
    PTR_TO_CTX,
    PTR_TO_MAP_VALUE,
    PTR_TO_MAP_VALUE_OR_NULL,
    PTR_TO_REGION,
    /** A map's handle as {@code lddw} loads it, naming a declared map (the kernel's map_ptr). */
    CONST_PTR_TO_MAP,
    /** A pointer into the context a helper stored, or 0 when it stored none (verifier v2 only). */
    PTR_TO_CTX_OR_NULL,
    /** A pointer into a region a helper stored, or 0 when it stored none (verifier v2 only). */
    PTR_TO_REGION_OR_NULL;

    /** Whether the pointer may be null, so it must be tested before use. */
    public boolean maybeNull() {
      return this == PTR_TO_MAP_VALUE_OR_NULL
          || this == PTR_TO_CTX_OR_NULL
          || this == PTR_TO_REGION_OR_NULL;
    }

    /** The kind a null check leaves on its non-null side: this kind without "or null". */
    public Kind nonNull() {
      return switch (this) {
        case PTR_TO_MAP_VALUE_OR_NULL -> PTR_TO_MAP_VALUE;
        case PTR_TO_CTX_OR_NULL -> PTR_TO_CTX;
        case PTR_TO_REGION_OR_NULL -> PTR_TO_REGION;
        default -> this;
      };
    }
  }

  public RegType(Kind kind, Long offset, String region, boolean writable) {
    this(kind, offset, region, writable, 0);
  }

  public static final RegType NOT_INIT = new RegType(Kind.NOT_INIT, null, null, false);
  public static final RegType SCALAR = new RegType(Kind.SCALAR, null, null, false);
  public static final RegType CTX = new RegType(Kind.PTR_TO_CTX, 0L, null, true);
  public static final RegType MAP_VALUE = new RegType(Kind.PTR_TO_MAP_VALUE, 0L, null, true);
  public static final RegType MAP_VALUE_OR_NULL =
      new RegType(Kind.PTR_TO_MAP_VALUE_OR_NULL, 0L, null, true);

  /** r0 after a call at {@code pc} of {@code helper}, which returns nothing. */
  public static RegType voidResultOf(String helper, int pc) {
    return new RegType(Kind.NOT_INIT, null, helper, false, pc + 1);
  }

  /** The void helper whose call left this register without a value, or null. */
  public String voidHelper() {
    return kind == Kind.NOT_INIT ? region : null;
  }

  /** The pc of the call of {@link #voidHelper()} (meaningful only when it is not null). */
  public int voidCallPc() {
    return id - 1;
  }

  public static RegType stack(Long offset) {
    return new RegType(Kind.PTR_TO_STACK, offset, null, true);
  }

  public static RegType region(String name, boolean writable) {
    return new RegType(Kind.PTR_TO_REGION, 0L, name, writable);
  }

  public boolean isInit() {
    return kind != Kind.NOT_INIT;
  }

  public boolean isPointer() {
    return kind != Kind.NOT_INIT && kind != Kind.SCALAR;
  }

  public RegType withOffset(Long newOffset) {
    return new RegType(kind, newOffset, region, writable, id);
  }

  public RegType withKind(Kind newKind) {
    return new RegType(newKind, offset, region, writable, id);
  }

  public RegType withId(int newId) {
    return new RegType(kind, offset, region, writable, newId);
  }

  /**
   * Least upper bound: NOT_INIT wins (keeping the void helper that left it so, if any), equal kinds
   * keep the kind (offset kept only if equal), else scalar.
   */
  public RegType join(RegType other) {
    if (equals(other)) {
      return this;
    }
    if (kind == Kind.NOT_INIT) {
      return this;
    }
    if (other.kind == Kind.NOT_INIT) {
      return other;
    }
    Kind k = kind;
    Kind o = other.kind;
    if ((k == Kind.PTR_TO_MAP_VALUE && o == Kind.PTR_TO_MAP_VALUE_OR_NULL)
        || (o == Kind.PTR_TO_MAP_VALUE && k == Kind.PTR_TO_MAP_VALUE_OR_NULL)) {
      k = Kind.PTR_TO_MAP_VALUE_OR_NULL;
      o = k;
    }
    if (k != o
        || (k == Kind.PTR_TO_REGION
            && !(region.equals(other.region) && writable == other.writable))) {
      return SCALAR;
    }
    Long off = offset != null && offset.equals(other.offset) ? offset : null;
    return new RegType(k, off, region, writable, id == other.id ? id : 0);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NOT_INIT ->
          region == null ? "not initialised" : "not initialised (" + region + " returns nothing)";
      case SCALAR -> "scalar";
      case PTR_TO_STACK ->
          "pointer to stack (" + (offset == null ? "unknown offset" : "fp" + signed(offset)) + ")";
      case PTR_TO_CTX -> "pointer to context" + off();
      case PTR_TO_MAP_VALUE -> "pointer to map value" + off();
      case PTR_TO_MAP_VALUE_OR_NULL -> "pointer to map value or null" + off();
      case PTR_TO_REGION -> "pointer to " + region + (writable ? "" : " (read-only)") + off();
      case PTR_TO_CTX_OR_NULL -> "pointer to context or null" + off();
      case PTR_TO_REGION_OR_NULL ->
          "pointer to " + region + (writable ? "" : " (read-only)") + " or null" + off();
      case CONST_PTR_TO_MAP -> "handle of map " + region;
    };
  }

  private String off() {
    return offset == null ? " (unknown offset)" : offset == 0 ? "" : " (" + signed(offset) + ")";
  }

  private static String signed(long v) {
    return v < 0 ? Long.toString(v) : "+" + v;
  }
}
