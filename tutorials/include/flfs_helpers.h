/*
 * flfs_helpers.h - the call information flufflefs-lite passes to a kernel bound to a file
 * (org.csdlab.fluffle.kernel.FlfsCallDescriptor on the Java side). The layout is FluffleFS's:
 * its packed flfs_call, for a write event its packed flfs_write_call, then the LBAs, so kernels
 * written against FluffleFS's bpf_helpers_flfs.h find their fields where they expect them;
 * include csd_helpers.h first for the opencsd helpers.
 *
 *   byte  0  u32 op          FLFS_READ_STREAM (0) or FLFS_WRITE_EVENT (1)
 *   byte  4  u64 size        bytes of the request (a read is clipped to the file's size)
 *   byte 12  u64 offset      file offset of the request's first byte
 *   byte 20  u64 inode       the file's inode number
 *   byte 28  u64 parent      its parent directory's inode number
 *   byte 36  u32 type        FLFS_FILE (0) or FLFS_DIR (1), then 4 bytes of padding
 *   byte 44  u64 file_size   the file's size in bytes (as seen by this call)
 *   write event only, struct flfs_write_call:
 *   byte 52  u64 pre_pad     bytes of the file from before the write in its first block, before
 *                            the written range
 *   byte 60  u64 post_pad    bytes of the file from before the write in its last block, after
 *                            the written range
 *   byte 68  u64 start_ptr   first LBA of the log zone holding the write's last block
 *   byte 76  u64 wp_ptr      that zone's write pointer after the write (LBAs before it are written)
 *   byte 84  u64 end_ptr     one past that zone's last writable LBA
 *   byte 52 (read) or 92 (write event)
 *            u64 lbas[]      one LBA per file block covering [offset, offset + size), in file
 *                            order, starting with block offset / sector_size; FLFS_HOLE (0) for a
 *                            block never written (it reads as zeros)
 *
 * FluffleFS reserves flfs_write_call's 40 bytes but leaves them unset (its create_csd_context copies
 * past the end of the struct it filled); flufflefs-lite fills them as above. LBA 0 is never file
 * data (it is flufflefs-lite's superblock), so a hole is LBA 0, as FluffleFS marks it.
 *
 * get_call_info returns nothing (OpenCSD's is void), so a kernel counts its LBAs from the request,
 * as FluffleFS's kernels do: flfs_lba_count(call, sector_size). A read-stream kernel sees the file
 * as it was when the kernel was bound to the handle (a snapshot); a write-event kernel sees
 * exactly the blocks the write just stored. A kernel may read only the LBAs in its list and may
 * not write: anything else ends the call with an I/O error. A negative return is an I/O error
 * (EIO, as FluffleFS answers it); a read's answer is the return data cut to the clipped request.
 */
#ifndef FLFS_HELPERS_H
#define FLFS_HELPERS_H

#include "csd_helpers.h"

#define FLFS_READ_STREAM 0
#define FLFS_WRITE_EVENT 1

#define FLFS_FILE 0
#define FLFS_DIR 1

/* The LBA of a file block that was never written: 0, as FluffleFS marks it (LBA 0 is never data). */
#define FLFS_HOLE 0

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
    /* a write event's struct flfs_write_call, then u64 lbas[], follow */
};

_Static_assert(sizeof(struct flfs_call) == 52, "flfs_call is 52 bytes, packed");

struct __attribute__((packed)) flfs_write_call {
    uint64_t pre_pad;
    uint64_t post_pad;
    uint64_t start_ptr;
    uint64_t wp_ptr;
    uint64_t end_ptr;
};

_Static_assert(sizeof(struct flfs_write_call) == 40, "flfs_write_call is 40 bytes, packed");

/* A write event's flfs_write_call, right after the flfs_call; 0 for a read stream, which has none. */
static inline struct flfs_write_call *flfs_write_info(struct flfs_call *call)
{
    if (call->op != FLFS_WRITE_EVENT)
        return 0;
    return (struct flfs_write_call *) ((uint8_t *) call + sizeof(struct flfs_call));
}

/* The LBA list: after the flfs_call, and for a write event after its flfs_write_call too. */
static inline uint64_t *flfs_lbas(struct flfs_call *call)
{
    uint8_t *at = (uint8_t *) call + sizeof(struct flfs_call);
    if (call->op == FLFS_WRITE_EVENT)
        at += sizeof(struct flfs_write_call);
    return (uint64_t *) at;
}

/* The number of LBAs: the blocks covering [dims.offset, dims.offset + dims.size). */
static inline uint64_t flfs_lba_count(struct flfs_call *call, uint64_t sector_size)
{
    uint64_t offset = call->dims.offset;
    uint64_t size = call->dims.size;
    if (size == 0)
        return 0;
    return (offset + size - 1) / sector_size - offset / sector_size + 1;
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
