/*
 * Returns the records of a zone whose key, the record's first u32 (little-endian), is greater than
 * a threshold: a filter whose selectivity and record size the caller chooses. The zone is read in
 * chunks of whole sectors into the start of device memory; matches are gathered after the chunk
 * and returned with bpf_return_data. main returns the number of matches, or -1: bad call
 * information, the matches do not fit in device memory, or a read refused (e.g. length reaches
 * past the zone's write pointer). Uses the opencsd ABI (csd_helpers.h).
 *
 * Call info: struct { uint64_t zone; uint64_t length; uint64_t record_bytes;
 *                     uint64_t threshold; uint64_t chunk_bytes; }
 * length: bytes of the zone that hold records (from its start); record_bytes: a multiple of 8
 * that divides chunk_bytes; chunk_bytes: a multiple of the sector size.
 */
#include "csd_helpers.h"

struct call {
    uint64_t zone;
    uint64_t length;
    uint64_t record_bytes;
    uint64_t threshold;
    uint64_t chunk_bytes;
};

int main(void)
{
    uint8_t *mem;
    uint64_t mem_size;
    struct call *call = 0;

    bpf_get_mem_info((void **) &mem, &mem_size);
    bpf_get_call_info((void **) &call);
    if (!call)
        return -1;
    uint64_t zone = call->zone;
    uint64_t length = call->length;
    uint64_t record_bytes = call->record_bytes;
    uint64_t threshold = call->threshold;
    uint64_t chunk_bytes = call->chunk_bytes;
    uint64_t sector_size = bpf_get_sector_size();
    if (record_bytes < 8 || record_bytes % 8 || chunk_bytes == 0 || chunk_bytes % sector_size
        || chunk_bytes % record_bytes || chunk_bytes >= mem_size
        || length > bpf_get_zone_capacity() * sector_size)
        return -1;
    uint8_t *out = mem + chunk_bytes;
    uint64_t room = mem_size - chunk_bytes;
    uint64_t returned = 0;
    uint64_t matches = 0;

    for (uint64_t done = 0; done < length; done += chunk_bytes) {
        uint64_t n = length - done < chunk_bytes ? length - done : chunk_bytes;
        uint64_t read = (n + sector_size - 1) / sector_size * sector_size;
        if (bpf_read(zone, done / sector_size, 0, read, mem) < 0)
            return -1;
        for (uint64_t at = 0; at + record_bytes <= n; at += record_bytes) {
            if (*(uint32_t *) (mem + at) > threshold) {
                if (returned + record_bytes > room)
                    return -1;
                for (uint64_t w = 0; w < record_bytes; w += 8)
                    *(uint64_t *) (out + returned + w) = *(uint64_t *) (mem + at + w);
                returned += record_bytes;
                matches++;
            }
        }
    }
    bpf_return_data(out, returned);
    return (int) matches;
}
