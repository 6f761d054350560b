package dev.zuoraclient.callouts.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * One callout history record, as Data Query's table {@code notificationhistorycallout} holds it: a
 * row the simulator's Data Query answers from (see {@link ZuoraSimulator.Builder#calloutHistory}).
 *
 * <pre>{@code
 * Instant t = Instant.parse("2026-12-01T02:00:00Z");
 * CalloutRecord failed =
 *     CalloutRecord.failed("a1", t, 500).withNotification("n1").withObject("inv-1");
 * CalloutRecord retried =
 *     CalloutRecord.succeeded("a2", t.plusSeconds(60)).withNotification("n1").withObject("inv-1");
 * }</pre>
 *
 * <p>The simulator keeps {@link #createTime()} to the millisecond, as Zuora's result file writes
 * it: the constructor truncates finer precision.
 *
 * @param id the record's ID (a callout history ID, which the resend endpoint takes); not blank
 * @param createTime when the callout was made; not null
 * @param responseCode the HTTP status the callout got (a 2xx is a success; Zuora records {@code -1}
 *     when no answer came)
 * @param eventCategory the event category, for example {@code InvoicePosted}; may be null
 * @param notificationId the notification definition's ID; may be null (then no success ever
 *     supersedes the record)
 * @param objectId the ID of the object the callout was about (an invoice's, say); may be null
 * @param accountId the customer account's ID; may be null
 */
public record CalloutRecord(
    String id,
    Instant createTime,
    int responseCode,
    String eventCategory,
    String notificationId,
    String objectId,
    String accountId) {

  /** Checks {@code id} and {@code createTime}; truncates {@code createTime} to milliseconds. */
  public CalloutRecord {
    Objects.requireNonNull(id, "id must not be null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    Objects.requireNonNull(createTime, "createTime must not be null");
    createTime = Instant.ofEpochMilli(createTime.toEpochMilli());
  }

  /**
   * A failed callout: answered {@code responseCode} (anything but a 2xx, or {@code -1} for none),
   * with no category, notification, object or account until a {@code withX} sets them.
   *
   * @throws IllegalArgumentException when {@code responseCode} is a 2xx
   */
  public static CalloutRecord failed(String id, Instant createTime, int responseCode) {
    if (responseCode >= 200 && responseCode <= 299) {
      throw new IllegalArgumentException(
          "responseCode of a failed callout must not be a 2xx (got " + responseCode + ")");
    }
    return new CalloutRecord(id, createTime, responseCode, null, null, null, null);
  }

  /** A callout answered 200, with no category, notification, object or account yet. */
  public static CalloutRecord succeeded(String id, Instant createTime) {
    return new CalloutRecord(id, createTime, 200, null, null, null, null);
  }

  /** This record with another event category. */
  public CalloutRecord withEventCategory(String category) {
    return new CalloutRecord(
        id, createTime, responseCode, category, notificationId, objectId, accountId);
  }

  /** This record with another notification definition's ID. */
  public CalloutRecord withNotification(String id) {
    return new CalloutRecord(
        this.id, createTime, responseCode, eventCategory, id, objectId, accountId);
  }

  /** This record with another object's ID. */
  public CalloutRecord withObject(String id) {
    return new CalloutRecord(
        this.id, createTime, responseCode, eventCategory, notificationId, id, accountId);
  }

  /** This record with another customer account's ID. */
  public CalloutRecord withAccount(String id) {
    return new CalloutRecord(
        this.id, createTime, responseCode, eventCategory, notificationId, objectId, id);
  }

  /** This record with another response code. */
  public CalloutRecord withResponseCode(int code) {
    return new CalloutRecord(
        id, createTime, code, eventCategory, notificationId, objectId, accountId);
  }

  /** Whether the callout succeeded: a 2xx. */
  public boolean isSuccess() {
    return responseCode >= 200 && responseCode <= 299;
  }
}
