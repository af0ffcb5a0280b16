/*
 * A write-event kernel that walks its call the way FluffleFS's write kernel does (the tests' own
 * code): the LBAs after sizeof(flfs_call) + sizeof(flfs_write_call) (find_data_lba with
 * write = true), -1 without call information, -2 when the first LBA is a hole (*lba == 0), -3
 * for another op. It hands back what it found as u64s: pre_pad, post_pad, start_ptr, wp_ptr,
 * end_ptr, the LBA count (flfs_lba_count: the blocks covering [offset, offset + size)), the first
 * 8 written bytes as read from the device at the first LBA (a write of 8 bytes or more, not within
 * 8 bytes of a block end; -4 for one within them), then the LBAs. Uses neither get_call_info's
 * return value nor r1/r2.
 */
#include "flfs_helpers.h"

#define FIXED 7

int main(void)
{
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0)
        return -1;
    uint64_t *lba = (uint64_t *) ((uint8_t *) call + sizeof(struct flfs_call)
                                  + sizeof(struct flfs_write_call));
    if (*lba == 0)
        return -2;
    if (call->op != FLFS_WRITE_EVENT)
        return -3;
    struct flfs_write_call *w = (struct flfs_write_call *) ((uint8_t *) call + sizeof(struct flfs_call));

    uint64_t sector_size = bpf_get_sector_size();
    uint64_t zone_size = bpf_get_zone_size();
    uint64_t n = flfs_lba_count(call, sector_size);
    uint64_t *out;
    uint64_t out_size;
    bpf_get_mem_info((void **) &out, &out_size);
    /* the u64s and a block must fit in out; n is checked on its own, as (FIXED + n) * 8 would
     * wrap for a call information's huge size and pass, and lba[i] and out[FIXED + i] would then
     * run past the memory */
    if (out_size < FIXED * 8 + sector_size || n > (out_size - sector_size) / 8 - FIXED)
        return -22;
    out[0] = w->pre_pad;
    out[1] = w->post_pad;
    out[2] = w->start_ptr;
    out[3] = w->wp_ptr;
    out[4] = w->end_ptr;
    out[5] = n;
    for (uint64_t i = 0; i < n; i++)
        out[FIXED + i] = lba[i];
    uint64_t *first = out + FIXED + n;
    long err = bpf_read(lba[0] / zone_size, lba[0] % zone_size, 0, sector_size, first);
    if (err)
        return (int) err;
    /* the 8 bytes at the write's offset must lie in the block read into first */
    uint64_t offset_in_block = call->dims.offset % sector_size;
    if (offset_in_block > sector_size - 8)
        return -4;
    uint8_t *written = (uint8_t *) first + offset_in_block;
    uint64_t word = 0;
    for (int i = 7; i >= 0; i--)
        word = word << 8 | written[i];
    out[6] = word;
    bpf_return_data(out, (FIXED + n) * 8);
    return 0;
}
