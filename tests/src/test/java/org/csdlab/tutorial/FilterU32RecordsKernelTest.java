package org.csdlab.tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.testing.ClangBpf;
import org.csdlab.lab.Kernel;
import org.csdlab.lab.Lab;
import org.csdlab.lab.dataset.ByteUnit;
import org.csdlab.lab.dataset.Datasets;
import org.csdlab.zns.csd.CsdResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tutorials/programs/filter_u32_records.o, the filter of tutorial 3, against a Java reference. */
class FilterU32RecordsKernelTest {

  private static final long THRESHOLD = Lab.RAND_MAX / 2;
  private static final int DATA_BYTES = 256 * 1024;

  private static Path object() {
    return ProjectFiles.catalog().file("programs/filter_u32_records.o");
  }

  private static byte[] call(
      long zone, long length, long recordBytes, long threshold, long chunkBytes) {
    return ByteBuffer.allocate(40)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(zone)
        .putLong(length)
        .putLong(recordBytes)
        .putLong(threshold)
        .putLong(chunkBytes)
        .array();
  }

  /** The records whose first little-endian u32 is above the threshold, in order. */
  private static byte[] expected(byte[] data, int recordBytes) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    ByteBuffer values = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    for (int at = 0; at + recordBytes <= data.length; at += recordBytes) {
      if (Integer.toUnsignedLong(values.getInt(at)) > THRESHOLD) {
        kept.write(data, at, recordBytes);
      }
    }
    return kept.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 32, 512, 4096})
  void returnsExactlyTheRecordsWhoseKeyIsAboveTheThreshold(int recordBytes) {
    Lab lab = Lab.builder().memoryBytes(1 << 20).build();
    var dataset = Datasets.u32Readings(DATA_BYTES, ByteUnit.B).seed(11).selectivity(0.3);
    dataset.writeToZones(lab.device().raw(), 3);
    Kernel kernel = lab.csd().load(object());
    // A chunk smaller than the data, so the kernel reads several chunks.
    CsdResult result = kernel.raw().run(call(3, DATA_BYTES, recordBytes, THRESHOLD, 64 * 1024));
    byte[] kept = expected(dataset.bytes(), recordBytes);
    assertTrue(kept.length > 0, "the dataset keeps some records");
    assertEquals(kept.length / recordBytes, result.r0());
    assertArrayEquals(kept, result.returnData());
    assertEquals(DATA_BYTES, result.mediaBytesRead());
  }

  @Test
  void badCallInformationAndOverflowingMatchesAreErrors() {
    Lab lab = Lab.builder().memoryBytes(128 * 1024).build();
    Datasets.u32Readings(DATA_BYTES, ByteUnit.B)
        .seed(11)
        .selectivity(1.0)
        .writeToZones(lab.device().raw(), 0);
    Kernel kernel = lab.csd().load(object());
    assertEquals(-1, (int) kernel.raw().run(new byte[0]).r0(), "no call information");
    assertEquals(
        -1,
        (int) kernel.raw().run(call(0, DATA_BYTES, 12, THRESHOLD, 64 * 1024)).r0(),
        "record not a multiple of 8");
    assertEquals(
        -1,
        (int) kernel.raw().run(call(0, DATA_BYTES, 8, THRESHOLD, 1000)).r0(),
        "chunk not whole sectors");
    assertEquals(
        -1,
        (int) kernel.raw().run(call(0, DATA_BYTES, 8, THRESHOLD, 128 * 1024)).r0(),
        "chunk fills the memory");
    assertEquals(
        -1,
        (int) kernel.raw().run(call(0, DATA_BYTES, 8, THRESHOLD, 64 * 1024)).r0(),
        "256 KiB of matches cannot fit in 64 KiB of memory");
  }

  @Test
  void committedObjectIsWhatClangBuildsFromTheSource(@TempDir Path dir) throws IOException {
    Path programs = ProjectFiles.catalog().directory().resolve("programs");
    byte[] built =
        ClangBpf.compile(
            programs.resolve("filter_u32_records.c"),
            ProjectFiles.catalog().directory().resolve("include"),
            dir);
    assertEquals(
        ElfObject.read(programs.resolve("filter_u32_records.o")).program(".text").program(),
        ElfObject.parse(built).program(".text").program(),
        "filter_u32_records.o is stale: rebuild it with make -C tutorials/programs");
  }
}
