package org.csdlab.ebpf.verifier;

/** What a helper expects in one argument register; v1 checks only that it is initialised. */
public enum ArgType {
    ANYTHING, MAP_HANDLE, PTR_TO_MEM, SIZE
}
