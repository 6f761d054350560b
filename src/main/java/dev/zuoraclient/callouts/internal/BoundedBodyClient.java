package dev.zuoraclient.callouts.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps the transport so that no response body is read past a fixed size: a misbehaving server or
 * proxy cannot make the client buffer an unbounded answer. Past the limit, reading fails with an
 * {@link IOException}, which surfaces as an undecodable response.
 */
final class BoundedBodyClient implements Client {
  private final Client delegate;
  private final long maxBytes;

  BoundedBodyClient(Client delegate, long maxBytes) {
    this.delegate = delegate;
    this.maxBytes = maxBytes;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    Response response = delegate.execute(request, options);
    Response.Body body = response.body();
    if (body == null) {
      return response;
    }
    Integer length = body.length();
    if (length != null && length > maxBytes) {
      body.close();
      throw new ResponseTooLargeException(maxBytes);
    }
    return response.toBuilder()
        .body(new LimitedStream(body.asInputStream(), maxBytes), length)
        .build();
  }

  /** The answer is larger than the client reads. */
  static final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(long maxBytes) {
      super("response body exceeds " + maxBytes + " bytes");
    }
  }

  private static final class LimitedStream extends FilterInputStream {
    private long remaining;
    private final long maxBytes;

    LimitedStream(InputStream in, long maxBytes) {
      super(in);
      this.remaining = maxBytes;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        consumed(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        consumed(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      consumed(skipped);
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void consumed(long n) throws IOException {
      remaining -= n;
      if (remaining < 0) {
        throw new ResponseTooLargeException(maxBytes);
      }
    }
  }
}
