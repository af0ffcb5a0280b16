package org.csdlab.lab.tutorial;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 bytes into a {@link Writer}, for a run's transcript on a command's output writer. */
final class WriterOutputStream extends OutputStream {

  private final Writer writer;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  // Bytes of a character split between two writes wait here.
  private final ByteBuffer pending = ByteBuffer.allocate(8192);
  private final CharBuffer chars = CharBuffer.allocate(8192);

  WriterOutputStream(Writer writer) {
    this.writer = writer;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    while (len > 0) {
      int n = Math.min(len, pending.remaining());
      pending.put(b, off, n);
      off += n;
      len -= n;
      drain();
    }
  }

  private void drain() {
    pending.flip();
    while (true) {
      var result = decoder.decode(pending, chars, false);
      emit();
      if (result.isUnderflow()) {
        break;
      }
    }
    pending.compact();
  }

  private void emit() {
    chars.flip();
    try {
      writer.write(chars.array(), chars.position(), chars.remaining());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    chars.clear();
  }

  @Override
  public synchronized void flush() {
    try {
      writer.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
