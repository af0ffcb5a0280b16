#!/usr/bin/env bash
# Regenerates the benchmark programs: compiles every *.c beside this script with
# clang -O2 -target bpf and extracts the raw .text section (little-endian eBPF
# bytecode, 8 bytes per slot) into <name>.bin. The .bin files are committed;
# run this after changing a .c file, then commit both.
#
# Usage: build.sh [OUTPUT_DIR]      (default: the directory of this script)
# Also writes clang-version.txt: the compiler that made the .bin files (another
# clang version may emit different, equally valid, bytecode).
# Needs: clang and llvm-objcopy (Debian/Ubuntu: apt-get install clang llvm).
# Environment: CLANG, LLVM_OBJCOPY override the tools.
set -euo pipefail

src_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir=${1:-$src_dir}
clang=${CLANG:-clang}
objcopy=${LLVM_OBJCOPY:-llvm-objcopy}

for tool in "$clang" "$objcopy"; do
    command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (apt-get install clang llvm)" >&2; exit 1; }
done

mkdir -p "$out_dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for c in "$src_dir"/*.c; do
    name=$(basename "$c" .c)
    "$clang" -O2 -target bpf -c "$c" -o "$tmp/$name.o"
    "$objcopy" -O binary --only-section=.text "$tmp/$name.o" "$out_dir/$name.bin"
done
"$clang" --version | head -n 1 > "$out_dir/clang-version.txt"
