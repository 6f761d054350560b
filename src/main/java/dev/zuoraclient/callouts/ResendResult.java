package dev.zuoraclient.callouts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Zuora did with one resend request: which callout notifications it resent and which it did
 * not, with Zuora's code and message for each failure.
 *
 * <p>All three documented outcomes arrive as a result, so that one code path handles them:
 *
 * <ul>
 *   <li>{@link Outcome#ALL_ACCEPTED}: 202 with a blank body;
 *   <li>{@link Outcome#PARTIALLY_ACCEPTED}: 202 with a map of the failed IDs;
 *   <li>{@link Outcome#ALL_REJECTED}: 400 with one failure per ID.
 * </ul>
 *
 * <p>{@link #accepted()} and {@link #failures()} together hold every requested ID exactly once,
 * both in request order. Immutable and thread-safe.
 */
public final class ResendResult {

  /** The three documented outcomes of a resend. */
  public enum Outcome {
    /** Every notification was resent (202, blank body). */
    ALL_ACCEPTED,
    /** Some were resent, some failed (202 with the failures). */
    PARTIALLY_ACCEPTED,
    /** None was resent (400 with one failure per ID). */
    ALL_REJECTED
  }

  private final List<String> accepted;
  private final List<ResendFailure> failures;
  private final int statusCode;
  private final String requestId;
  private final String trackId;
  private final String idempotencyKey;
  private final RateLimit rateLimit;
  private final Map<String, String> headers;

  private ResendResult(Builder b) {
    this.accepted = List.copyOf(b.accepted);
    this.failures = List.copyOf(b.failures);
    this.statusCode = b.statusCode;
    this.requestId = b.requestId;
    this.trackId = b.trackId;
    this.idempotencyKey = b.idempotencyKey;
    this.rateLimit = b.rateLimit;
    this.headers =
        b.headers.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
  }

  /** The outcome: all accepted, partially accepted or all rejected. */
  public Outcome outcome() {
    if (failures.isEmpty()) {
      return Outcome.ALL_ACCEPTED;
    }
    return accepted.isEmpty() ? Outcome.ALL_REJECTED : Outcome.PARTIALLY_ACCEPTED;
  }

  /** True when every requested notification was resent. */
  public boolean isAllAccepted() {
    return failures.isEmpty();
  }

  /** True when some notifications were resent and some failed. */
  public boolean isPartial() {
    return !failures.isEmpty() && !accepted.isEmpty();
  }

  /** True when no notification was resent. */
  public boolean isAllRejected() {
    return accepted.isEmpty() && !failures.isEmpty();
  }

  /** The IDs Zuora resent, in request order. */
  public List<String> accepted() {
    return accepted;
  }

  /** The IDs Zuora did not resend, with its reasons, in request order. */
  public List<ResendFailure> failures() {
    return failures;
  }

  /** Number of IDs in the request. */
  public int requestedCount() {
    return accepted.size() + failures.size();
  }

  /** The HTTP status: 202, or 400 when every notification failed. */
  public int statusCode() {
    return statusCode;
  }

  /** Zuora's {@code Zuora-Request-Id} of the call. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The {@code Zuora-Track-Id} Zuora echoed (or the one sent, if Zuora echoed none). */
  public Optional<String> trackId() {
    return Optional.ofNullable(trackId);
  }

  /** The {@code Idempotency-Key} the request carried. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /** The {@code RateLimit-*} headers, when Zuora sent any. */
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /**
   * Every response header the spec declares that Zuora sent (its first value), by the spec's name:
   * {@code Zuora-Request-Id}, {@code RateLimit-Remaining} and so on. A header the spec adds later
   * is here without a new release of this library; headers the spec does not declare are not.
   */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ResendResult r)) {
      return false;
    }
    return statusCode == r.statusCode
        && accepted.equals(r.accepted)
        && failures.equals(r.failures)
        && Objects.equals(requestId, r.requestId)
        && Objects.equals(trackId, r.trackId)
        && Objects.equals(idempotencyKey, r.idempotencyKey)
        && Objects.equals(rateLimit, r.rateLimit)
        && headers.equals(r.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        accepted, failures, statusCode, requestId, trackId, idempotencyKey, rateLimit, headers);
  }

  @Override
  public String toString() {
    return "ResendResult{outcome="
        + outcome()
        + ", accepted="
        + accepted.size()
        + ", failures="
        + failures
        + ", status="
        + statusCode
        + ", requestId="
        + requestId
        + ", trackId="
        + trackId
        + '}';
  }

  /** A builder, for the client and for tests of code that consumes results. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ResendResult}; not thread-safe. */
  public static final class Builder {
    private List<String> accepted = List.of();
    private List<ResendFailure> failures = List.of();
    private int statusCode = 202;
    private String requestId;
    private String trackId;
    private String idempotencyKey;
    private RateLimit rateLimit;
    private Map<String, String> headers = Map.of();

    private Builder() {}

    /** The spec-declared response headers Zuora sent, by name. */
    public Builder headers(Map<String, String> headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /** The IDs resent, in request order. */
    public Builder accepted(List<String> accepted) {
      this.accepted = Objects.requireNonNull(accepted, "accepted");
      return this;
    }

    /** The failures, in request order. */
    public Builder failures(List<ResendFailure> failures) {
      this.failures = Objects.requireNonNull(failures, "failures");
      return this;
    }

    /** The HTTP status. */
    public Builder statusCode(int statusCode) {
      this.statusCode = statusCode;
      return this;
    }

    /** Zuora's request ID. */
    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    /** The echoed track ID. */
    public Builder trackId(String trackId) {
      this.trackId = trackId;
      return this;
    }

    /** The idempotency key sent. */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** The rate-limit headers. */
    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    /**
     * The result.
     *
     * @throws IllegalArgumentException when no ID is given at all
     */
    public ResendResult build() {
      if (accepted.isEmpty() && failures.isEmpty()) {
        throw new IllegalArgumentException("a result needs at least one accepted or failed ID");
      }
      return new ResendResult(this);
    }
  }
}
