package org.csdlab.ebpf.maps;

import static org.csdlab.ebpf.maps.MapSemanticsTest.u32;
import static org.csdlab.ebpf.maps.MapSemanticsTest.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csdlab.ebpf.HelperException;
import org.csdlab.ebpf.MemoryAccessException;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.junit.jupiter.api.Test;

/** Programs in assembly that use maps through the Linux helpers. */
class MapProgramTest {
  private static String handle(MapSet maps, String name) {
    return "0x" + Long.toHexString(maps.handle(name));
  }

  private static Vm vm(String source, MapSet maps, LinuxHelpers helpers) {
    Program program = Assembler.assemble(source);
    return maps.configure(Vm.builder(program)).helpers(helpers.registry()).build();
  }

  /** Counts into key (u32 at r6) of the map: lookup, null check, increment, or insert 1. */
  private static String counter(String handle, int key) {
    return """
                    *(u32 *)(r10 - 4) = %2$d
                    r1 = %1$s ll
                    r2 = r10
                    r2 += -4
                    call 1
                    if r0 == 0 goto insert
                    r1 = *(u64 *)(r0 + 0)
                    r1 += 1
                    *(u64 *)(r0 + 0) = r1
                    r0 = r1
                    exit
                insert:
                    r1 = 1
                    *(u64 *)(r10 - 16) = r1
                    r1 = %1$s ll
                    r2 = r10
                    r2 += -4
                    r3 = r10
                    r3 += -16
                    r4 = 1
                    call 2
                    exit
                """
        .formatted(handle, key);
  }

  @Test
  void arrayCounterIncrementsThroughThePointer() {
    MapSet maps = MapSet.of(new MapDefinition(MapType.ARRAY, 4, 8, 4, "counts"));
    Vm vm = vm(counter(handle(maps, "counts"), 2), maps, new LinuxHelpers(maps));
    for (int i = 1; i <= 3; i++) {
      assertEquals(i, vm.run().r0());
    }
    ArrayMap counts = maps.get("counts", ArrayMap.class);
    assertEquals(3, counts.longAt(2));
    assertEquals(0, counts.longAt(1));
    counts.update(u32(2), u64(100), EbpfMap.BPF_ANY);
    assertEquals(101, vm.run().r0(), "the program sees what Java wrote");
  }

  @Test
  void hashCounterInsertsThenIncrements() {
    MapSet maps = MapSet.of(new MapDefinition(MapType.HASH, 4, 8, 16, "counts"));
    Vm vm = vm(counter(handle(maps, "counts"), 7), maps, new LinuxHelpers(maps));
    assertEquals(0, vm.run().r0(), "first run inserts with BPF_NOEXIST, returns 0");
    assertEquals(2, vm.run().r0());
    assertEquals(3, vm.run().r0());
    HashTableMap counts = maps.get("counts", HashTableMap.class);
    assertArrayEquals(u64(3), counts.lookup(u32(7)));
    assertEquals("HashTableMap[counts: key 4 B, value 8 B, 1/16 entries]", counts.toString());
  }

  @Test
  void deleteFromProgramAndErrnoResults() {
    MapSet maps = MapSet.of(new MapDefinition(MapType.HASH, 4, 8, 16, "h"));
    maps.get("h").update(u32(5), u64(9), EbpfMap.BPF_ANY);
    String h = handle(maps, "h");
    String source =
        """
                    *(u32 *)(r10 - 4) = 5
                    r1 = %1$s ll
                    r2 = r10
                    r2 += -4
                    call 3
                    r6 = r0
                    r1 = %1$s ll
                    r2 = r10
                    r2 += -4
                    call 3
                    r0 <<= 32
                    r6 &= 0xffff
                    r0 |= r6
                    exit
                """
            .formatted(h);
    long r0 = vm(source, maps, new LinuxHelpers(maps)).run().r0();
    assertEquals(0, r0 & 0xffff, "first delete succeeds");
    assertEquals(-Errno.ENOENT, (int) (r0 >> 32), "second delete: -ENOENT");
    assertNull(maps.get("h").lookup(u32(5)));
  }

  @Test
  void unknownHandlesAreRefusedAndDereferencingAHandleFaults() {
    MapSet maps = MapSet.of(new MapDefinition(MapType.HASH, 4, 8, 16, "h"));
    String source =
        """
                    *(u32 *)(r10 - 4) = 5
                    r1 = 12345
                    r2 = r10
                    r2 += -4
                    call 1
                    exit
                """;
    HelperException e =
        assertThrows(HelperException.class, () -> vm(source, maps, new LinuxHelpers(maps)).run());
    assertTrue(
        e.getMessage()
            .contains("r1 = 0x3039 is not the handle of a map with values; handles: 0x4d500000 h"),
        e.getMessage());
    String update = source.replace("call 1", "r3 = r2\nr4 = 0\ncall 2");
    assertEquals(-Errno.EINVAL, vm(update, maps, new LinuxHelpers(maps)).run().r0());
    String delete = source.replace("call 1", "call 3");
    assertEquals(-Errno.EINVAL, vm(delete, maps, new LinuxHelpers(maps)).run().r0());
    String ring =
        "r1 = %s ll\nr2 = r10\nr2 += -8\nr3 = 8\nr4 = 0\ncall 130\nexit"
            .formatted(handle(maps, "h"));
    assertEquals(
        -Errno.EINVAL, vm(ring, maps, new LinuxHelpers(maps)).run().r0(), "h is no ring buffer");
    String deref = "r1 = %s ll\nr0 = *(u64 *)(r1 + 0)\nexit".formatted(handle(maps, "h"));
    assertThrows(MemoryAccessException.class, () -> vm(deref, maps, new LinuxHelpers(maps)).run());
  }

