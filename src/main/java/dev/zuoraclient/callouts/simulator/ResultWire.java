package dev.zuoraclient.callouts.simulator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The body on the wire, with the download's faults: cut after {@code truncateAt} bytes (flushed,
 * then the connection dropped), and paused for {@code perKilobyte} after each kilobyte.
 */
final class ResultWire extends FilterOutputStream {
  /** Ends an exchange without completing its body: the JDK server then drops the connection. */
  static final class Abort extends RuntimeException {
    Abort() {
      super("result file cut short on purpose", null, false, false);
    }
  }

  private final ResultFaults.Download fault;
  private long written;

  ResultWire(OutputStream out, ResultFaults.Download fault) {
    super(out);
    this.fault = fault;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    boolean slow = !fault.perKilobyte().isZero();
    while (len > 0) {
      long room = fault.truncateAt() < 0 ? Long.MAX_VALUE : fault.truncateAt() - written;
      if (room <= 0) {
        out.flush();
        throw new Abort();
      }
      int n = (int) Math.min(len, room);
      if (slow) {
        n = (int) Math.min(n, 1024 - written % 1024);
      }
      out.write(b, off, n);
      written += n;
      off += n;
      len -= n;
      if (slow && written % 1024 == 0) {
        out.flush();
        pause(fault.perKilobyte());
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (fault.truncateAt() >= 0 && written >= fault.truncateAt()) {
      out.flush();
      throw new Abort();
    }
    super.close();
  }

  private static void pause(Duration d) {
    try {
      SimExchange.pause(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Abort();
    }
  }
}
