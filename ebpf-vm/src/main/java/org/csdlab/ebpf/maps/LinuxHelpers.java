package org.csdlab.ebpf.maps;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.csdlab.ebpf.ArgType;
import org.csdlab.ebpf.BoundedLines;
import org.csdlab.ebpf.HelperContext;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.HelperPrototype.ReturnRange;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.Memory;
import org.csdlab.ebpf.ReturnType;

/**
 * The Linux helpers for one {@link MapSet}, deterministic: time comes from a supplier (by default a
 * counter that advances 1000 ns per call), random numbers from a seeded generator, and {@code
 * trace_printk} output is collected in {@link #printed()}: at most {@value
 * #DEFAULT_MAX_PRINTED_LINES} lines of {@value #DEFAULT_MAX_PRINTED_BYTES} bytes in all unless the
 * constructor says otherwise, later lines only counted ({@link #droppedLines()}), so a program
 * printing in a loop cannot exhaust memory.
 *
 * <pre>
 *   id   name              arguments                         returns
 *   1    map_lookup_elem   map, key ptr                      value ptr, or 0
 *   2    map_update_elem   map, key ptr, value ptr, flags    0 or -errno
 *   3    map_delete_elem   map, key ptr                      0 or -errno
 *   5    ktime_get_ns                                        time in ns
 *   6    trace_printk      fmt ptr, fmt size, a, b, c        bytes written
 *   7    get_prandom_u32                                     u32
 *   130  ringbuf_output    ringbuf map, data ptr, size, flags 0 or -errno
 * </pre>
 *
 * A map argument that is no handle of the set (or a map of the wrong kind) makes update, delete and
 * ringbuf_output return {@code -EINVAL}, and stops the program with a {@link
 * org.csdlab.ebpf.HelperException} in lookup, whose result is a pointer; bad key, value or data
 * pointers stop it with a memory fault.
 */
public final class LinuxHelpers {
  /** Id of map_lookup_elem. */
  public static final int MAP_LOOKUP_ELEM = 1;

  /** Id of map_update_elem. */
  public static final int MAP_UPDATE_ELEM = 2;

  /** Id of map_delete_elem. */
  public static final int MAP_DELETE_ELEM = 3;

  /** Id of ktime_get_ns. */
  public static final int KTIME_GET_NS = 5;

  /** Id of trace_printk. */
  public static final int TRACE_PRINTK = 6;

  /** Id of get_prandom_u32. */
  public static final int GET_PRANDOM_U32 = 7;

  /** Id of ringbuf_output. */
  public static final int RINGBUF_OUTPUT = 130;

  /** Bytes of the largest trace_printk line (the kernel's limit). */
  public static final int MAX_PRINTK_BYTES = 1024;

  /** trace_printk lines kept unless the constructor says otherwise. */
  public static final int DEFAULT_MAX_PRINTED_LINES = 1_000;

  /**
   * UTF-8 bytes of trace_printk lines kept, over all lines, unless the constructor says otherwise.
   */
  public static final long DEFAULT_MAX_PRINTED_BYTES = 1L << 20;

  private static final HelperPrototype MAP_LOOKUP_ELEM_PROTOTYPE =
      new HelperPrototype(
          MAP_LOOKUP_ELEM,
          "map_lookup_elem",
          List.of(ArgType.MAP_HANDLE, ArgType.PTR_TO_MAP_KEY),
          ReturnType.MAP_VALUE_OR_NULL);
  private static final HelperPrototype MAP_UPDATE_ELEM_PROTOTYPE =
      new HelperPrototype(
              MAP_UPDATE_ELEM,
              "map_update_elem",
              List.of(
                  ArgType.MAP_HANDLE,
                  ArgType.PTR_TO_MAP_KEY,
                  ArgType.PTR_TO_MAP_VALUE,
                  ArgType.ANYTHING),
              ReturnType.SCALAR)
          .withReturnRange(ReturnRange.ZERO_OR_ERRNO);
  private static final HelperPrototype MAP_DELETE_ELEM_PROTOTYPE =
      new HelperPrototype(
              MAP_DELETE_ELEM,
              "map_delete_elem",
              List.of(ArgType.MAP_HANDLE, ArgType.PTR_TO_MAP_KEY),
              ReturnType.SCALAR)
          .withReturnRange(ReturnRange.ZERO_OR_ERRNO);
  private static final HelperPrototype KTIME_GET_NS_PROTOTYPE =
      new HelperPrototype(KTIME_GET_NS, "ktime_get_ns", List.of(), ReturnType.SCALAR);
  private static final HelperPrototype TRACE_PRINTK_PROTOTYPE =
      new HelperPrototype(
              TRACE_PRINTK,
              "trace_printk",
              List.of(ArgType.PTR_TO_MEM, ArgType.SIZE),
              ReturnType.SCALAR,
              true)
          .withReturnRange(-Errno.EINVAL, Integer.MAX_VALUE);
  private static final HelperPrototype GET_PRANDOM_U32_PROTOTYPE =
      new HelperPrototype(GET_PRANDOM_U32, "get_prandom_u32", List.of(), ReturnType.SCALAR)
          .withReturnRange(ReturnRange.U32);
  private static final HelperPrototype RINGBUF_OUTPUT_PROTOTYPE =
      new HelperPrototype(
              RINGBUF_OUTPUT,
              "ringbuf_output",
              List.of(
                  ArgType.MAP_HANDLE, ArgType.PTR_TO_MEM, ArgType.SIZE_OR_ZERO, ArgType.ANYTHING),
              ReturnType.SCALAR)
          .withReturnRange(ReturnRange.ZERO_OR_ERRNO);
  private static final Map<Integer, HelperPrototype> PROTOTYPES =
      new LinuxHelpers(MapSet.of(List.of())).registry().prototypes();

