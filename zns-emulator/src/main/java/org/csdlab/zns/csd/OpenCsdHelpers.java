package org.csdlab.zns.csd;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.csdlab.ebpf.ArgType;
import org.csdlab.ebpf.HelperContext;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.HelperPrototype.ReturnRange;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.ReturnType;
import org.csdlab.ebpf.Size;
import org.csdlab.ebpf.StoredValue;
import org.csdlab.zns.Geometry;

/**
 * The {@code opencsd} kernel ABI: OpenCSD's NVMe CSD helpers over its memory backend ({@code
 * bpf_helpers_prog.h}, ids 1-9), so kernels written for OpenCSD run unchanged and behave as there.
 * Zones are numbered from 0, sectors are logical blocks counted from the zone start, sizes are in
 * bytes.
 *
 * <p>Entry and memory, as OpenCSD's {@code ubpf_exec(vm, vm_mem, vm_mem_size)}: r1 holds the
 * address of the kernel memory ({@link ComputationalStorage#memoryBytes()}, default 1 MiB) and r2
 * its whole size. The call information the host passes is copied to the start of that memory;
 * {@link #GET_MEM_INFO} gives the memory after it, {@link #GET_CALL_INFO} its start.
 *
 * <p>Every helper failure returns -1 ({@link #FAILED}), as OpenCSD's do; the lab also records why
 * in {@link CsdResult#refusals()}. Where OpenCSD is unsafe the lab keeps its checks: a pointer the
 * program cannot access (outside its regions, or a read-only one written) stops the program with
 * the VM's {@link org.csdlab.ebpf.MemoryAccessException} (for {@code read} and {@code write},
 * before the device is touched), where OpenCSD would use the raw host pointer.
 *
 * <p>Where the lab differs from OpenCSD on purpose: the kernel memory is zeroed at each run
 * (OpenCSD mallocs it uninitialised; zeroed memory makes runs deterministic); every run starts with
 * no return data (OpenCSD's return buffer is process-global, so a run that fails after {@code
 * return_data} leaves it for the next run; the lab keeps runs independent); {@link #DEBUG} runs
 * (OpenCSD declares it but does not register it, so uBPF refuses kernels that call it there) and
 * never reads past its string's region; the device's limits on open and active zones apply to
 * {@code write} (OpenCSD's memory backend has none) and refuse with -1; a run passes at most {@link
 * ComputationalStorage#maxCallInfoBytes()} of call information (OpenCSD: up to the whole memory),
 * so that the verifier knows how much memory {@code get_mem_info} gives at least ({@link
 * #prototypesFor}). A run's answer: OpenCSD's run command returns the return-data size when {@code
 * (int) r0 >= 0} and {@code (int) r0} when it is negative; {@link CsdResult} gives r0 and the
 * return data as they are, and {@link CsdResult#openCsdRunValue()} that value.
 */
public final class OpenCsdHelpers {
  /** What every helper returns when it fails, as in OpenCSD. */
  public static final long FAILED = -1;

  /**
   * The device buffer a {@code read} goes through when it cannot land directly in the kernel memory
   * (not whole sectors, or another region): 1 MiB, one device command per buffer-full.
   */
  public static final int READ_BUFFER_BYTES = 1 << 20;

  /**
   * Most bytes of a string {@code debug} records: a longer one, or one that reaches its region's
   * end without a NUL, is recorded cut there, so {@code debug} never reads past the string's region
   * and never faults once the string's first byte is readable (what the verifier checks).
   */
  public static final int MAX_DEBUG_BYTES = 4096;

  /**
   * {@code void bpf_return_data(void *data, u64 size)}: copies {@code size} bytes at {@code data}
   * to the host as the run's return data. As in OpenCSD, a later call replaces an earlier one (it
   * does not append). Returns nothing.
   */
  public static final int RETURN_DATA = 1;

