/*
 * Counts the u32 values greater than RAND_MAX/2 in a list of sectors given as call information:
 *   struct { uint64_t zone; uint64_t count; uint64_t sectors[count]; }
 * Returns the count (u64) with bpf_return_data; main returns 0, or -1 without call info, when the
 * memory cannot hold a sector, or when a sector cannot be read (e.g. at or above the write
 * pointer). Uses the opencsd ABI (csd_helpers.h).
 */
#include "csd_helpers.h"

#define RAND_MAX_HALF 0x3FFFFFFFu

int main(void)
{
    void *mem;
    uint64_t mem_size;
    uint64_t *call = 0;
    uint64_t count = 0;

    bpf_get_mem_info(&mem, &mem_size);
    bpf_get_call_info((void **) &call);
    if (!call)
        return -1;
    uint64_t zone = call[0];
    uint64_t n = call[1];
    uint64_t sector_size = bpf_get_sector_size();
    if (sector_size > mem_size)
        return -1;

    for (uint64_t k = 0; k < n; k++) {
        if (bpf_read(zone, call[2 + k], 0, sector_size, mem) < 0)
            return -1;
        uint32_t *values = mem;
        for (uint64_t i = 0; i < sector_size / 4; i++)
            if (values[i] > RAND_MAX_HALF)
                count++;
    }
    bpf_return_data(&count, sizeof count);
    return 0;
}
