package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.VerificationException;
import org.junit.jupiter.api.Test;

/**
 * The host and the drive doing the same work: {@link LabHost}, {@link LabCsd}, {@link Comparison}.
 */
class OffloadTest {
  static final long THRESHOLD = Lab.RAND_MAX / 2;
  private final Lab lab = Seeded.smallLab();

  @Test
  void hostAndDriveCountTheSameOnSeededData() {
    byte[] data = Seeded.readings(3 * 65_536, 7); // 3 zones of 256 KiB
    Extent extent = lab.device().store(2, data);
    long expected = Seeded.countAbove(data, THRESHOLD);
    HostRun onHost = lab.host().countU32Above(extent, THRESHOLD);
    CsdRun onDrive = lab.csd().countU32Above(extent, THRESHOLD);
    assertEquals(expected, onHost.value());
    assertEquals(expected, onDrive.value());
    assertEquals(0, onDrive.r0());
    assertTrue(expected > 90_000 && expected < 106_000, "about half of the readings: " + expected);
  }

  @Test
  void hostMovesTheDatasetOverTheLinkAndTheDriveOnlyTheResult() {
    byte[] data =
        Seeded.readings(100_000, 3); // 400 000 B = 97.65625 blocks: the last block partly used
    Extent extent = lab.device().store(0, data);
    HostRun onHost = lab.host().countU32Above(extent, THRESHOLD);
    CsdRun onDrive = lab.csd().countU32Above(extent, THRESHOLD);
    assertEquals(98 * 4096, onHost.hostBytes(), "whole blocks of the dataset");
    assertEquals(2, extent.zoneCount(), "the small lab's zones hold 64 blocks");
    assertEquals(
        2 * 8, onDrive.hostBytes(), "one u64 count per zone: the kernel runs once per zone");
    assertEquals(98 * 4096, onDrive.mediaBytesRead(), "the drive reads the same blocks inside");
    assertEquals(Seeded.countAbove(data, THRESHOLD), onDrive.value());
    assertEquals(onHost.value(), onDrive.value());
    assertTrue(
        onHost.modeledNanos() > onDrive.mediaNanos(), "the host pays the link on top of the media");
  }

  @Test
  void aDriveRunOverManyZonesIsTheSumOfOneRunPerZone() {
    byte[] data = Seeded.readings(3 * 65_536, 5); // 3 zones of 64 blocks
    Extent extent = lab.device().store(2, data);
    CsdRun whole = lab.csd().countU32Above(extent, THRESHOLD);
    long count = 0;
    long instructions = 0;
    long modeled = 0;
    for (int zone = 2; zone < 5; zone++) {
      CsdRun one = lab.csd().countU32Above(new Extent(zone, 1, 65_536 * 4), THRESHOLD);
      count += one.value();
      instructions += one.instructions();
      modeled += one.modeledNanos();
    }
    assertEquals(Seeded.countAbove(data, THRESHOLD), whole.value());
    assertEquals(count, whole.value());
    assertEquals(instructions, whole.instructions());
    assertEquals(modeled, whole.modeledNanos(), "modeled time is deterministic and adds up");
    assertEquals(extent, whole.extent());
  }

  @Test
  void blockAlignedDatasetsCrossTheLinkByteForByte() {
    byte[] data = Seeded.readings(2 * 65_536, 11);
    Extent extent = lab.device().store(5, data);
    assertEquals(data.length, lab.host().countU32Above(extent, THRESHOLD).hostBytes());
  }

