package org.csdlab.ebpf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The address space of one run: named regions, each at its own 4 GiB-aligned base, so the region of
 * an address is its upper 32 bits and address 0 is never mapped.
 *
 * <pre>
 *   address:  +----------------------+----------------------+
 *             |  region number + 1   |  offset in region    |
 *             +----------------------+----------------------+
 *              63                  32 31                   0
 * </pre>
 *
 * Every access is bounds-checked here; helpers use the public methods, which fail with a {@link
 * MemoryAccessException} naming the address and the nearest region.
 */
public final class Memory {
  static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int REGION_SHIFT = 32;
  private static final long NULL_PAGE_BYTES = 4096;

  final byte[][] data;
  final boolean[] writable;
  private final MemoryRegion[] regions;

  /** The instruction on whose behalf a helper accesses memory, for error messages. */
  private int helperPc;

  private Instruction helperInstruction;

  private Memory(List<String> names, List<byte[]> contents, List<Boolean> writable) {
    int count = names.size();
    this.data = contents.toArray(new byte[0][]);
    this.writable = new boolean[count];
    this.regions = new MemoryRegion[count];
    for (int i = 0; i < count; i++) {
      this.writable[i] = writable.get(i);
      regions[i] = new MemoryRegion(names.get(i), baseOf(i), data[i].length, this.writable[i]);
    }
  }

  /** The start address of the region with index {@code index}. */
  static long baseOf(int index) {
    return (long) (index + 1) << REGION_SHIFT;
  }

  /** Builds the regions of one run. */
  static final class Layout {
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();
    private final List<Boolean> writable = new ArrayList<>();

    /** Adds a region backed by {@code bytes} (not copied); returns its start address. */
    long add(String name, byte[] bytes, boolean canWrite) {
      names.add(name);
      contents.add(bytes);
      writable.add(canWrite);
      return baseOf(names.size() - 1);
    }

    Memory build() {
      return new Memory(names, contents, writable);
    }
  }

  /** The regions, in address order. */
  public List<MemoryRegion> regions() {
    return List.of(regions);
  }

  /** The region called {@code name}; throws when there is none. */
  public MemoryRegion region(String name) {
    for (MemoryRegion region : regions) {
      if (region.name().equals(name)) {
        return region;
      }
    }
    throw new IllegalArgumentException(
        "no memory region named '" + name + "'; regions: " + describeAll());
  }

  /** Copies {@code length} bytes starting at {@code address}. */
  public byte[] read(long address, int length) {
    int region = check(address, length, false);
    int offset = (int) address;
    return Arrays.copyOfRange(data[region], offset, offset + length);
  }

  /** Writes {@code bytes} at {@code address}. */
  public void write(long address, byte[] bytes) {
    int region = check(address, bytes.length, true);
    System.arraycopy(bytes, 0, data[region], (int) address, bytes.length);
  }

  /**
   * Writes {@code length} bytes of {@code bytes} from {@code offset} at {@code address}, without a
   * copy.
   */
  public void write(long address, byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    int region = check(address, length, true);
    System.arraycopy(bytes, offset, data[region], (int) address, length);
  }

  /**
   * Fails as a write of {@code length} bytes at {@code address} would, changing nothing: for a
   * helper to check its destination before it does work (or allocates) for it.
   */
  public void checkWritable(long address, int length) {
    check(address, length, true);
  }

