package org.csdlab.fluffle;

/**
 * An extended attribute operation was refused, with the errno FluffleFS gives for it. Nothing was
 * bound or unbound.
 */
public class XattrException extends FsException {
  private static final long serialVersionUID = 1L;

  /** Why, as FluffleFS's errno. */
  public enum Reason {
    /** ENOTSUP: no such attribute can be set. */
    NOT_SUPPORTED,
    /** ENODATA: no handle is open on the file, or the attribute is not set. */
    NO_DATA,
    /** EEXIST: {@link XattrFlag#CREATE} but the attribute is set. */
    EXISTS,
    /**
     * ENOEXEC: the value is not a kernel that loads (not an ELF object, or the verifier refuses
     * it).
     */
    NOT_A_KERNEL
  }

  private final String name;
  private final Reason reason;

  public XattrException(String path, String name, Reason reason, String message, Throwable cause) {
    super(path, message, cause);
    this.name = name;
    this.reason = reason;
  }

  /** The attribute name. */
  public String name() {
    return name;
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }
}
