package org.csdlab.fluffle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZnsException;
import org.csdlab.zns.csd.ComputationalStorage;

/**
 * flufflefs-lite mounted on a {@link ZnsDevice}: files and directories by absolute path, open
 * handles, sync, statistics and cleaning. Thread-safe (one lock). See the package documentation for
 * the on-disk design and the crash guarantees.
 *
 * <pre>{@code
 * try (var fs = FluffleFs.format(ZnsDevice.create(), FormatOptions.defaults())) {
 *   fs.mkdir("/data");
 *   try (var h = fs.open("/data/a.bin", OpenMode.CREATE)) {
 *     h.write(0, bytes);
 *     h.fsync();                       // survives a power cut from here on
 *   }
 *   fs.list("/data");                  // [a.bin]
 * }                                    // close = unmount: a checkpoint
 * }</pre>
 */
public final class FluffleFs implements AutoCloseable {
  private final Volume v;

  /** Open handles, which kernel attributes bind to. */
  private final Set<FileHandle> handles = new LinkedHashSet<>();

  private final Xattrs xattrs = new Xattrs(this);
  private ComputationalStorage csd;
  private boolean mounted = true;
  private String failure;

  private FluffleFs(Volume v) {
    this.v = v;
  }

  /** The volume underneath, for tests in this package. */
  Volume volume() {
    return v;
  }

  /**
   * Formats {@code device} (every zone is reset) and mounts the empty filesystem.
   *
   * @throws IllegalArgumentException the device is too small or allows too few open/active zones
   */
  public static FluffleFs format(ZnsDevice device, FormatOptions options) {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(options, "options");
    try {
      return new FluffleFs(Mounter.format(device, options));
    } catch (ZnsException e) {
      throw new FsIoException("", "format failed: " + e.getMessage(), e);
    }
  }

  /** Formats with {@link FormatOptions#defaults()}. */
  public static FluffleFs format(ZnsDevice device) {
    return format(device, FormatOptions.defaults());
  }

  /**
   * Mounts the filesystem on {@code device}: the latest checkpoint, then every inode fsynced after
   * it. A refused device is left exactly as it was.
   *
   * @throws NotFluffleFsException no flufflefs-lite superblock
   * @throws CorruptImageException damaged superblock, no valid checkpoint, or damaged metadata
   * @throws FsIoException the device failed a command
   * @throws FsException recovery met a state it cannot complete from (a bug; nothing else escapes)
   */
  public static FluffleFs mount(ZnsDevice device) {
    Objects.requireNonNull(device, "device");
    try {
      return new FluffleFs(Mounter.mount(device));
    } catch (ZnsException e) {
      throw new FsIoException("", "mount failed: " + e.getMessage(), e);
    } catch (IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException e) {
      // a state recovery did not foresee; recovery may be cut short anywhere, so this is too
      throw new FsException(
          "",
          "mount could not complete recovery: "
              + e.getMessage()
              + "; the device holds what a crash during recovery would leave",
          e);
    }
  }

  // ---------------------------------------------------------------- names

  /** Creates an empty file. */
  public void create(String path) {
    run(
        path,
        () -> {
          makeNode(path, FileType.FILE);
          v.afterChange();
          return null;
        });
  }

  /** Creates an empty directory (its parent must exist). */
  public void mkdir(String path) {
    run(
        path,
        () -> {
          makeNode(path, FileType.DIRECTORY);
          v.afterChange();
          return null;
        });
  }

  /** Removes an empty directory. */
  public void rmdir(String path) {
    run(
        path,
        () -> {
          List<String> names = Paths.names(path);
          if (names.isEmpty()) {
            throw new FsException(path, "the root directory cannot be removed");
          }
          Inode dir = lookup(path, names);
          if (!dir.isDirectory()) {
            throw new NotADirectoryException(
                path, path + " is a file, not a directory; use unlink");
          }
          if (!dir.entries.isEmpty()) {
            throw new DirectoryNotEmptyException(
                path,
                "directory "
                    + path
                    + " is not empty ("
                    + dir.entries.size()
                    + " entries, e.g. \""
                    + dir.entries.firstKey()
                    + "\"); remove them first");
          }
          unname(path, names, dir);
          v.afterChange();
          return null;
        });
  }

