/* Globals in .data, .bss and .rodata, string constants, a static noinline function
 * called from a SEC("csd") program and a global function in .text.
 * ElfProgramTest checks r0 against the values in the comments. */
#define SEC(name) __attribute__((section(name), used))

int counter = 3;                                  /* .data */
long total;                                       /* .bss */
static const int table[4] = {10, 20, 30, 40};     /* .rodata */
volatile int position = 1;                        /* .data */

static __attribute__((noinline)) int add_table(int n)
{
    int sum = 0;
    for (int i = 0; i < n && i < 4; i++)
        sum += table[i];
    return sum;
}

static __attribute__((noinline)) int length(const char *s)
{
    int n = 0;
    while (s[n])
        n++;
    return n;
}

/* A global function in .text: 2 * counter. */
__attribute__((noinline)) int scale(int x)
{
    return x * counter;
}

/* A program taken by function name from .text; on fresh data 2 * 3 + (10 + 20) = 36. */
__attribute__((noinline)) int text_entry(void)
{
    return scale(2) + add_table(2);
}

/* First run: total = 7, counter = 4; 10+20+30+40 + 2*4 + 7 = 115. */
SEC("csd")
int csd_main(void *ctx)
{
    total += 7;
    counter += 1;
    return add_table(counter) + scale(2) + (int)total;
}

/* "csdlab" has 6 characters, "csdlab"[position] is 's' (115): 6 * 1000 + 115 = 6115.
 * position may hold anything, so it is checked against the string before indexing it. */
SEC("xdp") __attribute__((noinline))
int strings(void *ctx)
{
    const char *s = "csdlab";
    int p = position;
    if (p < 0 || p > 6)
        return -1;
    return length(s) * 1000 + s[p];
}

/* A call into another named section, whose function calls into .text: 6115 + 1. */
SEC("socket")
int chain(void *ctx)
{
    return strings(ctx) + 1;
}
