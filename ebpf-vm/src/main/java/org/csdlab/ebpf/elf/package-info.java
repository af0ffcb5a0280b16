/**
 * Loading eBPF programs from relocatable ELF objects written by {@code clang -target bpf -c}:
 * {@link org.csdlab.ebpf.elf.ElfObject} parses the file, {@link org.csdlab.ebpf.elf.LoadedProgram}
 * is one program with its relocations resolved and the data regions it addresses. Binary layouts
 * live in small descriptor classes ({@link org.csdlab.ebpf.elf.ElfHeader}, {@link
 * org.csdlab.ebpf.elf.SectionHeader}, {@link org.csdlab.ebpf.elf.ElfSymbol}, {@link
 * org.csdlab.ebpf.elf.ElfRelocation}); every problem is an {@link
 * org.csdlab.ebpf.elf.ElfFormatException}.
 *
 * <p>Maps: {@link org.csdlab.ebpf.elf.ElfObject#mapDefinitions()} reads the legacy {@code maps}
 * section ({@code struct bpf_map_def}, one per symbol) and BTF-defined {@code .maps} (from the
 * {@code .BTF} section, so compile with {@code -g}). An {@code lddw} of a map becomes a plain
 * constant, the map's {@link org.csdlab.ebpf.maps.MapSet} handle:
 *
 * <pre>{@code
 * LoadedProgram loaded = ElfObject.read(path).program("csd");
 * MapSet maps = loaded.mapSet();              // within the program's memory budget
 * Vm vm = loaded.vmBuilder(maps).build();     // data regions, map regions, Linux helpers
 * }</pre>
 */
package org.csdlab.ebpf.elf;
