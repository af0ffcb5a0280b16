/*
 * Read-stream kernel: a byte histogram of the requested range of the file, the input of a
 * Shannon entropy (H = -sum p log2 p, computed on the host from the counts). Holes count as
 * zero bytes. Returns 256 u32 counts with bpf_return_data; main returns 0, -EINVAL (-22) when
 * the device memory cannot hold a sector and the counts, or a bpf_read error.
 */
#include "flfs_helpers.h"

int main(void)
{
    uint8_t *mem;
    uint64_t mem_size;
    struct flfs_call *call = 0;

    bpf_get_mem_info((void **) &mem, &mem_size);
    long length = flfs_get_call_info(&call);
    if (!call)
        return -22;
    uint64_t n = flfs_lba_count(length);
    uint64_t *lbas = flfs_lbas(call);
    uint64_t sector_size = bpf_get_sector_size();
    uint64_t zone_size = bpf_get_zone_size();
    if (sector_size + 256 * 4 > mem_size)
        return -22;
    uint32_t *counts = (uint32_t *) (mem + sector_size);

    uint64_t at = call->dims.offset % sector_size;
    uint64_t left = call->dims.size;
    for (uint64_t k = 0; k < n && left > 0; k++) {
        uint64_t take = sector_size - at;
        if (take > left)
            take = left;
        uint64_t lba = lbas[k];
        if (lba == FLFS_HOLE) {
            counts[0] += take;
        } else {
            uint64_t zone, sector;
            flfs_position(lba, zone_size, &zone, &sector);
            long err = bpf_read(zone, sector, 0, sector_size, mem);
            if (err)
                return (int) err;
            for (uint64_t i = at; i < at + take; i++)
                counts[mem[i]]++;
        }
        left -= take;
        at = 0;
    }
    bpf_return_data(counts, 256 * 4);
    return 0;
}
