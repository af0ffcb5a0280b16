package org.csdlab.ebpf.elf;

import org.csdlab.ebpf.MemoryBudget;

/**
 * How {@link ElfObject} loads an object.
 *
 * @param memoryBudgetBytes the most memory one loaded program may take: the copy of the file,
 *     symbol and section names, the data sections it uses (zero-filled ones included) and every map
 *     at its real per-entry cost ({@link org.csdlab.ebpf.maps.MapDefinition#memoryBytes()});
 *     checked before any of it is allocated. Default {@link MemoryBudget#DEFAULT_BYTES} (256 MiB).
 */
public record ElfLoadOptions(long memoryBudgetBytes) {
  /** How budget errors name this setting. */
  public static final String MEMORY_BUDGET_SETTING = "ElfLoadOptions.memoryBudgetBytes";

  /** Validates the options. */
  public ElfLoadOptions {
    if (memoryBudgetBytes <= 0) {
      throw new IllegalArgumentException(
          MEMORY_BUDGET_SETTING + " must be positive, got " + memoryBudgetBytes);
    }
  }

  /** The defaults: a budget of {@link MemoryBudget#DEFAULT_BYTES}. */
  public static ElfLoadOptions defaults() {
    return new ElfLoadOptions(MemoryBudget.DEFAULT_BYTES);
  }

  /** These options with another memory budget. */
  public ElfLoadOptions withMemoryBudgetBytes(long bytes) {
    return new ElfLoadOptions(bytes);
  }

  /** An empty budget of {@link #memoryBudgetBytes()}, naming this setting in its errors. */
  MemoryBudget newBudget() {
    return new MemoryBudget(memoryBudgetBytes, MEMORY_BUDGET_SETTING);
  }
}