  private final MapSet maps;
  private final LongSupplier clock;
  private final SplittableRandom random;
  private final BoundedLines printed;

  /** Helpers for {@code maps} with the counter clock and seed 0. */
  public LinuxHelpers(MapSet maps) {
    this(maps, counterClock(), 0);
  }

  /**
   * Helpers for {@code maps} reading time from {@code clock} and random numbers seeded by {@code
   * seed}.
   */
  public LinuxHelpers(MapSet maps, LongSupplier clock, long seed) {
    this(maps, clock, seed, DEFAULT_MAX_PRINTED_LINES, DEFAULT_MAX_PRINTED_BYTES);
  }

  /**
   * As {@link #LinuxHelpers(MapSet, LongSupplier, long)}, keeping at most {@code maxPrintedLines}
   * trace_printk lines of {@code maxPrintedBytes} UTF-8 bytes in all.
   */
  public LinuxHelpers(
      MapSet maps, LongSupplier clock, long seed, int maxPrintedLines, long maxPrintedBytes) {
    this.maps = maps;
    this.clock = clock;
    this.random = new SplittableRandom(seed);
    this.printed = new BoundedLines(maxPrintedLines, maxPrintedBytes);
  }

  /** A monotonic clock that starts at 1000 ns and advances 1000 ns per reading. */
  public static LongSupplier counterClock() {
    long[] now = {0};
    return () -> now[0] += 1000;
  }

  /**
   * The lines trace_printk wrote and that were kept, in order; {@link #droppedLines()} counts the
   * others.
   */
  public List<String> printed() {
    return printed.lines();
  }

  /** trace_printk lines written after the limit of lines or bytes kept was reached. */
  public long droppedLines() {
    return printed.droppedLines();
  }

  /** The kept lines, one a line, then how many more were not kept, if any. */
  public String printedText() {
    return printed.text();
  }

  /** The helpers, as a registry. */
  public HelperRegistry registry() {
    return HelperRegistry.empty()
        .with(MAP_LOOKUP_ELEM_PROTOTYPE, (ctx, map, key, a, b, c) -> lookup(ctx, map, key))
        .with(
            MAP_UPDATE_ELEM_PROTOTYPE,
            (ctx, map, key, value, flags, c) -> update(ctx, map, key, value, flags))
        .with(MAP_DELETE_ELEM_PROTOTYPE, (ctx, map, key, a, b, c) -> delete(ctx, map, key))
        .with(KTIME_GET_NS_PROTOTYPE, (ctx, a, b, c, d, e) -> clock.getAsLong())
        .with(TRACE_PRINTK_PROTOTYPE, this::tracePrintk)
        .with(GET_PRANDOM_U32_PROTOTYPE, (ctx, a, b, c, d, e) -> randomU32())
        .with(
            RINGBUF_OUTPUT_PROTOTYPE,
            (ctx, map, data, size, flags, e) -> ringbufOutput(ctx, map, data, size, flags));
  }

  /**
   * The prototypes of {@link #registry()}, which need no maps: what the verifier checks calls
   * against by default.
   */
  public static Map<Integer, HelperPrototype> prototypes() {
    return PROTOTYPES;
  }

  private synchronized long randomU32() {
    return random.nextInt() & 0xffffffffL;
  }

