/*
 * Read-stream kernel: a byte histogram of the requested range of the file, the input of a
 * Shannon entropy (H = -sum p log2 p, computed on the host from the counts). Holes count as
 * zero bytes. The counts live at the start of the device memory, the data after them;
 * consecutive blocks are fetched with one read. Returns 256 u32 counts with bpf_return_data;
 * main returns 0, -EINVAL (-22) without call information or when the device memory cannot hold the counts and a sector, or
 * a bpf_read error.
 */
#include "flfs_helpers.h"

#define COUNTS_BYTES (256 * 4)

int main(void)
{
    uint8_t *mem;
    uint64_t mem_size;
    struct flfs_call *call = 0;

    bpf_get_mem_info((void **) &mem, &mem_size);
    bpf_get_call_info((void **) &call);
    if (!call)
        return -22;
    uint64_t sector_size = bpf_get_sector_size();
    uint64_t n = flfs_lba_count(call, sector_size);
    uint64_t *lbas = flfs_lbas(call);
    uint64_t zone_size = bpf_get_zone_size();
    if (mem_size < COUNTS_BYTES + sector_size)
        return -22;
    uint64_t max_run = (mem_size - COUNTS_BYTES) / sector_size;
    uint32_t *counts = (uint32_t *) mem;
    uint8_t *data = mem + COUNTS_BYTES;

    uint64_t at = call->dims.offset % sector_size;
    uint64_t left = call->dims.size;
    for (uint64_t k = 0; k < n && left > 0;) {
        uint64_t run = flfs_run(lbas, k, n, max_run, zone_size);
        uint64_t take = run * sector_size - at;
        if (take > left)
            take = left;
        if (lbas[k] == FLFS_HOLE) {
            counts[0] += take;
        } else {
            uint64_t zone, sector;
            flfs_position(lbas[k], zone_size, &zone, &sector);
            long err = bpf_read(zone, sector, 0, run * sector_size, data);
            if (err)
                return (int) err;
            for (uint64_t i = at; i < at + take; i++)
                counts[data[i]]++;
        }
        left -= take;
        at = 0;
        k += run;
    }
    bpf_return_data(counts, COUNTS_BYTES);
    return 0;
}
