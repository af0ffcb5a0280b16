package org.csdlab.ebpf.elf;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.MemoryBudget;
import org.csdlab.ebpf.maps.MapDefinition;

/**
 * Map definitions of the BTF-defined {@code .maps} section. The section's bytes are zeros; what
 * each map is lies in the {@code .BTF} section (clang writes it with {@code -g}): a {@code DATASEC
 * .maps} whose variables are the maps, each a struct whose members encode
 *
 * <pre>
 *   __uint(type, N)         int (*type)[N]        PTR -&gt; ARRAY of N elements: the value is N
 *   __type(key, T)          T *key                PTR -&gt; T: the size is sizeof(T)
 *   key_size, value_size, max_entries likewise as __uint
 * </pre>
 *
 * Layout of {@code .BTF} (little-endian): a header {@code u16 magic 0xeB9F, u8 version, u8 flags,
 * u32 hdr_len, u32 type_off, u32 type_len, u32 str_off, u32 str_len}, offsets counted from the end
 * of the header; then types numbered from 1, each {@code u32 name_off, u32 info (vlen in bits 0-15,
 * kind in bits 24-28), u32 size_or_type} followed by data that depends on the kind.
 */
final class BtfMaps {
  private static final int MAGIC = 0xeb9f;
  private static final int INT = 1;
  private static final int PTR = 2;
  private static final int ARRAY = 3;
  private static final int STRUCT = 4;
  private static final int UNION = 5;
  private static final int ENUM = 6;
  private static final int TYPEDEF = 8;
  private static final int VOLATILE = 9;
  private static final int CONST = 10;
  private static final int RESTRICT = 11;
  private static final int FUNC_PROTO = 13;
  private static final int VAR = 14;
  private static final int DATASEC = 15;
  private static final int DECL_TAG = 17;
  private static final int TYPE_TAG = 18;
  private static final int ENUM64 = 19;
  private static final int MAX_DEPTH = 32;

  /**
   * One BTF type: its kind, name, vlen, size-or-type word, and the file offset of its extra data.
   */
  private record Type(int kind, String name, int vlen, long sizeOrType, long data) {
    Type named(String newName) {
      return new Type(kind, newName, vlen, sizeOrType, data);
    }
  }

  private final ElfBytes bytes;
  private final String btfName;
  private final List<Type> types = new ArrayList<>();
  private long strings;
  private long stringsLength;

  private final MemoryBudget names;

  private BtfMaps(ElfBytes bytes, SectionHeader btf, MemoryBudget names) {
    this.bytes = bytes;
    this.names = names;
    this.btfName = btf.name();
    parse(btf);
  }

  /** The maps defined in {@code section}. */
  static List<ElfMap> read(ElfObject object, ElfBytes bytes, SectionHeader section) {
    SectionHeader btf =
        object.sections().stream()
            .filter(s -> s.name().equals(".BTF") && s.hasFileBytes())
            .findFirst()
            .orElseThrow(
                () ->
                    new ElfFormatException(
                        section.name(),
                        "",
                        section.headerOffset(),
                        "BTF-defined maps need the .BTF section, which this object lacks (compile with -g)"));
    return new BtfMaps(bytes, btf, object.names()).maps(object, section);
  }

  private ElfFormatException corrupt(long offset, String problem) {
    return new ElfFormatException(btfName, "", offset, problem);
  }

  private long u32(long offset) {
    return bytes.u32(btfName, "", offset);
  }

  private void parse(SectionHeader btf) {
    long base = btf.offset();
    if (btf.size() < 24 || bytes.u16(btfName, "header", base) != MAGIC) {
      throw corrupt(base, "not a BTF section (magic 0xeb9f expected)");
    }
    long headerLength = u32(base + 4);
    long typeOff = u32(base + 8);
    long typeLen = u32(base + 12);
    long strOff = u32(base + 16);
    long strLen = u32(base + 20);
    long body = base + headerLength;
    if (headerLength < 24
        || headerLength + typeOff + typeLen > btf.size()
        || headerLength + strOff + strLen > btf.size()) {
      throw corrupt(
          base, "header describes types or strings outside the " + btf.size() + "-byte section");
    }
    strings = body + strOff;
    stringsLength = strLen;
    types.add(new Type(0, "void", 0, 0, 0));
    long at = body + typeOff;
    long end = at + typeLen;
    List<ElfBytes.Name> typeNames = new ArrayList<>(); // all measured before any is decoded
    while (at < end) {
      if (end - at < 12) {
        throw corrupt(at, "truncated type");
      }
      typeNames.add(
          bytes.measure(btfName, "", strings, stringsLength, u32(at), names, "BTF names"));
      long info = u32(at + 4);
      int vlen = (int) (info & 0xffff);
      int kind = (int) (info >>> 24 & 0x1f);
      long sizeOrType = u32(at + 8);
      long data = at + 12;
      long extra =
          switch (kind) {
            case INT, VAR, DECL_TAG -> 4;
            case ARRAY -> 12;
            case STRUCT, UNION, DATASEC, ENUM64 -> 12L * vlen;
            case ENUM, FUNC_PROTO -> 8L * vlen;
            default -> {
              if (kind == 0 || kind > ENUM64) {
                throw corrupt(at, "type " + types.size() + " has unknown kind " + kind);
              }
              yield 0;
            }
          };
      types.add(new Type(kind, null, vlen, sizeOrType, data));
      at = data + extra;
    }
    if (at != end) {
      throw corrupt(end, "the last type runs past the end of the type section");
    }
    for (int id = 1; id < types.size(); id++) {
      types.set(id, types.get(id).named(bytes.decode(typeNames.get(id - 1))));
    }
  }

