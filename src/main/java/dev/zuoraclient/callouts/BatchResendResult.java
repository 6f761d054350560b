package dev.zuoraclient.callouts;

import java.util.List;
import java.util.Optional;

/**
 * The merged outcome of a batched resend. Every unique requested ID is in exactly one of {@link
 * #accepted()}, {@link #failures()} and {@link #unresolved()}; each list keeps the order in which
 * the IDs were first given. Immutable.
 */
public final class BatchResendResult {
  private final int requestedCount;
  private final List<String> accepted;
  private final List<ResendFailure> failures;
  private final List<String> unresolved;
  private final List<String> requestIds;
  private final List<BatchError> errors;
  private final int batchCount;
  private final RuntimeException listenerError;

  BatchResendResult(
      int requestedCount,
      List<String> accepted,
      List<ResendFailure> failures,
      List<String> unresolved,
      List<String> requestIds,
      List<BatchError> errors,
      int batchCount,
      RuntimeException listenerError) {
    this.requestedCount = requestedCount;
    this.accepted = List.copyOf(accepted);
    this.failures = List.copyOf(failures);
    this.unresolved = List.copyOf(unresolved);
    this.requestIds = List.copyOf(requestIds);
    this.errors = List.copyOf(errors);
    this.batchCount = batchCount;
    this.listenerError = listenerError;
  }

  /** Unique IDs requested (duplicates in the input count once). */
  public int requestedCount() {
    return requestedCount;
  }

  /** IDs Zuora resent. */
  public List<String> accepted() {
    return accepted;
  }

  /** IDs Zuora refused, with its code and message. */
  public List<ResendFailure> failures() {
    return failures;
  }

  /**
   * IDs whose outcome is unknown (no usable answer) or that were never sent because the run stopped
   * (an error, an interrupt, a long rate-limit wait); {@link #errors()} has an entry for every
   * batch of them, saying which ({@link BatchNotSentException} for a batch never sent). Sending the
   * same list again with the same idempotency key and batch size is safe: each batch gets the key
   * it had, and Zuora replays what it completed.
   */
  public List<String> unresolved() {
    return unresolved;
  }

  /** The {@code Zuora-Request-Id} of every answered batch, in batch order. */
  public List<String> requestIds() {
    return requestIds;
  }

  /** The batches that produced no result, with their errors, in batch order. */
  public List<BatchError> errors() {
    return errors;
  }

  /** What the progress listener threw, if it did: it was not called again, and the run went on. */
  public Optional<RuntimeException> listenerError() {
    return Optional.ofNullable(listenerError);
  }

  /** Number of batches the IDs were split into. */
  public int batchCount() {
    return batchCount;
  }

  /** True when every ID was resent. */
  public boolean isAllAccepted() {
    return accepted.size() == requestedCount;
  }

  @Override
  public String toString() {
    return "BatchResendResult{requested="
        + requestedCount
        + ", accepted="
        + accepted.size()
        + ", failed="
        + failures.size()
        + ", unresolved="
        + unresolved.size()
        + ", batches="
        + batchCount
        + ", errors="
        + errors.size()
        + '}';
  }
}
