package org.csdlab.ebpf.verifier;

/** What a helper leaves in r0. */
public enum ReturnType {
    SCALAR, MAP_VALUE_OR_NULL
}
