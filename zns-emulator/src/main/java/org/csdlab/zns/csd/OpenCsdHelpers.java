package org.csdlab.zns.csd;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.csdlab.ebpf.ArgType;
import org.csdlab.ebpf.HelperContext;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.Memory;
import org.csdlab.ebpf.ReturnType;
import org.csdlab.ebpf.Size;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.StatusCode;
import org.csdlab.zns.ZnsException;

/**
 * The {@code opencsd} helper ABI, with the ids of OpenCSD's {@code bpf_helpers_prog.h}, so kernels
 * written for OpenCSD run unchanged. Zones are numbered from 0, sectors are logical blocks counted
 * from the zone start, sizes are in bytes.
 *
 * <p>Errors the device or the arguments cause are returned as negative errno values ({@link
 * #EINVAL}, {@link #EIO}, {@link #ENOSPC}); they never escape as JVM exceptions. A pointer the
 * program cannot access (outside its regions, or a read-only one written) stops the program with
 * the VM's {@link org.csdlab.ebpf.MemoryAccessException}, as a bad load or store of its own would.
 */
public final class OpenCsdHelpers {
  /** Invalid argument: no such zone, a range outside the zone, a size not in whole sectors. */
  public static final long EINVAL = -22;

  /** The device refused the command (e.g. an unreadable block, an offline zone). */
  public static final long EIO = -5;

  /** The zone has no room for the write. */
  public static final long ENOSPC = -28;

  /**
   * The device buffer a {@code read} goes through when it cannot land directly in the scratch
   * memory (not whole sectors, or another region): 1 MiB, one device command per buffer-full.
   */
  public static final int READ_BUFFER_BYTES = 1 << 20;

  /** Longest string {@code debug} reads, terminator included. */
  public static final int MAX_DEBUG_BYTES = 4096;

  /**
   * {@code void bpf_return_data(void *data, u64 size)}: copies {@code size} bytes at {@code data}
   * to the host as the run's return data. As in OpenCSD, a later call replaces an earlier one (it
   * does not append). Returns 0, or {@link #EINVAL} for a size over 2 GiB.
   */
  public static final int RETURN_DATA = 1;

  /**
   * {@code long bpf_read(u64 zone, u64 sector, u64 offset, u64 size, void *data)}: reads {@code
   * size} bytes starting {@code offset} bytes into {@code sector} of {@code zone} into {@code
   * data}. The range may cross sectors but must end within the zone's capacity. The device reads
   * the whole sectors that hold the range; they count as media bytes read. Returns 0, {@link
   * #EINVAL} or {@link #EIO}.
   */
  public static final int READ = 2;

  /**
   * {@code long bpf_write(u64 zone, u64 *sector, u64 offset, u64 size, void *data)}: appends {@code
   * size} bytes (a whole number of sectors) at {@code data} to {@code zone} and stores the first
   * sector written (counted from the zone start) at {@code sector}. A zone append chooses its own
   * position, so {@code offset} must be 0. Returns 0, {@link #EINVAL}, {@link #ENOSPC} or {@link
   * #EIO}.
   */
  public static final int WRITE = 3;

  /** {@code u64 bpf_get_sector_size(void)}: the logical block size in bytes. */
  public static final int GET_SECTOR_SIZE = 4;

  /** {@code u64 bpf_get_zone_capacity(void)}: writable sectors per zone. */
  public static final int GET_ZONE_CAPACITY = 5;

  /** {@code u64 bpf_get_zone_size(void)}: sectors per zone (the LBA stride between zones). */
  public static final int GET_ZONE_SIZE = 6;

  /**
   * {@code void bpf_get_mem_info(void **mem_ptr, u64 *mem_size)}: stores the address and size of
   * the device scratch memory (zeroed at the start of each run). Returns 0.
   */
  public static final int GET_MEM_INFO = 7;

  /**
   * {@code void bpf_get_call_info(void **call)}: stores the address of the call information the
   * host passed with the run, or 0 if it passed none. Returns its length in bytes.
   */
  public static final int GET_CALL_INFO = 8;

  /**
   * {@code void bpf_debug(const char *s)}: records a NUL-terminated string in the result. Returns
   * 0.
   */
  public static final int DEBUG = 9;

