/* Loops and arithmetic on 64- and 32-bit values. */
typedef unsigned long long u64;
typedef unsigned int u32;
typedef long long s64;

u64 sum_to(u64 n)
{
    u64 total = 0;
    for (u64 i = 0; i < n; i++)
        total = (total << 1) ^ (i * 31);
    return total;
}

u32 collatz_steps(u32 n)
{
    u32 steps = 0;
    while (n != 1 && steps < 1000) {
        n = (n & 1) ? 3 * n + 1 : n / 2;
        steps++;
    }
    return steps;
}

s64 mixed(s64 a, s64 b, u64 c)
{
    s64 r = (a << 3) ^ (b >> 2);
    r |= (s64)(c >> 7);
    r &= ~0xff00LL;
    r -= a * 7;
    if (b != 0)
        r += (s64)(c / (u64)b);
    return -r;
}
