#!/bin/sh
# Regenerates the committed object(s) from their C sources and records clang's major version.
# Run from anywhere: ebpf-vm/src/test/resources/elf/build.sh  (CLANG=/path/to/clang to choose one)
set -eu
cd "$(dirname "$0")"
CLANG="${CLANG:-clang}"
"$CLANG" -O2 -target bpf -c globals.c -o globals.o
"$CLANG" -dumpversion | cut -d. -f1 > clang-version.txt