  private OpenCsdHelpers() {}

  /**
   * The verifier's view of the nine helpers: which argument registers each one reads. The VM's
   * {@link #registry} registers each function under one of these, so both see the same helpers.
   */
  public static Map<Integer, HelperPrototype> prototypes() {
    Map<Integer, HelperPrototype> out = new TreeMap<>();
    for (HelperPrototype p :
        List.of(
            new HelperPrototype(
                RETURN_DATA,
                "return_data",
                List.of(ArgType.PTR_TO_MEM, ArgType.SIZE),
                ReturnType.SCALAR),
            new HelperPrototype(
                READ,
                "read",
                List.of(
                    ArgType.ANYTHING,
                    ArgType.ANYTHING,
                    ArgType.ANYTHING,
                    ArgType.SIZE,
                    ArgType.PTR_TO_MEM),
                ReturnType.SCALAR),
            new HelperPrototype(
                WRITE,
                "write",
                List.of(
                    ArgType.ANYTHING,
                    ArgType.PTR_TO_MEM,
                    ArgType.ANYTHING,
                    ArgType.SIZE,
                    ArgType.PTR_TO_MEM),
                ReturnType.SCALAR),
            new HelperPrototype(GET_SECTOR_SIZE, "get_sector_size", List.of(), ReturnType.SCALAR),
            new HelperPrototype(
                GET_ZONE_CAPACITY, "get_zone_capacity", List.of(), ReturnType.SCALAR),
            new HelperPrototype(GET_ZONE_SIZE, "get_zone_size", List.of(), ReturnType.SCALAR),
            new HelperPrototype(
                GET_MEM_INFO,
                "get_mem_info",
                List.of(ArgType.PTR_TO_MEM, ArgType.PTR_TO_MEM),
                ReturnType.SCALAR),
            new HelperPrototype(
                GET_CALL_INFO, "get_call_info", List.of(ArgType.PTR_TO_MEM), ReturnType.SCALAR),
            new HelperPrototype(DEBUG, "debug", List.of(ArgType.PTR_TO_MEM), ReturnType.SCALAR))) {
      out.put(p.id(), p);
    }
    return out;
  }

  /** The nine helpers, working on {@code session}. */
  static HelperRegistry registry(CsdSession session) {
    Geometry g = session.device.geometry();
    Map<Integer, HelperPrototype> p = prototypes();
    return HelperRegistry.empty()
        .with(
            p.get(RETURN_DATA),
            (ctx, data, size, r3, r4, r5) -> returnData(session, ctx, data, size))
        .with(
            p.get(READ),
            (ctx, zone, sector, offset, size, data) ->
                read(session, ctx, zone, sector, offset, size, data))
        .with(
            p.get(WRITE),
            (ctx, zone, sector, offset, size, data) ->
                write(session, ctx, zone, sector, offset, size, data))
        .with(p.get(GET_SECTOR_SIZE), (ctx, a, b, c, d, e) -> g.blockSizeBytes())
        .with(p.get(GET_ZONE_CAPACITY), (ctx, a, b, c, d, e) -> g.zoneCapacityBlocks())
        .with(p.get(GET_ZONE_SIZE), (ctx, a, b, c, d, e) -> g.zoneSizeBlocks())
        .with(
            p.get(GET_MEM_INFO),
            (ctx, memPtr, sizePtr, c, d, e) -> {
              ctx.memory().store(memPtr, Size.DW, session.memoryAddress.getAsLong());
              ctx.memory().store(sizePtr, Size.DW, session.memorySize);
              return 0;
            })
        .with(
            p.get(GET_CALL_INFO),
            (ctx, callPtr, b, c, d, e) -> {
              long address = session.callInfoLength == 0 ? 0 : session.contextAddress.getAsLong();
              ctx.memory().store(callPtr, Size.DW, address);
              return session.callInfoLength;
            })
        .with(
            p.get(DEBUG),
            (ctx, s, b, c, d, e) -> {
              session.debug.add(ctx.memory().readCString(s, MAX_DEBUG_BYTES));
              return 0;
            });
  }

