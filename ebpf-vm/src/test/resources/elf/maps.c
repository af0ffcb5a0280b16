/* Counts into an array map declared in the legacy "maps" section: entry (first context byte & 3)
 * is incremented for each run; a hash map counts the context lengths seen.
 * -DMAP_STORAGE=static makes clang address the maps as the section symbol plus an offset. */
#define SEC(name) __attribute__((section(name), used))

struct bpf_map_def {
    unsigned int type;
    unsigned int key_size;
    unsigned int value_size;
    unsigned int max_entries;
    unsigned int map_flags;
};

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, unsigned long long flags) = (void *) 2;

#ifndef MAP_STORAGE
#define MAP_STORAGE
#endif

MAP_STORAGE struct bpf_map_def SEC("maps") counts = {
    .type = 2, /* BPF_MAP_TYPE_ARRAY */
    .key_size = sizeof(unsigned int),
    .value_size = sizeof(unsigned long long),
    .max_entries = 4,
};

MAP_STORAGE struct bpf_map_def SEC("maps") lengths = {
    .type = 1, /* BPF_MAP_TYPE_HASH */
    .key_size = sizeof(unsigned int),
    .value_size = sizeof(unsigned long long),
    .max_entries = 16,
};

SEC("csd")
int count(unsigned char *data, long length)
{
    unsigned int key = length > 0 ? data[0] & 3 : 0;
    unsigned long long *value = bpf_map_lookup_elem(&counts, &key);
    if (!value)
        return -1;
    __sync_fetch_and_add(value, 1);

    unsigned int len = (unsigned int) length;
    unsigned long long *seen = bpf_map_lookup_elem(&lengths, &len);
    if (seen) {
        *seen += 1;
    } else {
        unsigned long long one = 1;
        bpf_map_update_elem(&lengths, &len, &one, 1 /* BPF_NOEXIST */);
    }
    return key;
}
