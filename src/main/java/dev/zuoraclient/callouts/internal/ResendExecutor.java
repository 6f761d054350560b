package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.internal.generated.ApiResponseDecoder;
import dev.zuoraclient.callouts.internal.generated.api.NotificationsApi;
import dev.zuoraclient.callouts.internal.generated.model.ApiResponse;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailure;
import feign.Client;
import feign.Feign;
import feign.FeignException;
import feign.Logger;
import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import feign.jackson.JacksonEncoder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Feign wiring behind {@code CalloutResendClient}: builds the generated {@link
 * NotificationsApi} once, with the settings that make it fast and safe, and maps every answer
 * through {@link OutcomeMapper}. Thread-safe.
 *
 * <p>Choices, each measured or verified: {@code Client.Default} with request buffering (headers
 * and body leave in one write; streaming mode costs ~1 ms a request to Nagle and delayed ACK);
 * Feign retries nothing ({@code Retryer.NEVER_RETRY}); redirects are not followed (a POST must
 * not be replayed elsewhere); response bodies are bounded.
 */
public final class ResendExecutor {
  /** No answer body is read past this size. */
  static final long MAX_RESPONSE_BYTES = 1L << 20;

  private static final String GZIP = "gzip";

  private final NotificationsApi api;
  private final OutcomeMapper outcomes;

  /**
   * @param baseUrl the server, without a trailing slash
   * @param tokens the bearer token source
   * @param connectTimeout connect timeout
   * @param readTimeout read timeout
   * @param logLevel what to log
   */
  public ResendExecutor(
      String baseUrl,
      AccessTokenProvider tokens,
      Duration connectTimeout,
      Duration readTimeout,
      HttpLogLevel logLevel) {
    ObjectMapper mapper = objectMapper();
    this.outcomes = new OutcomeMapper(mapper, Clock.systemUTC());
    Client transport =
        new BoundedBodyClient(new Client.Default(null, null, false), MAX_RESPONSE_BYTES);
    this.api =
        Feign.builder()
            .client(transport)
            .encoder(new JacksonEncoder(mapper))
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
            .requestInterceptor(new AuthInterceptor(tokens))
            .logger(new RedactingLogger())
            .logLevel(Logger.Level.valueOf(logLevel.name()))
            .target(NotificationsApi.class, baseUrl);
  }

  /** The JSON settings of every exchange: lenient on new fields, strict on garbage. */
  static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
  }

  /**
   * Sends one request and types its outcome.
   *
   * @throws dev.zuoraclient.callouts.exception.ZuoraException for every answer that is not one
   *     of the three documented outcomes
   */
  public ResendResult resend(ResendCall call) {
    try {
      ApiResponse<Map<String, ResendFailure>> response =
          api.resendCalloutNotificationsWithHttpInfo(
              call.ids(),
              call.trackId(),
              call.idempotencyKey(),
              GZIP,
              call.gzipRequest() ? GZIP : null,
              call.entityId(),
              call.orgIds());
      return outcomes.decoded(
          call, response.getStatusCode(), response.getHeaders(), response.getData());
    } catch (ResponseSignal signal) {
      return outcomes.fromSignal(call, signal);
    } catch (RetryableException e) {
      // Feign's wrapper for an I/O failure before any answer; keep only the I/O cause.
      throw outcomes.ioFailure(call, ioCause(e), 0);
    } catch (FeignException e) {
      // An answer arrived but reading it failed (for example while logging it).
      throw outcomes.ioFailure(call, ioCause(e), e.status());
    }
  }

  private static IOException ioCause(FeignException e) {
    return e.getCause() instanceof IOException
        ? (IOException) e.getCause()
        : new IOException(e.getClass().getSimpleName());
  }
}
