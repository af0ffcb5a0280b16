/*
 * A nested arithmetic loop that barely touches memory: one u64 is read per
 * 4 KiB block of the buffer, then mixed through 256 rounds of multiply, add,
 * xor and shift.
 * r1 = data, r2 = length in bytes; a trailing partial block is ignored.
 * Benchmark program: no maps, no globals, no helper calls.
 */
typedef unsigned long long u64;

u64 nested_loop(const u64 *data, u64 len)
{
    u64 blocks = len / 4096;
    u64 acc = 0x9e3779b97f4a7c15ULL;
    for (u64 b = 0; b < blocks; b++) {
        u64 x = data[b * 512] ^ acc;
        for (u64 r = 0; r < 256; r++) {
            x = x * 6364136223846793005ULL + (b ^ r);
            x ^= x >> 29;
        }
        acc += x;
    }
    return acc;
}
