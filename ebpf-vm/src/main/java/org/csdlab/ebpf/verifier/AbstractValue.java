package org.csdlab.ebpf.verifier;

import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.verifier.RegType.Kind;

/**
 * What the exploration engine knows of one register or spilled stack slot: a scalar with its {@link
 * Scalar} facts (tnum, signed and unsigned 64- and 32-bit bounds), or a pointer of a kind with the
 * Scalar of its offset from the region's start.
 *
 * @param kind scalar, pointer kind, or not initialised
 * @param scalar the scalar's values, or the pointer's offset from its base
 * @param region for {@link Kind#PTR_TO_REGION} (and its maybe-null form) the region's name; for a
 *     void helper's r0 its name; for the 0 that the null side of a null check leaves, what was null
 *     (so dereferencing it is a missing null check)
 * @param sizeBytes the bytes a pointer may reach from its base (context, region, map value), or -1
 *     when the verifier does not know them
 * @param writable whether memory behind the pointer may be written
 * @param id the map lookup that produced a map value pointer, or the helper call that stored a
 *     maybe-null pointer (its pc + 1), so a null check of one copy refines every copy; for a
 *     scalar, its link: copies of one scalar (a register copied, a spill and its fill) share a
 *     non-zero id, so a branch that narrows one narrows them all (0: no copy shares it)
 * @param frame for a stack pointer, the call frame whose stack it points into (0 = the program's)
 * @param map for a map handle, and a pointer to one of its values, the map's definition; else null
 */
