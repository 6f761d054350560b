package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import java.time.Duration;
import java.util.Locale;

/**
 * The executor's lines in the HTTP log, after an attempt that did not reach a documented outcome:
 * what went wrong, in a few words ({@code 503 (server error)}, {@code no connection}), and whether
 * and when the call tries again. Never an exception's message: the answer line before it already
 * has the status and {@code Zuora-Request-Id}, and the report has the rest.
 */
final class RetryNotes {
  private RetryNotes() {}

  /** The attempt after {@code label}'s is sent after {@code wait}. */
  static String retry(ZuoraException e, AttemptLabel label, Duration wait, boolean serverAsked) {
    return "retry: "
        + cause(e)
        + "; attempt "
        + (label.attempt() + 1)
        + "/"
        + label.maxAttempts()
        + " in "
        + human(wait)
        + (serverAsked ? " as Zuora asked" : "")
        + ", with the same Idempotency-Key";
  }

  /**
   * The call ends with {@code e}.
   *
   * @param wait the wait a retry would have needed, or null when {@code e} is not retried or the
   *     attempts are spent
   * @param deadline the retry policy's deadline for the whole call
   */
  static String noRetry(ZuoraException e, AttemptLabel label, Duration wait, Duration deadline) {
    String why;
    if (wait != null) {
      why =
          "; waiting " + human(wait) + " would pass the call's deadline (" + human(deadline) + ")";
    } else if (ErrorRules.retryable(e)) {
      why = "; that was the last attempt";
    } else {
      why = " is not retried";
    }
    return "no retry: " + cause(e) + why;
  }

  /** A 429 in a batched run, which paces rate limits for all its batches. */
  static String handedBack(ZuoraException e) {
    Duration asked = ErrorRules.rateLimitWait(e);
    return "429 (rate limited): the batch goes back to the run, which waits "
        + (asked == null || asked.isZero()
            ? "its backoff (Zuora named no usable wait)"
            : human(asked) + " as Zuora asked")
        + " and sends it again with the same Idempotency-Key, or stops if that is too long";
  }

  /** What went wrong, in a few words. */
  static String cause(ZuoraException e) {
    int status = e.statusCode().orElse(0);
    if (e instanceof ZuoraTokenException) {
      return "no token" + (status > 0 ? " (the token endpoint answered " + status + ")" : "");
    }
    if (e instanceof ZuoraConnectionException) {
      return "no connection";
    }
    if (e instanceof ZuoraServiceException) {
      return status + " (" + kind(status) + ")";
    }
    return status > 0 ? "no usable answer (" + status + ")" : "no usable answer";
  }

  private static String kind(int status) {
    return switch (status) {
      case 401 -> "the token was refused";
      case 403 -> "forbidden";
      case 409 -> "conflict";
      case 429 -> "rate limited";
      default -> status >= 500 ? "server error" : "refused";
    };
  }

  /** {@code 250 ms}, {@code 1.5 s}: as a person reads a wait. */
  static String human(Duration d) {
    long millis = d.toMillis();
    return millis < 1000
        ? millis + " ms"
        : String.format(Locale.ROOT, "%.1f s", millis / 1000.0).replace(".0 s", " s");
  }
}
