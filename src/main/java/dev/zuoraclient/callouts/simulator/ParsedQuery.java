package dev.zuoraclient.callouts.simulator;

import java.time.Instant;
import java.util.Set;

/**
 * The values of a failed-callout query ({@link QueryShape}), and what they mean: a row is a record
 * created in {@code [from, to)} that did not get a 2xx and passes every filter; a filter that is
 * null is absent, and a record with no value for a filtered column never passes (SQL's {@code IN}
 * with a null). Successes count for {@code succeeded_later_at} from {@code successesFrom} on.
 */
record ParsedQuery(
    Instant successesFrom,
    Instant from,
    Instant to,
    Set<String> eventCategories,
    Set<String> notificationIds,
    Set<String> objectIds,
    Set<String> accountIds,
    Set<Integer> responseCodes) {

  /** Every failed callout of the history, whenever made, unfiltered: a seeded job's result. */
  static final ParsedQuery EVERY_FAILURE =
      new ParsedQuery(
          Instant.EPOCH,
          Instant.EPOCH,
          Instant.parse("9999-12-31T23:59:59.999Z"),
          null,
          null,
          null,
          null,
          null);

  boolean matches(CalloutRecord r) {
    return !r.createTime().isBefore(from)
        && r.createTime().isBefore(to)
        && !r.isSuccess()
        && in(eventCategories, r.eventCategory())
        && in(notificationIds, r.notificationId())
        && in(objectIds, r.objectId())
        && in(accountIds, r.accountId())
        && (responseCodes == null || responseCodes.contains(r.responseCode()));
  }

  private static boolean in(Set<String> filter, String value) {
    return filter == null || (value != null && filter.contains(value));
  }
}
