package dev.zuoraclient.callouts.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body that holds up to {@code limit} bytes before deciding how to send them: a body
 * that ends within the limit goes with its {@code Content-Length}; a longer one is sent chunked as
 * it is written, so that a body of any size costs {@code limit} bytes of memory at most.
 */
final class SpillingOutput extends OutputStream {

  /** Sends the response headers and gives the stream for the body. */
  interface Opener {
    /**
     * @param length the body's length, or -1 when it is not known (chunked)
     */
    OutputStream open(long length) throws IOException;
  }

  private final int limit;
  private final Opener opener;
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private OutputStream wire;
  private boolean closed;

  SpillingOutput(int limit, Opener opener) {
    this.limit = limit;
    this.opener = opener;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (wire == null && buffer.size() + len <= limit) {
      buffer.write(b, off, len);
      return;
    }
    if (wire == null) {
      wire = opener.open(-1);
      buffer.writeTo(wire);
      buffer = null;
    }
    wire.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    if (wire != null) {
      wire.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (wire == null) {
      wire = opener.open(buffer.size());
      buffer.writeTo(wire);
      buffer = null;
    }
    wire.close();
  }
}
