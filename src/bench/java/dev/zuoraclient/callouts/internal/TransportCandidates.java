package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import feign.Client;
import feign.DefaultClient;
import feign.hc5.ApacheHttp5Client;
import feign.okhttp.OkHttpClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * The HTTP transports the library could run on, each set up as the library would ship it: no hidden
 * retries, no redirects, a pool that serves 40 calls in flight. The library's wiring (Feign
 * settings, decoders, outcome mapping, retry policy) is the same over each.
 */
public final class TransportCandidates {
  static final HttpSettings HTTP =
      new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(90));

  private TransportCandidates() {}

  /** A transport by name: {@code jdk}, {@code urlconnection}, {@code okhttp} or {@code hc5}. */
  public static Client transport(String name) {
    return switch (name) {
      case "jdk" -> HTTP.transport();
      // The previous default: HttpURLConnection, buffering each request (one write).
      case "urlconnection" -> new DefaultClient(null, null, false);
      case "okhttp" ->
          new OkHttpClient(
              new okhttp3.OkHttpClient.Builder()
                  .retryOnConnectionFailure(false)
                  .followRedirects(false)
                  .connectionPool(
                      new okhttp3.ConnectionPool(40, 5, java.util.concurrent.TimeUnit.MINUTES))
                  .build());
      case "hc5" ->
          new ApacheHttp5Client(
              HttpClients.custom()
                  .disableAutomaticRetries()
                  .disableRedirectHandling()
                  .setConnectionManager(
                      PoolingHttpClientConnectionManagerBuilder.create()
                          .setMaxConnPerRoute(40)
                          .setMaxConnTotal(40)
                          .build())
                  .build());
      default -> throw new IllegalArgumentException("unknown transport " + name);
    };
  }

  /** The library's executor over {@code transport}, as {@code CalloutResendClient} builds it. */
  public static ResendExecutor executor(URI server, String token, Client transport) {
    return new ResendExecutor(
        server,
        AccessTokenProvider.fixed(token),
        HTTP,
        HttpLogLevel.NONE,
        RetryPolicy.defaults(),
        Sleeper.REAL,
        Clock.systemUTC(),
        transport,
        Telemetry.NONE);
  }

  /** One call's worth of what {@code CalloutResendClient.resend} does before the executor. */
  public static ResendCall call(List<String> ids, boolean gzip) {
    List<String> copy = new ArrayList<>(ids.size());
    Set<String> seen = new HashSet<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      IdRules.check(i, id);
      if (!seen.add(id)) {
        throw new IllegalArgumentException("duplicate id " + id);
      }
      copy.add(id);
    }
    return new ResendCall(
        List.copyOf(copy), null, java.util.UUID.randomUUID().toString(), null, null, gzip);
  }
}
