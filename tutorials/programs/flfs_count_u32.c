/*
 * Read-stream or write-event kernel: counts the little-endian u32 values greater than RAND_MAX/2
 * (0x3FFFFFFF, C's rand() range halved, as count_u32.c) in the requested range of the file (for
 * a write event, the bytes just written; flfs_lbas skips its flfs_write_call).
 * Values are the aligned words at file offsets that are multiples of 4; a request must start on
 * one, and trailing bytes that do not make a whole word are ignored. Holes are zeros and never
 * count. Consecutive blocks are fetched with one read (up to the device memory). Returns the
 * count (u64) with bpf_return_data; main returns 0, -EINVAL (-22) without call information or for an unaligned request, or
 * a bpf_read error.
 */
#include "flfs_helpers.h"

#define RAND_MAX_HALF 0x3FFFFFFFu

int main(void)
{
    uint8_t *mem;
    uint64_t mem_size;
    struct flfs_call *call = 0;
    uint64_t count = 0;

    bpf_get_mem_info((void **) &mem, &mem_size);
    bpf_get_call_info((void **) &call);
    if (!call)
        return -22;
    uint64_t sector_size = bpf_get_sector_size();
    uint64_t n = flfs_lba_count(call, sector_size);
    uint64_t *lbas = flfs_lbas(call);
    uint64_t zone_size = bpf_get_zone_size();
    uint64_t max_run = mem_size / sector_size;
    if (call->dims.offset % 4 != 0 || max_run == 0)
        return -22;

    uint64_t at = call->dims.offset % sector_size;
    uint64_t left = call->dims.size / 4 * 4;
    for (uint64_t k = 0; k < n && left > 0;) {
        uint64_t run = flfs_run(lbas, k, n, max_run, zone_size);
        uint64_t take = run * sector_size - at;
        if (take > left)
            take = left;
        if (lbas[k] != FLFS_HOLE) {
            uint64_t zone, sector;
            flfs_position(lbas[k], zone_size, &zone, &sector);
            long err = bpf_read(zone, sector, 0, run * sector_size, mem);
            if (err)
                return (int) err;
            uint32_t *values = (uint32_t *) (mem + at);
            for (uint64_t i = 0; i < take / 4; i++)
                if (values[i] > RAND_MAX_HALF)
                    count++;
        }
        left -= take;
        at = 0;
        k += run;
    }
    bpf_return_data(&count, sizeof count);
    return 0;
}
