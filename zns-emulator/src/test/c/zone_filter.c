/*
 * OpenCSD-style zone filter (OpenCsdMediaTest): counts the u32 values above RAND_MAX/2 in zone 0,
 * sector by sector into the device memory; a refused read leaves the buffer as it was.
 */
#include "csd_helpers.h"

int main(void)
{
    uint64_t sector_size = bpf_get_sector_size();
    uint64_t capacity = bpf_get_zone_capacity();
    uint32_t *buffer;
    uint64_t buffer_size;
    uint64_t count = 0;

    bpf_get_mem_info((void **) &buffer, &buffer_size);
    if (buffer_size < sector_size)
        return -1;
    for (uint64_t sector = 0; sector < capacity; sector++) {
        bpf_read(0, sector, 0, sector_size, buffer);   /* a refused read leaves the buffer */
        for (uint64_t i = 0; i < sector_size / 4; i++)
            if (buffer[i] > 0x3FFFFFFF)
                count++;
    }
    bpf_return_data(&count, sizeof count);
    return 0;
}
