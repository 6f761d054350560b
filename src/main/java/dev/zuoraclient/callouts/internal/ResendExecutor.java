package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import dev.zuoraclient.callouts.internal.generated.api.NotificationsApi;
import dev.zuoraclient.callouts.internal.generated.model.ApiResponse;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import feign.Client;
import feign.FeignException;
import feign.RetryableException;
import feign.jackson.JacksonEncoder;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends resend calls through the generated {@link NotificationsApi}, retries what is safe to retry,
 * and types every outcome through {@link OutcomeMapper}. Thread-safe; built once per client. The
 * Feign settings are {@link WireSettings}'s.
 */
public final class ResendExecutor {

  private final NotificationsApi api;
  private final AuthInterceptor auth;
  private final OutcomeMapper outcomes;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Telemetry telemetry;
  private final RedactingLogger log;
  private final Client transport;
  private final FinderSource finders;

  /** Everything a {@link FailedCalloutFinder} is built from, built at its first use. */
  private final class FinderSource {
    private final URI baseUri;
    private final AccessTokenProvider tokens;
    private final HttpSettings http;
    private final HttpLogLevel logLevel;
    private volatile FailedCalloutFinder finder;

    FinderSource(URI baseUri, AccessTokenProvider tokens, HttpSettings http, HttpLogLevel level) {
      this.baseUri = baseUri;
      this.tokens = tokens;
      this.http = http;
      this.logLevel = level;
    }

    synchronized FailedCalloutFinder get() {
      if (finder == null) {
        // A transport of another kind (a test's) leaves the download a client of its own.
        HttpClientHandle client =
            transport instanceof HttpClientTransport own
                ? own.handle()
                : new HttpClientHandle(http.client(), false);
        if (client.isClosed()) {
          throw new IllegalStateException("the client is closed");
        }
        finder =
            new FailedCalloutFinder(
                new QueryJobs(baseUri, tokens, http, logLevel, retry, transport, sleeper, clock),
                new ResultDownload(
                    client, http.readTimeout(), http.userAgent(), MAX_RESULT_FILE_BYTES),
                sleeper);
      }
      return finder;
    }
  }

  /** The largest result file a find reads, before or after inflating. */
  static final long MAX_RESULT_FILE_BYTES = 4L << 30;

  /**
   * @param baseUri the server
   * @param tokens the bearer token source
   * @param http timeouts and transport
   * @param logLevel what to log
   * @param retry what to retry
   * @param telemetry where calls, attempts and waits are reported
   */
  public ResendExecutor(
      URI baseUri,
      AccessTokenProvider tokens,
      HttpSettings http,
      HttpLogLevel logLevel,
      RetryPolicy retry,
      Telemetry telemetry) {
    this(
        baseUri,
        tokens,
        http,
        logLevel,
        retry,
        Sleeper.REAL,
        Clock.systemUTC(),
        http.transport(),
        telemetry);
  }

  /** With the seams tests and benchmarks set: the sleeper, the clock and the transport. */
  ResendExecutor(
      URI baseUri,
      AccessTokenProvider tokens,
      HttpSettings http,
      HttpLogLevel logLevel,
      RetryPolicy retry,
      Sleeper sleeper,
      Clock clock,
      Client transport,
      Telemetry telemetry) {
    ObjectMapper mapper = WireSettings.objectMapper();
    this.telemetry = telemetry;
    this.auth = new AuthInterceptor(tokens);
    this.outcomes = new OutcomeMapper(mapper, clock, auth::scrub);
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.log = new RedactingLogger(logLevel, auth::scrub);
    this.transport = transport;
    this.finders = new FinderSource(baseUri, tokens, http, logLevel);
    this.api =
        WireSettings.feignBuilder(mapper, http, log, transport)
            .encoder(new JacksonEncoder(mapper))
            .requestInterceptor(auth)
            .requestInterceptor(new ExactHeaders())
            .target(NotificationsApi.class, Endpoints.targetUrl(baseUri));
  }

  /** The finder of failed callouts over this executor's transport, token and retry policy. */
  public FailedCalloutFinder finder() {
    return finders.get();
  }

  /**
   * Lets go of the transport: a connection pool of its own is shut down (see {@link
   * HttpClientTransport#close()}), an application's {@link java.net.http.HttpClient} is left open.
   * Idempotent; the token provider is the caller's to close.
   */
  public void close() {
    if (transport instanceof HttpClientTransport own) {
      own.close();
    }
  }

