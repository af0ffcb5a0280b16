package org.csdlab.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The memory backend only holds what was written. */
class SparseMemoryTest {

  @Test
  void thirtyTwoGibDeviceWithOneWrittenZoneCostsLittleHeap() {
    Geometry g =
        Geometry.builder().zoneCount(2048).zoneSizeBlocks(4096).blockSizeBytes(4096).build();
    assertEquals(32L << 30, g.sizeBytes());
    ZnsDevice d = ZnsDevice.builder(g).build();
    byte[] data = new byte[1 << 20];
    Arrays.fill(data, (byte) 0x5A);
    long lba = d.append(g.zoneStartLba(1000), data);
    assertArrayEquals(data, d.read(lba, 256));
    assertTrue(d.storedBytes() < (2 << 20), "stored bytes: " + d.storedBytes());
    assertTrue(d.storedBytes() >= data.length, "stored bytes: " + d.storedBytes());
  }

  @Test
  void chunksAreAllocatedOnlyAsTheWritePointerAdvances() {
    ZnsDevice d = ZnsDevice.create();
    long empty = d.storedBytes();
    d.append(0, new byte[4096]);
    assertEquals(
        MemoryBackend.CHUNK_BYTES,
        d.storedBytes() - empty - 8L * (16 << 20) / MemoryBackend.CHUNK_BYTES);
  }

  @Test
  void backendReadsAcrossChunkBoundary() {
    MemoryBackend b = new MemoryBackend(Geometry.defaults());
    byte[] data = new byte[8192];
    Arrays.fill(data, (byte) 1);
    b.write(0, MemoryBackend.CHUNK_BYTES - 4096, data);
    byte[] out = new byte[8192];
    b.read(0, MemoryBackend.CHUNK_BYTES - 4096, out, 0, out.length);
    assertArrayEquals(data, out);
  }

  @Test
  void zoneWrittenAgainAfterResetReadsZerosPastItsNewWritePointer() {
    ZnsDevice d = ZnsDevice.create();
    byte[] full = new byte[2 * MemoryBackend.CHUNK_BYTES];
    Arrays.fill(full, (byte) 0x77);
    d.append(0, full);
    d.manage(0, ZoneAction.RESET);
    byte[] small = new byte[4096];
    Arrays.fill(small, (byte) 0x11);
    d.append(0, small);
    byte[] back = d.read(0, 2 * MemoryBackend.CHUNK_BYTES / 4096);
    assertArrayEquals(small, Arrays.copyOf(back, 4096));
    for (int i = 4096; i < back.length; i++) {
      assertEquals(0, back[i], "byte " + i + " past the write pointer");
    }
  }

  @Test
  void chunkReusedForAWriteInsideItReadsZerosBelowTheWrite() {
    MemoryBackend b = new MemoryBackend(Geometry.defaults());
    byte[] ones = new byte[MemoryBackend.CHUNK_BYTES];
    Arrays.fill(ones, (byte) 1);
    b.write(0, 0, ones);
    b.discard(0);
    b.write(0, 8192, new byte[] {2, 2});
    byte[] out = new byte[8194];
    b.read(0, 0, out, 0, out.length);
    byte[] expected = new byte[8194];
    expected[8192] = 2;
    expected[8193] = 2;
    assertArrayEquals(expected, out);
  }
}