  /** Reads a NUL-terminated string of at most {@code maxBytes} bytes (UTF-8). */
  public String readCString(long address, int maxBytes) {
    int region = check(address, 1, false);
    byte[] bytes = data[region];
    int start = (int) address;
    int limit = (int) Math.min(bytes.length, (long) start + maxBytes);
    int end = start;
    while (end < limit && bytes[end] != 0) {
      end++;
    }
    if (end == limit) {
      throw helperFault(
          "string at 0x"
              + Long.toHexString(address)
              + " has no NUL terminator within "
              + (end - start)
              + " bytes",
          address,
          end - start,
          false);
    }
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  /**
   * The bytes of the string at {@code address}, its NUL not included: up to the NUL, at most {@code
   * maxBytes}, and never past the end of the region holding its first byte, where an unterminated
   * string ends. So a helper reading a string never faults once its first byte is readable, which
   * is what the verifier checks of a string argument.
   *
   * @throws MemoryAccessException the first byte is in no region
   */
  public byte[] readStringBytes(long address, int maxBytes) {
    int region = check(address, 1, false);
    byte[] bytes = data[region];
    int start = (int) address;
    int limit = (int) Math.min(bytes.length, (long) start + Math.max(0, maxBytes));
    int end = start;
    while (end < limit && bytes[end] != 0) {
      end++;
    }
    return java.util.Arrays.copyOfRange(bytes, start, end);
  }

  /** {@link #readStringBytes} as UTF-8 text. */
  public String readString(long address, int maxBytes) {
    return new String(readStringBytes(address, maxBytes), StandardCharsets.UTF_8);
  }

  /** Whether {@code length} bytes at {@code address} lie in one region (a read would succeed). */
  public boolean readable(long address, int length) {
    return length >= 0 && regionOf(address, length) >= 0;
  }

  /** Loads an unsigned value of {@code size} at {@code address}. */
  public long load(long address, Size size) {
    int region = check(address, size.bytes(), false);
    return loadUnchecked(data[region], (int) address, size.bytes());
  }

  /** Stores the low bytes of {@code value} with {@code size} at {@code address}. */
  public void store(long address, Size size, long value) {
    int region = check(address, size.bytes(), true);
    storeUnchecked(data[region], (int) address, size.bytes(), value);
  }

  static long loadUnchecked(byte[] bytes, int offset, int size) {
    return switch (size) {
      case 1 -> bytes[offset] & 0xffL;
      case 2 -> (short) SHORT.get(bytes, offset) & 0xffffL;
      case 4 -> (int) INT.get(bytes, offset) & 0xffffffffL;
      default -> (long) LONG.get(bytes, offset);
    };
  }

  static void storeUnchecked(byte[] bytes, int offset, int size, long value) {
    switch (size) {
      case 1 -> bytes[offset] = (byte) value;
      case 2 -> SHORT.set(bytes, offset, (short) value);
      case 4 -> INT.set(bytes, offset, (int) value);
      default -> LONG.set(bytes, offset, value);
    }
  }

  /** Region index holding {@code size} bytes at {@code address}, or -1. */
  int regionOf(long address, int size) {
    int region = (int) (address >>> REGION_SHIFT) - 1;
    if (region < 0 || region >= data.length) {
      return -1;
    }
    int offset = (int) address;
    return offset >= 0 && offset <= data[region].length - size ? region : -1;
  }

  void enterHelper(int pc, Instruction instruction) {
    this.helperPc = pc;
    this.helperInstruction = instruction;
  }

  private int check(long address, int size, boolean write) {
    if (size < 0) {
      throw helperFault("negative length " + size, address, size, write);
    }
    int region = regionOf(address, size);
    if (region < 0 || (write && !writable[region])) {
      throw helperFault(describeFault(address, size, write, region), address, size, write);
    }
    return region;
  }

  private MemoryAccessException helperFault(String problem, long address, int size, boolean write) {
    return new MemoryAccessException(
        helperPc, helperInstruction, "helper " + problem, address, size, write, nearest(address));
  }

  /** The fault of an instruction's own load or store. */
  MemoryAccessException fault(
      int pc, Instruction instruction, long address, int size, boolean write) {
    return new MemoryAccessException(
        pc,
        instruction,
        describeFault(address, size, write, regionOf(address, size)),
        address,
        size,
        write,
        nearest(address));
  }

  private String describeFault(long address, int size, boolean write, int region) {
    String access =
        (write ? "write of " : "read of ") + size + " bytes at 0x" + Long.toHexString(address);
    if (region >= 0) {
      return access + " is inside read-only region " + regions[region].describe();
    }
    if (Long.compareUnsigned(address, NULL_PAGE_BYTES) < 0) {
      return access
          + " is a null pointer access (address 0 is never mapped); regions: "
          + describeAll();
    }
    MemoryRegion near = nearest(address);
    String where =
        near == null
            ? "no regions exist"
            : "nearest region "
                + near.describe()
                + (Long.compareUnsigned(address, near.startAddress()) >= 0
                    ? ", access ends "
                        + Long.toUnsignedString(address + size - near.endAddress())
                        + " bytes past its end"
                    : ", access starts "
                        + Long.toUnsignedString(near.startAddress() - address)
                        + " bytes before it");
    return access + " is outside every region; " + where;
  }

  private MemoryRegion nearest(long address) {
    MemoryRegion best = null;
    long bestDistance = -1;
    for (MemoryRegion region : regions) {
      long distance =
          Long.compareUnsigned(address, region.startAddress()) < 0
              ? region.startAddress() - address
              : Long.compareUnsigned(address, region.endAddress()) < 0
                  ? 0
                  : address - region.endAddress();
      if (best == null || Long.compareUnsigned(distance, bestDistance) < 0) {
        best = region;
        bestDistance = distance;
      }
    }
    return best;
  }

  private String describeAll() {
    StringBuilder out = new StringBuilder();
    for (MemoryRegion region : regions) {
      out.append(out.length() == 0 ? "" : ", ").append(region.describe());
    }
    return out.length() == 0 ? "(none)" : out.toString();
  }
}
