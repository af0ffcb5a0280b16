package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bounds-checked memory API that helpers use. */
class MemoryTest {

  private static Memory memoryOf(byte[] data, byte[] rodata) {
    Memory.Layout layout = new Memory.Layout();
    layout.add("data", data, true);
    layout.add(".rodata", rodata, false);
    return layout.build();
  }

  @Test
  void regionsSitAtTheirOwn4GiBBaseAndNeverAtZero() {
    Memory memory = memoryOf(new byte[16], new byte[4]);
    assertEquals(new MemoryRegion("data", 0x1_0000_0000L, 16, true), memory.region("data"));
    assertEquals(0x2_0000_0000L, memory.region(".rodata").startAddress());
    assertEquals("data [0x100000000, 0x100000010) rw", memory.region("data").describe());
  }

  @Test
  void loadsAndStoresAreLittleEndian() {
    byte[] data = new byte[16];
    Memory memory = memoryOf(data, new byte[4]);
    long base = memory.region("data").startAddress();
    memory.store(base + 2, Size.W, 0x11223344L);
    assertArrayEquals(new byte[] {0, 0, 0x44, 0x33, 0x22, 0x11, 0, 0}, memory.read(base, 8));
    assertEquals(0x3344L, memory.load(base + 2, Size.H));
    assertEquals(0x11L, memory.load(base + 5, Size.B));
  }

  @Test
  void writeIsCopiedInPlace() {
    byte[] data = new byte[4];
    Memory memory = memoryOf(data, new byte[4]);
    memory.write(memory.region("data").startAddress() + 1, new byte[] {7, 8});
    assertArrayEquals(new byte[] {0, 7, 8, 0}, data);
  }

  @Test
  void accessPastARegionNamesItsBounds() {
    Memory memory = memoryOf(new byte[16], new byte[4]);
    long base = memory.region("data").startAddress();
    MemoryAccessException e =
        assertThrows(MemoryAccessException.class, () -> memory.load(base + 12, Size.DW));
    assertEquals(base + 12, e.address());
    assertEquals(8, e.sizeBytes());
    assertEquals("data", e.nearestRegion().name());
    assertTrue(
        e.getMessage()
            .contains(
                "read of 8 bytes at 0x10000000c is outside every region; nearest region"
                    + " data [0x100000000, 0x100000010) rw, access ends 4 bytes past its end"),
        e.getMessage());
  }

  @Test
  void readOnlyRegionRefusesWritesAndKeepsItsBytes() {
    byte[] rodata = {1, 2, 3, 4};
    Memory memory = memoryOf(new byte[4], rodata);
    long base = memory.region(".rodata").startAddress();
    MemoryAccessException e =
        assertThrows(MemoryAccessException.class, () -> memory.write(base, new byte[] {9}));
    assertTrue(e.isWrite());
    assertTrue(e.getMessage().contains("inside read-only region .rodata"), e.getMessage());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, rodata);
    assertEquals(0x04030201L, memory.load(base, Size.W));
  }

  @Test
  void cStringsStopAtNulAndMustHaveOne() {
    byte[] data = "hi\0there".getBytes(StandardCharsets.UTF_8);
    Memory memory = memoryOf(data, new byte[4]);
    long base = memory.region("data").startAddress();
    assertEquals("hi", memory.readCString(base, 100));
    assertThrows(MemoryAccessException.class, () -> memory.readCString(base + 3, 100));
    assertThrows(MemoryAccessException.class, () -> memory.readCString(base, 2));
  }

  @Test
  void stringsEndAtTheirNulTheirLimitOrTheirRegionsEndAndOnlyAFirstByteOutsideFaults() {
    byte[] data = "hi\0there".getBytes(StandardCharsets.UTF_8);
    Memory memory = memoryOf(data, new byte[4]);
    long base = memory.region("data").startAddress();
    assertEquals("hi", memory.readString(base, 100));
    assertEquals("there", memory.readString(base + 3, 100)); // the region's end ends it
    assertEquals("th", memory.readString(base + 3, 2));
    assertTrue(memory.readable(base + 7, 1));
    assertTrue(!memory.readable(base + 8, 1));
    assertThrows(MemoryAccessException.class, () -> memory.readString(base + 8, 100));
  }

  @Test
  void nullAndNegativeLengthAreRefused() {
    Memory memory = memoryOf(new byte[4], new byte[4]);
    MemoryAccessException e = assertThrows(MemoryAccessException.class, () -> memory.read(0, 1));
    assertTrue(e.getMessage().contains("null pointer access"), e.getMessage());
    assertThrows(
        MemoryAccessException.class, () -> memory.read(memory.region("data").startAddress(), -1));
  }

  @Test
  void unknownRegionNameListsTheRegions() {
    Memory memory = memoryOf(new byte[4], new byte[4]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> memory.region("maps"));
    assertEquals(
        "no memory region named 'maps'; regions: data [0x100000000, 0x100000004) rw,"
            + " .rodata [0x200000000, 0x200000004) ro",
        e.getMessage());
  }
}
