package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.csdlab.ebpf.HelperPrototype.ReturnRange;
import org.junit.jupiter.api.Test;

class HelperPrototypeTest {
  @Test
  void aSizedPointerPairsWithTheSizeAfterItOrElseBeforeIt() {
    HelperPrototype after =
        new HelperPrototype(
            1, "out", List.of(ArgType.PTR_TO_MEM, ArgType.SIZE, ArgType.ANYTHING), ReturnType.VOID);
    assertEquals(List.of(1, -1, -1), after.sizeArgs());
    assertEquals(0, after.pointerArgOf(1));
    HelperPrototype before =
        new HelperPrototype(
            2,
            "read",
            List.of(ArgType.ANYTHING, ArgType.SIZE_OR_ZERO, ArgType.PTR_TO_UNINIT_MEM),
            ReturnType.SCALAR);
    assertEquals(1, before.sizeArgOf(2));
    assertEquals(-1, before.pointerArgOf(0));
  }

  @Test
  void aPointerWithoutItsSizeIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new HelperPrototype(
                    3, "bad", List.of(ArgType.PTR_TO_MEM, ArgType.ANYTHING), ReturnType.VOID));
    assertEquals("helper 3 (bad): r1 (a pointer to memory) has no size argument", e.getMessage());
  }

  @Test
  void aSizeWithoutItsPointerIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new HelperPrototype(
                    4, "bad", List.of(ArgType.ANYTHING, ArgType.SIZE), ReturnType.VOID));
    assertEquals("helper 4 (bad): r2 (a size) belongs to no pointer", e.getMessage());
  }

  @Test
  void aMapKeyNeedsTheMapHandle() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new HelperPrototype(
                    5, "bad", List.of(ArgType.PTR_TO_MAP_KEY), ReturnType.MAP_VALUE_OR_NULL));
    assertEquals(
        "helper 5 (bad) uses a map's key or value size, so it needs exactly one map handle"
            + " argument, not 0",
        e.getMessage());
    HelperPrototype lookup =
        new HelperPrototype(
            6,
            "lookup",
            List.of(ArgType.MAP_HANDLE, ArgType.PTR_TO_MAP_KEY),
            ReturnType.MAP_VALUE_OR_NULL);
    assertEquals(0, lookup.mapArg());
  }

  @Test
  void onlyAScalarHasAReturnRange() {
    HelperPrototype ok =
        new HelperPrototype(7, "ok", List.of(), ReturnType.SCALAR).withReturnRange(-1, 0);
    assertEquals(new ReturnRange(-1, 0), ok.returns());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HelperPrototype(8, "v", List.of(), ReturnType.VOID).withReturnRange(0, 0));
    assertEquals("helper 8 (v) returns VOID, not a scalar with a range", e.getMessage());
    assertEquals(
        ReturnRange.ANY, new HelperPrototype(9, "any", List.of(), ReturnType.SCALAR).returns());
  }

  @Test
  void aStoredPointerNeedsAnArgumentThatStoresOne() {
    HelperPrototype memInfo =
        new HelperPrototype(
            7,
            "get_mem_info",
            List.of(ArgType.PTR_TO_UNINIT_POINTER, ArgType.PTR_TO_UNINIT_LONG),
            ReturnType.VOID);
    // until a loading path says where it points, the stored word is any number
    assertEquals(StoredValue.ANY_NUMBER, memInfo.stored(0));
    assertEquals(StoredValue.ANY_NUMBER, memInfo.stored(1));
    StoredValue.Pointer into = StoredValue.intoContext(0, 512);
    assertEquals(into, memInfo.withStored(0, into).stored(0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> memInfo.withStored(1, into));
    assertEquals(
        "helper 7 (get_mem_info): r2 (a pointer to a u64 it stores) stores a number, not a"
            + " pointer into the context at offset [0, 512]",
        e.getMessage());
    HelperPrototype out =
        new HelperPrototype(1, "out", List.of(ArgType.PTR_TO_MEM, ArgType.SIZE), ReturnType.VOID);
    assertEquals(null, out.stored(0));
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class, () -> out.withStored(0, StoredValue.ANY_NUMBER));
    assertEquals("helper 1 (out): r1 (a pointer to memory) stores nothing", none.getMessage());
    IllegalArgumentException offsets =
        assertThrows(IllegalArgumentException.class, () -> StoredValue.intoContext(8, 4));
    assertEquals(
        "a stored pointer's offsets must satisfy 0 <= min <= max, got [8, 4]",
        offsets.getMessage());
  }
}
