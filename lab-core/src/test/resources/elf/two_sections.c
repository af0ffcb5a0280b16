// Two programs in two sections and no .text: loading it needs the section named.
// Built with: clang -O2 -target bpf -c two_sections.c -o two_sections.o
__attribute__((section("xdp"), used)) int first(void *ctx) { return 1; }
__attribute__((section("tc"), used)) int second(void *ctx) { return 2; }
