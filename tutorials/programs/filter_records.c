/*
 * Returns the sensor records of a zone whose temperature is at least a threshold. Records are 32
 * bytes, packed in sectors (a sector holds a whole number of them); a record with id 0 ends the
 * data, as does the first sector that cannot be read (the zone's write pointer, or its capacity).
 * Call info: struct { uint64_t zone; int64_t min_temperature; } (centi-degrees).
 * The matches are gathered after the sector buffer in device memory and returned with
 * bpf_return_data; main returns the number of matches, or -1 without call info, when the memory
 * cannot hold a sector, or when the matches do not fit in it. Uses the opencsd ABI (csd_helpers.h).
 */
#include "csd_helpers.h"

struct record {
    uint32_t id;
    uint32_t flags;
    uint64_t timestamp;
    int32_t temperature;   /* centi-degrees Celsius */
    int32_t humidity;      /* centi-percent */
    uint64_t reserved;
};

int main(void)
{
    uint8_t *mem;
    uint64_t mem_size;
    int64_t *call = 0;

    bpf_get_mem_info((void **) &mem, &mem_size);
    bpf_get_call_info((void **) &call);
    if (!call)
        return -1;
    uint64_t zone = call[0];
    int64_t min_temperature = call[1];
    uint64_t sector_size = bpf_get_sector_size();
    uint64_t capacity = bpf_get_zone_capacity();
    if (sector_size > mem_size)
        return -1;
    struct record *out = (struct record *) (mem + sector_size);
    uint64_t room = (mem_size - sector_size) / sizeof(struct record);
    uint64_t matches = 0;

    for (uint64_t sector = 0; sector < capacity; sector++) {
        if (bpf_read(zone, sector, 0, sector_size, mem) < 0)
            break;
        struct record *records = (struct record *) mem;
        for (uint64_t i = 0; i < sector_size / sizeof(struct record); i++) {
            if (records[i].id == 0)
                goto done;
            if (records[i].temperature >= min_temperature) {
                if (matches == room)
                    return -1;
                out[matches++] = records[i];
            }
        }
    }
done:
    bpf_return_data(out, matches * sizeof(struct record));
    return (int) matches;
}
