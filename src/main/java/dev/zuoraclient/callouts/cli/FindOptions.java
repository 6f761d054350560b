package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that say which failed callouts to find, shared by {@code failed} and {@code resend
 * --failed}: the window and the filters of {@link FailedCalloutQuery}.
 */
final class FindOptions {
  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      converter = InstantArg.class,
      description =
          "The start of the window: ISO-8601 with Z or an offset (2026-12-01T02:00:00Z). Required.")
  Instant from;

  @Option(
      names = "--to",
      paramLabel = "INSTANT",
      converter = InstantArg.class,
      description = "The end of the window (exclusive); default: now.")
  Instant to;

  @Option(
      names = "--event-category",
      paramLabel = "NAME",
      description = "Only this event category (repeat for more).")
  List<String> eventCategories = new ArrayList<>();

  @Option(
      names = "--notification-id",
      paramLabel = "ID",
      description = "Only callouts of this notification definition (repeat for more).")
  List<String> notificationIds = new ArrayList<>();

  @Option(
      names = "--object-id",
      paramLabel = "ID",
      description = "Only callouts about this object (repeat for more).")
  List<String> objectIds = new ArrayList<>();

  @Option(
      names = "--account-id",
      paramLabel = "ID",
      description = "Only callouts about this customer account (repeat for more).")
  List<String> accountIds = new ArrayList<>();

  @Option(
      names = "--response-code",
      paramLabel = "CODE",
      description =
          "Only callouts answered with this status (repeat for more; negative: no answer).")
  List<Integer> responseCodes = new ArrayList<>();

  @Option(
      names = "--include-superseded",
      description =
          "Also list failures that a later callout of the same notification for the same object superseded.")
  boolean includeSuperseded;

  /** Whether any of these options was given (for {@code resend}, which needs {@code --failed}). */
  boolean anyGiven() {
    return from != null
        || to != null
        || !eventCategories.isEmpty()
        || !notificationIds.isEmpty()
        || !objectIds.isEmpty()
        || !accountIds.isEmpty()
        || !responseCodes.isEmpty()
        || includeSuperseded;
  }

  /**
   * The query these options describe.
   *
   * @param timeout how long the find may take, or null for the library's default
   * @throws IllegalArgumentException naming the option at fault
   */
  FailedCalloutQuery query(Duration timeout) {
    if (from == null) {
      throw new IllegalArgumentException(
          "--from is required: the start of the window to search (for example"
              + " --from 2026-12-01T02:00:00Z)");
    }
    FailedCalloutQuery.Builder b = FailedCalloutQuery.builder().from(from);
    if (to != null) {
      b.to(to);
    }
    try {
      b.eventCategories(eventCategories)
          .notificationIds(notificationIds)
          .objectIds(objectIds)
          .accountIds(accountIds)
          .responseCodes(responseCodes)
          .includeSuperseded(includeSuperseded);
      if (timeout != null) {
        b.timeout(timeout);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(optionNames(e.getMessage()), e);
    }
  }

  /** The builder's words with its names as the options' ({@code eventCategories[0]} and so on). */
  private static String optionNames(String message) {
    return message
        .replace("eventCategories", "--event-category")
        .replace("notificationIds", "--notification-id")
        .replace("objectIds", "--object-id")
        .replace("accountIds", "--account-id")
        .replace("responseCodes", "--response-code")
        .replace("from (", "--from (")
        .replace("to (", "--to (");
  }
}
