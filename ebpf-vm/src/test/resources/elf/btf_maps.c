/* Maps defined with BTF in the ".maps" section (needs -g for the .BTF section): a hash map keyed by
 * a struct counts runs; each run also writes the context length to a ring buffer. */
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct key {
    unsigned int a;
    unsigned short b;
};

struct {
    __uint(type, 1); /* BPF_MAP_TYPE_HASH */
    __type(key, struct key);
    __type(value, unsigned long long);
    __uint(max_entries, 32);
} runs SEC(".maps");

struct {
    __uint(type, 27); /* BPF_MAP_TYPE_RINGBUF */
    __uint(max_entries, 4096);
} events SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, unsigned long long flags) = (void *) 2;
static long (*bpf_ringbuf_output)(void *ringbuf, void *data, unsigned long long size, unsigned long long flags) = (void *) 130;

SEC("csd")
int run(unsigned char *data, long length)
{
    struct key k;
    __builtin_memset(&k, 0, sizeof(k));
    k.a = 1;
    k.b = 2;
    unsigned long long *count = bpf_map_lookup_elem(&runs, &k);
    if (count) {
        *count += 1;
    } else {
        unsigned long long one = 1;
        bpf_map_update_elem(&runs, &k, &one, 0);
    }
    unsigned long long len = length;
    return bpf_ringbuf_output(&events, &len, sizeof(len), 0);
}
