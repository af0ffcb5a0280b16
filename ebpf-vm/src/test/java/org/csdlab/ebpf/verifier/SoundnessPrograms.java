package org.csdlab.ebpf.verifier;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.csdlab.ebpf.maps.LinuxHelpers;
import org.csdlab.ebpf.maps.MapDefinition;
import org.csdlab.ebpf.maps.MapType;
import org.csdlab.ebpf.verifier.SoundnessCase.Feature;
import org.csdlab.ebpf.verifier.SoundnessCase.RegionSpec;

/**
 * Programs a verifier must think hard about, for {@link PathVerifierSoundnessTest}: a few snippets
 * in a row, each an access to one memory (the context, the stack, a map value after a lookup, a
 * named region) near its edge, by a constant offset or by a data-dependent index that ALU
 * operations shape and a branch of a random comparison kind bounds; helper calls with buffers and
 * sizes near their limits; local calls given a pointer; loops counted by a constant or by data,
 * with breaks, nested, and some that never end.
 *
 * <p>Most snippets are written as a careful programmer would (the bound is exactly the edge), a
 * fixed share are off by a little (one byte over, a signed check without its lower bound, a 32-bit
 * check of a 64-bit value, a missing null check, an uninitialised byte), so that both sides of
 * every rule are drawn. Registers: r6 holds the context, r7 the memory a snippet works on, r8 and
 * r9 loop counters, r0-r5 scratch; map keys live at fp-16..fp-1, map values at fp-96..fp-17.
 */
final class SoundnessPrograms {
  private static final int KEY_AREA = 16;
  private static final int VALUE_AREA = 96;
  private static final String[] SIZES = {"u8", "u16", "u32", "u64"};

  /** Characters a trace_printk format may hold: no conversion a random byte could start. */
  private static final String FORMAT_BYTES = "abcdefghij0123456789 .:-";

  private final Random random;
  private final long seed;
  private final StringBuilder main = new StringBuilder();
  private final StringBuilder functions = new StringBuilder();
  private final Set<Feature> features = EnumSet.noneOf(Feature.class);
  private final int contextSize;
  private final boolean contextWritable;
  private final List<RegionSpec> regions = new ArrayList<>();
  private final List<MapDefinition> maps = new ArrayList<>();
  private StringBuilder out = main;
  private boolean inFunction;
  private int labels;
  private int functionCount;
  private int loopDepth;

  private SoundnessPrograms(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
    this.contextSize = random.nextInt(8) == 0 ? random.nextInt(4) : 4 + random.nextInt(93);
    this.contextWritable = random.nextInt(3) == 0;
    for (int i = random.nextInt(3); i > 0; i--) {
      regions.add(
          new RegionSpec("r" + regions.size(), 1 + random.nextInt(80), random.nextBoolean()));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      boolean array = random.nextBoolean();
      maps.add(
          new MapDefinition(
              array ? MapType.ARRAY : MapType.HASH,
              array ? 4 : 1 + random.nextInt(KEY_AREA),
              1 + random.nextInt(VALUE_AREA - KEY_AREA - 8),
              1 + random.nextInt(6),
              "m" + maps.size()));
    }
    if (random.nextInt(4) == 0) {
      maps.add(new MapDefinition(MapType.RINGBUF, 0, 0, 4096, "ring"));
    }
  }

  /** The program of {@code seed}. */
  static SoundnessCase draw(long seed) {
    return new SoundnessPrograms(seed).build();
  }

