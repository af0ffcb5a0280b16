/*
 * FNV-1a 64-bit hash of every byte of the buffer.
 * r1 = data, r2 = length in bytes.
 * Benchmark program: no maps, no globals, no helper calls.
 */
typedef unsigned long long u64;
typedef unsigned char u8;

u64 fnv1a(const u8 *data, u64 len)
{
    u64 hash = 0xcbf29ce484222325ULL;      /* FNV offset basis */
    for (u64 i = 0; i < len; i++) {
        hash ^= data[i];
        hash *= 0x100000001b3ULL;          /* FNV prime */
    }
    return hash;
}
