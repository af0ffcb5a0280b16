package org.csdlab.ebpf;

/** What a helper expects in one argument register; v1 checks only that it is initialised. */
public enum ArgType {
  ANYTHING("a value"),
  MAP_HANDLE("a map handle"),
  PTR_TO_MEM("a pointer to memory"),
  SIZE("a size");

  private final String description;

  ArgType(String description) {
    this.description = description;
  }

  /** Plain words for messages, e.g. "a map handle". */
  public String description() {
    return description;
  }
}