  private String string(long offset) {
    return bytes.string(btfName, "", strings, stringsLength, offset, names, "BTF names");
  }

  private Type type(long id) {
    if (id < 0 || id >= types.size()) {
      throw corrupt(0, "type id " + id + " is not among the " + types.size() + " types");
    }
    return types.get((int) id);
  }

  /** The type {@code id} refers to after typedefs and qualifiers. */
  private Type resolve(long id) {
    Type type = type(id);
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      if (type.kind() != TYPEDEF
          && type.kind() != VOLATILE
          && type.kind() != CONST
          && type.kind() != RESTRICT
          && type.kind() != TYPE_TAG) {
        return type;
      }
      type = type(type.sizeOrType());
    }
    throw corrupt(0, "type chain deeper than " + MAX_DEPTH);
  }

  private long sizeOf(long id, int depth) {
    if (depth > MAX_DEPTH) {
      throw corrupt(0, "type nesting deeper than " + MAX_DEPTH);
    }
    Type type = resolve(id);
    return switch (type.kind()) {
      case INT, STRUCT, UNION, ENUM, ENUM64 -> type.sizeOrType();
      case PTR -> 8;
      case ARRAY -> u32(type.data() + 8) * sizeOf(u32(type.data()), depth + 1);
      default ->
          throw corrupt(
              type.data(), "type '" + type.name() + "' (kind " + type.kind() + ") has no size");
    };
  }

  private List<ElfMap> maps(ElfObject object, SectionHeader section) {
    List<ElfMap> out = new ArrayList<>();
    for (Type datasec : types) {
      if (datasec.kind() != DATASEC || !datasec.name().equals(section.name())) {
        continue;
      }
      for (int i = 0; i < datasec.vlen(); i++) {
        long info = datasec.data() + 12L * i;
        Type variable = type(u32(info));
        long offset = u32(info + 4);
        if (variable.kind() != VAR) {
          throw corrupt(
              info, "entry " + i + " of DATASEC " + section.name() + " is not a variable");
        }
        // clang leaves DATASEC offsets 0 in objects (libbpf fixes them up): the symbol has the
        // offset
        for (ElfSymbol symbol : object.symbols()) {
          if (symbol.isDefined()
              && symbol.section() == section.index()
              && symbol.type() != ElfSymbol.STT_SECTION
              && symbol.name().equals(variable.name())) {
            offset = symbol.value();
          }
        }
        out.add(new ElfMap(section.index(), offset, definition(variable)));
      }
    }
    return out;
  }

  private MapDefinition definition(Type variable) {
    Type struct = resolve(variable.sizeOrType());
    String name = variable.name();
    if (struct.kind() != STRUCT) {
      throw corrupt(variable.data(), "map '" + name + "' is not a struct");
    }
    long type = -1;
    long keySize = 0;
    long valueSize = 0;
    long maxEntries = 0;
    for (int m = 0; m < struct.vlen(); m++) {
      long member = struct.data() + 12L * m;
      String field = string(u32(member));
      Type pointer = resolve(u32(member + 4));
      if (pointer.kind() != PTR) {
        continue; // padding or fields this VM ignores
      }
      switch (field) {
        case "type" -> type = uintOf(pointer, name, field);
        case "key_size" -> keySize = uintOf(pointer, name, field);
        case "value_size" -> valueSize = uintOf(pointer, name, field);
        case "max_entries" -> maxEntries = uintOf(pointer, name, field);
        case "key" -> keySize = sizeOf(pointer.sizeOrType(), 0);
        case "value" -> valueSize = sizeOf(pointer.sizeOrType(), 0);
        default -> {}
      }
    }
    if (type < 0) {
      throw corrupt(struct.data(), "map '" + name + "' has no __uint(type, ...)");
    }
    try {
      return MapDefinition.of(type, keySize, valueSize, maxEntries, name);
    } catch (IllegalArgumentException e) {
      throw new ElfFormatException(btfName, "map '" + name + "'", struct.data(), e.getMessage(), e);
    }
  }

  /** N of {@code __uint(field, N)}: the pointer's target is an array of N elements. */
  private long uintOf(Type pointer, String map, String field) {
    Type array = resolve(pointer.sizeOrType());
    if (array.kind() != ARRAY) {
      throw corrupt(
          pointer.data(),
          "map '"
              + map
              + "': field '"
              + field
              + "' is not __uint("
              + field
              + ", N) (a pointer to an array)");
    }
    return u32(array.data() + 8);
  }
}
