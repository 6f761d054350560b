package dev.zuoraclient.callouts.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Feign's transport over the JDK's {@link HttpClient}, which is the client's own: its connection
 * pool, proxy and TLS settings belong to one {@link HttpClient}, never to the JVM, and it never
 * sends a POST a second time by itself. On top of it this class:
 *
 * <ul>
 *   <li>gzips the request body when the request says {@code Content-Encoding: gzip}, and inflates a
 *       gzipped answer;
 *   <li>bounds every attempt as a whole: the answer's head must arrive within the read timeout, and
 *       the complete answer within the attempt's budget ({@link #attemptBudget}, shortened by a
 *       caller's deadline, {@link #withDeadline}), so that a server dripping bytes cannot hold a
 *       call;
 *   <li>reads no body past {@code maxBodyBytes}, before or after inflating;
 *   <li>keeps the status and headers of an answer whatever happens to its body: a body that is too
 *       large, cut short or too slow becomes a body that fails when read, so that the decoders see
 *       the status and treat the body as unreadable;
 *   <li>throws a {@link NotConnectedException} naming the host and the cause when no connection
 *       could be made, and so nothing was sent.
 * </ul>
 *
 * <p>Interim answers (1xx) are skipped by {@link HttpClient}; a body shorter than its {@code
 * Content-Length}, or a chunked body cut off, fails to read.
 */
final class HttpClientTransport implements Client {
  /** Headers {@link HttpClient} sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

  private final HttpClientHandle handle;
  private final Duration attemptBudget;
  private final long maxBodyBytes;
  private final String userAgent;

  /**
   * @param http the client that carries the exchanges
   * @param owned whether {@code http} was built for this transport, and so is stopped by {@link
   *     #close()}; an application's own client is never
   */
  HttpClientTransport(
      HttpClient http, boolean owned, Duration attemptBudget, long maxBodyBytes, String userAgent) {
    this.handle = new HttpClientHandle(http, owned);
    this.attemptBudget = attemptBudget;
    this.maxBodyBytes = maxBodyBytes;
    this.userAgent = userAgent;
  }

  /**
   * Refuses new exchanges; a client of its own is stopped once the exchanges in flight have ended
   * (its selector thread ends and its idle connections close, on every Java version: {@link
   * HttpClientHandle}). An application's own client is left as it is. Idempotent.
   */
  void close() {
    handle.close();
  }

  /**
   * The handle of the {@link HttpClient} this transport sends with, for exchanges of other kinds
   * (which hold it as this transport's own do, so that closing waits for them too).
   */
  HttpClientHandle handle() {
    return handle;
  }

  /** Work done within {@code body}; its transport calls end by {@code deadlineNanos}. */
  interface Bounded<T> {
    T run();
  }

  /**
   * Runs {@code body} on this thread with every exchange of this transport ending by {@code
   * deadlineNanos} (a {@link System#nanoTime()} value), on top of each attempt's own budget.
   */
  static <T> T withDeadline(long deadlineNanos, Bounded<T> body) {
    Long outer = DEADLINE.get();
    DEADLINE.set(outer == null ? deadlineNanos : Math.min(outer, deadlineNanos));
    try {
      return body.run();
    } finally {
      if (outer == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(outer);
      }
    }
  }

