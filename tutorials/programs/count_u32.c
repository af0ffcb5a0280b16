/*
 * Counts the u32 values greater than RAND_MAX/2 in a zone (call info: the zone as a u64, zone 0
 * if none), reading it sector by sector into the device memory up to the first sector it cannot
 * read: the zone's write pointer (the opencsd read refuses sectors at or above it), or the zone's
 * capacity. Returns the count (u64) with bpf_return_data; main returns 0, or -1 when the memory
 * cannot hold a sector. Uses the opencsd ABI (csd_helpers.h).
 *
 * The count has no branch on the data: a value widened to 64 bits plus ABOVE_BIAS carries into
 * bit 32 exactly when the value is above RAND_MAX/2, so (value + ABOVE_BIAS) >> 32 is 1 or 0 and
 * is added as it is. A branch on random data is mispredicted half the time; eight values a round
 * also spend one loop test on eight values instead of one each.
 */
#include "csd_helpers.h"

#define RAND_MAX_HALF 0x3FFFFFFFu
#define ABOVE_BIAS (0xFFFFFFFFull - RAND_MAX_HALF)
#define ABOVE(v) (((uint64_t) (v) + ABOVE_BIAS) >> 32)

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

    uint64_t per_sector = sector_size / 4;
    uint64_t rounds = per_sector / 8;
    for (uint64_t sector = 0; sector < capacity; sector++) {
        if (bpf_read(zone, sector, 0, sector_size, mem) < 0)
            break;
        uint32_t *values = mem;
        for (uint64_t r = 0; r < rounds; r++, values += 8)
            count += ABOVE(values[0]) + ABOVE(values[1]) + ABOVE(values[2]) + ABOVE(values[3])
                + ABOVE(values[4]) + ABOVE(values[5]) + ABOVE(values[6]) + ABOVE(values[7]);
        /* a sector size that is not a multiple of 32 bytes leaves a few values */
        for (uint64_t i = rounds * 8; i < per_sector; i++)
            count += ABOVE(((uint32_t *) mem)[i]);
    }
    bpf_return_data(&count, sizeof count);
    return 0;
}
