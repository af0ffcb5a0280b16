/*
 * csd_helpers.h - the opencsd helper ABI of csdlab's ComputationalStorage
 * (org.csdlab.zns.csd.OpenCsdHelpers), with the ids of OpenCSD's bpf_helpers_prog.h so kernels
 * written for OpenCSD build unchanged. A kernel is a C `int main(void)` at the start of .text.
 *
 * Zones count from 0, sectors are logical blocks counted from the zone start, sizes are bytes.
 * Helpers that can fail return 0 or a negative errno (-EINVAL -22, -EIO -5, -ENOSPC -28).
 */
#ifndef CSD_HELPERS_H
#define CSD_HELPERS_H

typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
typedef signed int int32_t;
typedef signed long long int64_t;

/* 1: hand size bytes at data to the host as the result; a later call replaces an earlier one. */
static long (*bpf_return_data)(void *data, uint64_t size) = (void *) 1;
/* 2: read size bytes from byte offset within sector of zone into data. */
static long (*bpf_read)(uint64_t zone, uint64_t sector, uint64_t offset, uint64_t size, void *data) = (void *) 2;
/* 3: append size bytes (whole sectors; offset must be 0) at data to zone; *sector = first sector written. */
static long (*bpf_write)(uint64_t zone, uint64_t *sector, uint64_t offset, uint64_t size, void *data) = (void *) 3;
/* 4: bytes per sector. */
static uint64_t (*bpf_get_sector_size)(void) = (void *) 4;
/* 5: writable sectors per zone. */
static uint64_t (*bpf_get_zone_capacity)(void) = (void *) 5;
/* 6: sectors per zone (LBA stride between zones). */
static uint64_t (*bpf_get_zone_size)(void) = (void *) 6;
/* 7: *mem_ptr = device scratch memory (zeroed at each run), *mem_size = its size. */
static void (*bpf_get_mem_info)(void **mem_ptr, uint64_t *mem_size) = (void *) 7;
/* 8: *call = call information passed by the host, or 0 (csdlab also returns its length). */
static void (*bpf_get_call_info)(void **call) = (void *) 8;
/* 9: record a NUL-terminated string in the run's debug messages. */
static void (*bpf_debug)(const char *s) = (void *) 9;

#endif
