/*
 * A byte histogram of a zone (call info: the zone as a u64, zone 0 if none): returns 256 u32
 * counts with bpf_return_data, of the sectors up to the first it cannot read (the zone's write
 * pointer, or its capacity). The counts live in the device memory after the sector buffer; main
 * returns 0, or -1 when the memory cannot hold them. Uses the opencsd ABI (csd_helpers.h).
 */
#include "csd_helpers.h"

int main(void)
{
    uint8_t *mem;
    uint64_t mem_size;
    uint64_t *call = 0;
    uint64_t zone = 0;

    bpf_get_mem_info((void **) &mem, &mem_size);
    bpf_get_call_info((void **) &call);
    if (call)
        zone = *call;
    uint64_t sector_size = bpf_get_sector_size();
    uint64_t capacity = bpf_get_zone_capacity();
    if (sector_size + 256 * 4 > mem_size)
        return -1;
    uint32_t *counts = (uint32_t *) (mem + sector_size);

    for (uint64_t sector = 0; sector < capacity; sector++) {
        if (bpf_read(zone, sector, 0, sector_size, mem) < 0)
            break;
        for (uint64_t i = 0; i < sector_size; i++)
            counts[mem[i]]++;
    }
    bpf_return_data(counts, 256 * 4);
    return 0;
}
