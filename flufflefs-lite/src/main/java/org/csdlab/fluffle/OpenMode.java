package org.csdlab.fluffle;

/** How {@link FluffleFs#open(String, OpenMode)} treats a path that does or does not exist. */
public enum OpenMode {
  /** The file must exist. */
  EXISTING,
  /** Creates an empty file if none exists. */
  CREATE,
  /** Creates the file; refused if the path exists. */
  CREATE_NEW,
  /** Creates the file if needed and truncates it to 0 bytes. */
  TRUNCATE
}
