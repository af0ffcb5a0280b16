package org.csdlab.ebpf.maps;

import static org.csdlab.ebpf.PrototypeProbe.cString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.csdlab.ebpf.ArgType;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.MemoryAccessException;
import org.csdlab.ebpf.PrototypeProbe;
import org.junit.jupiter.api.Test;

/**
 * The Linux helpers' prototypes hold: with each buffer exactly the size the prototype declares (the
 * map's key_size or value_size, or the size argument) in a region of its own, the helper succeeds
 * with r0 in the declared range; with one byte less it faults.
 */
class LinuxPrototypesTruthTest {
  private static final int KEY_BYTES = 4;
  private static final int VALUE_BYTES = 8;

  private final MapSet maps =
      MapSet.of(
          new MapDefinition(MapType.HASH, KEY_BYTES, VALUE_BYTES, 16, "h"),
          new MapDefinition(MapType.RINGBUF, 0, 0, 4096, "rb"));
  private final long hash = MapSet.handleOf(0);
  private final long ring = MapSet.handleOf(1);
  private final Set<Integer> probed = new TreeSet<>();

  private long call(int id, Object... args) {
    probed.add(id);
    long r0 =
        PrototypeProbe.call(
            id, List.of(args), b -> maps.configure(b).helpers(new LinuxHelpers(maps).registry()));
    HelperPrototype p = LinuxHelpers.prototypes().get(id);
    assertTrue(p.returns().contains(r0), p.name() + " returned " + r0 + ", not in " + p.returns());
    return r0;
  }

  private void faults(int id, Object... args) {
    assertThrows(MemoryAccessException.class, () -> call(id, args));
  }

  @Test
  void mapHelpersReadExactlyTheKeyAndValueSizesOfTheMap() {
    HelperPrototype update = LinuxHelpers.prototypes().get(LinuxHelpers.MAP_UPDATE_ELEM);
    assertEquals(
        List.of(
            ArgType.MAP_HANDLE, ArgType.PTR_TO_MAP_KEY, ArgType.PTR_TO_MAP_VALUE, ArgType.ANYTHING),
        update.args());
    byte[] key = {1, 2, 3, 4};
    byte[] value = {9, 8, 7, 6, 5, 4, 3, 2};
    assertEquals(0, call(LinuxHelpers.MAP_UPDATE_ELEM, hash, key, value.clone(), 0L));
    assertArrayEquals(value, maps.get("h").lookup(key));
    faults(LinuxHelpers.MAP_UPDATE_ELEM, hash, Arrays.copyOf(key, 3), value, 0L);
    faults(LinuxHelpers.MAP_UPDATE_ELEM, hash, key, Arrays.copyOf(value, 7), 0L);

    long found = call(LinuxHelpers.MAP_LOOKUP_ELEM, hash, key.clone());
    assertTrue(found != 0, "the key just stored is found");
    assertEquals(0, call(LinuxHelpers.MAP_LOOKUP_ELEM, hash, new byte[] {0, 0, 0, 0}));
    faults(LinuxHelpers.MAP_LOOKUP_ELEM, hash, Arrays.copyOf(key, 3));

    faults(LinuxHelpers.MAP_DELETE_ELEM, hash, Arrays.copyOf(key, 3));
    assertEquals(0, call(LinuxHelpers.MAP_DELETE_ELEM, hash, key.clone()));
    assertEquals(-Errno.ENOENT, call(LinuxHelpers.MAP_DELETE_ELEM, hash, key.clone()));
  }

  @Test
  void ringbufOutputReadsItsSizeArgumentsBytesAndNoneForZero() {
    byte[] data = new byte[16];
    Arrays.fill(data, (byte) 7);
    assertEquals(0, call(LinuxHelpers.RINGBUF_OUTPUT, ring, data, 16L, 0L));
    assertArrayEquals(data, maps.get("rb", RingBufferMap.class).poll());
    faults(LinuxHelpers.RINGBUF_OUTPUT, ring, new byte[15], 16L, 0L);
    // SIZE_OR_ZERO: a zero-length record touches no memory, even at address 0
    assertEquals(0, call(LinuxHelpers.RINGBUF_OUTPUT, ring, 0L, 0L, 0L));
  }

  @Test
  void tracePrintkReadsItsFormatWithinTheSizeArgument() {
    assertEquals(2, call(LinuxHelpers.TRACE_PRINTK, cString("hi"), 3L));
    faults(LinuxHelpers.TRACE_PRINTK, new byte[] {'h', 'i'}, 3L);
    // a format whose NUL is not within its size is refused as the kernel does, not a fault
    assertEquals(-Errno.EINVAL, call(LinuxHelpers.TRACE_PRINTK, new byte[] {'h', 'i'}, 2L));
  }

  @Test
  void helpersWithoutMemoryReturnWithinTheirRanges() {
    for (int i = 0; i < 100; i++) {
      call(LinuxHelpers.GET_PRANDOM_U32);
    }
    call(LinuxHelpers.KTIME_GET_NS);
  }

  @Test
  void everyLinuxHelperIsProbed() {
    mapHelpersReadExactlyTheKeyAndValueSizesOfTheMap();
    ringbufOutputReadsItsSizeArgumentsBytesAndNoneForZero();
    tracePrintkReadsItsFormatWithinTheSizeArgument();
    helpersWithoutMemoryReturnWithinTheirRanges();
    assertEquals(LinuxHelpers.prototypes().keySet(), probed);
  }
}
