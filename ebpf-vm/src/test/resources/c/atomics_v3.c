/* Atomics of -mcpu=v3: fetching forms, exchange, compare-and-exchange, 32-bit operands. */
typedef unsigned long long u64;
typedef unsigned int u32;

u64 atomics(u64 *p, u32 *q, u64 v)
{
    u64 acc = __sync_fetch_and_add(p, v);
    acc += __sync_fetch_and_add(q, (u32)v);
    __sync_fetch_and_add(q, 5);
    __sync_fetch_and_or(p, 2);
    __sync_fetch_and_and(q, 6);
    acc += __sync_fetch_and_xor(p, acc);
    acc += __sync_fetch_and_or(q, 9);
    acc += __sync_lock_test_and_set(p, acc);
    acc += __sync_lock_test_and_set(q, 3);
    acc += __sync_val_compare_and_swap(p, acc, 9);
    acc += __sync_val_compare_and_swap(q, 4, 8);
    return acc;
}
