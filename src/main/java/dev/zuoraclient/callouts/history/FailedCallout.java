package dev.zuoraclient.callouts.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One failed callout, as Zuora's callout history records it: the history record's ID (what a resend
 * takes), when the callout was made, how the receiver answered, and what it was about.
 */
public final class FailedCallout {
  private final String id;
  private final Instant createTime;
  private final int responseCode;
  private final String eventCategory;
  private final String notificationId;
  private final String objectId;
  private final String accountId;
  private final Instant succeededLaterAt;

  /**
   * @param id the callout history record's ID
   * @param createTime when the callout was made
   * @param responseCode the receiver's HTTP status; negative when no answer came (Zuora's record of
   *     a refused connection or a timeout)
   * @param eventCategory the event's category, or null
   * @param notificationId the notification definition's ID, or null
   * @param objectId the ID of the object the event is about, or null
   * @param accountId the customer account's ID, or null
   * @param succeededLaterAt when a later callout of the same notification for the same object
   *     succeeded, or null when none did
   */
  public FailedCallout(
      String id,
      Instant createTime,
      int responseCode,
      String eventCategory,
      String notificationId,
      String objectId,
      String accountId,
      Instant succeededLaterAt) {
    this.id = Objects.requireNonNull(id, "id");
    this.createTime = Objects.requireNonNull(createTime, "createTime");
    if (responseCode >= 200 && responseCode <= 299) {
      throw new IllegalArgumentException(
          "responseCode " + responseCode + " is a success, not a failed callout");
    }
    this.responseCode = responseCode;
    this.eventCategory = eventCategory;
    this.notificationId = notificationId;
    this.objectId = objectId;
    this.accountId = accountId;
    this.succeededLaterAt = succeededLaterAt;
  }

  /** The callout history record's ID: what {@code resend} and {@code resendAll} take. */
  public String id() {
    return id;
  }

  /** When the callout was made. */
  public Instant createTime() {
    return createTime;
  }

  /**
   * The receiver's HTTP status, or a negative number when no answer came (a refused connection, a
   * timeout).
   */
  public int responseCode() {
    return responseCode;
  }

  /** The event's category, as Zuora names it. */
  public Optional<String> eventCategory() {
    return Optional.ofNullable(eventCategory);
  }

  /** The notification definition's ID. */
  public Optional<String> notificationId() {
    return Optional.ofNullable(notificationId);
  }

  /** The ID of the object the event is about. */
  public Optional<String> objectId() {
    return Optional.ofNullable(objectId);
  }

  /** The customer account's ID. */
  public Optional<String> accountId() {
    return Optional.ofNullable(accountId);
  }

  /**
   * When a later callout of the same notification for the same object succeeded; empty when none
   * did. A failure with such a success is superseded: see {@link FailedCalloutQuery}.
   */
  public Optional<Instant> succeededLaterAt() {
    return Optional.ofNullable(succeededLaterAt);
  }

  /** Whether a later callout of the same notification for the same object succeeded. */
  public boolean superseded() {
    return succeededLaterAt != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FailedCallout c
        && id.equals(c.id)
        && createTime.equals(c.createTime)
        && responseCode == c.responseCode
        && Objects.equals(eventCategory, c.eventCategory)
        && Objects.equals(notificationId, c.notificationId)
        && Objects.equals(objectId, c.objectId)
        && Objects.equals(accountId, c.accountId)
        && Objects.equals(succeededLaterAt, c.succeededLaterAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, createTime, responseCode, eventCategory, objectId);
  }

  @Override
  public String toString() {
    return "FailedCallout[id="
        + id
        + ", createTime="
        + createTime
        + ", responseCode="
        + responseCode
        + (eventCategory == null ? "" : ", eventCategory=" + eventCategory)
        + (objectId == null ? "" : ", objectId=" + objectId)
        + (succeededLaterAt == null ? "" : ", succeededLaterAt=" + succeededLaterAt)
        + "]";
  }
}