  /**
   * Sends on the calling thread with {@link HttpClient#send}, which is much faster than waiting on
   * {@code sendAsync} (one thread hand-off less per call). The attempt's budget is kept by a
   * watchdog that interrupts the caller when it runs out: {@code send} then cancels the exchange
   * and closes its connection ({@link AttemptWatchdog}). The watchdog's interrupt is taken back
   * before returning; an interrupt from anyone else is kept.
   */
  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    long budgetNanos = budgetNanos();
    if (budgetNanos <= 0) {
      throw new SocketTimeoutException("the call's deadline passed before the request was sent");
    }
    HttpClient http = handle.acquire();
    try {
      return send(http, request, options, budgetNanos);
    } finally {
      handle.release();
    }
  }

  private Response send(HttpClient http, Request request, Request.Options options, long budgetNanos)
      throws IOException {
    HttpRequest httpRequest = toHttpRequest(request, options);
    Captured captured = new Captured(maxBodyBytes);
    AttemptWatchdog.Attempt watchdog = AttemptWatchdog.start(budgetNanos);
    try {
      HttpResponse<byte[]> response = http.send(httpRequest, captured::subscriber);
      watchdog.disarm();
      return toResponse(request, response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException e) {
      if (watchdog.disarm()) {
        Thread.currentThread().interrupt(); // not ours: the caller wants to stop
        throw new InterruptedIOException("interrupted while waiting for the answer");
      }
      return orThrow(
          request,
          captured,
          new SocketTimeoutException(
              "no complete answer within " + TimeUnit.NANOSECONDS.toMillis(budgetNanos) + " ms"));
    } catch (IOException e) {
      boolean ours = !watchdog.disarm();
      return orThrow(
          request,
          captured,
          ours
              ? new SocketTimeoutException(
                  "no complete answer within " + TimeUnit.NANOSECONDS.toMillis(budgetNanos) + " ms")
              : ioCause(e, httpRequest, http));
    } catch (RuntimeException e) {
      watchdog.disarm();
      throw e;
    }
  }

  private long budgetNanos() {
    long budget = attemptBudget.toNanos();
    Long deadline = DEADLINE.get();
    return deadline == null ? budget : Math.min(budget, deadline - System.nanoTime());
  }

  private HttpRequest toHttpRequest(Request request, Request.Options options) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(request.url()))
            .timeout(Duration.ofMillis(Math.max(1, options.readTimeoutMillis())))
            .header("User-Agent", userAgent);
    boolean gzip = false;
    for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
      String name = header.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      if (RESTRICTED.contains(lower) || lower.equals("user-agent")) {
        continue;
      }
      for (String value : header.getValue()) {
        gzip |= name.equalsIgnoreCase("Content-Encoding") && value.equalsIgnoreCase("gzip");
        b.header(name, value);
      }
    }
    byte[] body = request.body();
    if (body != null && gzip) {
      body = gzip(body);
    }
    return b.method(
            request.httpMethod().name(),
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : new WatchedBody(HttpRequest.BodyPublishers.ofByteArray(body)))
        .build();
  }

  /** An answer whose head arrived keeps its status; otherwise the failure is thrown. */
  private Response orThrow(Request request, Captured captured, IOException failure)
      throws IOException {
    HttpResponse.ResponseInfo info = captured.info;
    if (info == null) {
      throw failure;
    }
    return Response.builder()
        .status(info.statusCode())
        .headers(headers(info.headers().map(), false))
        .request(request)
        .body(new ResponseBodies.FailingBody(failure))
        .build();
  }

  private Response toResponse(
      Request request, int status, Map<String, List<String>> rawHeaders, byte[] bytes) {
    boolean gzipped = false;
    for (Map.Entry<String, List<String>> h : rawHeaders.entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Encoding")) {
        gzipped = h.getValue().stream().anyMatch(v -> v.trim().equalsIgnoreCase("gzip"));
      }
    }
    Response.Builder r =
        Response.builder().status(status).headers(headers(rawHeaders, gzipped)).request(request);
    if (!gzipped || bytes.length == 0) {
      return r.body(bytes).build();
    }
    try {
      return r.body(gunzip(bytes)).build();
    } catch (IOException e) {
      return r.body(new ResponseBodies.FailingBody(e)).build();
    }
  }

  /**
   * Feign's view of the headers, without HTTP/2's pseudo-headers and a decoded encoding. A plain
   * map: Feign's {@code Response} makes its own case-insensitive copy.
   */
  private static Map<String, Collection<String>> headers(
      Map<String, List<String>> raw, boolean dropEncoding) {
    Map<String, Collection<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : raw.entrySet()) {
      String name = h.getKey();
      if (name.startsWith(":") || (dropEncoding && name.equalsIgnoreCase("Content-Encoding"))) {
        continue;
      }
      out.put(name, h.getValue());
    }
    return out;
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    }
    return out.toByteArray();
  }

  private byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (out.length > maxBodyBytes) {
        throw new ResponseBodies.ResponseTooLargeException(maxBodyBytes);
      }
      return out;
    }
  }

  private static IOException ioCause(IOException cause, HttpRequest sent, HttpClient http) {
    // HttpClient.send wraps what the body subscriber failed with in an IOException of its own.
    if (cause.getCause() instanceof ResponseBodies.ResponseTooLargeException tooLarge) {
      return tooLarge;
    }
    boolean bodyTaken =
        !(sent.bodyPublisher().orElse(null) instanceof WatchedBody body) || body.taken;
    NotConnectedException notConnected =
        NotConnectedException.of(cause, sent.uri(), bodyTaken, http);
    if (notConnected != null) {
      return notConnected; // before the timeout below: a connect timeout is one of these
    }
    if (cause instanceof HttpTimeoutException timeout) {
      // HttpClient's own timeout (the head of the answer did not arrive in time)
      SocketTimeoutException t = new SocketTimeoutException(timeout.getMessage());
      t.initCause(timeout);
      return t;
    }
    return cause;
  }

  /**
   * The request body, remembering whether {@link HttpClient} asked for it: until it does, none of
   * the request's IDs has left, whatever failed.
   */
  private static final class WatchedBody implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher body;
    private volatile boolean taken;

    WatchedBody(HttpRequest.BodyPublisher body) {
      this.body = body;
    }

    @Override
    public long contentLength() {
      return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      taken = true;
      body.subscribe(subscriber);
    }
  }

  /**
   * Remembers the head of the answer, and reads its body up to the bound. Static, and holding
   * nothing of the transport: {@link HttpClient} keeps the handler of a connection's last exchange
   * while the connection waits in its pool, and a handler that reached the {@link HttpClient} would
   * keep it from ever being collected (its selector thread holds the pool).
   */
  private static final class Captured {
    private final long maxBodyBytes;
    volatile HttpResponse.ResponseInfo info;

    Captured(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
    }

    HttpResponse.BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo responseInfo) {
      this.info = responseInfo;
      long announced = responseInfo.headers().firstValueAsLong("Content-Length").orElse(-1);
      return new ResponseBodies.BoundedSubscriber(maxBodyBytes, announced > maxBodyBytes);
    }
  }
}
