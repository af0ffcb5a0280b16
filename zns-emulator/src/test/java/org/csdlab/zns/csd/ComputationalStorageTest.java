package org.csdlab.zns.csd;

import static org.csdlab.zns.csd.CsdTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.MemoryAccessException;
import org.csdlab.ebpf.VmExecutionException;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

class ComputationalStorageTest {

  private static CsdResult run(ZnsDevice device, String kernel, byte[] callInfo) {
    return ComputationalStorage.of(device).load(Assembler.assemble(kernel)).run(callInfo);
  }

  private static CsdResult run(ZnsDevice device, String kernel) {
    return run(device, kernel, new byte[0]);
  }

  @Test
  void geometryHelpersAnswerFromTheDevice() {
    ZnsDevice device = device();
    assertEquals(4096, run(device, "call 4\nexit").r0());
    assertEquals(32, run(device, "call 5\nexit").r0());
    assertEquals(64, run(device, "call 6\nexit").r0());
  }

  @Test
  void memInfoGivesTheScratchRegion() {
    ZnsDevice device = device();
    ComputationalStorage csd = ComputationalStorage.builder(device).memoryBytes(8192).build();
    CsdKernel kernel =
        csd.load(
            Assembler.assemble(
                """
                r1 = r10
                r1 += -16
                r2 = r10
                r2 += -8
                call 7
                r1 = *(u64 *)(r10 - 16)
                r2 = 77
                *(u8 *)(r1 + 8191) = r2
                r0 = *(u64 *)(r10 - 8)
                exit
                """));
    CsdResult result = kernel.run();
    assertEquals(8192, result.r0());
    assertEquals(0, result.hostBytes());
    assertArrayEquals(new byte[0], result.returnData());
    // the scratch memory is zeroed between runs
    assertEquals(8192, kernel.run().r0());
  }

  @Test
  void countsValuesAboveHalfRandMaxInsideTheDevice() {
    ZnsDevice device = device();
    byte[] data = dataset(42, 32);
    device.append(GEOMETRY.zoneStartLba(2), data);
    CsdResult result = run(device, countKernel(2));
    assertEquals(0, result.r0(), result.toString());
    assertEquals(countAboveHalf(data), result.returnedLong());
    assertEquals(8, result.hostBytes());
    assertEquals(8, result.returnData().length);
    assertEquals(GEOMETRY.zoneCapacityBytes(), result.mediaBytesRead());
    assertTrue(result.instructionsExecuted() > data.length / 4, result.toString());
    assertTrue(
        result.mediaNanos() > 0 && result.computeNanos() > 0 && result.linkNanos() > 0,
        result.toString());
    assertEquals(
        result.mediaNanos() + result.computeNanos() + result.linkNanos(), result.modeledNanos());
  }

  @Test
  void callInfoIsCopiedNotWrittenBack() {
    byte[] info = u64(5);
    run(device(), "r2 = 9\n*(u64 *)(r1 + 0) = r2\nr0 = 0\nexit", info);
    assertArrayEquals(u64(5), info);
  }

  private static String writeKernel(int zone, int size, int offset) {
    return """
                r1 = r10
                r1 += -16
                r2 = r10
                r2 += -8
                call 7
                r6 = *(u64 *)(r10 - 16)
                r2 = 0xab
                *(u8 *)(r6 + 0) = r2
                r1 = %d
                r2 = r10
                r2 += -24
                r3 = %d
                r4 = %d
                r5 = r6
                call 3
                if r0 != 0 goto out
                r0 = *(u64 *)(r10 - 24)
            out:
                exit
                """
        .formatted(zone, offset, size);
  }