  /** Removes a file. */
  public void unlink(String path) {
    run(
        path,
        () -> {
          List<String> names = Paths.names(path);
          Inode f = lookup(path, names);
          if (f.isDirectory()) {
            throw new IsADirectoryException(path, path + " is a directory; use rmdir");
          }
          unname(path, names, f);
          v.afterChange();
          return null;
        });
  }

  /**
   * Renames {@code from} to {@code to}, atomically: after a crash exactly one of the names exists.
   * An existing file at {@code to} is replaced, as is an empty directory when {@code from} is a
   * directory.
   */
  public void rename(String from, String to) {
    run(
        from,
        () -> {
          List<String> src = Paths.names(from);
          List<String> dst = Paths.names(to);
          if (src.isEmpty() || dst.isEmpty()) {
            throw new FsException(from, "the root directory cannot be renamed, nor replaced");
          }
          Inode f = lookup(from, src);
          Inode dstDir = parentOf(to, dst);
          if (f.isDirectory()
              && dst.size() > src.size()
              && dst.subList(0, src.size()).equals(src)) {
            throw new FsException(
                to, "cannot move directory " + from + " into itself (" + to + ")");
          }
          if (src.equals(dst)) {
            return null;
          }
          String name = dst.get(dst.size() - 1);
          Long existing = dstDir.entries.get(name);
          if (existing != null) {
            Inode target = v.inode(existing);
            if (!f.isDirectory() && target.isDirectory()) {
              throw new IsADirectoryException(
                  to, "cannot replace directory " + to + " with file " + from);
            }
            if (f.isDirectory() && !target.isDirectory()) {
              throw new NotADirectoryException(
                  to, "cannot replace file " + to + " with directory " + from);
            }
            if (target.isDirectory() && !target.entries.isEmpty()) {
              throw new DirectoryNotEmptyException(
                  to, "cannot replace directory " + to + ": it is not empty");
            }
            v.release(target);
          }
          Inode srcDir = v.inode(f.parent);
          srcDir.entries.remove(src.get(src.size() - 1));
          touch(srcDir);
          dstDir.entries.put(name, f.ino);
          touch(dstDir);
          f.parent = dstDir.ino;
          f.dirty = true;
          v.namesChanged();
          v.afterChange();
          return null;
        });
  }

  /** The names in a directory, sorted. */
  public List<String> list(String path) {
    return run(
        path,
        () -> {
          Inode dir = lookup(path, Paths.names(path));
          if (!dir.isDirectory()) {
            throw new NotADirectoryException(path, path + " is a file, not a directory");
          }
          return List.copyOf(dir.entries.keySet());
        });
  }

  /** Size, type, inode number and modification time of a path. */
  public FileStat stat(String path) {
    return run(
        path,
        () -> {
          return statOf(path, lookup(path, Paths.names(path)));
        });
  }

  /** True if something exists at {@code path}. */
  public boolean exists(String path) {
    return run(
        path,
        () -> {
          try {
            lookup(path, Paths.names(path));
            return true;
          } catch (NoSuchPathException | NotADirectoryException e) {
            return false;
          }
        });
  }

  /** Opens an existing file. */
  public FileHandle open(String path) {
    return open(path, OpenMode.EXISTING);
  }

  /** Opens a file, creating or truncating it as {@code mode} says. */
  public FileHandle open(String path, OpenMode mode) {
    Objects.requireNonNull(mode, "mode");
    return run(
        path,
        () -> {
          List<String> names = Paths.names(path);
          Inode f = find(path, names);
          if (f == null) {
            if (mode == OpenMode.EXISTING) {
              throw new NoSuchPathException(
                  path, "no file " + path + "; open it with OpenMode.CREATE to create it");
            }
            f = makeNode(path, FileType.FILE);
          } else if (mode == OpenMode.CREATE_NEW) {
            throw new PathExistsException(path, path + " already exists (OpenMode.CREATE_NEW)");
          }
          if (f.isDirectory()) {
            throw new IsADirectoryException(
                path, path + " is a directory; only files can be opened");
          }
          if (mode == OpenMode.TRUNCATE && f.sizeBytes > 0) {
            v.truncate(path, f, 0);
          }
          v.afterChange();
          FileHandle h = new FileHandle(this, f.ino, path);
          handles.add(h);
          return h;
        });
  }

