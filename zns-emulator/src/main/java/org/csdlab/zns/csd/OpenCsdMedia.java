package org.csdlab.zns.csd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csdlab.ebpf.HelperContext;
import org.csdlab.ebpf.Memory;
import org.csdlab.ebpf.Size;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZnsException;
import org.csdlab.zns.ZoneState;

/**
 * The {@code read} and {@code write} helpers as OpenCSD's memory backend has them: the device is
 * one linear byte space in which zone {@code z}, sector {@code s}, offset {@code o} is byte {@code
 * z * capacity bytes + s * sector size + o}, checked by OpenCSD's {@code in_range} (with its {@code
 * >=}: a range may not reach the device's last byte). Every refusal returns -1 and is recorded with
 * its reason in the session.
 */
final class OpenCsdMedia {
  private final CsdSession session;
  private final Geometry geometry;
  private final long sectorBytes;
  private final long capacitySectors;
  private final long capacityBytes;
  private final long deviceBytes;

  OpenCsdMedia(CsdSession session) {
    this.session = session;
    this.geometry = session.device.geometry();
    this.sectorBytes = geometry.blockSizeBytes();
    this.capacitySectors = geometry.zoneCapacityBlocks();
    this.capacityBytes = geometry.zoneCapacityBytes();
    this.deviceBytes = capacityBytes * geometry.zoneCount();
  }

  /**
   * One zone's share of a read: whole sectors from {@code lba}, of which the caller wants a part.
   */
  private record Piece(int zone, long lba, int sectors, int skipBytes, int takeBytes) {}

  /**
   * The opencsd {@code read}. Called once per sector by kernels that read sector by sector, so the
   * path that succeeds allocates nothing but the list of zone pieces (one piece unless the range
   * crosses a zone): the arguments of a refusal are gathered only when it refuses.
   */
  long read(HelperContext ctx, long zone, long sector, long offset, long size, long data) {
    String outOfRange = outOfRange(zone, sector, offset, size);
    if (outOfRange != null) {
      return refuseRead(zone, sector, offset, size, outOfRange);
    }
    Memory memory = ctx.memory();
    if (size > Integer.MAX_VALUE) {
      // no region holds that much: the destination is a bad pointer, whatever else is wrong
      memory.checkWritable(data, Integer.MAX_VALUE);
    }
    List<Piece> pieces = pieces(zone * capacityBytes + sector * sectorBytes + offset, size);
    for (Piece p : pieces) {
      // a confined run stops here, before it can learn whether a block outside its own is written
      session.checkReadable(p.lba, p.sectors);
    }
    long written = session.device.zone((int) zone).writtenBlocks();
    if (written <= sector) {
      return refuseRead(zone, sector, offset, size, "at or above the write pointer " + written);
    }
    if (size == 0) {
      return 0;
    }
    // a bad destination stops the kernel before any device work
    memory.checkWritable(data, (int) size);
    for (Piece p : pieces) {
      if (session.device.zone(p.zone).state() == ZoneState.OFFLINE) {
        return refuseRead(
            zone, sector, offset, size, "zone " + p.zone + " is offline and cannot be read");
      }
    }
    long copied = 0;
    try {
      for (Piece p : pieces) {
        readPiece(memory, p, data + copied);
        copied += p.takeBytes;
      }
    } catch (ZnsException e) {
      // an injected media error: the bytes of the pieces before it are already in the buffer
      return refuseRead(zone, sector, offset, size, e.getMessage());
    }
    return 0;
  }

  private long refuseRead(long zone, long sector, long offset, long size, String reason) {
    Map<String, Long> args = arguments("zone", zone, "sector", sector, "offset", offset);
    args.put("size", size);
    return session.refuse(new HelperRefusal("read", args, reason));
  }

  private List<Piece> pieces(long start, long size) {
    if (size == 0) {
      return List.of();
    }
    long end = start + size;
    int firstZone = (int) (start / capacityBytes);
    if (end <= (firstZone + 1L) * capacityBytes) {
      // the common case: the range stays in its zone
      return List.of(piece(firstZone, start, end));
    }
    List<Piece> out = new ArrayList<>();
    for (long at = start; at < end; ) {
      int zone = (int) (at / capacityBytes);
      long pieceEnd = Math.min(end, (zone + 1L) * capacityBytes);
      out.add(piece(zone, at, pieceEnd));
      at = pieceEnd;
    }
    return out;
  }

  /** The piece of zone {@code zone} from device byte {@code at} up to {@code pieceEnd} (> at). */
  private Piece piece(int zone, long at, long pieceEnd) {
    long zoneByte = (long) zone * capacityBytes;
    long firstSector = (at - zoneByte) / sectorBytes;
    long lastSector = (pieceEnd - zoneByte - 1) / sectorBytes;
    return new Piece(
        zone,
        geometry.zoneStartLba(zone) + firstSector,
        (int) (lastSector - firstSector + 1),
        (int) (at - zoneByte - firstSector * sectorBytes),
        (int) (pieceEnd - at));
  }

