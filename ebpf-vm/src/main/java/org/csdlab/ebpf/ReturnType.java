package org.csdlab.ebpf;

/** What a helper leaves in r0. */
public enum ReturnType {
  SCALAR,
  MAP_VALUE_OR_NULL
}
