package dev.zuoraclient.callouts.exception;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Root of every exception this library throws once a request has been attempted. Unchecked, as in
 * the HTTP clients this library follows.
 *
 * <p>A closed tree of four branches: {@link ZuoraServiceException} when Zuora answered with an
 * error status, {@link ZuoraOutcomeUnknownException} when no usable answer arrived, {@link
 * ZuoraConnectionException} when no connection could be made (nothing was sent), and {@link
 * ZuoraTokenException} when no bearer token could be had. Input that breaks a rule is rejected
 * before any I/O with an {@link IllegalArgumentException} (or a {@link NullPointerException} for a
 * missing argument), never with this type.
 *
 * <p>Every instance says which call it belongs to: the HTTP status (when there was one), Zuora's
 * {@code Zuora-Request-Id}, the {@code Zuora-Track-Id} and {@code Idempotency-Key} that were sent,
 * and the callout history IDs of the request. {@link #getMessage()} ends with {@code (status=...,
 * requestId=...)}. Nothing here ever holds a token or a secret.
 */
public abstract sealed class ZuoraException extends RuntimeException
    permits ZuoraServiceException,
        ZuoraOutcomeUnknownException,
        ZuoraConnectionException,
        ZuoraTokenException {
  private static final long serialVersionUID = 1L;

  private final String detail;
  private final int statusCode;
  private final String requestId;
  private final String trackId;
  private final String idempotencyKey;
  private final List<String> ids;
  private final int attempts;

  ZuoraException(String detail, Context context, Throwable cause) {
    super(detail, cause);
    this.detail = Objects.requireNonNull(detail, "detail");
    this.statusCode = context.statusCode;
    this.requestId = context.requestId;
    this.trackId = context.trackId;
    this.idempotencyKey = context.idempotencyKey;
    this.ids = context.ids;
    this.attempts = context.attempts;
  }

  /** The HTTP status of Zuora's answer, or empty when no answer arrived. */
  public OptionalInt statusCode() {
    return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  /** Zuora's {@code Zuora-Request-Id} for the failed call, when Zuora sent one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The {@code Zuora-Track-Id} that was sent, if any. */
  public Optional<String> trackId() {
    return Optional.ofNullable(trackId);
  }

  /**
   * The {@code Idempotency-Key} that was sent. Retrying the same IDs with this key is safe: Zuora
   * replays the stored answer instead of resending twice.
   */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /** The callout history IDs of the request this exception is about, in request order. */
  public List<String> ids() {
    return ids;
  }

  /** How many attempts were made before giving up (1 when the call was not retried). */
  public int attempts() {
    return attempts;
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder(detail.length() + 64).append(detail).append(" (status=");
    sb.append(statusCode == 0 ? "none" : Integer.toString(statusCode));
    sb.append(", requestId=").append(requestId == null ? "none" : requestId);
    if (trackId != null) {
      sb.append(", trackId=").append(trackId);
    }
    if (attempts > 1) {
      sb.append(", attempts=").append(attempts);
    }
    return sb.append(')').toString();
  }

  /**
   * What every exception carries about the call it belongs to. Built by the library; public only so
   * that the exception types can live in their own package.
   */
  public static final class Context {
    final int statusCode;
    final String requestId;
    final String trackId;
    final String idempotencyKey;
    final List<String> ids;
    final int attempts;

    private Context(
        int statusCode,
        String requestId,
        String trackId,
        String idempotencyKey,
        List<String> ids,
        int attempts) {
      this.statusCode = statusCode;
      this.requestId = requestId;
      this.trackId = trackId;
      this.idempotencyKey = idempotencyKey;
      this.ids = List.copyOf(ids);
      this.attempts = Math.max(1, attempts);
    }

    /**
     * @param statusCode the HTTP status, or 0 when no answer arrived
     * @param requestId Zuora's request ID, or null
     * @param trackId the track ID sent, or null
     * @param idempotencyKey the idempotency key sent, or null
     * @param ids the IDs of the request
     */
    public static Context of(
        int statusCode, String requestId, String trackId, String idempotencyKey, List<String> ids) {
      return new Context(statusCode, requestId, trackId, idempotencyKey, ids, 1);
    }

    /** The same context, after {@code attempts} attempts. */
    public Context withAttempts(int attempts) {
      return new Context(statusCode, requestId, trackId, idempotencyKey, ids, attempts);
    }
  }
}