  /**
   * {@code int bpf_read(u64 zone, u64 sector, u64 offset, u64 size, void *data)}: copies {@code
   * size} bytes from byte {@code zone * zone capacity bytes + sector * sector size + offset} of the
   * device's linear space into {@code data}, so a read may cross sectors, and a zone's capacity
   * into the next zone. Returns 0, or -1 leaving {@code data} unchanged when {@code zone >= zones},
   * {@code sector >= zone capacity}, {@code offset >= sector size}, {@code start + size >= device
   * bytes} (OpenCSD's {@code in_range}, with its {@code >=}), or the zone's write pointer is at or
   * below {@code sector}. Bytes at or above a write pointer read as zeros. The device reads the
   * whole sectors that hold the range; they count as media bytes read.
   */
  public static final int READ = 2;

  /**
   * {@code int bpf_write(u64 zone, u64 *sector, u64 offset, u64 size, void *data)}: appends to
   * {@code zone} {@code ceil((offset + size) / sector size)} sectors: {@code offset} zero bytes,
   * the {@code size} bytes at {@code data}, zeros to the end of the last sector; stores the write
   * pointer before the write (counted from the zone start) at {@code sector}. Returns 0, or -1 for
   * {@code zone >= zones}, a full zone, {@code offset >= sector size}, {@code start + size >=
   * device bytes}, a write that would pass the zone's capacity, or a command the device refuses
   * (too many open zones, an offline zone).
   */
  public static final int WRITE = 3;

  /** {@code u64 bpf_get_sector_size(void)}: the logical block size in bytes. */
  public static final int GET_SECTOR_SIZE = 4;

  /** {@code u64 bpf_get_zone_capacity(void)}: writable sectors per zone. */
  public static final int GET_ZONE_CAPACITY = 5;

  /** {@code u64 bpf_get_zone_size(void)}: sectors per zone (the LBA stride between zones). */
  public static final int GET_ZONE_SIZE = 6;

  /**
   * {@code void bpf_get_mem_info(void **mem_ptr, u64 *mem_size)}: stores the address of the kernel
   * memory after the call information ({@code start + call size}) and its size ({@code memory size
   * - call size}). Returns nothing.
   */
  public static final int GET_MEM_INFO = 7;

  /**
   * {@code void bpf_get_call_info(void **call)}: stores the start of the kernel memory, where the
   * call information is, when the host passed some; otherwise leaves {@code *call} untouched, as
   * OpenCSD does (initialise it to 0 to test for none). Returns nothing.
   */
  public static final int GET_CALL_INFO = 8;

  /**
   * {@code void bpf_debug(const char *s)}: records the string at {@code s} in the result: up to its
   * NUL, {@link #MAX_DEBUG_BYTES} bytes or the end of its region, whichever comes first. Returns
   * nothing. OpenCSD's header declares it but OpenCSD does not register it, so uBPF refuses kernels
   * that call it there; the lab runs it.
   */
  public static final int DEBUG = 9;

  private OpenCsdHelpers() {}

