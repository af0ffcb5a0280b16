/* A program in a named section only (.text stays empty): sums the context bytes.
 * The VM passes the context's address in r1 and its length in r2. */
#define SEC(name) __attribute__((section(name), used))

SEC("csd")
int sum_bytes(unsigned char *data, long length)
{
    int sum = 0;
    for (long i = 0; i < length; i++)
        sum += data[i];
    return sum;
}
