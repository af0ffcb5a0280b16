/**
 * Loading eBPF programs from relocatable ELF objects written by {@code clang -target bpf -c}:
 * {@link org.csdlab.ebpf.elf.ElfObject} parses the file, {@link org.csdlab.ebpf.elf.LoadedProgram}
 * is one program with its relocations resolved and the data regions it addresses. Binary layouts
 * live in small descriptor classes ({@link org.csdlab.ebpf.elf.ElfHeader},
 * {@link org.csdlab.ebpf.elf.SectionHeader}, {@link org.csdlab.ebpf.elf.ElfSymbol},
 * {@link org.csdlab.ebpf.elf.ElfRelocation}); every problem is an
 * {@link org.csdlab.ebpf.elf.ElfFormatException}.
 */
package org.csdlab.ebpf.elf;