  // ---------------------------------------------------------------- whole filesystem

  /** Makes everything durable with a checkpoint, and resets the zones it frees. */
  public void sync() {
    run(
        "",
        () -> {
          v.checkpoint();
          v.resetStaleZones();
          return null;
        });
  }

  /** Space: what live data may occupy, what it occupies, what is left. */
  public FsStats statfs() {
    return run(
        "",
        () -> {
          long total = v.limitBlocks() * v.blockSize;
          long used = v.committedBlocks() * v.blockSize;
          return new FsStats(
              total, used, Math.max(0, total - used), v.blockSize, v.inodeCount(), v.maxInodes);
        });
  }

  /** Write counters since format (see {@link FsCounters#writeAmplification()}). */
  public FsCounters counters() {
    return run("", v::counters);
  }

  /**
   * Runs one cleaning pass now with {@code policy}.
   *
   * @return true if a zone was cleaned, false if no zone had anything to reclaim
   */
  public boolean clean(CleaningPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return run("", () -> v.cleanPass(policy));
  }

  /**
   * Every zone of the device as the filesystem uses it now: its role (superblock, checkpoint, one
   * of the three logs, sealed data or metadata, free) and its live, dead and free blocks.
   */
  public List<ZoneUse> zoneUses() {
    return run("", () -> ZoneUses.of(v));
  }

  /**
   * The cleaning passes of this mount, oldest first (the most recent 4096; {@link
   * FsCounters#cleaningPasses()} counts them all since format).
   */
  public List<CleaningPass> cleaningPasses() {
    return run("", v.cleaningHistory::passes);
  }

  /**
   * Detaches at once without writing anything, as a power cut would: what was synced is on the
   * device, the rest is lost with this object. Every later call (and every open handle) fails;
   * {@link #mount} on the device recovers. Abandoning an unmounted filesystem does nothing.
   */
  public synchronized void abandon() {
    mounted = false;
  }

  /** Checks the structural invariants (see {@link CheckReport}). */
  public CheckReport check() {
    return run("", () -> new Checker(v).run());
  }

  /** The device the filesystem lives on. */
  public ZnsDevice device() {
    return v.device;
  }

  /** The filesystem block size in bytes (the device's logical block size). */
  public int blockSizeBytes() {
    return v.blockSize;
  }

  /** The cleaning policy chosen at format for background passes. */
  public CleaningPolicy cleaningPolicy() {
    return v.superblock.cleaningPolicy();
  }

  /**
   * Zones the filesystem uses, zones 0 to {@code zoneCount() - 1} ({@link
   * FormatOptions#zoneCount}): the device's zone count unless it was formatted on fewer.
   */
  public int zoneCount() {
    return v.zoneCount;
  }

  /** Zones kept free for the cleaner. */
  public int reserveZones() {
    return v.superblock.reserveZones();
  }

  /** Writes a checkpoint and detaches; every later call fails. Unmounting twice does nothing. */
  public synchronized void unmount() {
    if (!mounted) {
      return;
    }
    if (failure == null) {
      run(
          "",
          () -> {
            v.checkpoint();
            v.resetStaleZones();
            return null;
          });
    }
    mounted = false;
  }

  /** Same as {@link #unmount()}; a filesystem failed by a device error just detaches. */
  @Override
  public void close() {
    unmount();
  }

  /** Whether the filesystem is still mounted. */
  public synchronized boolean isMounted() {
    return mounted;
  }

  // ---------------------------------------------------------------- for kernels on files

  /** Inode metadata and the device LBA of every block of the file at {@code path}. */
  public FileLayout layout(String path) {
    return run(path, () -> layoutOf(lookup(path, Paths.names(path))));
  }