  /**
   * The verifier's view of the nine helpers, as the ABI gives them without a device: which argument
   * registers each one reads, what it reads and writes there, and the ranges every drive's helpers
   * return. The pointers {@code get_mem_info} and {@code get_call_info} store are plain numbers
   * here (no memory is known they point to), so a program that dereferences them is refused; a
   * drive's {@link #prototypesFor} knows its memory and geometry. The VM's {@link #registry}
   * registers each function under one of these, so both see the same helpers.
   */
  public static Map<Integer, HelperPrototype> prototypes() {
    Map<Integer, HelperPrototype> out = new TreeMap<>();
    for (HelperPrototype p :
        List.of(
            new HelperPrototype(
                RETURN_DATA,
                "return_data",
                List.of(ArgType.PTR_TO_MEM, ArgType.SIZE_OR_ZERO),
                ReturnType.VOID),
            new HelperPrototype(
                    READ,
                    "read",
                    List.of(
                        ArgType.ANYTHING,
                        ArgType.ANYTHING,
                        ArgType.ANYTHING,
                        ArgType.SIZE_OR_ZERO,
                        ArgType.PTR_TO_UNINIT_MEM),
                    ReturnType.SCALAR)
                .withReturnRange(FAILED, 0),
            new HelperPrototype(
                    WRITE,
                    "write",
                    List.of(
                        ArgType.ANYTHING,
                        ArgType.PTR_TO_UNINIT_LONG,
                        ArgType.ANYTHING,
                        ArgType.SIZE_OR_ZERO,
                        ArgType.PTR_TO_MEM),
                    ReturnType.SCALAR)
                .withReturnRange(FAILED, 0),
            new HelperPrototype(GET_SECTOR_SIZE, "get_sector_size", List.of(), ReturnType.SCALAR)
                .withReturnRange(1, Integer.MAX_VALUE),
            new HelperPrototype(
                    GET_ZONE_CAPACITY, "get_zone_capacity", List.of(), ReturnType.SCALAR)
                .withReturnRange(1, Long.MAX_VALUE),
            new HelperPrototype(GET_ZONE_SIZE, "get_zone_size", List.of(), ReturnType.SCALAR)
                .withReturnRange(1, Long.MAX_VALUE),
            new HelperPrototype(
                GET_MEM_INFO,
                "get_mem_info",
                List.of(ArgType.PTR_TO_UNINIT_POINTER, ArgType.PTR_TO_UNINIT_LONG),
                ReturnType.VOID),
            new HelperPrototype(
                GET_CALL_INFO,
                "get_call_info",
                List.of(ArgType.PTR_TO_POINTER_UPDATED),
                ReturnType.VOID),
            new HelperPrototype(DEBUG, "debug", List.of(ArgType.PTR_TO_STRING), ReturnType.VOID))) {
      out.put(p.id(), p);
    }
    return out;
  }

  /**
   * The nine helpers' prototypes on a drive of {@code geometry} whose kernel memory (the context,
   * r1 at entry) is {@code memoryBytes} long and whose runs pass at most {@code maxCallInfoBytes}
   * of call information: the device facts become exact return values ({@code get_sector_size},
   * {@code get_zone_capacity}, {@code get_zone_size}), {@code get_mem_info} stores a pointer into
   * the kernel memory at the call information's end (offset 0 to {@code maxCallInfoBytes}) and a
   * size from {@code memoryBytes - maxCallInfoBytes} to {@code memoryBytes}, {@code get_call_info}
   * the memory's start, or nothing.
   *
   * <p>This is sound because the facts are the drive's own and fixed: a {@link CsdKernel} runs on
   * the {@link ComputationalStorage} that verified it, whose device geometry and memory never
   * change, and a run with more call information than {@code maxCallInfoBytes} is refused before it
   * starts ({@link CallInfoTooLargeException}). A kernel meant for another drive must be verified
   * with that drive's options again, or with ranges that cover both.
   */
  public static Map<Integer, HelperPrototype> prototypesFor(
      Geometry geometry, long memoryBytes, long maxCallInfoBytes) {
    return prototypesFor(geometry, memoryBytes, 0, maxCallInfoBytes);
  }

