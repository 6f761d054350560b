package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.HttpLogLevel;
import feign.Client;
import feign.DefaultClient;
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
 *   <li>{@code DefaultClient} (HttpURLConnection; {@code Client.Default} before Feign 13) with
 *       request buffering on: headers and body leave in one write. Its default (streaming) mode
 *       sends them as two TCP segments, and with Nagle and delayed ACK each request then waits
 *       about a millisecond: 12x slower on loopback.
 *   <li>Feign retries nothing ({@code Retryer.NEVER_RETRY}): its default retryer would replay a
 *       POST without regard to idempotency. The adapter owns retries.
 *   <li>Redirects are not followed: a POST must not be replayed at another address.
 *   <li>No answer body is read past {@link #MAX_RESPONSE_BYTES}.
 *   <li>Answers Feign cannot type become {@link ResponseSignal}s for {@link OutcomeMapper}.
 * </ul>
 */
final class FeignSupport {
  /** No answer body is read past this size. */
  static final long MAX_RESPONSE_BYTES = 1L << 20;

  static final String RETRY_POST_PROPERTY = "sun.net.http.retryPost";

  static {
    // HttpURLConnection silently sends a buffered POST a second time when the first answer
    // fails to arrive (a reset, an early close). The adapter owns retries and counts them, so
    // that hidden resend is turned off, unless the application chose otherwise. The JDK reads the
    // property once, when its HTTP client class loads: a JVM that used HttpURLConnection before
    // this class loaded keeps its setting. (Even then each call's Idempotency-Key keeps a hidden
    // resend from resending a notification twice.)
    try {
      if (System.getProperty(RETRY_POST_PROPERTY) == null) {
        System.setProperty(RETRY_POST_PROPERTY, "false");
      }
    } catch (SecurityException e) {
      // a security manager forbids it: the idempotency key still protects the call
    }
  }

  private FeignSupport() {}

  static Feign.Builder builder(
      ObjectMapper mapper, Duration connectTimeout, Duration readTimeout, HttpLogLevel logLevel) {
    return builder(mapper, connectTimeout, readTimeout, logLevel, transport());
  }

  /** HttpURLConnection, buffering each request so that headers and body leave together. */
  static Client transport() {
    return new DefaultClient(null, null, false);
  }

  /** As above, over another transport (the fuzz tests feed answers without a network). */
  static Feign.Builder builder(
      ObjectMapper mapper,
      Duration connectTimeout,
      Duration readTimeout,
      HttpLogLevel logLevel,
      Client transport) {
    return Feign.builder()
        .client(new BoundedBodyClient(transport, MAX_RESPONSE_BYTES))
        .decoder(SignalingDecoders.decoder(new ApiResponseBytesDecoder(mapper)))
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