  @Test
  void badKeyPointerFailsTheProgram() {
    MapSet maps = MapSet.of(new MapDefinition(MapType.HASH, 4, 8, 16, "h"));
    String source = "r1 = %s ll\nr2 = 16\ncall 1\nexit".formatted(handle(maps, "h"));
    assertThrows(MemoryAccessException.class, () -> vm(source, maps, new LinuxHelpers(maps)).run());
  }

  @Test
  void ringBufferRoundTrip() {
    MapSet maps = MapSet.of(new MapDefinition(MapType.RINGBUF, 0, 0, 4096, "events"));
    String source =
        """
                    r6 = r1
                    r1 = %s ll
                    r2 = r6
                    r3 = 4
                    r4 = 0
                    call 130
                    exit
                """
            .formatted(handle(maps, "events"));
    Vm vm = vm(source, maps, new LinuxHelpers(maps));
    assertEquals(0, vm.run(new byte[] {1, 2, 3, 4}).r0());
    assertEquals(0, vm.run(new byte[] {5, 6, 7, 8}).r0());
    RingBufferMap events = maps.get("events", RingBufferMap.class);
    List<byte[]> records = events.records();
    assertEquals(2, records.size());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, records.get(0));
    assertArrayEquals(new byte[] {5, 6, 7, 8}, records.get(1));
    for (int i = 0; i < 4096 / 16; i++) {
      assertEquals(0, vm.run(new byte[] {9, 9, 9, 9}).r0());
    }
    assertEquals(-Errno.EAGAIN, vm.run(new byte[] {9, 9, 9, 9}).r0());
    assertEquals(1, events.dropped());
    assertEquals(4096 / 16, events.records().size());
    String tooBig = source.replace("r3 = 4", "r3 = 8192");
    assertEquals(-Errno.EAGAIN, vm(tooBig, maps, new LinuxHelpers(maps)).run(new byte[4]).r0());
    String badFlags = source.replace("r4 = 0", "r4 = 8");
    assertEquals(-Errno.EINVAL, vm(badFlags, maps, new LinuxHelpers(maps)).run(new byte[4]).r0());
    assertEquals(0, events.size());
  }

  @Test
  void timeRandomAndPrintkAreDeterministic() {
    MapSet maps = MapSet.of();
    String source =
        """
                    call 5
                    r6 = r0
                    call 5
                    r0 -= r6
                    exit
                """;
    assertEquals(1000, vm(source, maps, new LinuxHelpers(maps)).run().r0());
    String random = "call 7\nexit";
    long a = vm(random, maps, new LinuxHelpers(maps, LinuxHelpers.counterClock(), 42)).run().r0();
    long b = vm(random, maps, new LinuxHelpers(maps, LinuxHelpers.counterClock(), 42)).run().r0();
    assertEquals(a, b);
    assertTrue(a >= 0 && a <= 0xffffffffL);

    byte[] format = "n=%d u=%u x=%x\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    LinuxHelpers helpers = new LinuxHelpers(maps);
    String printk =
        """
                    r2 = r2
                    r3 = -1
                    r4 = 7
                    r5 = 255
                    call 6
                    exit
                """;
    long written = vm(printk, maps, helpers).run(format).r0();
    assertEquals(List.of("n=-1 u=7 x=ff"), helpers.printed());
    assertEquals(13, written);
  }

  @Test
  void printkFormats() {
    assertEquals(
        "a 18446744073709551615 -1 4294967295 %",
        LinuxHelpers.format(null, "a %llu %d %u %%", new long[] {-1, -1, -1}));
    assertEquals(
        "ffffffffffffffff ff c", LinuxHelpers.format(null, "%lx %x %c", new long[] {-1, 255, 'c'}));
    assertNull(LinuxHelpers.format(null, "%q", new long[] {0, 0, 0}));
    assertNull(LinuxHelpers.format(null, "%d %d %d %d", new long[] {0, 0, 0}));
  }

  @Test
  void helperSetsAreNamed() {
    MapSet maps = MapSet.of();
    assertEquals(
        List.of(1, 2, 3, 5, 6, 7, 130), List.copyOf(HelperSets.linux(maps).entries().keySet()));
    assertTrue(HelperSets.conformance().entries().containsKey(0));
    assertThrows(IllegalArgumentException.class, () -> HelperSets.named("windows", maps));
    Program calls99 = Assembler.assemble("call 99\nexit");
    assertThrows(
        HelperException.class, () -> Vm.builder(calls99).helpers(HelperSets.linux(maps)).build());
  }

  @Test
  void lookupWithoutTheMapRegionFailsTheProgram() {
    MapSet maps = MapSet.of(new MapDefinition(MapType.ARRAY, 4, 8, 4, "counts"));
    Program program = Assembler.assemble(counter(handle(maps, "counts"), 0));
    Vm vm = Vm.builder(program).helpers(HelperSets.linux(maps)).build(); // maps.configure forgotten
    HelperException e = assertThrows(HelperException.class, vm::run);
    assertTrue(e.getMessage().contains("map:counts"), e.getMessage());
  }

  @Test
  void lruMapFromAProgramEvicts() {
    MapSet maps = MapSet.of(new MapDefinition(MapType.LRU_HASH, 4, 8, 2, "recent"));
    LruHashMap recent = maps.get("recent", LruHashMap.class);
    LinuxHelpers helpers = new LinuxHelpers(maps);
    for (int key = 1; key <= 3; key++) {
      vm(counter(handle(maps, "recent"), key), maps, helpers).run();
    }
    assertEquals(2, recent.size());
    assertNull(recent.lookup(u32(1)));
    assertArrayEquals(u64(1), recent.lookup(u32(3)));
  }
}
