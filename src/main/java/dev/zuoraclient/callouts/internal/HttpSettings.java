package dev.zuoraclient.callouts.internal;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * How a client reaches its server: the time bounds of each exchange, and the {@link HttpClient}
 * that carries it. One per client or token provider; nothing here is JVM-wide.
 *
 * @param connectTimeout the longest wait for a connection
 * @param readTimeout the longest wait, after sending, for the head of the answer
 * @param attemptTimeout the longest time one exchange may take, connect to last byte
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration attemptTimeout) {

  /** No answer body is read past this size, before or after inflating. */
  static final long MAX_RESPONSE_BYTES = 1L << 20;

  /** This client's own {@link HttpClient}: HTTP/1.1, no redirects, its own connection pool. */
  HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  /** The Feign transport these settings describe. */
  feign.Client transport() {
    return new HttpClientTransport(newHttpClient(), attemptTimeout, MAX_RESPONSE_BYTES);
  }
}
