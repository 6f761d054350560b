package dev.zuoraclient.callouts.internal;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The transport settings the client's and the token provider's builders share: the application's
 * own {@link HttpClient}, or a proxy and TLS context for one built here, and an application ID for
 * the {@code User-Agent}. Mutable, like the builders that hold it.
 */
public final class TransportOptions {
  private HttpClient httpClient;
  private ProxySelector proxy;
  private SSLContext sslContext;
  private String applicationId;

  /** The application's own client; it must not follow redirects. */
  public void httpClient(HttpClient client) {
    Objects.requireNonNull(client, "httpClient");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      // A 307 or 308 would make it send the POST again, elsewhere, without the adapter knowing.
      throw new IllegalArgumentException(
          "httpClient must not follow redirects (got "
              + client.followRedirects()
              + "; build it with followRedirects(HttpClient.Redirect.NEVER))");
    }
    this.httpClient = client;
  }

  /** The proxy selector of the client built here. */
  public void proxy(ProxySelector proxy) {
    this.proxy = Objects.requireNonNull(proxy, "proxy");
  }

  /** The TLS settings (trust store, client certificate) of the client built here. */
  public void sslContext(SSLContext sslContext) {
    this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
  }

  /**
   * A product token appended to the {@code User-Agent}, such as {@code myteam-billing/2.3}: 1..128
   * printable US-ASCII characters.
   */
  public void applicationId(String applicationId) {
    Objects.requireNonNull(applicationId, "applicationId");
    if (applicationId.isEmpty() || applicationId.length() > 128) {
      throw new IllegalArgumentException(
          "applicationId must be 1 to 128 characters (got " + applicationId.length() + ")");
    }
    for (int i = 0; i < applicationId.length(); i++) {
      char c = applicationId.charAt(i);
      if (c < ' ' || c > '~') {
        throw new IllegalArgumentException(
            "applicationId must be printable US-ASCII (got " + SafeText.quote(applicationId) + ")");
      }
    }
    this.applicationId = applicationId;
  }

  /**
   * The settings for one client.
   *
   * @throws IllegalStateException when an application client is combined with a proxy or TLS
   *     context, which would silently not apply
   */
  public HttpSettings settings(
      Duration connectTimeout, Duration readTimeout, Duration attemptTimeout) {
    if (httpClient != null && (proxy != null || sslContext != null)) {
      throw new IllegalStateException(
          "set either httpClient or proxy/sslContext: configure your own HttpClient with them");
    }
    return new HttpSettings(
        connectTimeout,
        readTimeout,
        attemptTimeout,
        httpClient,
        proxy,
        sslContext,
        HttpSettings.userAgent(applicationId));
  }

  // Read by the client's builder to give a token provider it builds the same transport: the
  // builder applies them itself, so that this class never names a public builder (which holds one
  // of these: a loop).

  /** The application's own client, if one was given. */
  public Optional<HttpClient> httpClient() {
    return Optional.ofNullable(httpClient);
  }

  /** The proxy selector, if one was given. */
  public Optional<ProxySelector> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** The TLS settings, if they were given. */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /** The application ID, if one was given. */
  public Optional<String> applicationId() {
    return Optional.ofNullable(applicationId);
  }

  @Override
  public String toString() {
    return "TransportOptions{httpClient="
        + (httpClient == null ? "own" : "application's")
        + ", proxy="
        + (proxy == null ? "default" : "set")
        + ", sslContext="
        + (sslContext == null ? "default" : "set")
        + ", applicationId="
        + applicationId
        + '}';
  }
}
