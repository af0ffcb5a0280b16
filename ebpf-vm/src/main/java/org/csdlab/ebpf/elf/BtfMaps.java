package org.csdlab.ebpf.elf;

import java.util.List;

/** Map definitions of the BTF-defined {@code .maps} section, described by the {@code .BTF} section. */
final class BtfMaps {
    private BtfMaps() {
    }

    /** The maps defined in {@code section}. */
    static List<ElfMap> read(ElfObject object, ElfBytes bytes, SectionHeader section) {
        return List.of();
    }
}