  /** Pins the file's current blocks and returns its layout at this moment; see {@link Snapshot}. */
  public Snapshot snapshot(String path) {
    return run(
        path,
        () -> {
          Inode f = lookup(path, Paths.names(path));
          if (f.isDirectory()) {
            throw new IsADirectoryException(path, path + " is a directory; snapshots are of files");
          }
          FileLayout layout = layoutOf(f);
          v.pin(layout.lbaOfBlock(), +1);
          return new Snapshot(this, path, layout, f.modifiedNanos);
        });
  }

  /**
   * Binds a kernel to the handles open on the file at {@code path}, as FluffleFS's extended
   * attributes do: {@code user.process.csd_read_stream} (reads through those handles run the kernel
   * on a snapshot of the file taken now) or {@code user.process.csd_write_event} (the kernel runs
   * after each write through them, on the blocks written). {@code value} is the bytes of an ELF
   * object, or as text the path of one in this filesystem or its inode number. The kernel stays
   * bound until the handle closes.
   *
   * @throws NoSuchPathException the file or the kernel file does not exist (ENOENT)
   * @throws XattrException another name (ENOTSUP), no handle open on the file (ENODATA), or the
   *     value is not a kernel (ENOEXEC)
   */
  public void setxattr(String path, String name, byte[] value) {
    setxattr(path, name, value, XattrFlag.ANY);
  }

