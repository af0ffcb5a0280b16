package org.csdlab.zns.csd;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code debug} strings of one run, bounded: the first lines that fit in both the line limit
 * and the byte limit (UTF-8) are kept, and every line after the first that does not fit is
 * dropped and counted, so the kept lines are always a prefix of what the kernel wrote. A kernel
 * calling {@code debug} a million times with 4 KB strings would otherwise fill the heap.
 */
final class DebugLines {
    private final int maxLines;
    private final long maxBytes;
    private final List<String> lines = new ArrayList<>();
    private long bytes;
    private long dropped;

    DebugLines(int maxLines, long maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code line} if it and everything before it fit; otherwise counts it as dropped. */
    void add(String line) {
        long size = utf8Bytes(line);
        if (dropped > 0 || lines.size() >= maxLines || size > maxBytes - bytes) {
            dropped++;
            return;
        }
        lines.add(line);
        bytes += size;
    }

    /** The lines kept, in order. */
    List<String> lines() {
        return lines;
    }

    /** How many lines were dropped. */
    long dropped() {
        return dropped;
    }

    void clear() {
        lines.clear();
        bytes = 0;
        dropped = 0;
    }

    /** The UTF-8 length of {@code s}, without encoding it. */
    static long utf8Bytes(String s) {
        long out = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out++;
            } else if (c < 0x800) {
                out += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out += 4;
                i++;
            } else {
                out += 3;
            }
        }
        return out;
    }
}
