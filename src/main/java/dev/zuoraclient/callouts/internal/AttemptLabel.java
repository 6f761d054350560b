package dev.zuoraclient.callouts.internal;

import java.util.function.Supplier;

/**
 * What the HTTP log calls one attempt of a resend call, so that its request and its answer can be
 * paired however many calls are in flight: {@code batch 3/20 attempt 1/3}. The executor sets it for
 * the length of the attempt, on the thread that sends it, and {@link RedactingLogger} puts it at
 * the start of each line of the exchange.
 *
 * @param call the call, whose batch (if any) and number of IDs the lines name
 * @param attempt the attempt, from 1, as the retry policy counts them
 * @param maxAttempts the policy's attempts
 * @param newToken whether this attempt repeats the last one with a new token, after a 401 (a
 *     refresh is not one of the policy's attempts, so the number repeats)
 */
record AttemptLabel(ResendCall call, int attempt, int maxAttempts, boolean newToken) {
  private static final ThreadLocal<AttemptLabel> CURRENT = new ThreadLocal<>();

  /** Runs {@code send} (this attempt, on this thread) with this label. */
  <T> T during(Supplier<T> send) {
    AttemptLabel outer = CURRENT.get();
    CURRENT.set(this);
    try {
      return send.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** The label of the attempt this thread is sending, or null. */
  static AttemptLabel current() {
    return CURRENT.get();
  }

  /** {@code batch 3/20 attempt 1/3 after 429 #1}, or {@code attempt 2/3} for a single call. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(48);
    ResendCall.Batch batch = call.batch();
    if (batch != null) {
      s.append("batch ").append(batch.number()).append('/').append(batch.total()).append(' ');
    }
    s.append("attempt ").append(attempt).append('/').append(maxAttempts);
    if (batch != null && batch.rateLimited() > 0) {
      s.append(" after 429 #").append(batch.rateLimited());
    }
    if (newToken) {
      s.append(" with a new token");
    }
    return s.toString();
  }
}
