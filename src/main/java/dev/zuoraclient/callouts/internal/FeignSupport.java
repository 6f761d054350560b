package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.internal.generated.ApiResponseDecoder;
import feign.Client;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Feign settings every generated interface is built with, each chosen on purpose:
 *
 * <ul>
 *   <li>{@code Client.Default} with request buffering on: headers and body leave in one write.
 *       Its default (streaming) mode sends them as two TCP segments, and with Nagle and delayed
 *       ACK each request then waits about a millisecond: 12x slower on loopback.
 *   <li>Feign retries nothing ({@code Retryer.NEVER_RETRY}): its default retryer would replay
 *       a POST without regard to idempotency. The adapter owns retries.
 *   <li>Redirects are not followed: a POST must not be replayed at another address.
 *   <li>No answer body is read past {@link #MAX_RESPONSE_BYTES}.
 *   <li>Answers Feign cannot type become {@link ResponseSignal}s for {@link OutcomeMapper}.
 * </ul>
 */
final class FeignSupport {
  /** No answer body is read past this size. */
  static final long MAX_RESPONSE_BYTES = 1L << 20;

  private FeignSupport() {}

  static Feign.Builder builder(
      ObjectMapper mapper, Duration connectTimeout, Duration readTimeout, HttpLogLevel logLevel) {
    return Feign.builder()
        .client(new BoundedBodyClient(new Client.Default(null, null, false), MAX_RESPONSE_BYTES))
        .decoder(SignalingDecoders.decoder(new ApiResponseDecoder(mapper)))
        .errorDecoder(SignalingDecoders.errorDecoder())
        .retryer(Retryer.NEVER_RETRY)
        .options(
            new Request.Options(
                connectTimeout.toMillis(),
                TimeUnit.MILLISECONDS,
                readTimeout.toMillis(),
                TimeUnit.MILLISECONDS,
                false))
        .logger(new RedactingLogger())
        .logLevel(Logger.Level.valueOf(logLevel.name()));
  }

  /** The JSON settings of every exchange: lenient on new fields, strict on garbage. */
  static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
  }
}
