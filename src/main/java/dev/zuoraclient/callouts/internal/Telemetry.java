package dev.zuoraclient.callouts.internal;

/**
 * Where the client reports what it does: calls, attempts, waits before retries and token fetches,
 * each a timed span with a few tags of bounded cardinality (never an ID, key, track ID or token).
 * {@link #NONE} costs nothing; {@link #of(Object)} reports to a Micrometer {@code
 * ObservationRegistry}, which is only touched, and so only needed on the class path, when one is
 * given.
 */
public interface Telemetry {
  /** A call: {@code zuora.resend}. */
  String CALL = "zuora.resend";

  /** One attempt of a call: {@code zuora.resend.attempt}. */
  String ATTEMPT = "zuora.resend.attempt";

  /** A wait before a retry: {@code zuora.resend.backoff}. */
  String BACKOFF = "zuora.resend.backoff";

  /** A token request: {@code zuora.token.fetch}. */
  String TOKEN_FETCH = "zuora.token.fetch";

  /** Reports nothing. */
  Telemetry NONE = name -> Span.NONE;

  /**
   * Telemetry reporting to {@code observationRegistry} (an {@code
   * io.micrometer.observation.ObservationRegistry}), or {@link #NONE} for null.
   */
  static Telemetry of(Object observationRegistry) {
    return observationRegistry == null ? NONE : MicrometerTelemetry.create(observationRegistry);
  }

  /** Starts a span, current on this thread until closed. */
  Span start(String name);

  /** One timed piece of work; tags are set before {@link #close()}. */
  interface Span extends AutoCloseable {
    /** Does nothing. */
    Span NONE =
        new Span() {
          @Override
          public Span tag(String key, String value) {
            return this;
          }

          @Override
          public void error(Throwable error) {}

          @Override
          public void close() {}
        };

    /** A tag of bounded cardinality. */
    Span tag(String key, String value);

    /** The error that ended the work. */
    void error(Throwable error);

    /** Ends the span. */
    @Override
    void close();
  }

  /** The tag value for an HTTP status: {@code 2xx}, {@code 4xx}, {@code 5xx}, or {@code none}. */
  static String statusClass(int status) {
    return status >= 100 && status <= 599 ? (status / 100) + "xx" : "none";
  }
}