  @Test
  void hostCountsWithAnyTest() {
    byte[] data = Seeded.readings(10_000, 4);
    Extent extent = lab.device().store(0, data);
    HostRun even = lab.host().countU32(extent, "even", value -> value % 2 == 0);
    long expected = 0;
    var values = java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int at = 0; at < data.length; at += 4) {
      expected += values.getInt(at) % 2 == 0 ? 1 : 0;
    }
    assertEquals(expected, even.value());
    assertEquals("host even", even.label());
  }

  @Test
  void comparisonOfSeededRunsAgreesAndSavesBytes() {
    Extent extent = lab.device().store(0, Seeded.readings(65_536, 5));
    Comparison comparison =
        lab.compare(
            lab.host().countU32Above(extent, THRESHOLD),
            lab.csd().countU32Above(extent, THRESHOLD));
    assertTrue(comparison.sameAnswer());
    assertEquals(262_144 / 8.0, comparison.hostBytesRatio());
    assertEquals(
        (double) comparison.host().modeledNanos() / comparison.offloaded().modeledNanos(),
        comparison.modeledSpeedup());
  }

  @Test
  void modeledTimesAreDeterministic() {
    byte[] data = Seeded.readings(65_536, 5);
    Lab other = Seeded.smallLab();
    Extent a = lab.device().store(0, data);
    Extent b = other.device().store(0, data);
    assertEquals(
        lab.host().countU32Above(a, THRESHOLD).modeledNanos(),
        other.host().countU32Above(b, THRESHOLD).modeledNanos());
    assertEquals(
        lab.csd().countU32Above(a, THRESHOLD).modeledNanos(),
        other.csd().countU32Above(b, THRESHOLD).modeledNanos());
  }

  @Test
  void aSlowerCoreTakesLongerOnTheModel() {
    Lab slow =
        Lab.builder()
            .geometry(Seeded.smallGeometry())
            .coreInstructionsPerSecond(200_000_000L)
            .build();
    byte[] data = Seeded.readings(65_536, 5);
    CsdRun fast = lab.csd().countU32Above(lab.device().store(0, data), THRESHOLD);
    CsdRun slower = slow.csd().countU32Above(slow.device().store(0, data), THRESHOLD);
    assertEquals(fast.instructions(), slower.instructions());
    assertEquals(fast.computeNanos() * 5, slower.computeNanos(), 5);
  }

  @Test
  void tutorialKernelOnAZoneAgreesWithTheHost() {
    byte[] data = Seeded.readings(65_536, 9);
    lab.device().store(3, data);
    Kernel kernel = lab.csd().load(LabEbpfTest.PROGRAMS.resolve("count_u32.o"));
    CsdRun run = kernel.run(3L);
    assertEquals(lab.host().countU32Above(3, THRESHOLD).value(), run.value());
    assertEquals(Seeded.countAbove(data, THRESHOLD), run.value());
    assertEquals(
        "count_u32.o",
        kernel.name(),
        "an ELF kernel is named after its file, not its .text section");
    assertEquals(
        "count_u32.o:.text",
        lab.csd().load(LabEbpfTest.PROGRAMS.resolve("count_u32.o"), ".text").name());
  }

  @Test
  void refusedKernelsDoNotLoadAndVerifyShowsWhy() {
    String bad = "r0 = r5\nexit";
    var e = assertThrows(VerificationException.class, () -> lab.csd().assemble("bad", bad));
    assertEquals(ErrorCode.UNINIT_REG, e.code());
    Verification verification = lab.csd().verify(org.csdlab.ebpf.asm.Assembler.assemble(bad));
    assertFalse(verification.ok());
    assertEquals(0, verification.error().orElseThrow().pc());
    assertTrue(lab.csd().verify(lab.csd().countKernel().program()).ok());
  }

  @Test
  void thresholdsAndExtentsOutsideTheDriveAreRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> lab.host().countU32Above(new Extent(0, 1, 4), -1));
    assertTrue(e.getMessage().contains("u32"), e.getMessage());
    var f =
        assertThrows(
            IllegalArgumentException.class,
            () -> lab.csd().countU32Above(new Extent(15, 2, 4096), THRESHOLD));
    assertTrue(f.getMessage().contains("zones 15 to 16 do not exist"), f.getMessage());
    var g =
        assertThrows(
            IllegalArgumentException.class,
            () -> lab.host().countU32Above(new Extent(0, 1, 262_145), THRESHOLD));
    assertTrue(g.getMessage().contains("do not fit"), g.getMessage());
  }

  @Test
  void emptyExtentsCountNothingAndReadNothing() {
    Extent empty = new Extent(0, 1, 0);
    assertEquals(0, lab.host().countU32Above(empty, THRESHOLD).hostBytes());
    CsdRun run = lab.csd().countU32Above(empty, THRESHOLD);
    assertEquals(0, run.value());
    assertEquals(0, run.mediaBytesRead());
  }

  @Test
  void kernelsTakeCallInformationAsWords() {
    Kernel echo =
        lab.csd()
            .assemble(
                "echo",
                """
        r0 = *(u64 *)(r1 + 8)
        exit
        """);
    CsdRun run = echo.run(1L, 99L);
    assertEquals(99, run.r0());
    assertEquals(99, run.value(), "no return data: the value is r0");
    assertEquals(0, run.hostBytes());
  }

  @Test
  void elfKernelsLoadFromAPathWithASection() {
    Path elf = LabEbpfTest.PROGRAMS.resolve("histogram.o");
    Kernel kernel = lab.csd().load(elf, ".text");
    assertTrue(kernel.program().size() > 10);
    assertTrue(kernel.toString().startsWith("Kernel[histogram.o:.text: "), kernel.toString());
  }
}
