/*
 * Counts the little-endian u32 values greater than 0x3FFFFFFF in the buffer.
 * r1 = data, r2 = length in bytes; a trailing partial word is ignored.
 * Benchmark program: no maps, no globals, no helper calls.
 */
typedef unsigned long long u64;
typedef unsigned int u32;

u64 count_above(const u32 *data, u64 len)
{
    u64 words = len / 4;
    u64 count = 0;
    for (u64 i = 0; i < words; i++) {
        if (data[i] > 0x3FFFFFFF)
            count++;
    }
    return count;
}
