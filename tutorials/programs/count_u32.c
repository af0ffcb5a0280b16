/*
 * Counts the u32 values greater than RAND_MAX/2 in a zone (call info: the zone as a u64, zone 0
 * if none), reading it sector by sector into the device memory up to the first sector it cannot
 * read: the zone's write pointer (the opencsd read refuses sectors at or above it), or the zone's
 * capacity. Returns the count (u64) with bpf_return_data; main returns 0, or -1 when the memory
 * cannot hold a sector. Uses the opencsd ABI (csd_helpers.h).
 */
#include "csd_helpers.h"

#define RAND_MAX_HALF 0x3FFFFFFFu

int main(void)
{
    void *mem;
    uint64_t mem_size;
    uint64_t *call = 0;
    uint64_t zone = 0;
    uint64_t count = 0;

    bpf_get_mem_info(&mem, &mem_size);
    bpf_get_call_info((void **) &call);
    if (call)
        zone = *call;
    uint64_t sector_size = bpf_get_sector_size();
    uint64_t capacity = bpf_get_zone_capacity();
    if (sector_size > mem_size)
        return -1;

    for (uint64_t sector = 0; sector < capacity; sector++) {
        if (bpf_read(zone, sector, 0, sector_size, mem) < 0)
            break;
        uint32_t *values = mem;
        for (uint64_t i = 0; i < sector_size / 4; i++)
            if (values[i] > RAND_MAX_HALF)
                count++;
    }
    bpf_return_data(&count, sizeof count);
    return 0;
}
