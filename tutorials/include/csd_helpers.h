/*
 * csd_helpers.h - the opencsd kernel ABI of csdlab's ComputationalStorage
 * (org.csdlab.zns.csd.OpenCsdHelpers): OpenCSD's helpers (the ids and prototypes of its
 * bpf_helpers_prog.h) with the behaviour of its NVMe CSD over the memory backend, so kernels
 * written for OpenCSD build unchanged and behave as there. A kernel is a C `int main(void)` at the
 * start of .text.
 *
 * Entry: r1 = the kernel memory, r2 = its whole size (OpenCSD's ubpf_exec(vm, mem, mem_size)).
 * The call information is copied to the start of that memory. Zones count from 0, sectors are
 * logical blocks counted from the zone start, sizes are bytes. Every helper failure returns -1;
 * csdlab also records why in the run's result (CsdResult.refusals).
 *
 * Where csdlab differs from OpenCSD: pointers are bounds-checked (a bad one stops the kernel);
 * the memory is zeroed and the return data empty at each run; bpf_debug runs (OpenCSD declares it
 * but does not register it, so uBPF refuses kernels that call it there); the device's limits on
 * open zones apply to bpf_write.
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
static void (*bpf_return_data)(void *data, uint64_t size) = (void *) 1;
/* 2: copy size bytes from byte zone * capacity bytes + sector * sector size + offset of the
 * device into data; may cross sectors and zones. -1 (data unchanged) when zone >= zones,
 * sector >= zone capacity, offset >= sector size, start + size >= device bytes (OpenCSD's '>=':
 * the device's last byte cannot be read) or the zone's write pointer <= sector; bytes at or above
 * a write pointer read as zeros. */
static int (*bpf_read)(uint64_t zone, uint64_t sector, uint64_t offset, uint64_t size, void *data) = (void *) 2;
/* 3: append ceil((offset + size) / sector size) sectors to zone: offset zero bytes, the data,
 * zeros to the sector end; *sector = the write pointer before the write. -1 for a bad zone, a
 * full zone, offset >= sector size, a write past the zone capacity or a refused command. */
static int (*bpf_write)(uint64_t zone, uint64_t *sector, uint64_t offset, uint64_t size, void *data) = (void *) 3;
/* 4: bytes per sector. */
static uint64_t (*bpf_get_sector_size)(void) = (void *) 4;
/* 5: writable sectors per zone. */
static uint64_t (*bpf_get_zone_capacity)(void) = (void *) 5;
/* 6: sectors per zone (LBA stride between zones). */
static uint64_t (*bpf_get_zone_size)(void) = (void *) 6;
/* 7: *mem_ptr = the kernel memory after the call information, *mem_size = its size less the
 * call information's. A run passes at most the drive's maxCallInfoBytes of call information
 * (default half the memory), so the verifier knows mem_ptr reaches at least the rest. */
static void (*bpf_get_mem_info)(void **mem_ptr, uint64_t *mem_size) = (void *) 7;
/* 8: *call = the call information (the start of the kernel memory) if the host passed some;
 * otherwise *call is left untouched, so set it to 0 first. */
static void (*bpf_get_call_info)(void **call) = (void *) 8;
/* 9: record the string at s in the run's debug messages: up to its NUL, 4096 bytes or the end of
 * its memory, whichever comes first (csdlab only: OpenCSD declares it but does not register it,
 * so uBPF refuses kernels that call it there). */
static void (*bpf_debug)(const char *s) = (void *) 9;

#endif
