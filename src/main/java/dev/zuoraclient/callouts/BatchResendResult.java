package dev.zuoraclient.callouts;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The merged outcome of a batched resend. Every unique requested ID is in exactly one of {@link
 * #accepted()}, {@link #failures()} and {@link #unresolved()}; each list keeps the order in which
 * the IDs were first given. Immutable.
 *
 * <p>Tests that stand in for {@link CalloutResendClient} build one with {@link #builder()}.
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
  private final UncheckedIOException journalFailure;

  BatchResendResult(
      int requestedCount,
      List<String> accepted,
      List<ResendFailure> failures,
      List<String> unresolved,
      List<String> requestIds,
      List<BatchError> errors,
      int batchCount,
      RuntimeException listenerError,
      UncheckedIOException journalFailure) {
    this.requestedCount = requestedCount;
    this.accepted = List.copyOf(accepted);
    this.failures = List.copyOf(failures);
    this.unresolved = List.copyOf(unresolved);
    this.requestIds = List.copyOf(requestIds);
    this.errors = List.copyOf(errors);
    this.batchCount = batchCount;
    this.listenerError = listenerError;
    this.journalFailure = journalFailure;
  }

  /**
   * A builder, for tests that stand in for {@link CalloutResendClient#resendAll}: {@code
   * BatchResendResult.builder().accepted(List.of("a")).failures(List.of(new ResendFailure("b",
   * "ObjectNotFound", "..."))).build()}.
   */
  public static Builder builder() {
    return new Builder();
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

  /**
   * Why the run's journal stopped being written (a full disk, say), if it did. The run then started
   * no more batches: those are unresolved with {@link BatchNotSentException.Reason#JOURNAL_FAILED},
   * and this result, not the journal, is the full account of what happened. Resuming the journal
   * once the cause is dealt with is safe: every batch it lacks an outcome for is sent again with
   * the key it was planned with, and a batch was only ever sent after its plan was on disk.
   */
  public Optional<UncheckedIOException> journalFailure() {
    return Optional.ofNullable(journalFailure);
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

  /** Builds a {@link BatchResendResult}; every list is empty unless set. Not thread-safe. */
  public static final class Builder {
    private List<String> accepted = List.of();
    private List<ResendFailure> failures = List.of();
    private List<String> unresolved = List.of();
    private List<String> requestIds = List.of();
    private List<BatchError> errors = List.of();
    private Integer batchCount;
    private RuntimeException listenerError;
    private UncheckedIOException journalFailure;

    private Builder() {}

    /** IDs Zuora resent. */
    public Builder accepted(List<String> accepted) {
      this.accepted = List.copyOf(accepted);
      return this;
    }

    /** IDs Zuora refused. */
    public Builder failures(List<ResendFailure> failures) {
      this.failures = List.copyOf(failures);
      return this;
    }

    /** IDs with an unknown outcome or never sent; give their batches in {@link #errors}. */
    public Builder unresolved(List<String> unresolved) {
      this.unresolved = List.copyOf(unresolved);
      return this;
    }

    /** The {@code Zuora-Request-Id} of every answered batch. */
    public Builder requestIds(List<String> requestIds) {
      this.requestIds = List.copyOf(requestIds);
      return this;
    }

    /** The batches that produced no result. */
    public Builder errors(List<BatchError> errors) {
      this.errors = List.copyOf(errors);
      return this;
    }

    /**
     * Number of batches: at least one per error, and one per request ID; by default that, or one
     * more when IDs were answered and no request ID is given.
     */
    public Builder batchCount(int batchCount) {
      if (batchCount < 1) {
        throw new IllegalArgumentException(
            "batchCount must be at least 1: a run has at least one batch (got " + batchCount + ")");
      }
      this.batchCount = batchCount;
      return this;
    }

    /** What the progress listener threw. */
    public Builder listenerError(RuntimeException listenerError) {
      this.listenerError = Objects.requireNonNull(listenerError, "listenerError");
      return this;
    }

    /** Why the journal stopped being written. */
    public Builder journalFailure(UncheckedIOException journalFailure) {
      this.journalFailure = Objects.requireNonNull(journalFailure, "journalFailure");
      return this;
    }

    /**
     * The result; its {@link BatchResendResult#requestedCount()} is the number of IDs given. It
     * keeps what a result of {@code resendAll} always holds, so that a stand-in cannot hand the
     * code under test something the client never returns.
     *
     * @throws IllegalArgumentException naming the rule, when no ID is given; an ID is in more than
     *     one list, or twice in one; an unresolved ID is in no error, or an error's ID is not
     *     unresolved, or in two errors; a batch index is outside 1..batchCount or given twice; or
     *     the batch count is smaller than the errors and request IDs need
     */
    public BatchResendResult build() {
      List<String> all = new ArrayList<>(accepted);
      failures.forEach(f -> all.add(f.id()));
      all.addAll(unresolved);
      if (all.isEmpty()) {
        throw new IllegalArgumentException(
            "a result needs at least one accepted, failed or unresolved ID (resendAll refuses"
                + " an empty list)");
      }
      Set<String> seen = new HashSet<>();
      for (String id : all) {
        if (!seen.add(id)) {
          throw new IllegalArgumentException(
              "each ID must be in exactly one of accepted, failures and unresolved ('"
                  + id
                  + "' is not)");
        }
      }
      Set<String> inErrors = new HashSet<>();
      Set<Integer> batches = new HashSet<>();
      for (BatchError e : errors) {
        for (String id : e.ids()) {
          if (!inErrors.add(id)) {
            throw new IllegalArgumentException(
                "each unresolved ID must be in exactly one error ('" + id + "' is in two)");
          }
        }
        if (!batches.add(e.batchIndex())) {
          throw new IllegalArgumentException(
              "each error is one batch (batch " + e.batchIndex() + " is given twice)");
        }
      }
      for (String id : unresolved) {
        if (!inErrors.contains(id)) {
          throw new IllegalArgumentException(
              "each unresolved ID needs the error of its batch, which says why ('"
                  + id
                  + "' is in no error)");
        }
      }
      if (inErrors.size() != unresolved.size()) {
        inErrors.removeAll(unresolved);
        throw new IllegalArgumentException(
            "an error's IDs are unresolved ('" + inErrors.iterator().next() + "' is not)");
      }
      int answered = accepted.isEmpty() && failures.isEmpty() ? 0 : 1;
      int needed = errors.size() + Math.max(requestIds.size(), answered);
      int count = batchCount != null ? batchCount : needed;
      if (count < needed) {
        throw new IllegalArgumentException(
            "batchCount must be at least "
                + needed
                + ": one per error and one per request ID, or one for the answered IDs (got "
                + count
                + ")");
      }
      if (count > all.size()) {
        throw new IllegalArgumentException(
            "batchCount must be at most the "
                + all.size()
                + " IDs: every batch holds one (got "
                + count
                + ")");
      }
      for (int b : batches) {
        if (b < 1 || b > count) {
          throw new IllegalArgumentException(
              "an error's batchIndex must be between 1 and batchCount "
                  + count
                  + " (got "
                  + b
                  + ")");
        }
      }
      return new BatchResendResult(
          all.size(),
          accepted,
          failures,
          unresolved,
          requestIds,
          errors,
          count,
          listenerError,
          journalFailure);
    }
  }
}
