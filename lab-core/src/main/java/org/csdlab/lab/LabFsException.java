package org.csdlab.lab;

import org.csdlab.fluffle.CorruptImageException;
import org.csdlab.fluffle.DirectoryNotEmptyException;
import org.csdlab.fluffle.FsException;
import org.csdlab.fluffle.FsIoException;
import org.csdlab.fluffle.InvalidPathException;
import org.csdlab.fluffle.IsADirectoryException;
import org.csdlab.fluffle.NameTooLongException;
import org.csdlab.fluffle.NoSpaceException;
import org.csdlab.fluffle.NoSuchPathException;
import org.csdlab.fluffle.NotADirectoryException;
import org.csdlab.fluffle.NotFluffleFsException;
import org.csdlab.fluffle.PathExistsException;
import org.csdlab.fluffle.XattrException;
import org.csdlab.fluffle.kernel.KernelIoException;

/**
 * A refused or failed call of the lab's filesystem ({@link LabFs}): which call, on which path, what
 * kind of problem, and the filesystem's own exception as the cause. The message reads {@code
 * fs.read("/data/a.bin"): no such file or directory: /data}; a refused call changed nothing.
 *
 * <pre>{@code
 * try { fs.write("/big.bin", bytes); }
 * catch (LabFsException e) { if (e.kind() == LabFsException.Kind.NO_SPACE) fs.unlink("/old.bin"); }
 * }</pre>
 */
public final class LabFsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, one value per kind of filesystem error. */
  public enum Kind {
    /** The path, or a directory on the way to it, does not exist (ENOENT). */
    NO_SUCH_PATH,
    /** Something already exists at the path (EEXIST). */
    EXISTS,
    /** A name on the way is a file where a directory is needed (ENOTDIR). */
    NOT_A_DIRECTORY,
    /** The path is a directory where a file is needed (EISDIR). */
    IS_A_DIRECTORY,
    /** The directory is not empty (ENOTEMPTY). */
    NOT_EMPTY,
    /** The filesystem is full (ENOSPC): delete or truncate files. */
    NO_SPACE,
    /** The path is not an absolute path of valid names, or a name is too long. */
    INVALID_PATH,
    /** A kernel bound to the file failed (EIO from the kernel). */
    KERNEL,
    /** An extended attribute call was refused. */
    XATTR,
    /** The device failed, or the filesystem stopped; remount to recover what was synced. */
    IO,
    /** The drive holds no flufflefs-lite image, or a damaged one. */
    NOT_A_FILESYSTEM,
    /** The filesystem is not mounted (after a power cut): call {@code remount()}. */
    NOT_MOUNTED,
    /** An argument out of range (a negative offset, a file too large to read in one array). */
    BAD_ARGUMENT,
    /** Any other filesystem error. */
    OTHER
  }

  private final String operation;
  private final String path;
  private final Kind kind;

  LabFsException(String operation, String path, Kind kind, String problem, Throwable cause) {
    super(call(operation, path) + ": " + problem, cause);
    this.operation = operation;
    this.path = path;
    this.kind = kind;
  }

  /**
   * The filesystem exception {@code e} of {@code operation} on {@code path}, in the lab's words.
   */
  static LabFsException of(String operation, String path, FsException e) {
    return new LabFsException(operation, path, kindOf(e), e.getMessage(), e);
  }

  /** The lab call as written, e.g. {@code fs.read("/a.bin")} or {@code fs.sync()}. */
  static String call(String operation, String path) {
    return "fs." + operation + "(" + (path == null ? "" : "\"" + path + "\"") + ")";
  }

  /** The call that failed, e.g. {@code read}, {@code rename}. */
  public String operation() {
    return operation;
  }

  /**
   * The path it was given (the first one for {@code rename}), or null for whole-filesystem calls.
   */
  public String path() {
    return path;
  }

  /** What kind of problem it was. */
  public Kind kind() {
    return kind;
  }

  static Kind kindOf(FsException e) {
    if (e instanceof NoSuchPathException) {
      return Kind.NO_SUCH_PATH;
    } else if (e instanceof PathExistsException) {
      return Kind.EXISTS;
    } else if (e instanceof NotADirectoryException) {
      return Kind.NOT_A_DIRECTORY;
    } else if (e instanceof IsADirectoryException) {
      return Kind.IS_A_DIRECTORY;
    } else if (e instanceof DirectoryNotEmptyException) {
      return Kind.NOT_EMPTY;
    } else if (e instanceof NoSpaceException) {
      return Kind.NO_SPACE;
    } else if (e instanceof InvalidPathException || e instanceof NameTooLongException) {
      return Kind.INVALID_PATH;
    } else if (e instanceof KernelIoException) {
      return Kind.KERNEL;
    } else if (e instanceof XattrException) {
      return Kind.XATTR;
    } else if (e instanceof FsIoException) {
      return Kind.IO;
    } else if (e instanceof NotFluffleFsException || e instanceof CorruptImageException) {
      return Kind.NOT_A_FILESYSTEM;
    } else if (e.getMessage() != null && e.getMessage().contains("unmounted")) {
      return Kind.NOT_MOUNTED;
    }
    return Kind.OTHER;
  }
}