  private static long returnData(CsdSession session, HelperContext ctx, long data, long size) {
    if (size < 0 || size > Integer.MAX_VALUE - 8) {
      return EINVAL;
    }
    session.returnData = size == 0 ? new byte[0] : ctx.memory().read(data, (int) size);
    return 0;
  }

  private static long read(
      CsdSession session,
      HelperContext ctx,
      long zone,
      long sector,
      long offset,
      long size,
      long data) {
    Geometry g = session.device.geometry();
    long bs = g.blockSizeBytes();
    long capacity = g.zoneCapacityBytes();
    if (!validZone(g, zone)
        || Long.compareUnsigned(sector, g.zoneCapacityBlocks()) >= 0
        || Long.compareUnsigned(offset, capacity) >= 0
        || Long.compareUnsigned(size, capacity) > 0
        || size > Integer.MAX_VALUE - 8) {
      return EINVAL;
    }
    long start = sector * bs + offset;
    long end = start + size;
    if (end > capacity) {
      return EINVAL;
    }
    if (size == 0) {
      return 0;
    }
    Memory memory = ctx.memory();
    memory.checkWritable(
        data, (int) size); // a bad destination stops the kernel before any device work
    long firstBlock = start / bs;
    int blocks = (int) ((end - 1) / bs - firstBlock + 1);
    int from = (int) (start - firstBlock * bs);
    long length = blocks * bs;
    long lba = g.zoneStartLba((int) zone) + firstBlock;
    session.checkReadable(lba, blocks);
    long intoScratch = data - session.memoryAddress.getAsLong();
    long clock = session.device.modeledNanos();
    try {
      if (from == 0
          && size == length
          && intoScratch >= 0
          && intoScratch <= session.memory.length - size) {
        // sector-aligned reads into the scratch memory land there directly, as a DMA would
        session.device.read(lba, blocks, session.memory, (int) intoScratch);
      } else {
        // elsewhere, through the device's bounded buffer: one command per READ_BUFFER_BYTES
        int chunkBlocks = (int) Math.max(1, READ_BUFFER_BYTES / bs);
        byte[] buffer = session.buffer((int) (Math.min(blocks, chunkBlocks) * bs));
        long copied = 0;
        for (int done = 0; done < blocks; done += chunkBlocks) {
          int n = Math.min(chunkBlocks, blocks - done);
          session.device.read(lba + done, n, buffer, 0);
          int skip = done == 0 ? from : 0;
          int take = (int) Math.min(size - copied, n * bs - skip);
          memory.write(data + copied, buffer, skip, take);
          copied += take;
        }
      }
    } catch (ZnsException e) {
      return errno(e);
    }
    session.mediaBytesRead += length;
    session.chargeMedia(clock, length);
    return 0;
  }

  private static long write(
      CsdSession session,
      HelperContext ctx,
      long zone,
      long sectorPtr,
      long offset,
      long size,
      long data) {
    Geometry g = session.device.geometry();
    if (!validZone(g, zone)
        || offset != 0
        || size <= 0
        || size % g.blockSizeBytes() != 0
        || size > g.zoneCapacityBytes()) {
      return EINVAL;
    }
    session.checkWritable();
    Memory memory = ctx.memory();
    byte[] bytes = memory.read(data, (int) size);
    memory.store(
        sectorPtr, Size.DW, memory.load(sectorPtr, Size.DW)); // fault now, before the media changes
    long zoneStart = g.zoneStartLba((int) zone);
    long clock = session.device.modeledNanos();
    long lba;
    try {
      lba = session.device.append(zoneStart, bytes);
    } catch (ZnsException e) {
      return errno(e);
    }
    session.mediaBytesWritten += bytes.length;
    session.chargeMedia(clock, bytes.length);
    memory.store(sectorPtr, Size.DW, lba - zoneStart);
    return 0;
  }

  private static boolean validZone(Geometry g, long zone) {
    return zone >= 0 && zone < g.zoneCount();
  }

  /** The errno a kernel sees for a refused device command. */
  static long errno(ZnsException e) {
    StatusCode code = e.statusCode();
    return switch (code) {
      case ZONE_IS_FULL, ZONE_BOUNDARY_ERROR -> ENOSPC;
      case INVALID_FIELD, LBA_OUT_OF_RANGE -> EINVAL;
      default -> EIO;
    };
  }
}