  private long lookup(HelperContext ctx, long handle, long keyAddress) {
    if (!(maps.byHandle(handle) instanceof SlotMap map)) {
      // the result is a pointer, so no errno fits: stop the program instead
      throw new IllegalArgumentException(
          "r1 = 0x"
              + Long.toHexString(handle)
              + " is not the handle of a map "
              + "with values; handles: "
              + handles());
    }
    byte[] key = ctx.memory().read(keyAddress, map.keySize());
    synchronized (map) {
      int slot = map.slotOf(key);
      return slot < 0 ? 0 : valueAddress(ctx, map, slot);
    }
  }

  private long update(
      HelperContext ctx, long handle, long keyAddress, long valueAddress, long flags) {
    if (!(maps.byHandle(handle) instanceof SlotMap map)) {
      return -Errno.EINVAL;
    }
    byte[] key = ctx.memory().read(keyAddress, map.keySize());
    byte[] value = ctx.memory().read(valueAddress, map.valueSize());
    synchronized (map) {
      return map.update(key, value, flags);
    }
  }

  private long delete(HelperContext ctx, long handle, long keyAddress) {
    if (!(maps.byHandle(handle) instanceof SlotMap map)) {
      return -Errno.EINVAL;
    }
    byte[] key = ctx.memory().read(keyAddress, map.keySize());
    synchronized (map) {
      return map.delete(key);
    }
  }

  private String handles() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < maps.maps().size(); i++) {
      out.append(i == 0 ? "" : ", ")
          .append("0x")
          .append(Long.toHexString(MapSet.handleOf(i)))
          .append(' ')
          .append(maps.maps().get(i).name());
    }
    return out.length() == 0 ? "(no maps)" : out.toString();
  }

  private static long valueAddress(HelperContext ctx, SlotMap map, int slot) {
    return ctx.memory().region(map.regionName()).startAddress() + (long) slot * map.valueSize();
  }

  private long ringbufOutput(HelperContext ctx, long handle, long data, long size, long flags) {
    if (!(maps.byHandle(handle) instanceof RingBufferMap ring)) {
      return -Errno.EINVAL;
    }
    if (size < 0 || size > ring.capacity()) {
      return -Errno.EAGAIN; // as the kernel: a record larger than the buffer cannot be reserved
    }
    // a zero-length record touches no memory, as its SIZE_OR_ZERO prototype promises
    byte[] bytes = size == 0 ? new byte[0] : ctx.memory().read(data, (int) size);
    synchronized (ring) {
      return ring.output(bytes, flags);
    }
  }

  private long tracePrintk(HelperContext ctx, long fmt, long fmtSize, long a, long b, long c) {
    if (fmtSize <= 0 || fmtSize > MAX_PRINTK_BYTES) {
      return -Errno.EINVAL;
    }
    if (!hasNul(ctx.memory().read(fmt, (int) fmtSize))) {
      return -Errno.EINVAL; // as the kernel: the format must end within its size
    }
    String format = ctx.memory().readCString(fmt, (int) fmtSize);
    String line = format(ctx.memory(), format, new long[] {a, b, c});
    if (line == null) {
      return -Errno.EINVAL;
    }
    printed.add(line);
    return line.getBytes(StandardCharsets.UTF_8).length;
  }

  private static boolean hasNul(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Formats as the kernel's trace_printk: {@code %d %i %u %x %c %s %%}, each with an optional
   * {@code l} or {@code ll}; at most three arguments. Null for an unsupported conversion.
   */
  static String format(Memory memory, String format, long[] args) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      char ch = format.charAt(i);
      if (ch != '%') {
        out.append(ch);
        continue;
      }
      if (++i >= format.length()) {
        return null;
      }
      if (format.charAt(i) == '%') {
        out.append('%');
        continue;
      }
      int longs = 0;
      while (i < format.length() && format.charAt(i) == 'l' && longs < 2) {
        longs++;
        i++;
      }
      if (i >= format.length() || next >= args.length) {
        return null;
      }
      long arg = args[next++];
      boolean wide = longs > 0;
      switch (format.charAt(i)) {
        case 'd', 'i' -> out.append(wide ? arg : (int) arg);
        case 'u' ->
            out.append(wide ? Long.toUnsignedString(arg) : Integer.toUnsignedString((int) arg));
        case 'x' -> out.append(wide ? Long.toHexString(arg) : Integer.toHexString((int) arg));
        case 'c' -> out.append((char) (arg & 0xff));
        // as the kernel's bpf_trace_printk: a %s string is read without faulting, cut at the
        // line's limit or its region's end, and empty when its pointer is in no region
        case 's' ->
            out.append(memory.readable(arg, 1) ? memory.readString(arg, MAX_PRINTK_BYTES) : "");
        default -> {
          return null;
        }
      }
    }
    return out.toString();
  }
}
