/*
 * A read-stream kernel written the way FluffleFS's own read kernel is (the tests' own code, not
 * FluffleFS's): the LBAs right after the flfs_call (find_data_lba with write = false), -1 without
 * call information, -2 when the first LBA is a hole (*lba == 0), -3 for another op; then whole
 * sectors from the first LBA on, min(dims.size, ino.size) bytes of them handed back. It reads
 * every LBA of the request, holes included, as FluffleFS's kernel does, and ignores bpf_read's
 * result. Uses neither get_call_info's return value nor r1/r2.
 */
#include "flfs_helpers.h"

int main(void)
{
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0)
        return -1;
    uint64_t *lba = (uint64_t *) ((uint8_t *) call + sizeof(struct flfs_call));
    if (*lba == 0)
        return -2;
    if (call->op != FLFS_READ_STREAM)
        return -3;

    uint64_t zone_size = bpf_get_zone_size();
    uint64_t sector_size = bpf_get_sector_size();
    uint8_t *buffer;
    uint64_t buffer_size;
    bpf_get_mem_info((void **) &buffer, &buffer_size);

    uint64_t limit = call->dims.size < call->ino.size ? call->dims.size : call->ino.size;
    for (uint64_t done = 0; done < limit; done += sector_size, lba++) {
        if (done + sector_size > buffer_size)
            return -22;
        bpf_read(*lba / zone_size, *lba % zone_size, 0, sector_size, buffer + done);
    }
    bpf_return_data(buffer, limit);
    return 0;
}