  /**
   * As {@link #setxattr(String, String, byte[])}, refused as {@code flag} says if the attribute is
   * (not) set.
   */
  public void setxattr(String path, String name, byte[] value, XattrFlag flag) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(flag, "flag");
    xattrs.set(path, name, value, flag);
  }

  /**
   * The value of the kernel attribute {@code name} of the file's open handles: exactly the bytes
   * {@link #setxattr} was given, as FluffleFS returns them. Set as FluffleFS sets it, with the
   * kernel file's inode number in decimal, that is the decimal string ({@code "5"}); set with a
   * path, that path; set with the bytes of an ELF object (a flufflefs-lite extension: FluffleFS
   * binds by inode only), those bytes, so a value read back and set again binds the same kernel. A
   * kernel bound fluently ({@link #file}) reports the name it was bound under: its program's name,
   * the object file's path, or the name given to {@link FileRef#offload(CsdKernel, String)}.
   *
   * @return a copy of the value; {@code new String(value, UTF_8)} for the text forms
   * @throws XattrException nothing is bound, no handle is open, or no such attribute (ENODATA)
   */
  public byte[] getxattr(String path, String name) {
    Objects.requireNonNull(name, "name");
    try {
      return xattrs.get(path, name);
    } catch (XattrException e) {
      if (e.reason() == XattrException.Reason.NOT_SUPPORTED) {
        throw new XattrException(path, name, XattrException.Reason.NO_DATA, e.getMessage(), null);
      }
      throw e;
    }
  }

  /** Unbinds the kernel bound under {@code name} from the file's open handles. */
  public void removexattr(String path, String name) {
    Objects.requireNonNull(name, "name");
    xattrs.remove(path, name);
  }

  /** The file at {@code path}, to bind kernels fluently: {@code fs.file(path).offload(program)}. */
  public FileRef file(String path) {
    return new FileRef(this, path);
  }

  /** The computational storage of this filesystem's device, on which kernels bound to files run. */
  public synchronized ComputationalStorage csd() {
    if (csd == null) {
      csd = ComputationalStorage.of(v.device);
    }
    return csd;
  }

  Xattrs xattrs() {
    return xattrs;
  }

  synchronized List<FileHandle> handlesOf(long ino) {
    return handles.stream().filter(h -> h.inode() == ino).toList();
  }

  synchronized void closed(FileHandle h) {
    handles.remove(h);
  }

  /** The layout of the file open as {@code h}. */
  FileLayout layout(FileHandle h) {
    return run(h.path(), () -> layoutOf(fileOf(h)));
  }

  /** A path of inode {@code ino}, or null if no name leads to it. */
  String pathOfInode(long ino) {
    List<String> pending = new ArrayList<>(List.of("/"));
    while (!pending.isEmpty()) {
      String path = pending.remove(pending.size() - 1);
      FileStat stat = stat(path);
      if (stat.inode() == ino) {
        return path;
      }
      if (stat.type() == FileType.DIRECTORY) {
        for (String name : list(path)) {
          pending.add(path.equals("/") ? "/" + name : path + "/" + name);
        }
      }
    }
    return null;
  }

  private FileLayout layoutOf(Inode f) {
    int payload = v.blockSize - NodeBlock.HEADER_LENGTH; // directory blocks carry a header
    long n = f.isDirectory() ? (f.sizeBytes + payload - 1) / payload : f.blockCount(v.blockSize);
    List<Long> lbas = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      lbas.add(f.block(i));
    }
    return new FileLayout(f.ino, f.parent, f.type, f.sizeBytes, v.blockSize, lbas);
  }

  synchronized void release(Snapshot s) {
    if (mounted) {
      v.pin(s.layout().lbaOfBlock(), -1);
    }
  }

  int readSnapshot(Snapshot s, long offset, byte[] buf, int off, int len) {
    return run(
        s.path(),
        () -> {
          s.checkOpen();
          FileLayout l = s.layout();
          if (len == 0) {
            return 0;
          }
          if (offset >= l.sizeBytes()) {
            return -1;
          }
          int total = (int) Math.min(len, l.sizeBytes() - offset);
          byte[] block = new byte[v.blockSize];
          for (int pos = 0; pos < total; ) {
            long at = offset + pos;
            int inBlock = (int) (at % v.blockSize);
            int n = Math.min(v.blockSize - inBlock, total - pos);
            long lba = l.lbaOfBlock().get((int) (at / v.blockSize));
            if (lba < 0) {
              java.util.Arrays.fill(buf, off + pos, off + pos + n, (byte) 0);
            } else {
              v.readData(s.path(), at / v.blockSize, lba, 1, block, 0);
              System.arraycopy(block, inBlock, buf, off + pos, n);
            }
            pos += n;
          }
          return total;
        });
  }

  // ---------------------------------------------------------------- handles

  int readFile(FileHandle h, long offset, byte[] buf, int off, int len) {
    return run(h.path(), () -> v.read(h.path(), fileOf(h), offset, buf, off, len));
  }

  void writeFile(FileHandle h, long offset, byte[] data, int off, int len) {
    run(
        h.path(),
        () -> {
          v.write(h.path(), fileOf(h), offset, data, off, len);
          v.afterChange();
          return null;
        });
  }

  long appendFile(FileHandle h, byte[] data) {
    return run(
        h.path(),
        () -> {
          Inode f = fileOf(h);
          long at = f.sizeBytes;
          v.write(h.path(), f, at, data, 0, data.length);
          v.afterChange();
          return at;
        });
  }

  void truncateFile(FileHandle h, long size) {
    run(
        h.path(),
        () -> {
          v.truncate(h.path(), fileOf(h), size);
          v.afterChange();
          return null;
        });
  }

  void fsyncFile(FileHandle h) {
    run(
        h.path(),
        () -> {
          Inode f = fileOf(h);
          if (v.namespaceDirty()) {
            v.checkpoint(); // the file's name is not durable yet: commit names and data together
          } else if (f.dirty || !f.dirtyNodes.isEmpty()) {
            v.ensureMetadataSpace();
            if (v.namespaceDirty()) {
              v.checkpoint(); // a cleaning pass ran and left names to commit
            } else if (f.dirty || !f.dirtyNodes.isEmpty()) {
              v.writeInode(f, NodeBlock.FLAG_FSYNC);
            }
          }
          return null;
        });
  }

  long sizeOf(FileHandle h) {
    return run(h.path(), () -> fileOf(h).sizeBytes);
  }

  FileStat statOf(FileHandle h) {
    return run(h.path(), () -> statOf(h.path(), fileOf(h)));
  }

  private static FileStat statOf(String path, Inode f) {
    return new FileStat(path, f.type, f.ino, f.sizeBytes, f.modifiedNanos);
  }

  private Inode fileOf(FileHandle h) {
    h.checkOpen();
    Inode f = v.inode(h.inode());
    if (f == null) {
      throw new NoSuchPathException(
          h.path(),
          "the file opened as "
              + h.path()
              + " (inode "
              + h.inode()
              + ") was removed; open it again");
    }
    return f;
  }

  // ---------------------------------------------------------------- internals

  private synchronized <T> T run(String path, Supplier<T> op) {
    if (!mounted) {
      throw new FsException(
          path, "the filesystem is unmounted; mount it again with FluffleFs.mount(device)");
    }
    if (failure != null) {
      throw new FsException(
          path,
          "the filesystem stopped: " + failure + "; mount it again to recover what was synced");
    }
    try {
      return op.get();
    } catch (ZnsException e) {
      // unreadable file data fails only its read (Volume.readData); what reaches here is a write,
      // or a read of metadata or of blocks the cleaner must move
      failure =
          (e.command().equals("read")
                  ? "a device read of metadata or of blocks being cleaned failed, which endangers"
                      + " metadata"
                  : "a device write failed, which endangers durability")
              + " ("
              + e.getMessage()
              + ")";
      throw new FsIoException(
          path,
          "device error on "
              + (path.isEmpty() ? "the filesystem" : path)
              + ": "
              + failure
              + "; the filesystem stopped and what was not synced may be lost, mount again",
          e);
    } catch (IllegalStateException e) {
      failure = "internal error (" + e.getMessage() + ")";
      throw new FsIoException(path, "internal error: " + e.getMessage() + "; mount again", e);
    }
  }

  private Inode makeNode(String path, FileType type) {
    List<String> names = Paths.names(path);
    if (names.isEmpty()) {
      throw new PathExistsException(path, "the root directory already exists");
    }
    Inode dir = parentOf(path, names);
    String name = names.get(names.size() - 1);
    if (dir.entries.containsKey(name)) {
      throw new PathExistsException(path, path + " already exists");
    }
    if (v.inodeCount() >= v.maxInodes) {
      throw new NoSpaceException(
          path,
          "no space left for inodes: the filesystem holds its maximum of "
              + v.maxInodes
              + " files and directories");
    }
    v.admit(path, 4);
    Inode f = v.createInode(type, dir.ino);
    if (type == FileType.DIRECTORY) {
      f.entriesDirty = true;
    }
    dir.entries.put(name, f.ino);
    touch(dir);
    v.namesChanged();
    return f;
  }

  private void unname(String path, List<String> names, Inode f) {
    Inode dir = v.inode(f.parent);
    dir.entries.remove(names.get(names.size() - 1));
    touch(dir);
    v.release(f);
    v.namesChanged();
  }

  private static void touch(Inode dir) {
    dir.entriesDirty = true;
    dir.dirty = true;
    dir.modifiedNanos = Volume.now();
  }

  /** The directory that holds the last name of {@code names}. */
  private Inode parentOf(String path, List<String> names) {
    Inode dir = walk(path, names, names.size() - 1);
    if (!dir.isDirectory()) {
      throw new NotADirectoryException(
          path, Paths.prefix(names, names.size() - 1) + " is a file, not a directory");
    }
    return dir;
  }

  private Inode lookup(String path, List<String> names) {
    return walk(path, names, names.size());
  }

  /** The inode at {@code names}, or null if only the last name is missing. */
  private Inode find(String path, List<String> names) {
    if (names.isEmpty()) {
      return v.inode(Volume.ROOT_INO);
    }
    Long ino = parentOf(path, names).entries.get(names.get(names.size() - 1));
    return ino == null ? null : v.inode(ino);
  }

  private Inode walk(String path, List<String> names, int count) {
    Inode at = v.inode(Volume.ROOT_INO);
    for (int i = 0; i < count; i++) {
      if (!at.isDirectory()) {
        throw new NotADirectoryException(
            path, Paths.prefix(names, i) + " is a file, not a directory");
      }
      Long next = at.entries.get(names.get(i));
      if (next == null) {
        throw new NoSuchPathException(
            path,
            "no such file or directory: "
                + Paths.prefix(names, i + 1)
                + (i + 1 < names.size() ? " (needed for " + path + ")" : ""));
      }
      at = v.inode(next);
    }
    return at;
  }

  @Override
  public String toString() {
    return "FluffleFs["
        + v.geometry
        + ", "
        + v.inodeCount()
        + " inodes, "
        + (mounted ? "mounted" : "unmounted")
        + "]";
  }
}