record AbstractValue(
    Kind kind,
    Scalar scalar,
    String region,
    long sizeBytes,
    boolean writable,
    int id,
    int frame,
    MapDefinition map) {

  static final AbstractValue NOT_INIT =
      new AbstractValue(Kind.NOT_INIT, Scalar.unknown(), null, -1, false, 0, 0, null);
  static final AbstractValue UNKNOWN_SCALAR = scalar(Scalar.unknown());

  static AbstractValue scalar(Scalar r) {
    return new AbstractValue(Kind.SCALAR, r, null, -1, false, 0, 0, null);
  }

  static AbstractValue constant(long v) {
    return scalar(Scalar.constant(v));
  }

  static AbstractValue framePointer(int frame) {
    return new AbstractValue(
        Kind.PTR_TO_STACK, Scalar.constant(0), null, Verifier.STACK_SIZE, true, 0, frame, null);
  }

  static AbstractValue context(long sizeBytes, boolean writable) {
    return new AbstractValue(
        Kind.PTR_TO_CTX, Scalar.constant(0), null, sizeBytes, writable, 0, 0, null);
  }

  static AbstractValue region(VerifierOptions.Region r, long offset) {
    return new AbstractValue(
        Kind.PTR_TO_REGION,
        Scalar.constant(offset),
        r.name(),
        r.length(),
        r.writable(),
        0,
        0,
        null);
  }

  /**
   * What a map lookup returns: a pointer to a value of {@code map} ({@code value_size} bytes), or
   * null; a null {@code map} is one the options do not declare, whose value size is not known.
   */
  static AbstractValue mapValueOrNull(MapDefinition map, int id) {
    return new AbstractValue(
        Kind.PTR_TO_MAP_VALUE_OR_NULL,
        Scalar.constant(0),
        map == null ? null : map.name(),
        map == null ? -1 : map.valueSize(),
        true,
        id,
        0,
        map);
  }

  /** The handle of the declared map {@code map}, as {@code lddw} loads it. */
  static AbstractValue mapHandle(MapDefinition map) {
    return new AbstractValue(
        Kind.CONST_PTR_TO_MAP, Scalar.constant(0), map.name(), -1, false, 0, 0, map);
  }

  /**
   * The pointer a helper called at {@code pc} stored: into the context ({@code contextSizeBytes},
   * {@code contextWritable}) or into its region, at offsets {@code stored} allows, or null too when
   * {@code maybeNull}.
   */
  static AbstractValue storedPointer(
      org.csdlab.ebpf.StoredValue.Pointer stored,
      long contextSizeBytes,
      boolean contextWritable,
      boolean maybeNull,
      int pc) {
    Scalar offset =
        stored.minOffsetBytes() == stored.maxOffsetBytes()
            ? Scalar.constant(stored.minOffsetBytes())
            : Scalar.unsignedRange(stored.minOffsetBytes(), stored.maxOffsetBytes());
    Kind kind =
        stored.intoContext()
            ? (maybeNull ? Kind.PTR_TO_CTX_OR_NULL : Kind.PTR_TO_CTX)
            : (maybeNull ? Kind.PTR_TO_REGION_OR_NULL : Kind.PTR_TO_REGION);
    return new AbstractValue(
        kind,
        offset,
        stored.region(),
        stored.intoContext() ? contextSizeBytes : stored.sizeBytes(),
        stored.intoContext() ? contextWritable : stored.writable(),
        maybeNull ? pc + 1 : 0,
        0,
        null);
  }

  /** The 0 a null check leaves on its null side for the maybe-null pointer {@code checked}. */
  static AbstractValue nullOf(AbstractValue checked) {
    String cause =
        checked.kind() == Kind.PTR_TO_MAP_VALUE_OR_NULL
            ? "map_lookup_elem found nothing"
            : "the helper called at pc " + (checked.id() - 1) + " stored no pointer";
    return new AbstractValue(Kind.SCALAR, Scalar.constant(0), cause, -1, false, 0, 0, null);
  }

  static AbstractValue voidResultOf(String helper, int pc) {
    return new AbstractValue(Kind.NOT_INIT, Scalar.unknown(), helper, -1, false, pc + 1, 0, null);
  }

  boolean isInit() {
    return kind != Kind.NOT_INIT;
  }

  boolean isPointer() {
    return kind != Kind.NOT_INIT && kind != Kind.SCALAR;
  }

  AbstractValue withScalar(Scalar r) {
    return new AbstractValue(kind, r, region, sizeBytes, writable, id, frame, map);
  }

  /** This scalar linked to every other holder of {@code link}. */
  AbstractValue withId(int link) {
    return new AbstractValue(kind, scalar, region, sizeBytes, writable, link, frame, map);
  }

  /** True for a scalar that shares its value with copies (a branch narrows them together). */
  boolean isLinked() {
    return kind == Kind.SCALAR && id != 0;
  }

  /** {@link #hashCode()} with a scalar's link left out, as states are compared up to renaming. */
  int hashIgnoringLink() {
    return isLinked() ? withId(0).hashCode() : hashCode();
  }

  /** Equal, a scalar's link left out (the links are compared by {@link LinkMap}). */
  boolean equalsIgnoringLink(AbstractValue o) {
    return isLinked() || o.isLinked() ? withId(0).equals(o.withId(0)) : equals(o);
  }

  AbstractValue withKind(Kind k) {
    return new AbstractValue(k, scalar, region, sizeBytes, writable, id, frame, map);
  }

  /**
   * True when every concrete value this one may stand for is also one {@code other} stands for: a
   * state made of such values needs no exploration once {@code other}'s state is explored.
   */
  boolean isSubsetOf(AbstractValue other) {
    if (other.kind == Kind.NOT_INIT) {
      // nothing explored from other read it, so whatever this holds is never read either
      return true;
    }
    if (kind != other.kind) {
      return false;
    }
    if (kind == Kind.SCALAR) {
      return scalar.isSubsetOf(other.scalar);
    }
    return scalar.isSubsetOf(other.scalar)
        && sizeBytes == other.sizeBytes
        && writable == other.writable
        && frame == other.frame
        && java.util.Objects.equals(region, other.region)
        && java.util.Objects.equals(map, other.map)
        && (!kind.maybeNull() || id == other.id);
  }

  /** The v1 type of this value, for {@link VerifierError#registers()}. */
  RegType toRegType() {
    Long off = scalar.isConstant() ? scalar.constantValue() : null;
    return switch (kind) {
      case NOT_INIT ->
          region == null ? RegType.NOT_INIT : new RegType(Kind.NOT_INIT, null, region, false, id);
      case SCALAR -> RegType.SCALAR;
      case PTR_TO_STACK -> RegType.stack(off);
      case PTR_TO_REGION -> RegType.region(region, writable).withOffset(off);
      case PTR_TO_REGION_OR_NULL -> new RegType(kind, off, region, writable, id);
      case CONST_PTR_TO_MAP -> new RegType(kind, null, region, false, 0);
      default -> new RegType(kind, off, null, writable, id);
    };
  }

  /**
   * As the Linux verifier's log prints it: {@code scalar(umax=255)}, {@code ctx(off=14)}, {@code
   * fp-8}.
   */
  String toKernelString() {
    return switch (kind) {
      case NOT_INIT -> "?";
      case SCALAR ->
          id != 0 && !scalar.isConstant()
              ? "scalar(id=" + id + "," + scalar.toKernelString().substring("scalar(".length())
              : scalar.toKernelString();
      case PTR_TO_STACK ->
          scalar.isConstant()
              ? "fp" + (scalar.smin() < 0 ? "" : "+") + scalar.smin()
              : "fp(" + offsetText() + ")";
      case PTR_TO_CTX -> "ctx(" + offsetText() + ")";
      case PTR_TO_MAP_VALUE -> "map_value(" + offsetText() + sizeText() + ")";
      case PTR_TO_MAP_VALUE_OR_NULL ->
          "map_value_or_null(id=" + id + "," + offsetText() + sizeText() + ")";
      case PTR_TO_REGION ->
          region + (writable ? "" : "(ro)") + "(" + offsetText() + sizeText() + ")";
      case PTR_TO_CTX_OR_NULL -> "ctx_or_null(id=" + id + "," + offsetText() + ")";
      case PTR_TO_REGION_OR_NULL ->
          region
              + (writable ? "" : "(ro)")
              + "_or_null(id="
              + id
              + ","
              + offsetText()
              + sizeText()
              + ")";
      case CONST_PTR_TO_MAP -> "map_ptr(ks=" + map.keySize() + ",vs=" + map.valueSize() + ")";
    };
  }

  private String offsetText() {
    if (scalar.isConstant()) {
      return "off=" + scalar.smin();
    }
    String r = scalar.toKernelString();
    return "off=0," + r.substring("scalar(".length(), r.length() - 1);
  }

  private String sizeText() {
    return sizeBytes < 0 ? "" : ",size=" + sizeBytes;
  }
}