  private SoundnessCase build() {
    line("r6 = r1");
    line("r0 = 0");
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      snippet();
    }
    line("r0 = 0");
    line("exit");
    return new SoundnessCase(
        seed, main.toString() + functions, contextSize, contextWritable, regions, maps, features);
  }

  // ---- snippets ---------------------------------------------------------------------------

  private void snippet() {
    switch (random.nextInt(inFunction ? 5 : 9)) {
      case 0, 1 -> contextAccess();
      case 2 -> stackAccess();
      case 3 -> regionAccess();
      case 4 -> mapAccess();
      case 5 -> helperBuffer();
      case 6, 7 -> loop();
      default -> localCall();
    }
  }

  private void contextAccess() {
    if (inFunction) {
      stackAccess(); // a function has no r6
      return;
    }
    features.add(Feature.CONTEXT_ACCESS);
    line("r7 = r6");
    accesses(contextSize, contextWritable, "r7");
  }

  private void stackAccess() {
    features.add(Feature.STACK_ACCESS);
    int window = 1 + random.nextInt(64);
    int bottom = window + random.nextInt(512 - window + 1);
    initialise("r10", -bottom, window);
    line("r7 = r10");
    line("r7 += " + -bottom);
    accesses(window, true, "r7");
  }

  private void regionAccess() {
    if (regions.isEmpty()) {
      contextAccess();
      return;
    }
    features.add(Feature.REGION_ACCESS);
    int i = random.nextInt(regions.size());
    RegionSpec r = regions.get(i);
    int start = random.nextInt(4) == 0 ? random.nextInt(r.lengthBytes()) : 0;
    line("r7 = " + (SoundnessCase.regionAddress(i) + start) + " ll");
    accesses(r.lengthBytes() - start, r.writable(), "r7");
  }

  private void mapAccess() {
    int m = valueMap();
    if (m < 0) {
      stackAccess();
      return;
    }
    features.add(Feature.MAP_VALUE_ACCESS);
    MapDefinition map = maps.get(m);
    String skip = label();
    lookup(m, map.keySize());
    switch (random.nextInt(16)) {
      case 0 -> {} // no null check
      case 1 -> {
        String ok = label();
        line("if r0 != 0 goto " + ok);
        line("goto " + skip);
        place(ok);
      }
      case 2 -> {
        line("r7 = r0"); // the check on a copy covers the original (same lookup)
        line("if r7 == 0 goto " + skip);
      }
      default -> line("if r0 == 0 goto " + skip);
    }
    line("r7 = r0");
    accesses(map.valueSize(), true, "r7");
    if (random.nextInt(3) == 0) {
      update(m, map);
    }
    place(skip);
  }

  private void lookup(int m, int keySize) {
    writeKey(keySize);
    line("r1 = " + SoundnessCase.mapHandle(m) + " ll");
    line("r2 = r10");
    line("r2 += -" + KEY_AREA);
    line("call " + LinuxHelpers.MAP_LOOKUP_ELEM);
  }

  private void writeKey(int keySize) {
    int key = random.nextInt(5);
    int written = random.nextInt(16) == 0 ? keySize - 1 : keySize;
    int at = 0;
    while (at < written) {
      int piece = Integer.highestOneBit(Math.min(8, written - at));
      line(
          "*("
              + SIZES[Integer.numberOfTrailingZeros(piece)]
              + " *)(r10 - "
              + (KEY_AREA - at)
              + ") = "
              + (at == 0 ? key : 0));
      at += piece;
    }
  }

  private void update(int m, MapDefinition map) {
    int size = map.valueSize();
    initialise("r10", -VALUE_AREA, random.nextInt(16) == 0 ? size - 1 : size);
    writeKey(map.keySize());
    line("r1 = " + SoundnessCase.mapHandle(m) + " ll");
    line("r2 = r10");
    line("r2 += -" + KEY_AREA);
    line("r3 = r10");
    line("r3 += -" + VALUE_AREA);
    line("r4 = 0");
    line("call " + LinuxHelpers.MAP_UPDATE_ELEM);
    features.add(Feature.HELPER_BUFFER);
  }

  private void helperBuffer() {
    features.add(Feature.HELPER_BUFFER);
    int ring = ringMap();
    if (ring < 0 || random.nextBoolean()) {
      // trace_printk of a stack format: its size argument near the buffer's
      int window = 1 + random.nextInt(48);
      int bottom = window + random.nextInt(100);
      int hole = random.nextInt(12) == 0 ? random.nextInt(window) : -1;
      for (int i = 0; i < window; i++) {
        if (i != hole) {
          line(
              "*(u8 *)(r10 - "
                  + (bottom - i)
                  + ") = "
                  + (i == window - 1
                      ? 0
                      : (int) FORMAT_BYTES.charAt(random.nextInt(FORMAT_BYTES.length()))));
        }
      }
      size("r9", window);
      line("r1 = r10");
      line("r1 += -" + bottom);
      line("r2 = r9");
      line("call " + LinuxHelpers.TRACE_PRINTK);
      return;
    }
    // ringbuf_output of the context or a map value: SIZE_OR_ZERO
    String skip = label();
    int length;
    if (random.nextBoolean() || valueMap() < 0 || inFunction) {
      if (inFunction) {
        initialise("r10", -64, 64);
        line("r7 = r10");
        line("r7 += -64");
        length = 64;
      } else {
        line("r7 = r6");
        length = contextSize;
      }
    } else {
      int m = valueMap();
      lookup(m, maps.get(m).keySize());
      line("if r0 == 0 goto " + skip);
      line("r7 = r0");
      length = maps.get(m).valueSize();
    }
    size("r9", length);
    line("r1 = " + SoundnessCase.mapHandle(ring) + " ll");
    line("r2 = r7");
    line("r3 = r9");
    line("r4 = 0");
    line("call " + LinuxHelpers.RINGBUF_OUTPUT);
    place(skip);
  }

  /** Puts in {@code reg} a size for a buffer of {@code length} bytes: near it, maybe past it. */
  private void size(String reg, int length) {
    if (random.nextBoolean()) {
      line(reg + " = " + Math.max(1, length + edge()));
      return;
    }
    features.add(Feature.VARIABLE_OFFSET);
    String skip = label();
    String done = label();
    index(reg);
    bound(reg, Math.max(0, length + edge()), skip);
    line("if " + reg + " == 0 goto " + skip);
    line("goto " + done);
    place(skip);
    line(reg + " = 1");
    place(done);
  }

  private void loop() {
    if (loopDepth >= 2) {
      contextAccess();
      return;
    }
    features.add(Feature.LOOP);
    loopDepth++;
    String counter = loopDepth == 1 ? "r8" : "r9";
    String top = label();
    String out = label();
    switch (random.nextInt(12)) {
      case 0, 1, 2, 3, 4 -> {
        int rounds =
            1
                + random.nextInt(
                    loopDepth == 1 && contextSize > 0 && random.nextBoolean()
                        ? contextSize
                        : maxRounds());
        line(counter + " = 0");
        place(top);
        loopBody(counter, out);
        line(counter + " += 1");
        String cond =
            switch (random.nextInt(4)) {
              case 0 -> "if " + counter + " != " + rounds;
              case 1 -> "if " + counter + " s< " + rounds;
              case 2 -> "if w" + counter.substring(1) + " < " + rounds;
              default -> "if " + counter + " < " + rounds;
            };
        line(cond + " goto " + top);
      }
      case 5, 6, 7, 8 -> {
        index(counter);
        line(counter + " &= " + (loopDepth == 1 && random.nextBoolean() ? 31 : 7));
        boolean careful = random.nextInt(4) != 0;
        if (careful) {
          line("if " + counter + " == 0 goto " + out);
        }
        place(top);
        loopBody(counter, out);
        line(counter + " -= 1");
        line(
            (careful || random.nextBoolean()
                    ? "if " + counter + " != 0"
                    : "if " + counter + " s> 0")
                + " goto "
                + top);
      }
      case 9 -> {
        features.add(Feature.ENDLESS_LOOP);
        switch (random.nextInt(4)) {
          case 0 -> {
            place(top);
            line("r0 += 1");
            line("goto " + top);
          }
          case 1 -> {
            line(counter + " = 0");
            place(top);
            line("if " + counter + " < 10 goto " + top);
          }
          case 2 -> {
            place(top);
            line(counter + " = 0");
            line(counter + " += 1");
            line("if " + counter + " < 10 goto " + top);
          }
          default -> {
            place(top);
            index(counter);
            line(counter + " &= 255");
            line("if " + counter + " != 256 goto " + top);
          }
        }
      }
      default -> {
        // a loop whose only exits are breaks on data
        line(counter + " = 0");
        place(top);
        index("r0");
        line("if r0 == " + random.nextInt(4) + " goto " + out);
        line(counter + " += 1");
        line("if " + counter + " > " + (1 + random.nextInt(maxRounds())) + " goto " + out);
        line("goto " + top);
      }
    }
    place(out);
    loopDepth--;
  }

  /** Rounds of a counted loop: fewer inside another loop, whose rounds multiply them. */
  private int maxRounds() {
    return loopDepth == 1 ? 24 : 6;
  }

  private void loopBody(String counter, String out) {
    for (int i = random.nextInt(3); i > 0; i--) {
      switch (random.nextInt(6)) {
        case 0 -> {
          if (random.nextBoolean() && !inFunction) {
            features.add(Feature.VARIABLE_OFFSET);
            String skip = label();
            line("r3 = " + counter);
            int size = 1 << random.nextInt(3);
            int limit = contextSize - size + edge();
            if (random.nextInt(8) != 0) {
              bound("r3", limit, skip);
            }
            line("r4 = r6");
            line("r4 += r3");
            line("r0 = *(" + SIZES[Integer.numberOfTrailingZeros(size)] + " *)(r4 + 0)");
            place(skip);
          } else {
            stackAccess();
          }
        }
        case 1 -> {
          index("r0");
          line("if r0 == " + random.nextInt(3) + " goto " + out);
        }
        case 2 -> loop();
        case 3 -> mapAccess();
        default -> snippet();
      }
    }
  }

  private void localCall() {
    if (inFunction) {
      stackAccess();
      return;
    }
    features.add(Feature.LOCAL_CALL);
    String name = "fn" + functionCount++;
    int window = 8 * (1 + random.nextInt(4));
    boolean stackArg = contextSize == 0 || random.nextBoolean();
    index("r2"); // before r1: a helper call in it would end r1
    if (stackArg) {
      initialise("r10", -window, window);
      line("r1 = r10");
      line("r1 += -" + window);
    } else {
      line("r1 = r6");
      window = contextSize;
    }
    line("call " + name);
    StringBuilder caller = out;
    out = new StringBuilder();
    inFunction = true;
    place(name);
    line("r0 = 0");
    line("r7 = r1");
    line("r9 = r2");
    accesses(window, stackArg || contextWritable, "r7");
    for (int i = random.nextInt(2); i > 0; i--) {
      snippet();
    }
    line("r0 = " + random.nextInt(100));
    line("exit");
    functions.append(out);
    out = caller;
    inFunction = false;
  }

  // ---- accesses ---------------------------------------------------------------------------

  /** One to three accesses to the {@code length} bytes {@code base} points to. */
  private void accesses(int length, boolean writable, String base) {
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      int size = 1 << random.nextInt(4);
      boolean write = random.nextInt(16) == 0 ? !writable : random.nextInt(3) == 0 && writable;
      if (random.nextInt(5) < 2) {
        line(insn(base, length - size + edge(), size, write));
      } else {
        features.add(Feature.VARIABLE_OFFSET);
        variableAccess(base, length, size, write);
      }
    }
  }

  /** {@code base + index + offset}, the index bounded so that the access ends at the edge. */
  private void variableAccess(String base, int length, int size, boolean write) {
    String skip = label();
    String idx = "r5";
    int offset = random.nextInt(3) == 0 ? random.nextInt(Math.max(1, Math.min(8, length))) : 0;
    int max = length - size - offset + edge();
    index(idx);
    switch (random.nextInt(8)) {
      case 0 -> {
        // shaped after the bound: the bound must leave room for the shift
        int shift = 1 + random.nextInt(2);
        bound(idx, max >> shift, skip);
        line(idx + " <<= " + shift);
      }
      case 1 -> {
        int add = random.nextInt(4);
        bound(idx, max - add, skip);
        line(idx + " += " + add);
      }
      case 2 -> {
        int mask = max < 0 ? 0 : Integer.highestOneBit(max + 1) - 1;
        line(idx + " &= " + (random.nextInt(6) == 0 ? 2 * mask + 1 : mask));
      }
      case 3 -> {
        String copy = "r3";
        line(copy + " = " + idx);
        bound(copy, max, skip); // bounds the original through the copy's link
      }
      default -> bound(idx, max, skip);
    }
    line("r4 = " + base);
    if (random.nextInt(4) == 0) {
      line("r3 = " + idx);
      line("r3 += r4");
      line("r4 = r3");
    } else {
      line("r4 += " + idx);
    }
    line(insn("r4", offset, size, write));
    place(skip);
  }

  private String insn(String base, int offset, int size, boolean write) {
    String at =
        "*("
            + SIZES[Integer.numberOfTrailingZeros(size)]
            + " *)("
            + base
            + (offset < 0 ? " - " + -offset : " + " + offset)
            + ")";
    if (!write) {
      return (size == 8 ? "r0" : "w0") + " = " + at;
    }
    return switch (random.nextInt(4)) {
      case 0 -> at + " = " + random.nextInt(1000);
      case 1 -> size >= 4 ? "lock " + at + " += " + (size == 8 ? "r0" : "w0") : at + " = 1";
      default -> at + " = " + (size == 8 ? "r0" : "w0");
    };
  }

  /** Writes {@code length} bytes at {@code base + at} (once in ten, one byte less). */
  private void initialise(String base, int at, int length) {
    int end = at + length;
    for (int off = at; off < end; ) {
      int piece = Integer.highestOneBit(Math.min(8, end - off));
      if (random.nextInt(64) != 0) {
        line(
            "*("
                + SIZES[Integer.numberOfTrailingZeros(piece)]
                + " *)("
                + base
                + " - "
                + -off
                + ") = "
                + random.nextInt(256));
      }
      off += piece;
    }
  }

  // ---- indices and bounds -----------------------------------------------------------------

  /** A data-dependent value in {@code reg}, shaped by a few ALU operations. */
  private void index(String reg) {
    String w = "w" + reg.substring(1);
    if (!inFunction && contextSize > 0 && random.nextInt(3) != 0) {
      int size = 1 << random.nextInt(4);
      while (size > contextSize) {
        size >>= 1;
      }
      line(
          reg
              + " = *("
              + SIZES[Integer.numberOfTrailingZeros(size)]
              + " *)(r6 + "
              + random.nextInt(contextSize - size + 1)
              + ")");
    } else if (inFunction && random.nextBoolean()) {
      line(reg + " = r9"); // the caller's argument
    } else {
      line("call " + LinuxHelpers.GET_PRANDOM_U32);
      if (!reg.equals("r0")) {
        line(reg + " = r0");
      }
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      line(
          switch (random.nextInt(12)) {
            case 0 -> reg + " &= " + (random.nextInt(1024));
            case 1 -> reg + " >>= " + random.nextInt(8);
            case 2 -> reg + " <<= " + random.nextInt(4);
            case 3 -> reg + " *= " + random.nextInt(5);
            case 4 -> w + " &= " + random.nextInt(512);
            case 5 -> w + " += " + random.nextInt(16);
            case 6 -> reg + " %= " + (1 + random.nextInt(64));
            case 7 -> reg + " /= " + (1 + random.nextInt(4));
            case 8 -> reg + " s>>= " + random.nextInt(4);
            case 9 -> w + " = " + w;
            case 10 -> reg + " |= " + random.nextInt(4);
            default -> reg + " += " + random.nextInt(8);
          });
    }
  }

  /** Jumps to {@code skip} unless 0 <= reg <= max, in one of many forms (some imprecise). */
  private void bound(String reg, int max, String skip) {
    String w = "w" + reg.substring(1);
    String ok = label();
    switch (random.nextInt(22)) {
      case 0 -> line("if " + reg + " >= " + (max + 1) + " goto " + skip);
      case 1 -> {
        line("r1 = " + max);
        line("if " + reg + " > r1 goto " + skip);
      }
      case 2 -> {
        line("r1 = " + (max + 1));
        line("if r1 <= " + reg + " goto " + skip);
      }
      case 3 -> {
        line("if " + reg + " < " + (max + 1) + " goto " + ok);
        line("goto " + skip);
      }
      case 4 -> {
        line("if " + reg + " <= " + max + " goto " + ok);
        line("goto " + skip);
      }
      case 5 -> {
        line("if " + reg + " s> " + max + " goto " + skip);
        if (random.nextInt(3) != 0) {
          line("if " + reg + " s< 0 goto " + skip);
        }
      }
      case 6 -> {
        line("if " + reg + " s>= " + (max + 1) + " goto " + skip);
        if (random.nextInt(3) != 0) {
          line("if " + reg + " s< 0 goto " + skip);
        }
      }
      case 7 -> {
        if (random.nextInt(3) != 0) {
          line(w + " = " + w);
        }
        line("if " + w + " > " + max + " goto " + skip);
      }
      case 8 -> {
        line("if " + w + " s> " + max + " goto " + skip);
        line("if " + w + " s< 0 goto " + skip);
        if (random.nextInt(3) != 0) {
          line(w + " = " + w);
        }
      }
      case 9 -> line("if " + reg + " != " + random.nextInt(Math.max(1, max + 2)) + " goto " + skip);
      case 10 -> {
        int mask = max < 0 ? 0 : Integer.highestOneBit(max + 1) - 1;
        line("if " + reg + " & " + ~mask + " goto " + skip);
      }
      case 11 -> {
        line("r1 = " + max);
        line("if r1 s< " + reg + " goto " + skip);
        line("if " + reg + " s< 0 goto " + skip);
      }
      case 12 -> {
        line("if " + w + " >= " + (max + 1) + " goto " + skip);
        line("if " + reg + " > " + max + " goto " + skip);
      }
      case 13 -> {
        if (random.nextInt(3) == 0) {
          return; // no bound at all
        }
        line("if " + reg + " > " + max + " goto " + skip);
      }
      case 14 -> {
        // JMP32 between registers: bounds the low half; the zero-extension makes it the whole
        line(w + " = " + w);
        line("w1 = " + max);
        line("if " + w + " > w1 goto " + skip);
      }
      case 15 -> {
        line("w1 = " + max);
        line("if w1 s< " + w + " goto " + skip);
        line("if " + w + " s< 0 goto " + skip);
        line(w + " = " + w);
      }
      case 16 -> {
        line("r1 = " + (max + 1));
        line("if " + reg + " < r1 goto " + ok);
        line("goto " + skip);
      }
      case 17 -> {
        line("if " + reg + " s<= " + max + " goto " + ok);
        line("goto " + skip);
        place(ok);
        ok = label();
        line("if " + reg + " s>= 0 goto " + ok);
        line("goto " + skip);
      }
      case 18 -> {
        int mask = max < 0 ? 0 : Integer.highestOneBit(max + 1) - 1;
        line("r1 = " + ~mask);
        line("if " + reg + " & r1 goto " + skip);
      }
      case 19 -> {
        line("r1 = " + random.nextInt(Math.max(1, max + 2)));
        line("if " + reg + " != r1 goto " + skip);
      }
      default -> line("if " + reg + " > " + max + " goto " + skip);
    }
    place(ok);
  }

  /** How far past (positive) or inside (negative) an edge an access goes: mostly exactly at it. */
  private int edge() {
    return switch (random.nextInt(24)) {
      case 0 -> 1;
      case 1 -> random.nextInt(9);
      case 2, 3, 4, 5 -> -1 - random.nextInt(3);
      case 6, 7 -> -random.nextInt(40);
      default -> 0;
    };
  }

  // ---- text -------------------------------------------------------------------------------

  private int valueMap() {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < maps.size(); i++) {
      if (maps.get(i).type() != MapType.RINGBUF) {
        candidates.add(i);
      }
    }
    return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
  }

  private int ringMap() {
    for (int i = 0; i < maps.size(); i++) {
      if (maps.get(i).type() == MapType.RINGBUF) {
        return i;
      }
    }
    return -1;
  }

  private String label() {
    return "l" + labels++;
  }

  private void place(String label) {
    out.append(label).append(":\n");
  }

  private void line(String text) {
    out.append("  ").append(text).append('\n');
  }
}
