package org.csdlab.zns.csd;

import static org.csdlab.zns.csd.CsdTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.ebpf.elf.DataRegion;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The C kernels of tutorials/programs, from their committed objects. */
class CsdElfKernelTest {
  static final Path TUTORIALS = Path.of("..", "tutorials");
  static final Path COUNT_U32 = TUTORIALS.resolve("programs/count_u32.o");

  @Test
  void countU32KernelMatchesTheHostAnswer() {
    ZnsDevice device = device();
    byte[] zone1 = dataset(11, 32);
    device.append(GEOMETRY.zoneStartLba(1), zone1);
    device.append(GEOMETRY.zoneStartLba(0), dataset(12, 32));
    CsdKernel kernel =
        ComputationalStorage.of(device).load(ElfObject.read(COUNT_U32).program(".text"));

    CsdResult result = kernel.run(u64(1));
    assertEquals(0, result.r0(), result.toString());
    assertEquals(countAboveHalf(zone1), result.returnedLong());
    assertEquals(8, result.hostBytes());
    assertEquals(GEOMETRY.zoneCapacityBytes(), result.mediaBytesRead());

    assertEquals(countAboveHalf(dataset(12, 32)), kernel.run().returnedLong());
    // no zone 9: the first read is refused, so the kernel stops there with a count of 0
    CsdResult noZone = kernel.run(u64(9));
    assertEquals(0, noZone.r0());
    assertEquals(0, noZone.returnedLong());
    assertEquals("zone 9 is not below the zone count 4", noZone.refusals().get(0).reason());
  }

  @Test
  void loadedProgramDataRegionsStayAvailable() {
    LoadedProgram program =
        new LoadedProgram(
            "data",
            Assembler.assemble("call 4\nexit"),
            List.of(new DataRegion(".rodata", new byte[] {1, 2}, false)));
    CsdKernel kernel = ComputationalStorage.of(device()).load(program);
    assertEquals(4096, kernel.run().r0());
    assertTrue(kernel.toString().contains("data"));
  }

  private static CsdKernel kernel(ZnsDevice device, String name) {
    return ComputationalStorage.of(device)
        .load(ElfObject.read(TUTORIALS.resolve("programs/" + name + ".o")).program(".text"));
  }

  private static byte[] longs(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buffer.putLong(v);
    }
    return buffer.array();
  }

  @Test
  void countOverAListOfSectors() {
    ZnsDevice device = device();
    byte[] data = dataset(21, 32);
    device.append(GEOMETRY.zoneStartLba(2), data);
    long[] sectors = {0, 5, 5, 31, 17};
    long expected = 0;
    for (long s : sectors) {
      expected += countAboveHalf(Arrays.copyOfRange(data, (int) s * 4096, (int) s * 4096 + 4096));
    }
    long[] info = new long[2 + sectors.length];
    info[0] = 2;
    info[1] = sectors.length;
    System.arraycopy(sectors, 0, info, 2, sectors.length);
    CsdResult result = kernel(device, "count_u32_lbas").run(longs(info));
    assertEquals(0, result.r0(), result.toString());
    assertEquals(expected, result.returnedLong());
    assertEquals(sectors.length * 4096L, result.mediaBytesRead());
    assertEquals(-1, (int) kernel(device, "count_u32_lbas").run(longs(2, 1, 32)).r0());
    assertEquals(-1, (int) kernel(device, "count_u32_lbas").run().r0());
  }

  @Test
  void byteHistogramOfAZone() {
    ZnsDevice device = device();
    byte[] data = dataset(31, 32);
    device.append(GEOMETRY.zoneStartLba(2), data);
    CsdResult result = kernel(device, "histogram").run(u64(2));
    assertEquals(0, result.r0(), result.toString());
    assertEquals(1024, result.hostBytes());
    ByteBuffer counts = ByteBuffer.wrap(result.returnData()).order(ByteOrder.LITTLE_ENDIAN);
    int[] expected = new int[256];
    for (byte b : data) {
      expected[b & 0xff]++;
    }
    for (int i = 0; i < 256; i++) {
      assertEquals(expected[i], counts.getInt(), "count of byte " + i);
    }
  }

  @Test
  void filterReturnsTheMatchingRecords() {
    ZnsDevice device = device();
    int n = 300; // 128 records per sector: three sectors, the last one partly used
    ByteBuffer records = ByteBuffer.allocate(3 * 4096).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer expected = ByteBuffer.allocate(n * 32).order(ByteOrder.LITTLE_ENDIAN);
    Random random = new Random(5);
    for (int i = 1; i <= n; i++) {
      int temperature = random.nextInt(6000) - 1000;
      byte[] record =
          ByteBuffer.allocate(32)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putInt(i)
              .putInt(0)
              .putLong(1_700_000_000L + i)
              .putInt(temperature)
              .putInt(random.nextInt(10000))
              .putLong(0)
              .array();
      records.put(record);
      if (temperature >= 2500) {
        expected.put(record);
      }
    }
    device.append(GEOMETRY.zoneStartLba(0), records.array());
    CsdResult result = kernel(device, "filter_records").run(longs(0, 2500));
    byte[] want = Arrays.copyOf(expected.array(), expected.position());
    assertEquals(want.length / 32, result.r0(), result.toString());
    assertArrayEquals(want, result.returnData());
    assertEquals(want.length, result.hostBytes());
    assertEquals(n, kernel(device, "filter_records").run(longs(0, Long.MIN_VALUE)).r0());
  }

  /** The committed objects are what the sources compile to (skipped where clang is missing). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "count_u32",
        "count_u32_lbas",
        "histogram",
        "filter_records",
        "filter_u32_records"
      })
  void committedObjectMatchesItsSource(String name, @TempDir Path dir) throws IOException {
    byte[] compiled = compileC(TUTORIALS.resolve("programs/" + name + ".c"), dir);
    assertEquals(
        ElfObject.read(TUTORIALS.resolve("programs/" + name + ".o")).program(".text").program(),
        ElfObject.parse(compiled).program(".text").program());
  }
}