  private void readPiece(Memory memory, Piece p, long destination) {
    ZnsDevice device = session.device;
    long length = p.sectors * sectorBytes;
    long intoMemory = destination - session.memoryAddress.getAsLong();
    if (p.skipBytes == 0
        && p.takeBytes == length
        && intoMemory >= 0
        && intoMemory <= session.memory.length - length) {
      // sector-aligned reads into the kernel memory land there directly, as a DMA would
      long clock = device.modeledNanos();
      device.read(p.lba, p.sectors, session.memory, (int) intoMemory);
      account(clock, length);
      return;
    }
    // elsewhere, through the device's bounded buffer: one command per READ_BUFFER_BYTES
    int chunkSectors = (int) Math.max(1, OpenCsdHelpers.READ_BUFFER_BYTES / sectorBytes);
    byte[] buffer = session.buffer((int) (Math.min(p.sectors, chunkSectors) * sectorBytes));
    long copied = 0;
    for (int done = 0; done < p.sectors; done += chunkSectors) {
      int n = Math.min(chunkSectors, p.sectors - done);
      long clock = device.modeledNanos();
      device.read(p.lba + done, n, buffer, 0);
      account(clock, n * sectorBytes);
      int skip = done == 0 ? p.skipBytes : 0;
      int take = (int) Math.min(p.takeBytes - copied, n * sectorBytes - skip);
      memory.write(destination + copied, buffer, skip, take);
      copied += take;
    }
  }

  private void account(long clockBefore, long bytes) {
    session.mediaBytesRead += bytes;
    session.chargeMedia(clockBefore, bytes);
  }

  long append(HelperContext ctx, long zone, long sectorPtr, long offset, long size, long data) {
    if (Long.compareUnsigned(zone, geometry.zoneCount()) >= 0) {
      return refuseWrite(zone, offset, size, noSuchZone(zone));
    }
    long writePointer = session.device.zone((int) zone).writtenBlocks();
    if (writePointer >= capacitySectors) {
      return refuseWrite(
          zone,
          offset,
          size,
          "the zone is full: its write pointer "
              + writePointer
              + " is at its capacity of "
              + capacitySectors
              + " sectors");
    }
    String outOfRange = outOfRange(zone, writePointer, offset, size);
    if (outOfRange != null) {
      return refuseWrite(zone, offset, size, outOfRange);
    }
    long sectors = (offset + size + sectorBytes - 1) / sectorBytes;
    if (sectors > capacitySectors - writePointer) {
      return refuseWrite(
          zone,
          offset,
          size,
          sectors
              + " sectors from the write pointer "
              + writePointer
              + " would pass the zone capacity of "
              + capacitySectors
              + " sectors");
    }
    session.checkWritable();
    Memory memory = ctx.memory();
    // fault now, before the media changes
    memory.store(sectorPtr, Size.DW, memory.load(sectorPtr, Size.DW));
    if (sectors == 0) {
      memory.store(sectorPtr, Size.DW, writePointer);
      return 0;
    }
    byte[] bytes = memory.read(data, (int) Math.min(size, Integer.MAX_VALUE));
    if (sectors * sectorBytes > ZnsDevice.MAX_TRANSFER_BYTES) {
      return refuseWrite(
          zone,
          offset,
          size,
          sectors + " sectors are more than one append can carry on this device");
    }
    // offset zero bytes, the data, zeros to the end of its last sector
    byte[] padded = new byte[(int) (sectors * sectorBytes)];
    System.arraycopy(bytes, 0, padded, (int) offset, bytes.length);
    long zoneStart = geometry.zoneStartLba((int) zone);
    long clock = session.device.modeledNanos();
    long lba;
    try {
      lba = session.device.append(zoneStart, padded);
    } catch (ZnsException e) {
      return refuseWrite(zone, offset, size, e.getMessage());
    }
    session.mediaBytesWritten += padded.length;
    session.chargeMedia(clock, padded.length);
    memory.store(sectorPtr, Size.DW, lba - zoneStart);
    return 0;
  }

  private long refuseWrite(long zone, long offset, long size, String reason) {
    return session.refuse(
        new HelperRefusal(
            "write", arguments("zone", zone, "offset", offset, "size", size), reason));
  }

  /** OpenCSD's {@code in_range}: why the range is refused, or null if it is not. */
  private String outOfRange(long zone, long sector, long offset, long size) {
    if (Long.compareUnsigned(zone, geometry.zoneCount()) >= 0) {
      return noSuchZone(zone);
    }
    if (Long.compareUnsigned(sector, capacitySectors) >= 0) {
      return "sector " + sector + " is not below the zone capacity of " + capacitySectors;
    }
    if (Long.compareUnsigned(offset, sectorBytes) >= 0) {
      return "offset " + offset + " is not below the sector size of " + sectorBytes + " bytes";
    }
    long start = zone * capacityBytes + sector * sectorBytes + offset;
    if (Long.compareUnsigned(size, deviceBytes - start) >= 0) {
      return "start byte "
          + start
          + " + size "
          + Long.toUnsignedString(size)
          + " is at or past the device's "
          + deviceBytes
          + " bytes (OpenCSD's in_range refuses a range that reaches its end)";
    }
    return null;
  }

  private String noSuchZone(long zone) {
    return "zone " + zone + " is not below the zone count " + geometry.zoneCount();
  }

  private static Map<String, Long> arguments(
      String a, long aValue, String b, long bValue, String c, long cValue) {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put(a, aValue);
    out.put(b, bValue);
    out.put(c, cValue);
    return out;
  }
}
