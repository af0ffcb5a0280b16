/*
 * Counts the u32 values greater than RAND_MAX/2 in a zone (call info: the zone as a u64, zone 0
 * if none), reading it sector by sector into the device memory. Returns the count (u64) with
 * bpf_return_data; main returns 0 or a read's negative error.
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
        return -22;

    for (uint64_t sector = 0; sector < capacity; sector++) {
        long err = bpf_read(zone, sector, 0, sector_size, mem);
        if (err)
            return (int) err;
        uint32_t *values = mem;
        for (uint64_t i = 0; i < sector_size / 4; i++)
            if (values[i] > RAND_MAX_HALF)
                count++;
    }
    bpf_return_data(&count, sizeof count);
    return 0;
}
