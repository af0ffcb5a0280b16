/* Atomic add whose result is unused: the only atomic of -mcpu=v1. */
typedef unsigned long long u64;

void count(u64 *counter, u64 *bytes, u64 n)
{
    __sync_fetch_and_add(counter, 1);
    __sync_fetch_and_add(bytes, n);
}
