package dev.zuoraclient.callouts.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which failed callouts to find: the callout history records created in {@code [from, to)} whose
 * callout was not answered with a 2xx, narrowed by optional filters. Immutable; built with {@link
 * #builder()}.
 *
 * <p>Every value is typed and goes into the query as a literal: no filter value can change the
 * query's shape (see {@code docs/finding-failed-callouts.md} for the query sent).
 *
 * <p><b>Superseded failures are left out by default.</b> A failure is superseded when a later
 * callout of the same notification for the same object succeeded (a retry, a resend, or the next
 * event of that object): its webhook was delivered, or newer news of the object was, and resending
 * it would send the customer's webhook twice, or an older state after a newer one. {@link
 * Builder#includeSuperseded(boolean)} keeps them; either way {@link FailedCallouts#summary()} says
 * how many there were.
 */
public final class FailedCalloutQuery {
  /** The longest window one query may cover (Data Query reads at most 10 million records). */
  public static final Duration MAX_WINDOW = Duration.ofDays(31);

  /** How long a find may take in all, unless {@link Builder#timeout} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  /** The most values one filter may list. */
  public static final int MAX_FILTER_VALUES = 1000;

  /** The longest filter value. */
  public static final int MAX_VALUE_LENGTH = 255;

  private final Instant from;
  private final Instant to;
  private final List<String> eventCategories;
  private final List<String> notificationIds;
  private final List<String> objectIds;
  private final List<String> accountIds;
  private final List<Integer> responseCodes;
  private final boolean includeSuperseded;
  private final Duration timeout;

  private FailedCalloutQuery(Builder b) {
    if (b.from == null) {
      throw new IllegalArgumentException("from is required: the start of the window");
    }
    Instant end = b.to != null ? b.to : b.clock.instant();
    if (!b.from.isBefore(end)) {
      throw new IllegalArgumentException(
          "the window is empty: from ("
              + b.from
              + ") must be before to ("
              + end
              + (b.to == null ? ", now" : "")
              + ")");
    }
    if (Duration.between(b.from, end).compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "the window from "
              + b.from
              + " to "
              + end
              + " is longer than "
              + MAX_WINDOW.toDays()
              + " days; split it into shorter windows");
    }
    this.from = b.from;
    this.to = end;
    this.eventCategories = List.copyOf(b.eventCategories);
    this.notificationIds = List.copyOf(b.notificationIds);
    this.objectIds = List.copyOf(b.objectIds);
    this.accountIds = List.copyOf(b.accountIds);
    this.responseCodes = List.copyOf(b.responseCodes);
    this.includeSuperseded = b.includeSuperseded;
    this.timeout = b.timeout;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder(Clock.systemUTC());
  }

  /** The start of the window, inclusive. */
  public Instant from() {
    return from;
  }

  /** The end of the window, exclusive (the time the query was built, when not given). */
  public Instant to() {
    return to;
  }

  /** Only these event categories, as Zuora names them; empty for every category. */
  public List<String> eventCategories() {
    return eventCategories;
  }

  /** Only callouts of these notification definitions; empty for every notification. */
  public List<String> notificationIds() {
    return notificationIds;
  }

  /** Only callouts about these objects (an invoice's ID, say); empty for every object. */
  public List<String> objectIds() {
    return objectIds;
  }

  /** Only callouts about these customer accounts; empty for every account. */
  public List<String> accountIds() {
    return accountIds;
  }

  /** Only callouts answered with these HTTP statuses; empty for every failure. */
  public List<Integer> responseCodes() {
    return responseCodes;
  }

  /** Whether superseded failures are kept (see the class comment); false by default. */
  public boolean includeSuperseded() {
    return includeSuperseded;
  }

  /** How long the find may take in all: the job, its polling and the download. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FailedCalloutQuery q
        && from.equals(q.from)
        && to.equals(q.to)
        && eventCategories.equals(q.eventCategories)
        && notificationIds.equals(q.notificationIds)
        && objectIds.equals(q.objectIds)
        && accountIds.equals(q.accountIds)
        && responseCodes.equals(q.responseCodes)
        && includeSuperseded == q.includeSuperseded
        && timeout.equals(q.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        from,
        to,
        eventCategories,
        notificationIds,
        objectIds,
        accountIds,
        responseCodes,
        includeSuperseded,
        timeout);
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("FailedCalloutQuery[from=").append(from).append(", to=").append(to);
    filter(sb, "eventCategories", eventCategories);
    filter(sb, "notificationIds", notificationIds);
    filter(sb, "objectIds", objectIds);
    filter(sb, "accountIds", accountIds);
    filter(sb, "responseCodes", responseCodes);
    if (includeSuperseded) {
      sb.append(", includeSuperseded");
    }
    return sb.append(']').toString();
  }

  private static void filter(StringBuilder sb, String name, List<?> values) {
    if (!values.isEmpty()) {
      sb.append(", ").append(name).append('=').append(values);
    }
  }

  /** Builds a {@link FailedCalloutQuery}; every value is checked when it is set. */
  public static final class Builder {
    private final Clock clock;
    private Instant from;
    private Instant to;
    private final Set<String> eventCategories = new LinkedHashSet<>();
    private final Set<String> notificationIds = new LinkedHashSet<>();
    private final Set<String> objectIds = new LinkedHashSet<>();
    private final Set<String> accountIds = new LinkedHashSet<>();
    private final Set<Integer> responseCodes = new LinkedHashSet<>();
    private boolean includeSuperseded;
    private Duration timeout = DEFAULT_TIMEOUT;

    Builder(Clock clock) {
      this.clock = clock;
    }

    /** The start of the window, inclusive. Required. */
    public Builder from(Instant from) {
      this.from = Objects.requireNonNull(from, "from");
      return this;
    }

    /** The end of the window, exclusive; now when not set. */
    public Builder to(Instant to) {
      this.to = Objects.requireNonNull(to, "to");
      return this;
    }

    /** Only these event categories (Zuora's names for them); adds to those given before. */
    public Builder eventCategories(Collection<String> categories) {
      return add(eventCategories, "eventCategories", categories);
    }

    /** Only these notification definitions; adds to those given before. */
    public Builder notificationIds(Collection<String> ids) {
      return add(notificationIds, "notificationIds", ids);
    }

    /** Only callouts about these objects; adds to those given before. */
    public Builder objectIds(Collection<String> ids) {
      return add(objectIds, "objectIds", ids);
    }

    /** Only callouts about these customer accounts; adds to those given before. */
    public Builder accountIds(Collection<String> ids) {
      return add(accountIds, "accountIds", ids);
    }

    /**
     * Only callouts answered with these statuses; adds to those given before. Zuora records a
     * callout that got no answer (a refused connection, a timeout) with a negative code.
     *
     * @throws IllegalArgumentException for a 2xx status, which is no failure, or one outside
     *     -999..999
     */
    public Builder responseCodes(Collection<Integer> codes) {
      Objects.requireNonNull(codes, "responseCodes");
      for (Integer code : codes) {
        Objects.requireNonNull(code, "responseCodes must not hold null");
        if (code >= 200 && code <= 299) {
          throw new IllegalArgumentException(
              "responseCodes: " + code + " is a success; only failures are found");
        }
        if (code < -999 || code > 999) {
          throw new IllegalArgumentException("responseCodes: " + code + " is no HTTP status");
        }
      }
      checkCount("responseCodes", responseCodes.size() + codes.size());
      responseCodes.addAll(codes);
      return this;
    }

    /** Keeps superseded failures (see {@link FailedCalloutQuery}); false by default. */
    public Builder includeSuperseded(boolean include) {
      this.includeSuperseded = include;
      return this;
    }

    /**
     * How long the find may take in all (submitting, polling, downloading); {@link
     * #DEFAULT_TIMEOUT} when not set. When it passes the job is cancelled.
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive (got " + timeout + ")");
      }
      this.timeout = timeout;
      return this;
    }

    /** The query. */
    public FailedCalloutQuery build() {
      return new FailedCalloutQuery(this);
    }

    private Builder add(Set<String> into, String name, Collection<String> values) {
      Objects.requireNonNull(values, name);
      int i = into.size();
      for (String v : values) {
        String problem = FilterValues.problem(v);
        if (problem != null) {
          throw new IllegalArgumentException(name + "[" + i + "] " + problem);
        }
        i++;
      }
      checkCount(name, into.size() + values.size());
      into.addAll(values);
      return this;
    }

    private static void checkCount(String name, int count) {
      if (count > MAX_FILTER_VALUES) {
        throw new IllegalArgumentException(
            name + " may list at most " + MAX_FILTER_VALUES + " values (got " + count + ")");
      }
    }
  }
}
