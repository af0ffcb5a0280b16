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
    Geometry g = Geometry.builder().zoneCount(2048).zoneSizeBlocks(4096).blockSizeBytes(4096).build();
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
    assertEquals(MemoryBackend.CHUNK_BYTES, d.storedBytes() - empty - 8L * (16 << 20) / MemoryBackend.CHUNK_BYTES);
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
}
