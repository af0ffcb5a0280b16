package org.csdlab.zns;

import static org.csdlab.zns.DeviceImageLayout.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Zone data and zone metadata in one sparse file laid out as {@link DeviceImageLayout} says. A
 * write stores its data, then (through {@link #saveZone}) the zone's write pointer, before the
 * command completes, so a device opened later on the same file sees every acknowledged write (they
 * are in the operating system's cache); {@link #close} forces both to stable storage, and with
 * {@code sync} each command forces its data, then its zone metadata, before completing, so
 * acknowledged writes survive an operating system crash too.
 */
final class FileBackend implements ZoneStorage {
  private final Path path;
  private final Geometry geometry;
  private final RandomAccessFile file;
  private final FileChannel channel;
  private final long dataOffset;
  private final long zoneCapacityBytes;
  private final int entryLength;

  /** Per zone, how many bytes from the zone start hold stored data; beyond it reads are zeros. */
  private final AtomicLongArray extent;

  /**
   * Whether data, then zone metadata, are forced to stable storage before each command completes.
   */
  private final boolean sync;

  private volatile boolean closed;

  private FileBackend(Path path, Geometry geometry, boolean create, boolean sync)
      throws IOException {
    this.path = path;
    this.sync = sync;
    this.geometry = geometry;
    this.dataOffset = dataOffset(geometry);
    this.zoneCapacityBytes = geometry.zoneCapacityBytes();
    this.entryLength = zoneEntryLength(geometry);
    this.extent = new AtomicLongArray(geometry.zoneCount());
    this.file = new RandomAccessFile(path.toFile(), "rw");
    this.channel = file.getChannel();
    if (create) {
      try {
        initialize();
      } catch (IOException | RuntimeException e) {
        file.close();
        throw e;
      }
    }
  }

  /**
   * Opens the image at {@code path} for {@code geometry}, creating it if it does not exist or is
   * empty. An existing image is validated read-only first and refused, untouched, if it is not an
   * image of exactly this geometry.
   */
  static FileBackend open(Path path, Geometry geometry, boolean sync) {
    try {
      boolean create = !Files.exists(path) || Files.size(path) == 0;
      if (!create) {
        Geometry stored = readGeometry(path);
        if (!stored.equals(geometry)) {
          throw new InvalidImageException(
              path
                  + ": the image's geometry differs from the device's: "
                  + differences(stored, geometry));
        }
      }
      return new FileBackend(path, geometry, create, sync);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open device image " + path + ": " + e.getMessage(), e);
    }
  }

  /** Validates the image at {@code path} without writing to it and returns its geometry. */
  static Geometry readGeometry(Path path) {
    String what = "device image " + path;
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = in.size();
      if (size < HEADER_LENGTH) {
        throw new InvalidImageException(
            what
                + " is truncated: "
                + size
                + " bytes, shorter than the "
                + HEADER_LENGTH
                + "-byte header");
      }
      ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
      readFully(in, header, 0);
      checkMagic(header, what);
      checkVersion(header, what);
      checkChecksum(header, what);
      Geometry geometry = DeviceImageLayout.geometry(header, what);
      checkDataOffset(header, geometry, what);
      if (size < fileLength(geometry)) {
        throw new InvalidImageException(
            what
                + " is truncated: "
                + size
                + " bytes, but its geometry needs "
                + fileLength(geometry));
      }
      return geometry;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  private static String differences(Geometry stored, Geometry wanted) {
    StringBuilder out = new StringBuilder();
    diff(out, "zone count", stored.zoneCount(), wanted.zoneCount());
    diff(out, "zone size", stored.zoneSizeBlocks(), wanted.zoneSizeBlocks());
    diff(out, "zone capacity", stored.zoneCapacityBlocks(), wanted.zoneCapacityBlocks());
    diff(out, "block size", stored.blockSizeBytes(), wanted.blockSizeBytes());
    diff(out, "max open zones", stored.maxOpenZones(), wanted.maxOpenZones());
    diff(out, "max active zones", stored.maxActiveZones(), wanted.maxActiveZones());
    diff(
        out,
        "zone descriptor extension size",
        stored.zoneDescriptorExtensionBytes(),
        wanted.zoneDescriptorExtensionBytes());
    return out.toString();
  }

  private static void diff(StringBuilder out, String name, long stored, long wanted) {
    if (stored != wanted) {
      out.append(out.length() == 0 ? "" : ", ")
          .append(name)
          .append(" is ")
          .append(stored)
          .append(" in the image but ")
          .append(wanted)
          .append(" in the device");
    }
  }

  /**
   * A new image: zone table first, header last, so a half-made file is never taken for an image.
   */
  private void initialize() throws IOException {
    file.setLength(0);
    file.setLength(fileLength(geometry));
    ByteBuffer table = ByteBuffer.allocate(zoneTableBytes(geometry)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < geometry.zoneCount(); i++) {
      int at = i * entryLength; // below zoneTableBytes, an int
      table.putInt(at + ZONE_STATE_OFFSET, ZoneState.EMPTY.code());
      table.putLong(at + ZONE_WRITE_POINTER_OFFSET, geometry.zoneStartLba(i));
    }
    writeFully(table, ZONE_TABLE_OFFSET);
    channel.force(true);
    writeFully(header(geometry), 0);
    channel.force(true);
  }

  @Override
  public void write(int zone, long offset, byte[] data) {
    ensureOpen();
    try {
      writeFully(ByteBuffer.wrap(data), dataOffset + zone * zoneCapacityBytes + offset);
      if (sync) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "device image " + path + ": writing zone " + zone + " failed", e);
    }
    long end = offset + data.length;
    extent.accumulateAndGet(zone, end, Math::max);
  }

  @Override
  public void read(int zone, long offset, byte[] dst, int dstOffset, int length) {
    ensureOpen();
    long stored = Math.max(0, Math.min(length, extent.get(zone) - offset));
    try {
      if (stored > 0) {
        ByteBuffer into = ByteBuffer.wrap(dst, dstOffset, (int) stored);
        readFully(channel, into, dataOffset + zone * zoneCapacityBytes + offset);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "device image " + path + ": reading zone " + zone + " failed", e);
    }
    Arrays.fill(dst, dstOffset + (int) stored, dstOffset + length, (byte) 0);
  }

  /**
   * Forgets the zone's data: its extent becomes 0, so it reads as zeros. The file's blocks are not
   * given back to the file system (Java cannot punch holes).
   */
  @Override
  public void discard(int zone) {
    ensureOpen();
    extent.set(zone, 0);
  }

  @Override
  public long storedBytes(int zone) {
    return extent.get(zone);
  }

  /** Bytes of zone data stored (the sum of the zones' extents). */
  @Override
  public long allocatedBytes() {
    long sum = 0;
    for (int i = 0; i < extent.length(); i++) {
      sum += extent.get(i);
    }
    return sum;
  }

  @Override
  public void saveZone(ZoneSlot zone) {
    ensureOpen();
    ByteBuffer entry = ByteBuffer.allocate(entryLength).order(ByteOrder.LITTLE_ENDIAN);
    byte[] extension = zone.extension;
    entry.putInt(ZONE_STATE_OFFSET, zone.state.code());
    entry.putInt(ZONE_FLAGS_OFFSET, extension != null ? FLAG_EXTENSION : 0);
    entry.putLong(ZONE_WRITE_POINTER_OFFSET, zone.writePointer);
    entry.putLong(ZONE_EXTENT_OFFSET, extent.get(zone.id));
    if (extension != null) {
      entry.put(ZONE_EXTENSION_OFFSET, extension);
    }
    try {
      writeFully(entry, ZONE_TABLE_OFFSET + (long) zone.id * entryLength);
      if (sync) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "device image " + path + ": saving zone " + zone.id + " failed", e);
    }
  }

  /**
   * Puts back every zone as stored, with the state a zone has after a shutdown: an opened zone
   * comes back Closed, and an opened or Closed zone whose write pointer is at the zone start and
   * that has no extension comes back Empty. A zone entry that contradicts the state rules is
   * refused ({@link DeviceImageLayout#checkZoneEntry}).
   */
  @Override
  public void loadZones(ZoneSlot[] zones, ZoneResources resources) {
    String what = "device image " + path;
    ByteBuffer table = ByteBuffer.allocate(zoneTableBytes(geometry)).order(ByteOrder.LITTLE_ENDIAN);
    try {
      readFully(channel, table, ZONE_TABLE_OFFSET);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the zone table of " + what, e);
    }
    resources.lock.lock();
    try {
      for (ZoneSlot zone : zones) {
        int at = zone.id * entryLength; // below zoneTableBytes, an int
        ZoneState state = stateOf(table.getInt(at + ZONE_STATE_OFFSET), zone.id, what);
        long wp = table.getLong(at + ZONE_WRITE_POINTER_OFFSET);
        long zoneExtent = table.getLong(at + ZONE_EXTENT_OFFSET);
        if (wp < zone.startLba
            || wp > zone.capacityEnd()
            || zoneExtent < 0
            || zoneExtent > zoneCapacityBytes) {
          throw new InvalidImageException(
              zone.id,
              what
                  + ": zone "
                  + zone.id
                  + " has write pointer "
                  + wp
                  + " and data extent "
                  + zoneExtent
                  + "; the zone spans lbas "
                  + zone.startLba
                  + " to "
                  + (zone.capacityEnd() - 1));
        }
        int flags = table.getInt(at + ZONE_FLAGS_OFFSET);
        checkZoneEntry(zone, state, flags, wp, geometry, what);
        byte[] extension = null;
        if ((flags & FLAG_EXTENSION) != 0) {
          extension = new byte[geometry.zoneDescriptorExtensionBytes()];
          table.get(at + ZONE_EXTENSION_OFFSET, extension);
        }
        // bytes past the write pointer were never acknowledged (a Finished zone's wp is past its
        // data)
        zoneExtent = Math.min(zoneExtent, (wp - zone.startLba) * geometry.blockSizeBytes());
        if (state.isActive() && wp == zone.startLba && extension == null) {
          // nothing written and no extension: the zone gives its active resource back at shutdown
          state = ZoneState.EMPTY;
        } else if (state.isOpen()) {
          state = ZoneState.CLOSED;
        }
        zone.writePointer = wp;
        zone.extension = extension;
        extent.set(zone.id, zoneExtent);
        resources.restore(zone, state);
      }
      if (resources.active() > resources.maxActive()) {
        throw new InvalidImageException(
            what
                + ": "
                + resources.active()
                + " zones are active but the geometry allows "
                + resources.maxActive());
      }
    } finally {
      resources.lock.unlock();
    }
  }

  private static ZoneState stateOf(int code, int zone, String what) {
    for (ZoneState s : ZoneState.values()) {
      if (s.code() == code) {
        return s;
      }
    }
    throw new InvalidImageException(
        zone,
        what + ": zone " + zone + " has unknown zone state code 0x" + Integer.toHexString(code));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      try {
        channel.force(true);
      } finally {
        file.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("device image " + path + ": closing failed", e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(
          "device image " + path + " is closed; open it again to use the device");
    }
  }

  private void writeFully(ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }

  private static void readFully(FileChannel in, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = in.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at byte " + at);
      }
      at += n;
    }
  }

  @Override
  public String toString() {
    return "FileBackend[" + path + ", " + allocatedBytes() + " bytes stored]";
  }
}
