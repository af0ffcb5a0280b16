/* Loads and stores of every width, and byte swaps. */
typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

struct record {
    u8 tag;
    u16 port;
    u32 address;
    u64 bytes;
};

u64 swap_all(struct record *r)
{
    u64 out = __builtin_bswap64(r->bytes);
    out += __builtin_bswap32(r->address);
    out += __builtin_bswap16(r->port);
    return out + r->tag;
}

void fill(struct record *r, u64 seed)
{
    r->tag = 7;
    r->port = (u16)seed;
    r->address = (u32)(seed >> 16);
    r->bytes = seed * 3;
}

u64 on_stack(u64 x)
{
    volatile u64 slots[4];
    volatile u8 small[4];
    for (int i = 0; i < 4; i++) {
        slots[i] = x + i;
        small[i] = (u8)(x >> i);
    }
    return slots[1] + slots[3] + small[2];
}
