package org.csdlab.fluffle;

/** What an inode holds. */
public enum FileType {
  /** A regular file of bytes. */
  FILE(1),
  /** A directory of named entries. */
  DIRECTORY(2);

  private final int code;

  FileType(int code) {
    this.code = code;
  }

  /** The on-disk code of this type (as in the inode block and in {@code flfs_call}). */
  public int code() {
    return code;
  }

  /** The type with on-disk code {@code code}, or null if there is none. */
  static FileType ofCode(int code) {
    for (FileType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
