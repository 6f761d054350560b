package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.internal.HeaderRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-call options of a resend: the headers that belong to one call rather than to the client.
 * Immutable; built with {@link #builder()}, which checks every header rule and fails naming the
 * field and the rule.
 *
 * <pre>{@code
 * ResendOptions options = ResendOptions.builder()
 *     .trackId("outage-2026-11-27")
 *     .idempotencyKey("resend-batch-42")
 *     .build();
 * }</pre>
 *
 * <p>{@link #toBuilder()} copies everything except the idempotency key: a key belongs to one
 * payload, and reusing it for another would make Zuora replay the wrong answer.
 */
public final class ResendOptions {
  private static final ResendOptions NONE = new Builder().build();

  private final String trackId;
  private final String idempotencyKey;
  private final String entityId;
  private final List<String> orgIds;
  private final String orgIdsHeader;
  private final boolean gzipRequest;

  private ResendOptions(Builder b) {
    this.trackId = b.trackId == null ? null : HeaderRules.checkTrackId(b.trackId);
    this.idempotencyKey =
        b.idempotencyKey == null ? null : HeaderRules.checkIdempotencyKey(b.idempotencyKey);
    this.entityId = b.entityId == null ? null : HeaderRules.checkEntityId(b.entityId);
    this.orgIdsHeader = b.orgIds == null ? null : HeaderRules.checkOrgIds(b.orgIds);
    this.orgIds = b.orgIds == null ? null : List.copyOf(b.orgIds);
    this.gzipRequest = b.gzipRequest;
  }

  /** Options that set nothing: the client's defaults apply. */
  public static ResendOptions none() {
    return NONE;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with these options, except the idempotency key, which is never carried over. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.trackId = trackId;
    b.entityId = entityId;
    b.orgIds = orgIds;
    b.gzipRequest = gzipRequest;
    return b;
  }

  /** The {@code Zuora-Track-Id} to send; Zuora echoes it back. */
  public Optional<String> trackId() {
    return Optional.ofNullable(trackId);
  }

  /**
   * The {@code Idempotency-Key} to send. When empty, the client generates a random one per call, so
   * that every call can be retried safely.
   */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /** The {@code Zuora-Entity-Ids} to send, overriding the client's default. */
  public Optional<String> entityId() {
    return Optional.ofNullable(entityId);
  }

  /** The {@code Zuora-Org-Ids} to send, overriding the client's default. */
  public Optional<List<String>> orgIds() {
    return Optional.ofNullable(orgIds);
  }

  /** Whether the request body is sent gzipped, with {@code Content-Encoding: gzip}. */
  public boolean gzipRequest() {
    return gzipRequest;
  }

  String orgIdsHeader() {
    return orgIdsHeader;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ResendOptions other)) {
      return false;
    }
    return gzipRequest == other.gzipRequest
        && Objects.equals(trackId, other.trackId)
        && Objects.equals(idempotencyKey, other.idempotencyKey)
        && Objects.equals(entityId, other.entityId)
        && Objects.equals(orgIds, other.orgIds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(trackId, idempotencyKey, entityId, orgIds, gzipRequest);
  }

  @Override
  public String toString() {
    return "ResendOptions{trackId="
        + trackId
        + ", idempotencyKey="
        + idempotencyKey
        + ", entityId="
        + entityId
        + ", orgIds="
        + orgIds
        + ", gzipRequest="
        + gzipRequest
        + '}';
  }

  /** Builds {@link ResendOptions}; not thread-safe. */
  public static final class Builder {
    private String trackId;
    private String idempotencyKey;
    private String entityId;
    private List<String> orgIds;
    private boolean gzipRequest;

    private Builder() {}

    /**
     * {@code Zuora-Track-Id}, as the spec rules it (today 1..64 printable US-ASCII, none of {@code
     * : ; " '}).
     */
    public Builder trackId(String trackId) {
      this.trackId = trackId;
      return this;
    }

    /**
     * {@code Idempotency-Key}, as the spec rules it (today 1..255 printable US-ASCII characters, no
     * spaces).
     */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** {@code Zuora-Entity-Ids}: one entity ID. */
    public Builder entityId(String entityId) {
      this.entityId = entityId;
      return this;
    }

    /** {@code Zuora-Org-Ids}: one or more org IDs, sent comma-separated. */
    public Builder orgIds(List<String> orgIds) {
      this.orgIds = orgIds == null ? null : new ArrayList<>(orgIds);
      return this;
    }

    /** Send the request body gzipped. */
    public Builder gzipRequest(boolean gzipRequest) {
      this.gzipRequest = gzipRequest;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the field and the rule it breaks
     */
    public ResendOptions build() {
      return new ResendOptions(this);
    }
  }
}
