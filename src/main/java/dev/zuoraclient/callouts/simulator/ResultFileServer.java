package dev.zuoraclient.callouts.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The storage host of the result files, on a port of its own as S3 is a host of its own: {@code
 * GET} of a job's pre-signed URL answers its rows as JSON Lines (gzip bytes when the job asked for
 * GZIP, without {@code Content-Encoding}), written as they are read from the history. It refuses
 * what S3 refuses, with S3's XML errors: a signed URL together with an {@code Authorization} header
 * (400 InvalidArgument), a bad signature (403 SignatureDoesNotMatch), an expired URL (403
 * AccessDenied, checked after the signature, whose date it trusts) and an unknown file (404
 * NoSuchKey).
 *
 * <p>Every request is recorded with its headers, so that a test can check that no Zuora header or
 * credential reached the storage host.
 */
final class ResultFileServer implements HttpHandler {
  static final String PATH_PREFIX = "/query-results/";
  // A body that ends within this is sent with its Content-Length; a longer one chunked.
  static final int KNOWN_LENGTH_BYTES = 1 << 20;

  private final Clock clock;
  private final QueryJobs jobs;
  private final PresignedUrls urls;
  private final ResultFaults faults;
  private final RequestLog recorded;
  private final Consumer<Throwable> onInternalError;

  ResultFileServer(
      Clock clock,
      QueryJobs jobs,
      PresignedUrls urls,
      ResultFaults faults,
      RequestLog recorded,
      Consumer<Throwable> onInternalError) {
    this.clock = clock;
    this.jobs = jobs;
    this.urls = urls;
    this.faults = faults;
    this.recorded = recorded;
    this.onInternalError = onInternalError;
  }

  /** The path of a job's result file. */
  static String path(QueryJob job) {
    return PATH_PREFIX + job.id + (job.gzip ? ".jsonl.gz" : ".jsonl");
  }

  @Override
  public void handle(HttpExchange exchange) {
    boolean aborted = false;
    try {
      serve(exchange);
    } catch (ResultWire.Abort e) {
      aborted = true;
      throw e; // the JDK server closes the connection without ending the body
    } catch (IOException e) {
      // the client went away
    } catch (RuntimeException | Error e) {
      onInternalError.accept(e);
      try {
        if (exchange.getResponseCode() == -1) {
          sendError(exchange, 500, "InternalError", "We encountered an internal error: " + e, "");
        }
      } catch (IOException | RuntimeException | Error again) {
        // no answer then: closing drops the connection
      }
    } finally {
      if (!aborted) {
        try {
          exchange.close();
        } catch (RuntimeException | Error e) {
          // nothing more can be done for this exchange
        }
      }
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    Instant now = clock.instant();
    try (InputStream in = exchange.getRequestBody()) {
      // read, not skip: the JDK's request stream skips on the socket, past the request's end
      in.readNBytes(SimExchange.MAX_BODY_BYTES);
    }
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    recorded.add(
        new RecordedRequest(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestHeaders(),
            new byte[0],
            "",
            List.of(),
            now));
    URI redirect = faults.takeRedirect();
    if (redirect != null) {
      exchange.getResponseHeaders().set("Location", redirect.toString());
      exchange.sendResponseHeaders(302, -1);
      return;
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      sendError(exchange, 405, "MethodNotAllowed", "The specified method is not allowed.", "");
      return;
    }
    boolean hasAuthorization = exchange.getRequestHeaders().containsKey("Authorization");
    if (PresignedUrls.signed(query) && hasAuthorization) {
      sendError(
          exchange,
          400,
          "InvalidArgument",
          "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter,"
              + " Signature query string parameter or the Authorization header should be"
              + " specified",
          "<ArgumentName>Authorization</ArgumentName>");
      return;
    }
    if (!PresignedUrls.signed(query)) {
      sendError(exchange, 403, "AccessDenied", "Access Denied", "");
      return;
    }
    switch (urls.check(path, query, now)) {
      case MISSING -> {
        sendError(
            exchange,
            400,
            "AuthorizationQueryParametersError",
            "Query-string authentication version 4 requires the X-Amz-Algorithm,"
                + " X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders,"
                + " and X-Amz-Expires parameters.",
            "");
        return;
      }
      case BAD_SIGNATURE -> {
        sendError(
            exchange,
            403,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided."
                + " Check your key and signing method.",
            "");
        return;
      }
      case EXPIRED -> {
        sendError(
            exchange,
            403,
            "AccessDenied",
            "Request has expired",
            "<Expires>"
                + PresignedUrls.expiry(query)
                + "</Expires><ServerTime>"
                + now
                + "</ServerTime>");
        return;
      }
      case GOOD -> {
        // served below
      }
    }
    QueryJob job = job(path);
    if (job == null) {
      sendError(exchange, 404, "NoSuchKey", "The specified key does not exist.", "");
      return;
    }
    download(exchange, job, faults.takeDownload());
  }

  private QueryJob job(String path) {
    if (!path.startsWith(PATH_PREFIX)) {
      return null;
    }
    String name = path.substring(PATH_PREFIX.length());
    int dot = name.indexOf('.');
    QueryJob job = dot < 0 ? null : jobs.get(name.substring(0, dot));
    return job != null && path.equals(path(job)) ? job : null;
  }

  private static void download(HttpExchange exchange, QueryJob job, ResultFaults.Download fault)
      throws IOException {
    exchange
        .getResponseHeaders()
        .set("Content-Type", job.gzip ? "application/gzip" : "application/x-ndjson");
    exchange.getResponseHeaders().set("x-amz-request-id", SimExchange.requestId());
    SpillingOutput body =
        new SpillingOutput(
            KNOWN_LENGTH_BYTES,
            length -> {
              exchange.sendResponseHeaders(200, length == 0 ? -1 : length < 0 ? 0 : length);
              return new ResultWire(exchange.getResponseBody(), fault);
            });
    OutputStream out = job.gzip ? new FastGzip(body) : body;
    job.rows.writeJsonLines(out);
    out.close();
  }

  /** S3's error document; {@code extra} is more XML, already escaped. */
  private static void sendError(
      HttpExchange exchange, int status, String code, String message, String extra)
      throws IOException {
    byte[] xml =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + escape(message)
                + "</Message>"
                + extra
                + "<RequestId>"
                + SimExchange.requestId()
                + "</RequestId></Error>")
            .getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.getResponseHeaders().set("x-amz-request-id", SimExchange.requestId());
    exchange.sendResponseHeaders(status, xml.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(xml);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** gzip at the fastest level: a million rows compress in about a second instead of several. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
