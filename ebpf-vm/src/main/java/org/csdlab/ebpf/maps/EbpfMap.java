package org.csdlab.ebpf.maps;

/**
 * A map shared by programs and Java. From Java, keys and values are byte arrays of exactly {@link
 * #keySize()} and {@link #valueSize()} bytes (little-endian when they hold numbers); operations
 * return 0 or a negated {@link Errno}, as the kernel's helpers do. Operations from Java and from
 * helpers lock the map; a program's loads and stores through a value pointer do not, as in the
 * kernel.
 */
public interface EbpfMap {
  /** Update flag: create or replace. */
  long BPF_ANY = 0;

  /** Update flag: create only; {@code -EEXIST} when the key is present. */
  long BPF_NOEXIST = 1;

  /** Update flag: replace only; {@code -ENOENT} when the key is absent. */
  long BPF_EXIST = 2;

  /** The definition the map was built from. */
  MapDefinition definition();

  /** The map's name. */
  default String name() {
    return definition().name();
  }

  /** The map's type. */
  default MapType type() {
    return definition().type();
  }

  /** Key bytes. */
  default int keySize() {
    return definition().keySize();
  }

  /** Value bytes. */
  default int valueSize() {
    return definition().valueSize();
  }

  /** Most entries. */
  default int maxEntries() {
    return definition().maxEntries();
  }

  /** Entries present now. */
  int size();

  /** A copy of the value for {@code key}, or null when absent. */
  byte[] lookup(byte[] key);

  /** Stores {@code value} under {@code key}; 0 or a negated errno. */
  int update(byte[] key, byte[] value, long flags);

  /** Removes {@code key}; 0 or a negated errno. */
  int delete(byte[] key);
}
