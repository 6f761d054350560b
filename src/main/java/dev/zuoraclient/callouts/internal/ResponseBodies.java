package dev.zuoraclient.callouts.internal;

import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * How {@link HttpClientTransport} takes in answer bodies: read whole up to a bound, or, when that
 * failed, a body that throws why when read, so that the answer's status and headers survive.
 */
final class ResponseBodies {
  private ResponseBodies() {}

  /** The answer is larger than the client reads. */
  static final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(long maxBytes) {
      super("response body exceeds " + maxBytes + " bytes");
    }
  }

  /**
   * Collects a body, failing (and dropping the connection) past {@code maxBytes}. It keeps the
   * client's buffers, as the JDK's own byte-array subscriber does, and copies them once at the end.
   */
  static final class BoundedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long maxBytes;
    private final boolean refuse;
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private long size;
    private Flow.Subscription subscription;

    BoundedSubscriber(long maxBytes, boolean refuse) {
      this.maxBytes = maxBytes;
      this.refuse = refuse;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      if (refuse) {
        s.cancel();
        result.completeExceptionally(new ResponseTooLargeException(maxBytes));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        size += item.remaining();
        if (size > maxBytes) {
          buffers.clear();
          subscription.cancel();
          result.completeExceptionally(new ResponseTooLargeException(maxBytes));
          return;
        }
        buffers.add(item);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      byte[] body = new byte[(int) size];
      int at = 0;
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        b.get(body, at, n);
        at += n;
      }
      buffers.clear();
      result.complete(body);
    }
  }

  /** A body that could not be had: reading it throws why. */
  static final class FailingBody implements Response.Body {
    private final IOException failure;

    FailingBody(IOException failure) {
      this.failure = failure;
    }

    @Override
    public Integer length() {
      return null;
    }

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public InputStream asInputStream() throws IOException {
      throw failure;
    }

    @Override
    public Reader asReader(Charset charset) throws IOException {
      throw failure;
    }

    @Override
    public void close() {}
  }
}
