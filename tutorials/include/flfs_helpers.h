/*
 * flfs_helpers.h - the call information flufflefs-lite passes to a kernel bound to a file
 * (org.csdlab.fluffle.kernel.FlfsCallDescriptor on the Java side). The layout is FluffleFS's
 * packed flfs_call, so kernels written against FluffleFS's read-stream call find their fields
 * where they expect them; include csd_helpers.h first for the opencsd helpers.
 *
 *   byte  0  u32 op          FLFS_READ_STREAM (0) or FLFS_WRITE_EVENT (1)
 *   byte  4  u64 size        bytes of the request (a read is clipped to the file's size)
 *   byte 12  u64 offset      file offset of the request's first byte
 *   byte 20  u64 inode       the file's inode number
 *   byte 28  u64 parent      its parent directory's inode number
 *   byte 36  u32 type        FLFS_FILE (0) or FLFS_DIR (1), then 4 bytes of padding
 *   byte 44  u64 file_size   the file's size in bytes (as seen by this call)
 *   byte 52  u64 lbas[]      one LBA per file block covering [offset, offset + size), in file
 *                            order, starting with block offset / sector_size; FLFS_HOLE for a
 *                            block never written (it reads as zeros)
 *
 * The number of LBAs is (call length - 52) / 8; flfs_get_call_info returns the call length.
 * A read-stream kernel sees the file as it was when the kernel was bound to the handle (a
 * snapshot); a write-event kernel sees exactly the blocks the write just stored. A kernel may
 * read only the LBAs in its list and may not write: anything else ends the call with an I/O error.
 * Unlike FluffleFS, a write-event call has no flfs_write_call block: the LBAs follow directly.
 */
#ifndef FLFS_HELPERS_H
#define FLFS_HELPERS_H

#include "csd_helpers.h"

#define FLFS_READ_STREAM 0
#define FLFS_WRITE_EVENT 1

#define FLFS_FILE 0
#define FLFS_DIR 1

/* The LBA of a file block that was never written. */
#define FLFS_HOLE 0xFFFFFFFFFFFFFFFFull

struct flfs_dims {
    uint64_t size;
    uint64_t offset;
};

struct flfs_inode {
    uint64_t inode;
    uint64_t parent;
    uint32_t type;
    uint32_t pad;
    uint64_t size;
};

struct __attribute__((packed)) flfs_call {
    uint32_t op;
    struct flfs_dims dims;
    struct flfs_inode ino;
    /* u64 lbas[] follow */
};

_Static_assert(sizeof(struct flfs_call) == 52, "flfs_call is 52 bytes, packed");

/*
 * Stores the call at *call and returns its length in bytes (0, *call = 0, without one). The opencsd
 * get_call_info returns nothing; the length is where get_mem_info's memory starts (right after
 * the call) less where the call starts, as on OpenCSD.
 */
static inline long flfs_get_call_info(struct flfs_call **call)
{
    void *mem;
    uint64_t mem_size;
    *call = 0;
    bpf_get_call_info((void **) call);
    if (!*call)
        return 0;
    bpf_get_mem_info(&mem, &mem_size);
    return (uint8_t *) mem - (uint8_t *) *call;
}

/* The LBA list after the header. */
static inline uint64_t *flfs_lbas(struct flfs_call *call)
{
    return (uint64_t *) ((uint8_t *) call + sizeof(struct flfs_call));
}

/* The number of LBAs in a call of call_length bytes. */
static inline uint64_t flfs_lba_count(uint64_t call_length)
{
    return call_length < sizeof(struct flfs_call) ? 0 : (call_length - sizeof(struct flfs_call)) / 8;
}

/*
 * How many LBAs from lbas[k] on (at most max, never FLFS_HOLE) are consecutive on the device
 * within one zone, so one bpf_read can fetch them all: files written sequentially lie in runs.
 */
static inline uint64_t flfs_run(uint64_t *lbas, uint64_t k, uint64_t n, uint64_t max, uint64_t zone_size)
{
    uint64_t first = lbas[k];
    uint64_t run = 1;
    if (first == FLFS_HOLE)
        return 1;
    while (k + run < n && run < max && lbas[k + run] == first + run && (first + run) % zone_size != 0)
        run++;
    return run;
}

/* The zone and the sector within it that hold lba, for bpf_read. */
static inline void flfs_position(uint64_t lba, uint64_t zone_size, uint64_t *zone, uint64_t *sector)
{
    *zone = lba / zone_size;
    *sector = lba % zone_size;
}

#endif
