package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.internal.generated.api.DataQueryApi;
import dev.zuoraclient.callouts.internal.generated.model.ApiResponse;
import dev.zuoraclient.callouts.internal.generated.model.DataQueryJob;
import dev.zuoraclient.callouts.internal.generated.model.DataQueryJobRequest;
import dev.zuoraclient.callouts.internal.generated.model.DataQueryJobResponse;
import dev.zuoraclient.callouts.internal.generated.model.DataQueryOutput;
import feign.Client;
import feign.FeignException;
import feign.RetryableException;
import feign.jackson.JacksonEncoder;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The three Data Query calls, through the generated {@link DataQueryApi}, with the client's
 * transport, token and retry policy. A submit is retried only when Zuora cannot have started a job
 * (a 429, a 503, no connection), so that a retry never leaves a second job running; reading and
 * cancelling a job are safe to repeat and are retried like any idempotent call.
 */
final class QueryJobs {
  private static final String OPERATION = "the Data Query request";

  private final DataQueryApi api;
  private final AuthInterceptor auth;
  private final RefusalMapper refusals;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;

  QueryJobs(
      URI baseUri,
      AccessTokenProvider tokens,
      HttpSettings http,
      HttpLogLevel logLevel,
      RetryPolicy retry,
      Client transport,
      Sleeper sleeper,
      Clock clock) {
    ObjectMapper mapper = WireSettings.objectMapper();
    this.auth = new AuthInterceptor(tokens);
    this.refusals = new RefusalMapper(mapper, clock, auth::scrub, OPERATION);
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    RedactingLogger log = new RedactingLogger(logLevel, auth::scrub);
    this.api =
        WireSettings.feignBuilder(mapper, http, log, transport)
            // Only the fields the client sets: an optional field sent as null is not "absent" to
            // every server (Data Query checks that useIndexJoin, when present, is a boolean).
            .encoder(
                new JacksonEncoder(
                    WireSettings.objectMapper()
                        .setSerializationInclusion(
                            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)))
            .requestInterceptor(auth)
            .target(DataQueryApi.class, Endpoints.targetUrl(baseUri));
  }

  /** Submits {@code sql} for JSON Lines output, gzipped, from the tenant's live data. */
  DataQueryJob submit(String sql) throws InterruptedException {
    DataQueryJobRequest request =
        new DataQueryJobRequest()
            .query(sql)
            .outputFormat(DataQueryJobRequest.OutputFormatEnum.JSON)
            .compression(DataQueryJobRequest.CompressionEnum.GZIP)
            .output(new DataQueryOutput().target(DataQueryOutput.TargetEnum.S3))
            .sourceData(DataQueryJobRequest.SourceDataEnum.LIVE);
    return call(false, a -> a.submitQueryJobWithHttpInfo(request));
  }

  /** The job's state. */
  DataQueryJob get(String jobId) throws InterruptedException {
    return call(true, a -> a.getQueryJobWithHttpInfo(jobId));
  }

  /** Cancels the job; its state after. */
  DataQueryJob cancel(String jobId) throws InterruptedException {
    return call(true, a -> a.cancelQueryJobWithHttpInfo(jobId));
  }

  private DataQueryJob call(
      boolean idempotent, Function<DataQueryApi, ApiResponse<DataQueryJobResponse>> request)
      throws InterruptedException {
    long deadline = clock.millis() + retry.deadline().toMillis();
    boolean refreshed = false;
    int attempt = 0;
    while (true) {
      attempt++;
      ZuoraException failure;
      try {
        return once(request, attempt);
      } catch (ZuoraAuthenticationException e) {
        if (!refreshed && auth.invalidateLastSent()) {
          refreshed = true;
          attempt--; // a new token is not one of the policy's attempts
          continue;
        }
        throw e;
      } catch (ZuoraException e) {
        failure = e;
      }
      boolean safe = idempotent || !ErrorRules.mayHaveBeenResent(failure);
      if (!safe || !ErrorRules.retryable(failure) || attempt >= retry.maxAttempts()) {
        throw failure;
      }
      Duration wait = Backoff.usable(serverWait(failure));
      if (wait == null) {
        wait = Backoff.before(attempt + 1, retry);
      }
      if (clock.millis() + wait.toMillis() >= deadline) {
        throw failure;
      }
      sleeper.sleep(wait);
    }
  }

  private DataQueryJob once(
      Function<DataQueryApi, ApiResponse<DataQueryJobResponse>> request, int attempt) {
    try {
      ApiResponse<DataQueryJobResponse> response = request.apply(api);
      DataQueryJobResponse body = response.getData();
      if (body == null || body.getData() == null || body.getData().getId() == null) {
        throw new ZuoraOutcomeUnknownException(
            "Zuora's answer to " + OPERATION + " has no job",
            ZuoraOutcomeUnknownException.Reason.UNEXPECTED_RESPONSE,
            context(response.getStatusCode(), attempt),
            null);
      }
      return body.getData();
    } catch (ResponseSignal signal) {
      if (signal.isDecodeFailure()) {
        throw new ZuoraOutcomeUnknownException(
            "Zuora's answer to " + OPERATION + " could not be read",
            ZuoraOutcomeUnknownException.Reason.UNDECODABLE_RESPONSE,
            context(signal.httpStatus(), attempt),
            signal.getCause());
      }
      throw refusal(signal, attempt);
    } catch (RetryableException e) {
      throw ioFailure(e.getCause(), attempt);
    } catch (FeignException e) {
      throw ioFailure(e.getCause(), attempt);
    }
  }

  private ZuoraServiceException refusal(ResponseSignal signal, int attempt) {
    byte[] body = signal.body() == null ? new byte[0] : signal.body();
    return refusals.refusal(
        signal.httpStatus(),
        signal.headers(),
        body,
        context(signal.httpStatus(), attempt, signal.headers()));
  }

  private static ZuoraException ioFailure(Throwable cause, int attempt) {
    if (cause instanceof NotConnectedException notConnected) {
      return new ZuoraConnectionException(
          "no Data Query request sent: " + notConnected.getMessage(),
          notConnected.host(),
          notConnected.proxy(),
          notConnected.reason(),
          context(0, attempt),
          notConnected.getCause());
    }
    boolean timeout = cause instanceof SocketTimeoutException;
    return new ZuoraOutcomeUnknownException(
        "no answer to " + OPERATION + ": " + (timeout ? "timed out" : "the connection failed"),
        timeout
            ? ZuoraOutcomeUnknownException.Reason.TIMEOUT
            : ZuoraOutcomeUnknownException.Reason.IO_FAILURE,
        context(0, attempt),
        cause instanceof IOException ? cause : null);
  }

  private static ZuoraException.Context context(int status, int attempt) {
    return ZuoraException.Context.of(status, null, null, null, List.of()).withAttempts(attempt);
  }

  private static ZuoraException.Context context(
      int status, int attempt, java.util.Map<String, java.util.Collection<String>> headers) {
    return ZuoraException.Context.of(
            status,
            ResponseHeaders.first(headers, ResponseHeaders.REQUEST_ID),
            null,
            null,
            List.of())
        .withAttempts(attempt);
  }

  private static Duration serverWait(ZuoraException e) {
    if (!(e instanceof ZuoraServiceException s)) {
      return null;
    }
    Duration asked = s.retryAfter().orElse(null);
    if (asked == null && s instanceof ZuoraRateLimitException r) {
      asked = r.rateLimitReset().orElse(null);
    }
    return asked;
  }
}
