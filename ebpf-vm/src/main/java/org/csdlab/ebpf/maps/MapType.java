package org.csdlab.ebpf.maps;

import java.util.Arrays;

/** The map types this VM models, with the kernel's {@code enum bpf_map_type} numbers. */
public enum MapType {
  /** {@code BPF_MAP_TYPE_HASH}. */
  HASH(1),
  /** {@code BPF_MAP_TYPE_ARRAY}. */
  ARRAY(2),
  /** {@code BPF_MAP_TYPE_LRU_HASH}. */
  LRU_HASH(9),
  /** {@code BPF_MAP_TYPE_RINGBUF}. */
  RINGBUF(27);

  private final int id;

  MapType(int id) {
    this.id = id;
  }

  /** The kernel's number for this type. */
  public int id() {
    return id;
  }

  /** The type numbered {@code id}; throws for a type this VM does not model. */
  public static MapType of(long id) {
    for (MapType type : values()) {
      if (type.id == id) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "map type "
            + id
            + " is not supported; supported: "
            + Arrays.stream(values()).map(t -> t.id + " " + t).toList());
  }
}
