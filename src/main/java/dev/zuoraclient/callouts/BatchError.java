package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.internal.ErrorRules;
import java.util.List;
import java.util.Objects;

/**
 * A batch that produced no result: its IDs are all in {@link BatchResendResult#unresolved()}.
 *
 * @param batchIndex the batch, from 1
 * @param ids the IDs of the batch, in request order
 * @param error what happened: a {@link dev.zuoraclient.callouts.exception.ZuoraException}, or a
 *     {@link BatchNotSentException} for a batch the run never sent
 */
public record BatchError(int batchIndex, List<String> ids, RuntimeException error) {
  /** Copies the IDs. */
  public BatchError {
    ids = List.copyOf(ids);
    Objects.requireNonNull(error, "error");
  }

  /**
   * Whether Zuora may have resent some of the batch's notifications: then send them again only with
   * the batch's idempotency key (a journal, or the same key and batch size, does that). False only
   * when the error proves nothing was resent: a batch never sent, no token to send, or a refusal
   * Zuora gives before any work.
   */
  public boolean mayHaveBeenResent() {
    return ErrorRules.mayHaveBeenResent(error);
  }

  /**
   * Why the batch has no outcome, in a few words: {@code outcome unknown: ...} when it {@link
   * #mayHaveBeenResent()}, {@code not resent: ...}, {@code not sent: ...} or {@code not started:
   * ...} when it was not.
   */
  public String reason() {
    return ErrorRules.reason(error);
  }
}