  /**
   * The nine helpers' prototypes as {@link #prototypesFor(Geometry, long, long)} gives them, for
   * runs that pass between {@code minCallInfoBytes} and {@code maxCallInfoBytes} of call
   * information: for one length (both equal), {@code get_mem_info}'s pointer and size are exact.
   */
  public static Map<Integer, HelperPrototype> prototypesFor(
      Geometry geometry, long memoryBytes, long minCallInfoBytes, long maxCallInfoBytes) {
    if (minCallInfoBytes < 0
        || minCallInfoBytes > maxCallInfoBytes
        || maxCallInfoBytes > memoryBytes) {
      throw new IllegalArgumentException(
          "call information of "
              + minCallInfoBytes
              + " to "
              + maxCallInfoBytes
              + " bytes does not fit a kernel memory of "
              + memoryBytes
              + " bytes");
    }
    Map<Integer, HelperPrototype> out = new TreeMap<>(prototypes());
    out.put(
        GET_SECTOR_SIZE,
        out.get(GET_SECTOR_SIZE).withReturnRange(ReturnRange.exactly(geometry.blockSizeBytes())));
    out.put(
        GET_ZONE_CAPACITY,
        out.get(GET_ZONE_CAPACITY)
            .withReturnRange(ReturnRange.exactly(geometry.zoneCapacityBlocks())));
    out.put(
        GET_ZONE_SIZE,
        out.get(GET_ZONE_SIZE).withReturnRange(ReturnRange.exactly(geometry.zoneSizeBlocks())));
    out.put(
        GET_MEM_INFO,
        out.get(GET_MEM_INFO)
            .withStored(0, StoredValue.intoContext(minCallInfoBytes, maxCallInfoBytes))
            .withStored(
                1,
                StoredValue.number(
                    new ReturnRange(
                        memoryBytes - maxCallInfoBytes, memoryBytes - minCallInfoBytes))));
    out.put(GET_CALL_INFO, out.get(GET_CALL_INFO).withStored(0, StoredValue.intoContext(0, 0)));
    return Map.copyOf(out);
  }

  /** The nine helpers, working on {@code session}. */
  static HelperRegistry registry(CsdSession session) {
    Geometry g = session.device.geometry();
    OpenCsdMedia media = new OpenCsdMedia(session);
    Map<Integer, HelperPrototype> p = prototypes();
    return HelperRegistry.empty()
        .with(
            p.get(RETURN_DATA),
            (ctx, data, size, r3, r4, r5) -> returnData(session, ctx, data, size))
        .with(
            p.get(READ),
            (ctx, zone, sector, offset, size, data) ->
                media.read(ctx, zone, sector, offset, size, data))
        .with(
            p.get(WRITE),
            (ctx, zone, sector, offset, size, data) ->
                media.append(ctx, zone, sector, offset, size, data))
        .with(p.get(GET_SECTOR_SIZE), (ctx, a, b, c, d, e) -> g.blockSizeBytes())
        .with(p.get(GET_ZONE_CAPACITY), (ctx, a, b, c, d, e) -> g.zoneCapacityBlocks())
        .with(p.get(GET_ZONE_SIZE), (ctx, a, b, c, d, e) -> g.zoneSizeBlocks())
        .with(
            p.get(GET_MEM_INFO),
            (ctx, memPtr, sizePtr, c, d, e) -> {
              ctx.memory()
                  .store(
                      memPtr, Size.DW, session.memoryAddress.getAsLong() + session.callInfoBytes);
              ctx.memory().store(sizePtr, Size.DW, session.memorySize - session.callInfoBytes);
              return 0;
            })
        .with(
            p.get(GET_CALL_INFO),
            (ctx, callPtr, b, c, d, e) -> {
              if (session.callInfoBytes > 0) {
                ctx.memory().store(callPtr, Size.DW, session.memoryAddress.getAsLong());
              }
              return 0;
            })
        .with(
            p.get(DEBUG),
            (ctx, s, b, c, d, e) -> {
              session.debug.add(ctx.memory().readString(s, MAX_DEBUG_BYTES));
              return 0;
            });
  }

  private static long returnData(CsdSession session, HelperContext ctx, long data, long size) {
    // a size no region can hold fails the bounds check as a bad pointer would
    int length = Long.compareUnsigned(size, Integer.MAX_VALUE) > 0 ? Integer.MAX_VALUE : (int) size;
    session.returnData = length == 0 ? new byte[0] : ctx.memory().read(data, length);
    return 0;
  }
}
