#!/usr/bin/env bash
# Builds the native baseline of the eBPF benchmarks: the four benchmark C sources
# (tests/src/main/resources/bench/*.c, the ones build.sh compiles to eBPF) compiled
# unchanged with gcc -O2, plus the JNI entry points in bench_kernels_jni.c, linked
# into OUTPUT_DIR/libcsdlab_bench.so, which org.csdlab.bench.NativeKernels loads.
# The library is for the machine that built it (gcc's default target, no -march).
#
# Usage: build-native.sh OUTPUT_DIR
# The Maven profile "bench" runs it into the class path of benchmarks.jar; the
# tests run it into a temporary directory.
# Needs: gcc (Debian/Ubuntu: apt-get install gcc) and a JDK's include/jni.h.
# Environment: CC overrides gcc; JAVA_HOME picks the JDK (default: the one of javac on PATH).
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: build-native.sh OUTPUT_DIR" >&2; exit 2; }
native_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_dir=$(cd "$native_dir/../resources/bench" && pwd)
out_dir=$1
cc=${CC:-gcc}

command -v "$cc" >/dev/null || {
    echo "build-native.sh: $cc not found; the native benchmark baseline needs it (apt-get install gcc)" >&2
    exit 1
}
if [ -z "${JAVA_HOME:-}" ]; then
    javac=$(command -v javac) || { echo "build-native.sh: set JAVA_HOME (no javac on PATH)" >&2; exit 1; }
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$javac")")")
fi
[ -f "$JAVA_HOME/include/jni.h" ] || {
    echo "build-native.sh: $JAVA_HOME/include/jni.h not found; set JAVA_HOME to a JDK" >&2
    exit 1
}

mkdir -p "$out_dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
objects=()
for c in "$bench_dir"/*.c; do
    name=$(basename "$c" .c)
    "$cc" -O2 -fPIC -c "$c" -o "$tmp/$name.o"
    objects+=("$tmp/$name.o")
done
"$cc" -O2 -fPIC -Wall -Werror -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" \
    -c "$native_dir/bench_kernels_jni.c" -o "$tmp/bench_kernels_jni.o"
"$cc" -shared -o "$out_dir/libcsdlab_bench.so" "$tmp/bench_kernels_jni.o" "${objects[@]}"