  /**
   * Sends one call, retrying what is safe within the retry policy, every attempt with the same
   * idempotency key; a 401 refreshes the token once (if the provider can) and retries once.
   *
   * @throws ZuoraException the last error when the call did not reach a documented outcome
   */
  public ResendResult resend(ResendCall call) {
    try (Telemetry.Span span = telemetry.start(Telemetry.CALL)) {
      try {
        ResendResult result = resendWithRetries(call);
        span.tag("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
            .tag("status.class", Telemetry.statusClass(result.statusCode()));
        return result;
      } catch (ZuoraException e) {
        span.tag("outcome", outcomeTag(e))
            .tag("status.class", Telemetry.statusClass(e.statusCode().orElse(0)));
        span.error(e);
        throw e;
      }
    }
  }

  /**
   * The {@code outcome} tag of a call that ended in an exception: {@code refused} (Zuora answered
   * with an error status), {@code no_connection}, {@code no_token}, or {@code unknown} (no usable
   * answer).
   */
  private static String outcomeTag(ZuoraException e) {
    if (e instanceof ZuoraServiceException) {
      return "refused";
    }
    if (e instanceof ZuoraConnectionException) {
      return "no_connection";
    }
    return e instanceof ZuoraTokenException ? "no_token" : "unknown";
  }

  private ResendResult resendWithRetries(ResendCall call) {
    long deadline = clock.millis() + retry.deadline().toMillis();
    boolean refreshed = false;
    boolean mayHaveBeenResent = false; // by an earlier attempt
    int attempt = 0;
    boolean newToken = false;
    while (true) {
      attempt++;
      AttemptLabel label = new AttemptLabel(call, attempt, retry.maxAttempts(), newToken);
      newToken = false;
      try {
        return attemptWithin(call, label, deadline);
      } catch (ZuoraAuthenticationException e) {
        if (!refreshed && auth.invalidateLastSent()) {
          refreshed = true;
          newToken = true;
          log.note(label, "401: the token was refused; the attempt is sent again with a new one");
          attempt--; // a token refresh is not one of the policy's attempts
          continue;
        }
        log.note(label, "no retry: " + RetryNotes.cause(e) + "; no new token to try");
        throw settle(call, e, mayHaveBeenResent);
      } catch (ZuoraException e) {
        mayHaveBeenResent |= ErrorRules.mayHaveBeenResent(e);
        if (call.rateLimitsToCaller() && e instanceof ZuoraRateLimitException) {
          log.note(label, RetryNotes.handedBack(e));
          throw settle(call, e, mayHaveBeenResent); // the caller paces the whole run
        }
        Duration wait = attempt < retry.maxAttempts() ? delayBefore(attempt + 1, e) : null;
        // An attempt needs time of its own: one that could start only as the deadline passes
        // would be cut off at once.
        if (wait == null || clock.millis() + wait.toMillis() >= deadline) {
          log.note(label, RetryNotes.noRetry(e, label, wait, retry.deadline()));
          throw settle(call, e, mayHaveBeenResent);
        }
        log.note(label, RetryNotes.retry(e, label, wait, serverWait(e) != null));
        try (Telemetry.Span backoff = telemetry.start(Telemetry.BACKOFF)) {
          backoff.tag("reason", backoffReason(e)).tag("server.asked", serverAsked(e));
          if (call.pause() == null) {
            sleeper.sleep(wait);
          } else if (!call.pause().await(wait)) {
            log.note(label, "no retry: the run stopped during the wait");
            throw settle(call, e, mayHaveBeenResent); // the caller's run stopped
          }
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          log.note(label, "no retry: interrupted during the wait");
          throw settle(call, e, mayHaveBeenResent);
        }
      }
    }
  }

  /** One attempt, cut off by the transport when the call's deadline passes. */
  private ResendResult attemptWithin(ResendCall call, AttemptLabel label, long deadlineMillis) {
    long remainingNanos = Math.max(0, deadlineMillis - clock.millis()) * 1_000_000L;
    try (Telemetry.Span span = telemetry.start(Telemetry.ATTEMPT)) {
      try {
        ResendResult result =
            HttpClientTransport.withDeadline(
                System.nanoTime() + remainingNanos,
                () -> label.during(() -> attemptOnce(call, label.attempt())));
        span.tag("status.class", Telemetry.statusClass(result.statusCode()));
        return result;
      } catch (RuntimeException e) {
        int status = e instanceof ZuoraException z ? z.statusCode().orElse(0) : 0;
        span.tag("status.class", Telemetry.statusClass(status));
        span.error(e);
        throw e;
      }
    }
  }

  /** The {@code reason} tag of a wait before a retry. */
  private static String backoffReason(ZuoraException e) {
    int status = e.statusCode().orElse(0);
    if (e instanceof ZuoraTokenException) {
      return "token";
    }
    if (e instanceof ZuoraConnectionException) {
      return "no_connection";
    }
    if (e instanceof ZuoraServiceException) {
      return status == 429 ? "rate_limited" : status == 409 ? "conflict" : "server";
    }
    return "no_answer";
  }

  /** Whether the server named the wait ({@code Retry-After} or {@code RateLimit-Reset}). */
  private static String serverAsked(ZuoraException e) {
    boolean asked =
        e instanceof ZuoraServiceException s
            && (s.retryAfter().isPresent()
                || (s instanceof ZuoraRateLimitException r && r.rateLimitReset().isPresent()));
    return Boolean.toString(asked);
  }

  /**
   * The error to report for the whole call: the last attempt's, unless it says nothing was resent
   * (a refusal, or no token to send) while an earlier attempt may have resent something. Once any
   * attempt may have reached Zuora, the call is never reported as not sent.
   */
  private ZuoraException settle(ResendCall call, ZuoraException last, boolean earlierUncertain) {
    if (earlierUncertain && !ErrorRules.mayHaveBeenResent(last)) {
      return outcomes.inconclusive(call, last);
    }
    return last;
  }

  private ResendResult attemptOnce(ResendCall call, int attempt) {
    try {
      ApiResponse<Map<String, ResendFailureBody>> response =
          ExactHeaders.during(call, () -> BindingCall.send(api, call));
      return outcomes.decoded(
          call, response.getStatusCode(), response.getHeaders(), response.getData(), attempt);
    } catch (ResponseSignal signal) {
      return outcomes.fromSignal(call, signal, attempt);
    } catch (RetryableException e) {
      // Feign's wrapper for an I/O failure before any answer; keep only the I/O cause.
      throw outcomes.ioFailure(call, ioCause(e), 0, attempt);
    } catch (FeignException e) {
      // An answer arrived but reading it failed (for example while logging it).
      throw outcomes.ioFailure(call, ioCause(e), e.status(), attempt);
    } catch (ZuoraException | IllegalArgumentException e) {
      throw e; // a typed outcome, or a token or header refused before anything was sent
    } catch (RuntimeException e) {
      // Nothing else is expected here; whatever it is, the request may have left.
      throw outcomes.unexpected(call, e, attempt);
    }
  }

  /**
   * The wait before {@code nextAttempt}, or null when {@code e} is not worth retrying. A usable
   * wait the server asked for ({@code Retry-After}, or a 429's {@code RateLimit-Reset}) is honoured
   * ({@link Backoff#usable}), with up to 10% (at most a second) added so that clients told the same
   * time do not all return at once.
   */
  Duration delayBefore(int nextAttempt, ZuoraException e) {
    if (!ErrorRules.retryable(e)) {
      return null;
    }
    Duration asked = serverWait(e);
    return asked != null ? withJitter(asked) : Backoff.before(nextAttempt, retry);
  }

  /** The usable wait {@code e}'s answer asked for ({@link Backoff#usable}), or null. */
  private static Duration serverWait(ZuoraException e) {
    if (!(e instanceof ZuoraServiceException s)) {
      return null;
    }
    Duration asked = s.retryAfter().orElse(null);
    if (asked == null && s instanceof ZuoraRateLimitException rateLimited) {
      asked = rateLimited.rateLimitReset().orElse(null);
    }
    return Backoff.usable(asked);
  }

  private static Duration withJitter(Duration asked) {
    long spread = Math.min(asked.toMillis() / 10, 1_000);
    return spread <= 0 ? asked : asked.plusMillis(ThreadLocalRandom.current().nextLong(spread + 1));
  }

  private static IOException ioCause(FeignException e) {
    return e.getCause() instanceof IOException
        ? (IOException) e.getCause()
        : new IOException(e.getClass().getSimpleName());
  }
}
