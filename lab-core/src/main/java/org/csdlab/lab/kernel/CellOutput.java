package org.csdlab.lab.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What one cell prints, on its way to the notebook (or a tutorial run's transcript): standard
 * output and error share a budget of {@link #DEFAULT_BUDGET_BYTES} per cell, past which output is
 * counted and dropped (a cell printing in a tight loop would otherwise flood the kernel's I/O
 * channel and the browser), and the text is sent in batches when {@link #flush()} is called (the
 * kernel does every {@value CsdlabKernel#OUTPUT_FLUSH_MILLIS} ms) rather than one message per line.
 */
public final class CellOutput {

  /** The bytes of output one cell may send to the notebook. */
  public static final long DEFAULT_BUDGET_BYTES = 1L << 20;

  /** Buffered output is sent early once this much is waiting, so the buffer stays small. */
  private static final int BATCH_BYTES = 64 * 1024;

  private final long budgetBytes;
  private final Stream out;
  private final Stream err;
  private final PrintStream outPrinter;
  private final PrintStream errPrinter;
  private long sentBytes;
  private long droppedBytes;
  private long droppedLines;

  /** Output of one cell into {@code out} and {@code err}, at most {@code budgetBytes} in all. */
  public CellOutput(PrintStream out, PrintStream err, long budgetBytes) {
    this.budgetBytes = budgetBytes;
    this.out = new Stream(out);
    this.err = new Stream(err);
    this.outPrinter = new PrintStream(this.out, false, StandardCharsets.UTF_8);
    this.errPrinter = new PrintStream(this.err, false, StandardCharsets.UTF_8);
  }

  /** The cell's {@code System.out}. */
  public PrintStream out() {
    return outPrinter;
  }

  /** The cell's {@code System.err}. */
  public PrintStream err() {
    return errPrinter;
  }

  /** Sends what is waiting. */
  public void flush() {
    outPrinter.flush();
    errPrinter.flush();
  }

  /**
   * Sends what is waiting and, when output was dropped, a line on standard error saying how much.
   */
  public void finish() {
    flush();
    long dropped;
    long lines;
    synchronized (this) {
      dropped = droppedBytes;
      lines = droppedLines;
    }
    if (dropped > 0) {
      err.target.println(
          "[csdlab: "
              + dropped
              + " bytes ("
              + lines
              + " lines) of this cell's output were dropped:"
              + " a cell may print "
              + budgetBytes
              + " bytes ("
              + (budgetBytes >> 10)
              + " KiB). Print less, or write"
              + " large output to a file.]");
      err.target.flush();
    }
  }

  /** Bytes dropped so far. */
  synchronized long droppedBytes() {
    return droppedBytes;
  }

  /** How many of {@code length} bytes may still go out; counts the rest as dropped. */
  private synchronized int take(byte[] bytes, int offset, int length) {
    long room = Math.max(0, budgetBytes - sentBytes);
    int allowed = (int) Math.min(room, length);
    sentBytes += allowed;
    if (allowed < length) {
      droppedBytes += length - allowed;
      for (int i = offset + allowed; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          droppedLines++;
        }
      }
    }
    return allowed;
  }

  /** One of the two streams: buffers what the budget lets through until flushed. */
  private final class Stream extends OutputStream {
    private final PrintStream target;
    private final byte[] buffer = new byte[BATCH_BYTES];
    private int buffered;
    private boolean toldOfBudget;

    Stream(PrintStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      int allowed = take(bytes, offset, length);
      int position = offset;
      int remaining = allowed;
      while (remaining > 0) {
        int chunk = Math.min(remaining, buffer.length - buffered);
        System.arraycopy(bytes, position, buffer, buffered, chunk);
        buffered += chunk;
        position += chunk;
        remaining -= chunk;
        if (buffered == buffer.length) {
          flush();
        }
      }
      if (allowed < length && !toldOfBudget) {
        toldOfBudget = true;
        byte[] notice =
            ("\n[csdlab: this cell's output reached its budget of "
                    + (budgetBytes >> 10)
                    + " KiB; the rest is dropped and counted]\n")
                .getBytes(StandardCharsets.UTF_8);
        flush();
        target.write(notice, 0, notice.length);
        target.flush();
      }
    }

    @Override
    public synchronized void flush() {
      if (buffered > 0) {
        target.write(buffer, 0, buffered);
        buffered = 0;
      }
      target.flush();
    }
  }
}
