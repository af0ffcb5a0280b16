package org.csdlab.ebpf.elf;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.csdlab.ebpf.MemoryBudgetException;
import org.junit.jupiter.api.Test;

/**
 * Loads thousands of mutated copies of the committed {@code elf/globals.o}: byte flips, truncations
 * and random values written over header, section-header, symbol and relocation fields. Every load,
 * and every program in a mutant that parses, must succeed or fail with an {@link
 * ElfFormatException}, never anything else, and the whole run must finish quickly.
 */
class ElfFuzzTest {
  /** The committed object, or the file named by {@code -Delf.fuzz.object=PATH}. */
  private static final byte[] GLOBALS = object();

  /** Mutants per run; {@code -Delf.fuzz.mutants=N} for a longer search. */
  private static final int MUTANTS = Integer.getInteger("elf.fuzz.mutants", 5_000);

  /** The seed; {@code -Delf.fuzz.seed=N} for another sequence. */
  private static final long SEED = Long.getLong("elf.fuzz.seed", 0x5eedL);

  @Test
  void mutatedObjectsLoadOrFailCleanly() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          Random random = new Random(SEED);
          ElfObject original = ElfObject.parse(GLOBALS);
          int parsed = 0;
          for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(random, original);
            try {
              load(mutant);
              parsed++;
            } catch (ElfFormatException | MemoryBudgetException expected) {
              // a clean refusal
            } catch (RuntimeException | Error e) {
              fail("mutant " + i + " (seed " + SEED + ") failed with " + e, e);
            }
          }
          // both outcomes must occur, or the mutations explore nothing
          assertTrue(
              parsed > MUTANTS / 20 && parsed < MUTANTS - MUTANTS / 20,
              parsed + " of " + MUTANTS + " parsed");
        });
  }

  private static byte[] object() {
    String path = System.getProperty("elf.fuzz.object");
    try {
      return path == null ? Clang.resource("globals.o") : Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void load(byte[] mutant) {
    ElfObject object = ElfObject.parse(mutant);
    for (SectionHeader section :
        object.sections()) { // by index: a mutated name may be shared or empty
      if (object.programSections().contains(section.name())
          && section.isExecutable()
          && section.size() > 0) {
        loadOne(object, ElfObject.INDEX_PREFIX + section.index());
      }
    }
    for (ElfFunction function : object.functions()) {
      loadOne(object, ElfObject.INDEX_PREFIX + function.sectionIndex() + ":" + function.name());
    }
  }

  private static void loadOne(ElfObject object, String name) {
    try {
      object.program(name);
    } catch (ElfFormatException | MemoryBudgetException expected) {
      // a clean refusal; try the next program
    }
  }

  private static byte[] mutate(Random random, ElfObject original) {
    byte[] bytes = GLOBALS.clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      switch (random.nextInt(5)) {
        case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        case 1 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        case 2 -> {
          byte[] shorter = new byte[random.nextInt(bytes.length)];
          System.arraycopy(bytes, 0, shorter, 0, shorter.length);
          return shorter;
        }
        case 3 -> overwriteField(random, bytes, fieldOffset(random, original));
        default -> overwriteField(random, bytes, random.nextInt(ElfHeader.SIZE));
      }
    }
    return bytes;
  }

  /** A field offset in a section header, symbol or relocation entry of the original. */
  private static long fieldOffset(Random random, ElfObject original) {
    SectionHeader section = original.sections().get(random.nextInt(original.sections().size()));
    long[] fields = {
      SectionHeader.NAME_OFFSET,
      SectionHeader.TYPE_OFFSET,
      SectionHeader.FLAGS_OFFSET,
      SectionHeader.CONTENTS_OFFSET_OFFSET,
      SectionHeader.SIZE_OFFSET,
      SectionHeader.LINK_OFFSET,
      SectionHeader.INFO_OFFSET
    };
    if (random.nextBoolean() || section.size() < ElfRelocation.SIZE || !section.hasFileBytes()) {
      return section.headerOffset() + fields[random.nextInt(fields.length)];
    }
    return section.offset() + random.nextInt((int) section.size() - 7);
  }

  /** Writes a random value of 1, 2, 4 or 8 bytes at {@code at}, often an extreme one. */
  private static void overwriteField(Random random, byte[] bytes, long at) {
    int width = 1 << random.nextInt(4);
    long value =
        switch (random.nextInt(4)) {
          case 0 -> -1L;
          case 1 -> 0L;
          case 2 -> random.nextInt(bytes.length + 64);
          default -> random.nextLong();
        };
    for (int b = 0; b < width && at + b < bytes.length; b++) {
      bytes[(int) (at + b)] = (byte) (value >>> (8 * b));
    }
  }
}
