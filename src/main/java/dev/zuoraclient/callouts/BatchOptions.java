package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.internal.HeaderRules;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link CalloutResendClient#resendAll(Iterable, BatchOptions)} splits and sends a list of any
 * size. Immutable; built with {@link #builder()}.
 *
 * <p>The {@link #requestOptions()} apply to every batch, except the idempotency key: when one is
 * given, each batch is sent with {@code key + "-" + h}, where {@code h} is 16 hex digits of the
 * SHA-256 of the batch's IDs. Sending the same IDs again with the same key (the whole list, or only
 * the unresolved IDs of an earlier run) then replays Zuora's stored answer for a batch it completed
 * instead of resending, and a batch of other IDs never meets another batch's stored answer. Without
 * a key, each batch gets its own random one.
 */
public final class BatchOptions {
  private static final BatchOptions DEFAULTS = builder().build();

  private final ResendOptions requestOptions;
  private final int batchSize;
  private final int concurrency;
  private final Consumer<BatchProgress> progressListener;

  private BatchOptions(Builder b) {
    this.requestOptions = Objects.requireNonNull(b.requestOptions, "requestOptions");
    if (b.batchSize < 1 || b.batchSize > HeaderRules.MAX_IDS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "batchSize must be between 1 and "
              + HeaderRules.MAX_IDS_PER_REQUEST
              + " (got "
              + b.batchSize
              + ")");
    }
    if (b.concurrency < 1 || b.concurrency > 40) {
      throw new IllegalArgumentException(
          "concurrency must be between 1 and 40, Zuora's in-flight limit per tenant (got "
              + b.concurrency
              + ")");
    }
    this.batchSize = b.batchSize;
    this.concurrency = b.concurrency;
    this.progressListener = b.progressListener;
  }

  /** Defaults: batches of 1000, one at a time, no per-call headers, no listener. */
  public static BatchOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Headers for every batch (the idempotency key is derived per batch). */
  public ResendOptions requestOptions() {
    return requestOptions;
  }

  /** IDs per request, 1..1000. */
  public int batchSize() {
    return batchSize;
  }

  /** Requests in flight at once, 1..40. */
  public int concurrency() {
    return concurrency;
  }

  Consumer<BatchProgress> progressListener() {
    return progressListener;
  }

  @Override
  public String toString() {
    return "BatchOptions{batchSize="
        + batchSize
        + ", concurrency="
        + concurrency
        + ", requestOptions="
        + requestOptions
        + '}';
  }

  /** Builds {@link BatchOptions}; not thread-safe. */
  public static final class Builder {
    private ResendOptions requestOptions = ResendOptions.none();
    private int batchSize = HeaderRules.MAX_IDS_PER_REQUEST;
    private int concurrency = 1;
    private Consumer<BatchProgress> progressListener = p -> {};

    private Builder() {}

    /** Headers for every batch; see the class comment for the idempotency key. */
    public Builder requestOptions(ResendOptions requestOptions) {
      this.requestOptions = Objects.requireNonNull(requestOptions, "requestOptions");
      return this;
    }

    /** IDs per request, 1..1000 (default 1000). */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Requests in flight at once, 1..40 (default 1: sequential). */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Called after each batch with the running totals, one call at a time (never concurrently),
     * from the thread that sent the batch.
     */
    public Builder progressListener(Consumer<BatchProgress> listener) {
      this.progressListener = Objects.requireNonNull(listener, "progressListener");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public BatchOptions build() {
      return new BatchOptions(this);
    }
  }
}
