package dev.zuoraclient.callouts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * How a client reaches its server: the time bounds of each exchange, and the {@link HttpClient}
 * that carries it. One per client or token provider; nothing here is JVM-wide.
 *
 * @param connectTimeout the longest wait for a connection (of a client built here)
 * @param readTimeout the longest wait, after sending, for the head of the answer
 * @param attemptTimeout the longest time one exchange may take, connect to last byte
 * @param httpClient the application's own client, or null to build one here
 * @param proxy the proxy selector of a client built here, or null for the JDK's default selector
 * @param sslContext the TLS settings of a client built here, or null for the JDK's default
 * @param userAgent the {@code User-Agent} of every request
 */
public record HttpSettings(
    Duration connectTimeout,
    Duration readTimeout,
    Duration attemptTimeout,
    HttpClient httpClient,
    ProxySelector proxy,
    SSLContext sslContext,
    String userAgent) {

  /** No answer body is read past this size, before or after inflating. */
  static final long MAX_RESPONSE_BYTES = 1L << 20;

  /** The library's name in {@code User-Agent}. */
  public static final String PRODUCT = "zuora-callout-resend";

  /** The library's version, from the build; "dev" when the build's record is missing. */
  public static final String VERSION = readVersion();

  /** With a client built here, no proxy or TLS setting, and the library's own User-Agent. */
  public HttpSettings(Duration connectTimeout, Duration readTimeout, Duration attemptTimeout) {
    this(connectTimeout, readTimeout, attemptTimeout, null, null, null, userAgent(null));
  }

  /**
   * {@code zuora-callout-resend/<version> Java/<runtime version>}, then {@code applicationId} when
   * given.
   */
  public static String userAgent(String applicationId) {
    String base = PRODUCT + "/" + VERSION + " Java/" + Runtime.version();
    return applicationId == null ? base : base + " " + applicationId;
  }

  /**
   * This client's {@link HttpClient}: the application's, or one of its own (HTTP/1.1, no redirects,
   * its own connection pool, proxy and TLS settings).
   */
  HttpClient client() {
    if (httpClient != null) {
      return httpClient;
    }
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Runnable::run)
            .connectTimeout(connectTimeout);
    if (proxy != null) {
      b.proxy(proxy);
    }
    if (sslContext != null) {
      b.sslContext(sslContext);
    }
    return b.build();
  }

  /** The Feign transport these settings describe. */
  public feign.Client transport() {
    return new HttpClientTransport(
        client(), httpClient == null, attemptTimeout, MAX_RESPONSE_BYTES, userAgent);
  }

  private static String readVersion() {
    try (InputStream in = HttpSettings.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank() && !v.startsWith("$")) {
          return v.trim();
        }
      }
    } catch (IOException e) {
      // a version is informative, never a reason to fail
    }
    return "dev";
  }
}
