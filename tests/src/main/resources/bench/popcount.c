/*
 * Total number of set bits in the buffer, read as u64 words, counted by a
 * loop that clears the lowest set bit until none is left (no builtin).
 * r1 = data, r2 = length in bytes; a trailing partial word is ignored.
 * Benchmark program: no maps, no globals, no helper calls.
 */
typedef unsigned long long u64;

u64 popcount(const u64 *data, u64 len)
{
    u64 words = len / 8;
    u64 total = 0;
    for (u64 i = 0; i < words; i++) {
        u64 x = data[i];
        while (x) {
            x &= x - 1;
            total++;
        }
    }
    return total;
}