  @Test
  void writeAppendsAndReportsTheSector() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(1), dataset(1, 2));
    CsdKernel kernel =
        ComputationalStorage.of(device).load(Assembler.assemble(writeKernel(1, 4096, 0)));
    CsdResult first = kernel.run();
    assertEquals(2, first.r0(), first.toString());
    assertEquals(4096, first.mediaBytesWritten());
    assertTrue(first.mediaNanos() > 0);
    assertEquals(3, kernel.run().r0());
    byte[] written = device.read(GEOMETRY.zoneStartLba(1) + 2, 1);
    assertEquals((byte) 0xab, written[0]);
    assertEquals(0, written[1]);
  }

  @Test
  void writeRefusesBadArgumentsAndFullZonesWithMinusOneAndAReason() {
    ZnsDevice device = device();
    CsdResult badOffset = run(device, writeKernel(1, 100, 4096));
    assertEquals(-1, badOffset.r0());
    assertEquals(
        "write zone 1 offset 4096 size 100: offset 4096 is not below the sector size of 4096"
            + " bytes",
        badOffset.refusals().get(0).toString());
    CsdResult badZone = run(device, writeKernel(4, 4096, 0));
    assertEquals(-1, badZone.r0());
    assertEquals("zone 4 is not below the zone count 4", badZone.refusals().get(0).reason());
    device.append(GEOMETRY.zoneStartLba(3), dataset(3, 32));
    CsdResult full = run(device, writeKernel(3, 4096, 0));
    assertEquals(-1, full.r0());
    assertEquals(
        "the zone is full: its write pointer 32 is at its capacity of 32 sectors",
        full.refusals().get(0).reason());
    device.append(GEOMETRY.zoneStartLba(2), dataset(3, 31));
    CsdResult past = run(device, writeKernel(2, 4096, 1));
    assertEquals(-1, past.r0());
    assertEquals(
        "2 sectors from the write pointer 31 would pass the zone capacity of 32 sectors",
        past.refusals().get(0).reason());
    assertEquals(31, device.zone(2).writtenBlocks(), "a refused write changes nothing");
    assertEquals(0, past.mediaBytesWritten());
  }

  private static String readKernel(
      long zone, long sector, long offset, long size, String dataPointer) {
    return """
                r1 = r10
                r1 += -16
                r2 = r10
                r2 += -8
                call 7
                r6 = *(u64 *)(r10 - 16)
                r1 = %d
                r2 = %d
                r3 = %d
                r4 = %d
                r5 = %s
                call 2
                if r0 != 0 goto out
                r0 = *(u64 *)(r6 + 0)
            out:
                exit
                """
        .formatted(zone, sector, offset, size, dataPointer);
  }

  @Test
  void readAtAnOffsetAcrossSectors() {
    ZnsDevice device = device();
    byte[] data = dataset(7, 4);
    device.append(GEOMETRY.zoneStartLba(0), data);
    CsdResult result = run(device, readKernel(0, 1, 4092, 8, "r6"));
    long expected =
        java.nio.ByteBuffer.wrap(data, 4096 + 4092, 8)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .getLong();
    assertEquals(expected, result.r0());
    assertEquals(2 * 4096, result.mediaBytesRead());
  }

  @Test
  void deviceErrorsReturnMinusOneWithTheDevicesReason() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(0), dataset(7, 4));
    device.faults().failReads(GEOMETRY.zoneStartLba(0) + 1);
    CsdResult failed = run(device, readKernel(0, 1, 0, 8, "r6"));
    assertEquals(-1, failed.r0());
    assertEquals(0, failed.mediaBytesRead());
    assertTrue(
        failed.refusals().get(0).reason().contains("cannot be read (injected media error)"),
        failed.toString());
    assertEquals(4096, run(device, readKernel(0, 0, 0, 8, "r6")).mediaBytesRead());
    device.append(GEOMETRY.zoneStartLba(2), dataset(7, 1));
    device.faults().markOffline(2);
    CsdResult offline = run(device, readKernel(2, 0, 0, 8, "r6"));
    assertEquals(-1, offline.r0());
    assertEquals(
        "read zone 2 sector 0 offset 0 size 8: zone 2 is offline and cannot be read",
        offline.refusals().get(0).toString());
  }

  @Test
  void badPointersStopTheProgramCleanly() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(0), dataset(7, 1));
    assertThrows(MemoryAccessException.class, () -> run(device, readKernel(0, 0, 0, 8, "16")));
    assertThrows(
        MemoryAccessException.class, () -> run(device, "r1 = 64\nr2 = 8\ncall 1\nr0 = 0\nexit"));
    assertThrows(
        MemoryAccessException.class, () -> run(device, "r1 = 0\nr2 = 0\ncall 7\nr0 = 0\nexit"));
    VmExecutionException e =
        assertThrows(VmExecutionException.class, () -> run(device, "r1 = 3\ncall 9\nr0 = 0\nexit"));
    assertNotNull(e.getMessage());
  }

  @Test
  void returnDataReplacesAndDebugIsCollected() {
    String kernel =
        """
                r1 = 0x6968
                *(u64 *)(r10 - 8) = r1
                r1 = r10
                r1 += -8
                call 9
                r1 = r10
                r1 += -8
                r2 = 8
                call 1
                r1 = r10
                r1 += -8
                r2 = 2
                call 1
                r0 = 0
                exit
                """;
    CsdResult result = run(device(), kernel);
    assertEquals(List.of("hi"), result.debug());
    assertArrayEquals(new byte[] {0x68, 0x69}, result.returnData());
    assertEquals(2, result.hostBytes());
  }

  @Test
  void modeledTimeIsDeterministicAndHostReadMovesMoreBytes() {
    byte[] data = dataset(99, 32);
    long[] modeled = new long[2];
    for (int i = 0; i < 2; i++) {
      ZnsDevice device = device();
      device.append(GEOMETRY.zoneStartLba(0), data);
      modeled[i] = run(device, countKernel(0)).modeledNanos();
    }
    assertEquals(modeled[0], modeled[1]);

    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(0), data);
    ComputationalStorage csd = ComputationalStorage.of(device);
    CsdResult inDevice = csd.load(Assembler.assemble(countKernel(0))).run();
    HostReadResult host = csd.hostReadZone(0);
    assertArrayEquals(data, host.data());
    assertEquals(GEOMETRY.zoneCapacityBytes(), host.hostBytes());
    assertTrue(host.hostBytes() > inDevice.hostBytes());
    assertTrue(host.modeledNanos() > device.timing().linkTransferNanos(host.hostBytes()));
    assertTrue(inDevice.linkNanos() < device.timing().linkTransferNanos(host.hostBytes()));
  }

  @Test
  void slowerCoreTakesLonger() {
    ZnsDevice device = device();
    String kernel = "r0 = 0\nr1 = 1000\nloop:\nr0 += 1\nif r0 < r1 goto loop\nexit";
    CsdResult fast = ComputationalStorage.of(device).load(Assembler.assemble(kernel)).run();
    CsdResult slow =
        ComputationalStorage.builder(device)
            .coreInstructionsPerSecond(ComputationalStorage.EMBEDDED_CORE_INSTRUCTIONS_PER_SECOND)
            .build()
            .load(Assembler.assemble(kernel))
            .run();
    assertEquals(fast.instructionsExecuted(), slow.instructionsExecuted());
    assertEquals(fast.instructionsExecuted(), fast.computeNanos());
    assertEquals(5 * fast.computeNanos(), slow.computeNanos());
    assertEquals(0, fast.mediaNanos());
  }

  @Test
  void toStringsAreShort() {
    ZnsDevice device = device();
    ComputationalStorage csd = ComputationalStorage.of(device);
    assertTrue(csd.toString().length() < 120, csd.toString());
    assertTrue(run(device, "call 4\nexit").toString().length() < 200);
    assertTrue(csd.hostRead(0, 0, 1).toString().length() < 80);
    assertThrows(IllegalArgumentException.class, () -> csd.hostRead(0, 31, 2));
  }

  @Test
  void mediaTimeIsTheDeviceReadWithoutTheHostLink() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(0), dataset(1, 1));
    CsdResult inDevice = run(device, readKernel(0, 0, 0, 8, "r6"));
    HostReadResult host = ComputationalStorage.of(device).hostRead(0, 0, 1);
    // teaching profile: read 50 us + 4 KiB over a channel 100 us; the link would add 50 us
    assertEquals(150_000, inDevice.mediaNanos());
    assertEquals(200_000, host.modeledNanos());
    assertEquals(
        host.modeledNanos() - device.timing().linkTransferNanos(4096), inDevice.mediaNanos());
  }

  @Test
  void kernelReadingPastItsStackFrameIsRefusedByTheVerifier() {
    ComputationalStorage csd = ComputationalStorage.of(device());
    org.csdlab.ebpf.verifier.VerificationException refused =
        assertThrows(
            org.csdlab.ebpf.verifier.VerificationException.class,
            () ->
                csd.load(
                    Assembler.assemble(
                        """
                        r5 = r10
                        r5 += -4096
                        r1 = 0
                        r2 = 1
                        r3 = 0
                        r4 = 4096
                        call 2
                        if r0 != 0 goto out
                        r0 = *(u64 *)(r10 - 4088)
                    out:
                        exit
                        """)));
    assertEquals(org.csdlab.ebpf.verifier.ErrorCode.STACK_OUT_OF_BOUNDS, refused.code());
    assertTrue(refused.getMessage().contains("at 8 "), refused.getMessage());
  }

  @Test
  void unknownHelpersAreRefusedAtLoadAndFuelBoundsARun() {
    ComputationalStorage csd = ComputationalStorage.builder(device()).fuel(1000).build();
    org.csdlab.ebpf.verifier.VerificationException refused =
        assertThrows(
            org.csdlab.ebpf.verifier.VerificationException.class,
            () -> csd.load(Assembler.assemble("call 12\nexit")));
    assertEquals(org.csdlab.ebpf.verifier.ErrorCode.UNKNOWN_HELPER, refused.code());
    assertTrue(refused.getMessage().contains("12"), refused.getMessage());
    // a kernel on the drive cannot bring prototypes of its own: the fix names the drive's helpers
    assertTrue(
        refused
            .getMessage()
            .endsWith(
                "Fix: call one of the drive's opencsd helpers ([1, 2, 3, 4, 5, 6, 7, 8," + " 9])."),
        refused.getMessage());
    assertEquals(
        refused.getMessage(), csd.verify(Assembler.assemble("call 12\nexit")).error().message());
    // a loop that ends, but after more instructions than the drive's fuel of 1000
    CsdKernel spin =
        csd.load(Assembler.assemble("r0 = 0\nloop:\nr0 += 1\nif r0 < 2000 goto loop\nexit"));
    var e = assertThrows(org.csdlab.ebpf.FuelExhaustedException.class, spin::run);
    assertTrue(
        e.getMessage()
            .endsWith("raise the limit with ComputationalStorage.builder(device).fuel(n)"),
        e.getMessage());
  }

  @Test
  void theEngineOptionReachesEveryKernelsVm() {
    String loop = "r0 = 0\nloop:\nr0 += 1\nif r0 < 1000 goto loop\nexit";
    assertEquals(Engine.AUTO, ComputationalStorage.of(device()).engine());

    ComputationalStorage interpreted =
        ComputationalStorage.builder(device()).engine(Engine.INTERPRETER).build();
    CsdKernel onInterpreter = interpreted.load(Assembler.assemble(loop));
    assertEquals(Engine.INTERPRETER, interpreted.engine());
    assertEquals(Engine.INTERPRETER, onInterpreter.vm().engine());
    // asked for explicitly, the interpreter needs no reason (AUTO or JIT would give one)
    assertEquals(java.util.Optional.empty(), onInterpreter.vm().interpretedBecause());
    assertEquals(1000, onInterpreter.run().r0());

    // a program without a loop tells JIT from AUTO: AUTO interprets it for that reason, a JIT
    // request either compiles it or interprets it for another one
    String straight = "r0 = 7\nexit";
    ComputationalStorage compiled =
        ComputationalStorage.builder(device()).engine(Engine.JIT).build();
    CsdKernel onJit = compiled.load(Assembler.assemble(straight));
    CsdKernel onAuto = ComputationalStorage.of(device()).load(Assembler.assemble(straight));
    assertEquals(Engine.JIT, compiled.engine());
    assertTrue(onAuto.vm().interpretedBecause().isPresent(), onAuto.vm().toString());
    assertNotEquals(onAuto.vm().interpretedBecause(), onJit.vm().interpretedBecause());
    assertEquals(7, onJit.run().r0());

    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> ComputationalStorage.builder(device()).engine(null));
    assertEquals("engine must be INTERPRETER, JIT or AUTO, not null", none.getMessage());
  }
}
