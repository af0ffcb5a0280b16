package org.csdlab.fluffle;

/**
 * How {@link FluffleFs#setxattr(String, String, byte[], XattrFlag)} treats an attribute already
 * set, as setxattr(2)'s flags.
 */
public enum XattrFlag {
  /** Set it whether or not it is set. */
  ANY,
  /** XATTR_CREATE: refused (EEXIST) if it is set. */
  CREATE,
  /** XATTR_REPLACE: refused (ENODATA) if it is not set. */
  REPLACE
}
