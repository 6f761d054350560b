package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.internal.BatchResender;
import dev.zuoraclient.callouts.internal.Durations;
import dev.zuoraclient.callouts.internal.IdRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
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
 *
 * <p>{@link #concurrency()} is an upper bound: the run adapts how many batches are in flight to
 * what the tenant has room for (see {@link Builder#adaptiveConcurrency(boolean)}). With a {@link
 * #journal()}, the run can be interrupted or crash and be resumed without resending anything twice.
 */
public final class BatchOptions {
  private static final BatchOptions DEFAULTS = builder().build();

  private final ResendOptions requestOptions;
  private final int batchSize;
  private final int concurrency;
  private final Consumer<BatchProgress> progressListener;
  private final BatchEventListener eventListener;
  private final Path journal;
  private final boolean adaptiveConcurrency;
  private final Duration stopGracePeriod;
  private final Duration maxRateLimitWait;
  private final Duration maxRateLimitedTime;
  private final Duration timeout;

  private BatchOptions(Builder b) {
    this.requestOptions = Objects.requireNonNull(b.requestOptions, "requestOptions");
    if (b.batchSize < 1 || b.batchSize > IdRules.MAX_IDS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "batchSize must be between 1 and "
              + IdRules.MAX_IDS_PER_REQUEST
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
    this.eventListener = b.eventListener;
    this.journal = b.journal;
    this.adaptiveConcurrency = b.adaptiveConcurrency;
    this.stopGracePeriod =
        Durations.nonNegative("stopGracePeriod", b.stopGracePeriod, Duration.ofDays(1));
    this.maxRateLimitWait =
        Durations.nonNegative("maxRateLimitWait", b.maxRateLimitWait, Duration.ofDays(1));
    this.maxRateLimitedTime =
        Durations.nonNegative("maxRateLimitedTime", b.maxRateLimitedTime, Duration.ofDays(1));
    this.timeout = b.timeout == null ? null : Durations.positive("timeout", b.timeout);
  }

  /**
   * Defaults: batches of {@link CalloutResendClient#MAX_IDS_PER_REQUEST}, one at a time, no
   * per-call headers, no listener.
   */
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

  /** IDs per request, 1..{@link CalloutResendClient#MAX_IDS_PER_REQUEST}. */
  public int batchSize() {
    return batchSize;
  }

  /** The most requests in flight at once, 1..40. */
  public int concurrency() {
    return concurrency;
  }

  /** The run's journal, if it keeps one. */
  public Optional<Path> journal() {
    return Optional.ofNullable(journal);
  }

  /**
   * What {@link #journal()} holds for a run over {@code ids} with these options, found by reading
   * it as {@link CalloutResendClient#resendAll} would, but without creating, locking or writing it:
   * for a dry run, or to say what a resumed run will skip.
   *
   * @param ids the run's IDs, as they would be given to {@code resendAll} (repeats are dropped)
   * @return empty without a journal, or when the file holds no run yet (it does not exist, or is
   *     empty); else how many batches it holds as resolved, which a run with these IDs does not
   *     send again
   * @throws IllegalArgumentException as {@link #journalPlan(Iterable)}
   * @throws IllegalStateException as {@link #journalPlan(Iterable)}
   * @throws java.io.UncheckedIOException when the file cannot be read
   */
  public OptionalInt journalResolvedBatches(Iterable<String> ids) {
    return journalPlan(ids)
        .map(plan -> OptionalInt.of(plan.resolvedBatches()))
        .orElse(OptionalInt.empty());
  }

  /**
   * What a run over {@code ids} with these options does with what {@link #journal()} holds, found
   * by reading it as {@link CalloutResendClient#resendAll} would, but without creating, locking or
   * writing it: the journal's batches (a resumed run keeps them and their keys, whatever {@link
   * #batchSize()} says), how many are resolved, and which are split because they are larger than a
   * request may now carry.
   *
   * @param ids the run's IDs, as they would be given to {@code resendAll} (repeats are dropped)
   * @return empty without a journal, or when the file holds no run yet (it does not exist, or is
   *     empty)
   * @throws IllegalArgumentException when an ID breaks the rules {@code resendAll} checks, or when
   *     the file is not a journal of this tool, belongs to a run over other IDs, has a line that
   *     does not fit, or holds a batch larger than a request may now carry that may have reached
   *     Zuora (messages start with {@code journal} as {@code resendAll}'s do)
   * @throws IllegalStateException when a run of this program holds the journal (reading it now
   *     would release that run's lock)
   * @throws java.io.UncheckedIOException when the file cannot be read
   */
  public Optional<JournalPlan> journalPlan(Iterable<String> ids) {
    Objects.requireNonNull(ids, "ids must not be null");
    if (journal == null) {
      return Optional.empty();
    }
    List<String> unique = IdRules.unique(ids);
    return Optional.ofNullable(BatchResender.journalPlan(journal, unique, batchSize));
  }

  /** Whether the number of requests in flight adapts to the tenant (default true). */
  public boolean adaptiveConcurrency() {
    return adaptiveConcurrency;
  }

  /** How long an interrupted run waits for the batches in flight (default 10 s). */
  public Duration stopGracePeriod() {
    return stopGracePeriod;
  }

  /**
   * The longest wait Zuora's rate limit may impose, by a 429 or by an answer's spent quota, before
   * the run stops instead of waiting (default 5 minutes).
   */
  public Duration maxRateLimitWait() {
    return maxRateLimitWait;
  }

  /**
   * The longest one batch may keep being refused with 429, from its first refusal, before the run
   * stops (default 10 minutes).
   */
  public Duration maxRateLimitedTime() {
    return maxRateLimitedTime;
  }

  /**
   * The longest the run may take, if it has a limit (default none): once it has passed, no batch
   * starts, and the batches in flight get the {@link #stopGracePeriod()} to end.
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * The listener told the running totals after each batch (a no-op by default): a stand-in for the
   * client calls it as {@code resendAll} would, to drive the caller's progress code.
   */
  public Consumer<BatchProgress> progressListener() {
    return progressListener;
  }

  /** The listener told of each batch's request and end, and of waits (a no-op by default). */
  public BatchEventListener eventListener() {
    return eventListener;
  }

  @Override
  public String toString() {
    return "BatchOptions{batchSize="
        + batchSize
        + ", concurrency="
        + concurrency
        + (adaptiveConcurrency ? " (adaptive)" : " (fixed)")
        + ", journal="
        + journal
        + (timeout == null ? "" : ", timeout=" + timeout)
        + ", requestOptions="
        + requestOptions
        + '}';
  }

  /** Builds {@link BatchOptions}; not thread-safe. */
  public static final class Builder {
    private ResendOptions requestOptions = ResendOptions.none();
    private int batchSize = IdRules.MAX_IDS_PER_REQUEST;
    private int concurrency = 1;
    private Consumer<BatchProgress> progressListener = p -> {};
    private BatchEventListener eventListener = new BatchEventListener() {};
    private Path journal;
    private boolean adaptiveConcurrency = true;
    private Duration stopGracePeriod = Duration.ofSeconds(10);
    private Duration maxRateLimitWait = Duration.ofMinutes(5);
    private Duration maxRateLimitedTime = Duration.ofMinutes(10);
    private Duration timeout;

    private Builder() {}

    /** Headers for every batch; see the class comment for the idempotency key. */
    public Builder requestOptions(ResendOptions requestOptions) {
      this.requestOptions = Objects.requireNonNull(requestOptions, "requestOptions");
      return this;
    }

    /**
     * IDs per request, 1..{@link CalloutResendClient#MAX_IDS_PER_REQUEST} (the default: the spec's
     * {@code maxItems}).
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * The most requests in flight at once, 1..40 (default 1: sequential). Zuora caps the requests a
     * tenant has in flight (40 by default), and the tenant's other integrations use the same slots.
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Whether the run adapts how many requests it has in flight, up to {@link #concurrency(int)},
     * to what the tenant has room for (default true): it starts with 4 (or the concurrency, when
     * lower) and grows while answers come back clean, drops at once, for every worker together,
     * when Zuora answers 429, waits once for the whole run what Zuora asks ({@code Retry-After},
     * {@code RateLimit-Reset}), and starts nothing new while the answers' {@code
     * RateLimit-Remaining} would be used up by what is already in flight. A 429 never uses up a
     * batch's retry attempts: the batch is sent again, with the same key, once there is room. With
     * false, {@link #concurrency(int)} requests are kept in flight whatever the answers, and only
     * the waits apply.
     */
    public Builder adaptiveConcurrency(boolean adaptive) {
      this.adaptiveConcurrency = adaptive;
      return this;
    }

    /**
     * Keeps a journal of the run in {@code file} (JSON Lines; see docs/client.md), forced to disk
     * before each batch is sent and after it ends. When the file already holds the journal of a run
     * over the same IDs, the run resumes in the journal's batches, whatever {@link #batchSize(int)}
     * says: batches with a recorded outcome are not sent again and keep it; every other batch is
     * sent with the idempotency key it was planned with, so Zuora replays what it already did. A
     * journal batch larger than a request may now carry is split, with new keys, when the journal
     * shows it never reached Zuora; when it may have, the run is refused naming its IDs ({@link
     * BatchOptions#journalPlan(Iterable)} says beforehand). A journal of another run, or a corrupt
     * one, fails the run before anything is sent.
     */
    public Builder journal(Path file) {
      this.journal = Objects.requireNonNull(file, "journal");
      return this;
    }

    /**
     * How long a run whose thread is interrupted waits for the batches already in flight before
     * abandoning them (their outcome then unknown); default 10 s. No new batch starts once the
     * thread is interrupted.
     */
    public Builder stopGracePeriod(Duration grace) {
      this.stopGracePeriod = grace;
      return this;
    }

    /**
     * The longest wait Zuora's rate limit may impose before the run stops instead of waiting;
     * default 5 minutes, at most a day. One rule for every answer that imposes a wait: a 429's
     * {@code Retry-After} (else its {@code RateLimit-Reset}), and a documented answer (202 or 400)
     * whose {@code RateLimit-Remaining} is used up until its {@code RateLimit-Reset}. The batches
     * not sent then are unresolved at once, with {@link BatchNotSentException.Reason#RATE_LIMITED}.
     * Waits are counted from when the answer arrived, never from when the request left.
     */
    public Builder maxRateLimitWait(Duration max) {
      this.maxRateLimitWait = max;
      return this;
    }

    /**
     * The longest one batch may keep being refused with 429, counted from its first refusal, before
     * the run stops; default 10 minutes, at most a day. Each refusal waits what Zuora asks, or,
     * when it names no usable wait (none, zero, negative, unreadable, a date past), backs off
     * exponentially as the client's {@link RetryPolicy} does; a tenant that keeps refusing one
     * batch for this long stops the run, and its batches not sent are unresolved with {@link
     * BatchNotSentException.Reason#RATE_LIMITED}.
     */
    public Builder maxRateLimitedTime(Duration max) {
      this.maxRateLimitedTime = max;
      return this;
    }

    /**
     * Called after each batch with the running totals, one call at a time (never concurrently),
     * from the thread that sent the batch. A listener that throws is not called again, and its
     * exception is in {@link BatchResendResult#listenerError()}.
     */
    public Builder progressListener(Consumer<BatchProgress> listener) {
      this.progressListener = Objects.requireNonNull(listener, "progressListener");
      return this;
    }

    /**
     * Told when a batch's request leaves, when the rate limit makes a batch or the run wait, and
     * when a batch ends: for a live display. See {@link BatchEventListener} for when and from which
     * thread.
     */
    public Builder eventListener(BatchEventListener listener) {
      this.eventListener = Objects.requireNonNull(listener, "eventListener");
      return this;
    }

    /**
     * The longest the run may take, counted from the call of {@code resendAll}: once it has passed,
     * no batch starts, the batches in flight get the {@link #stopGracePeriod(Duration) stop grace
     * period} to end, and every batch left is settled with a {@link BatchNotSentException} ({@link
     * BatchNotSentException.Reason#TIMED_OUT}) or, for one abandoned in flight, an unknown outcome.
     * Default none.
     *
     * @throws IllegalArgumentException at {@link #build()} when not positive, or 24 days or more
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
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
