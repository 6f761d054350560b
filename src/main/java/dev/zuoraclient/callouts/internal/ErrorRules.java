package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.BatchNotSentException;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The one place that decides what a failed call means: whether to send it again (with the same
 * idempotency key), whether Zuora may already have resent its notifications, whether it stops a
 * batch run, and how to say so in a few words. The executor's retries, the batch runner, {@link
 * dev.zuoraclient.callouts.BatchError}, the exceptions' accessors and the command line's report and
 * help text all read it; {@code ErrorRulesTest} pins it for every status and failure kind. What a
 * status alone means is {@link StatusRules}', which the exceptions ask without coming back here.
 */
public final class ErrorRules {
  private ErrorRules() {}

  /**
   * Whether to send the call again, with the same key. A connection that could not be made is
   * retried: nothing was sent, and a server restarting or a name server failing may be back by the
   * next attempt.
   */
  public static boolean retryable(RuntimeException e) {
    if (e instanceof ZuoraServiceException s) {
      return StatusRules.retryableStatus(s.statusCode().orElse(0));
    }
    if (e instanceof ZuoraConnectionException) {
      return true;
    }
    if (e instanceof ZuoraOutcomeUnknownException u) {
      return u.reason() == ZuoraOutcomeUnknownException.Reason.IO_FAILURE
          || u.reason() == ZuoraOutcomeUnknownException.Reason.TIMEOUT;
    }
    if (e instanceof ZuoraTokenException t) {
      return StatusRules.retryableTokenStatus(t.statusCode().orElse(0));
    }
    return false;
  }

  /**
   * Whether Zuora may have resent some of the call's notifications. False only when the error
   * proves nothing was: a refusal given before any work, no connection or no token to send with, a
   * batch never sent.
   */
  public static boolean mayHaveBeenResent(RuntimeException e) {
    if (e instanceof ZuoraServiceException s) {
      return StatusRules.maybeResentStatus(s.statusCode().orElse(0));
    }
    return !(e instanceof ZuoraConnectionException
        || e instanceof ZuoraTokenException
        || e instanceof BatchNotSentException);
  }

  /**
   * Whether an error in one batch stops a batch run (no batch is sent after it): a refusal that
   * retrying does not change, no token, or no connection after the call's retries (every batch
   * would wait out the same dead server). An unknown outcome stops nothing: the next batch may well
   * get through, and this one is reported as unresolved.
   */
  public static boolean stopsABatchRun(RuntimeException e) {
    if (e instanceof ZuoraServiceException s) {
      return !StatusRules.retryableStatus(s.statusCode().orElse(0));
    }
    if (e instanceof ZuoraConnectionException) {
      return true;
    }
    return !(e instanceof ZuoraOutcomeUnknownException);
  }

  /**
   * Why a call or batch has no outcome, in a few words: {@code outcome unknown: ...} when it {@link
   * #mayHaveBeenResent}, {@code not resent: ...}, {@code not sent: ...} or {@code not started: ...}
   * when it was not.
   */
  public static String reason(RuntimeException e) {
    if (e instanceof BatchNotSentException n) {
      return switch (n.reason()) {
        case INTERRUPTED -> "not started: the run was interrupted";
        case STOPPED_BY_ERROR -> "not sent: an earlier error stopped the run";
        case RATE_LIMITED -> "not sent: Zuora's rate limit stopped the run";
        case JOURNAL_FAILED -> "not sent: the journal could not be written";
        case TIMED_OUT -> "not sent: the run's time limit passed";
      };
    }
    if (e instanceof ZuoraTokenException) {
      return "not sent: no access token";
    }
    if (e instanceof ZuoraConnectionException c) {
      return "not sent: " + couldNotConnect(c);
    }
    if (e instanceof ZuoraServiceException s && s.statusCode().isPresent()) {
      return (mayHaveBeenResent(s)
              ? "outcome unknown: Zuora answered "
              : "not resent: Zuora answered ")
          + s.statusCode().getAsInt();
    }
    if (e instanceof ZuoraOutcomeUnknownException) {
      return "outcome unknown: no usable answer";
    }
    return "outcome unknown: " + e.getClass().getSimpleName();
  }

  /** Where and why no connection could be made: {@code could not connect to HOST (why)}. */
  public static String couldNotConnect(ZuoraConnectionException e) {
    return couldNotConnect(e.host(), e.proxy().orElse(null), e.reason(), e.getCause());
  }

  /**
   * {@code could not connect to HOST (connection refused)}, {@code ... (no such host)}, {@code ...
   * (connect timed out)} or {@code ... (TLS handshake failed: WHY)}, with {@code through proxy
   * HOST:PORT} after the host when there was one: the words of the report, the exception and the
   * HTTP log line.
   *
   * @param cause the JDK's exception, whose TLS message is quoted, or null
   */
  static String couldNotConnect(
      String host, String proxy, ZuoraConnectionException.Reason reason, Throwable cause) {
    String why =
        switch (reason) {
          case REFUSED -> "connection refused";
          case NO_SUCH_HOST -> "no such host";
          case CONNECT_TIMEOUT -> "connect timed out";
          case TLS_HANDSHAKE -> "TLS handshake failed" + tlsMessage(cause);
        };
    return "could not connect to "
        + host
        + (proxy == null ? "" : " through proxy " + proxy)
        + " ("
        + why
        + ")";
  }

  /** {@code ": "} and the first TLS error's message in the chain, or nothing when none has one. */
  private static String tlsMessage(Throwable cause) {
    int depth = 0;
    for (Throwable t = cause; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof SSLException && t.getMessage() != null && !t.getMessage().isBlank()) {
        return ": " + t.getMessage();
      }
    }
    return "";
  }

  /**
   * The wait a 429 asks for ({@code Retry-After}, else {@code RateLimit-Reset}, each taken only
   * when {@linkplain Backoff#usable usable}; zero when it names none), or null for any other error.
   * A 429 after an attempt with no usable answer counts too: sending the batch again with its key
   * is safe.
   */
  public static Duration rateLimitWait(RuntimeException e) {
    Throwable refusal = e;
    if (e instanceof ZuoraOutcomeUnknownException u
        && u.reason() == ZuoraOutcomeUnknownException.Reason.INCONCLUSIVE_RETRIES) {
      refusal = u.getCause();
    }
    if (!(refusal instanceof ZuoraRateLimitException r)) {
      return null;
    }
    // Each header on its own: a Retry-After of 0 (unusable) must not hide a usable reset.
    Duration asked = Backoff.usable(r.retryAfter().orElse(null));
    if (asked == null) {
      asked = Backoff.usable(r.rateLimitReset().orElse(null));
    }
    return asked == null ? Duration.ZERO : asked;
  }

  /** Whether a 429 says the quota is spent ({@code RateLimit-Remaining: 0}), not capacity. */
  public static boolean quotaSpent(RuntimeException e) {
    Throwable refusal = e;
    if (e instanceof ZuoraOutcomeUnknownException u) {
      refusal = u.getCause();
    }
    return refusal instanceof ZuoraRateLimitException r
        && r.rateLimitRemaining().isPresent()
        && r.rateLimitRemaining().getAsLong() == 0;
  }
}
