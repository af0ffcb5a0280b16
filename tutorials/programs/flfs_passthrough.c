/*
 * Read-stream kernel: returns the requested bytes of the file unchanged (what a plain read
 * would give), assembled in the device memory. Holes (FLFS_HOLE, LBA 0) read as zeros, written
 * here rather than trusted to the memory (OpenCSD's kernel memory is not zeroed). main returns
 * 0, or -EINVAL (-22) without call information or when the request does not fit the device
 * memory, or a bpf_read error.
 */
#include "flfs_helpers.h"

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
    uint64_t zone_size = bpf_get_zone_size();
    uint64_t n = flfs_lba_count(call, sector_size);
    uint64_t *lbas = flfs_lbas(call);
    uint64_t size = call->dims.size;
    if (size > mem_size)
        return -22;

    uint64_t at = call->dims.offset % sector_size; /* where the request starts in its first block */
    uint64_t done = 0;
    for (uint64_t k = 0; k < n && done < size; k++) {
        uint64_t take = sector_size - at;
        if (take > size - done)
            take = size - done;
        uint64_t lba = lbas[k];
        if (lba == FLFS_HOLE) {
            for (uint64_t i = 0; i < take; i++)
                mem[done + i] = 0;
        } else {
            uint64_t zone, sector;
            flfs_position(lba, zone_size, &zone, &sector);
            long err = bpf_read(zone, sector, at, take, mem + done);
            if (err)
                return (int) err;
        }
        done += take;
        at = 0;
    }
    bpf_return_data(mem, done);
    return 0;
}
