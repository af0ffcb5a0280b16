/* Local (bpf-to-bpf) calls, signed compares and 64-bit constants. */
typedef unsigned long long u64;
typedef long long s64;
typedef int s32;

static __attribute__((noinline)) s64 clamp(s64 v, s64 lo, s64 hi)
{
    if (v < lo)
        return lo;
    if (v > hi)
        return hi;
    return v;
}

static __attribute__((noinline)) u64 mix(u64 v)
{
    v ^= 0x9e3779b97f4a7c15ULL;
    v *= 0xbf58476d1ce4e5b9ULL;
    return v ^ (v >> 31);
}

__attribute__((noinline)) s32 sign(s32 v)
{
    return v < 0 ? -1 : v > 0;
}

u64 entry(s64 a, s64 b)
{
    s64 c = clamp(a, -100, b);
    if (c >= -5 && c <= 5)
        c += sign((s32)b);
    return mix((u64)c) + 0x1122334455667788ULL;
}
