package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import feign.Client;
import feign.http2client.Http2Client;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What each transport sends for a call with {@code gzipRequest}: the library's wiring over {@code
 * DefaultClient} and over {@code Http2Client}, against the simulator, which rejects a body labelled
 * gzip that is not.
 */
public final class RequestGzipCheck {
  private RequestGzipCheck() {}

  /** One line per transport: whether the body left gzipped, and how the simulator answered. */
  public static List<String> run() {
    String token = "gzip-check-token";
    String id = "2c92c0f8000000000000000000000001";
    try (ZuoraSimulator zuora = ZuoraSimulator.builder().acceptToken(token).knownIds(id).start()) {
      return List.of(
          check(zuora, token, id, "`DefaultClient`", FeignSupport.transport()),
          check(zuora, token, id, "`Http2Client`", new Http2Client()));
    }
  }

  private static String check(
      ZuoraSimulator zuora, String token, String id, String name, Client transport) {
    ResendExecutor executor =
        new ResendExecutor(
            zuora.baseUri(),
            AccessTokenProvider.fixed(token),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            HttpLogLevel.NONE,
            RetryPolicy.none(),
            Sleeper.REAL,
            Clock.systemUTC(),
            transport);
    String outcome;
    try {
      outcome =
          "answered "
              + executor
                  .resend(
                      new ResendCall(
                          List.of(id), null, UUID.randomUUID().toString(), null, null, true))
                  .statusCode();
    } catch (RuntimeException e) {
      outcome = "failed: " + e.getMessage();
    }
    List<RecordedRequest> requests = zuora.requests();
    byte[] body = requests.get(requests.size() - 1).body();
    boolean gzipped = body.length > 1 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    return name
        + ": `Content-Encoding: gzip` sent, body "
        + (gzipped ? "gzipped" : "**not** gzipped")
        + "; the simulator "
        + outcome;
  }
}
