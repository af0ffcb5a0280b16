package org.csdlab.lab.cli;

import picocli.CommandLine.Command;

/** {@code csdlab ebpf}: the eBPF tools, one subcommand each. */
@Command(
    name = "ebpf",
    description = "Assemble, disassemble, run and verify eBPF programs.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {
      EbpfAsmCommand.class,
      EbpfDisasmCommand.class,
      EbpfRunCommand.class,
      EbpfVerifyCommand.class
    },
    footer = {
      "",
      "FILE is an ELF object (clang -O2 -target bpf), raw bytecode (8 bytes an instruction) or assembly "
          + "text (LLVM syntax 'r0 = 1' or uBPF syntax 'mov %%r0, 1'); csdlab tells which from the content."
    })
final class EbpfCommand extends CommandGroup {}
