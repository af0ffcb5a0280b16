package org.csdlab.zns.csd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.csdlab.zns.ZnsDevice;

/**
 * The device-side state the OpenCSD helpers of one loaded kernel work on: the device, where the
 * scratch memory and the call information appear to the program, and the accounting of the
 * current run. Not thread-safe: a kernel runs one invocation at a time.
 */
final class CsdSession {
    final ZnsDevice device;
    final long memorySize;
    /** The scratch memory's bytes, which sector-aligned reads fill directly (no copy). */
    byte[] memory = new byte[0];
    private byte[] buffer = new byte[0];
    LongSupplier memoryAddress = () -> 0;
    LongSupplier contextAddress = () -> 0;

    int callInfoLength;
    byte[] returnData = new byte[0];
    long mediaBytesRead;
    long mediaBytesWritten;
    long mediaNanos;
    final List<String> debug = new ArrayList<>();

    CsdSession(ZnsDevice device, long memorySize) {
        this.device = device;
        this.memorySize = memorySize;
    }

    /** A reusable buffer of at least {@code bytes}. */
    byte[] buffer(int bytes) {
        if (buffer.length < bytes) {
            buffer = new byte[bytes];
        }
        return buffer;
    }

    void begin(int callInfoLength) {
        this.callInfoLength = callInfoLength;
        returnData = new byte[0];
        mediaBytesRead = 0;
        mediaBytesWritten = 0;
        mediaNanos = 0;
        debug.clear();
    }

    /**
     * Adds the media time of one synchronous device command that moved {@code bytes}: the advance
     * of the device's modeled clock, less the host-link transfer the timing model charges for
     * it. The data never leaves the device, so the link is not used; a synchronous command starts
     * with the link idle, so the subtraction is exact.
     */
    void chargeMedia(long clockBefore, long bytes) {
        long delta = device.modeledNanos() - clockBefore - device.timing().linkTransferNanos(bytes);
        mediaNanos += Math.max(0, delta);
    }
}
