package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import java.util.concurrent.TimeUnit;

/**
 * How every exchange goes on the wire: the Feign settings each generated interface is built with
 * ({@link #feignBuilder}) and the JSON settings ({@link #objectMapper}), each chosen on purpose:
 *
 * <ul>
 *   <li>{@link HttpClientTransport}, over the client's own {@link java.net.http.HttpClient}: a
 *       connection pool, proxy and TLS settings per client, no JVM-wide setting read or changed, no
 *       hidden second send of a POST, and every attempt bounded as a whole.
 *   <li>Feign retries nothing ({@code Retryer.NEVER_RETRY}): its default retryer would replay a
 *       POST without regard to idempotency. The adapter owns retries.
 *   <li>Redirects are not followed: a POST must not be replayed at another address.
 *   <li>Answers Feign cannot type become {@link ResponseSignal}s for {@link OutcomeMapper}.
 * </ul>
 */
final class WireSettings {
  private WireSettings() {}

  /**
   * A builder over {@code transport} (the fuzz tests feed answers without a network), logging to
   * {@code log} at its level.
   */
  static Feign.Builder feignBuilder(
      ObjectMapper mapper, HttpSettings http, RedactingLogger log, Client transport) {
    return Feign.builder()
        .client(transport)
        .decoder(SignalingDecoders.decoder(new ApiResponseBytesDecoder(mapper)))
        .errorDecoder(SignalingDecoders.errorDecoder())
        .retryer(Retryer.NEVER_RETRY)
        .options(
            new Request.Options(
                http.connectTimeout().toMillis(),
                TimeUnit.MILLISECONDS,
                http.readTimeout().toMillis(),
                TimeUnit.MILLISECONDS,
                false))
        .logger(log)
        .logLevel(log.feignLevel());
  }

  /**
   * The JSON settings of every exchange: lenient on new fields (a failure keeps them, as a {@link
   * WireFailure}), strict on garbage. A key given twice is garbage: which of its values Zuora meant
   * cannot be known.
   */
  static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .addMixIn(ResendFailureBody.class, WireFailure.AsWireFailure.class)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
  }
}
