/**
 * Files the lab reads because a user named them: programs, memory images, configurations,
 * manifests, tutorial sources and device images. {@link org.csdlab.lab.io.InputFile} checks each
 * before the first byte is read, so a device such as {@code /dev/zero}, a FIFO or a file larger
 * than its budget is refused with a sentence instead of exhausting memory or blocking forever.
 */
package org.csdlab.lab.io;
