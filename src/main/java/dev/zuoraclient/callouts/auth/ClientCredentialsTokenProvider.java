package dev.zuoraclient.callouts.auth;

import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.internal.Durations;
import dev.zuoraclient.callouts.internal.Endpoints;
import dev.zuoraclient.callouts.internal.Telemetry;
import dev.zuoraclient.callouts.internal.TokenClient;
import dev.zuoraclient.callouts.internal.TransportOptions;
import io.micrometer.observation.ObservationRegistry;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Bearer tokens from Zuora's OAuth client credentials grant ({@code POST /oauth/token}), fetched on
 * first use, cached, and refreshed shortly before they expire.
 *
 * <pre>{@code
 * AccessTokenProvider tokens = ClientCredentialsTokenProvider.builder()
 *     .environment(ZuoraEnvironment.US_PRODUCTION_2)
 *     .clientId(System.getenv("ZUORA_CLIENT_ID"))
 *     .clientSecret(System.getenv("ZUORA_CLIENT_SECRET"))
 *     .build();
 * CalloutResendClient client = CalloutResendClient.builder()
 *     .environment(ZuoraEnvironment.US_PRODUCTION_2)
 *     .accessTokenProvider(tokens)
 *     .build();
 * }</pre>
 *
 * <p>Zuora limits the token endpoint per IP address (about 100 requests a minute), so this provider
 * never asks per call: however many threads need a token at once, one request is made and the
 * others wait for it. When a resend is answered 401, the client calls {@link #invalidate(String)}
 * and retries once with a fresh token. Thread-safe; share one instance. The client secret and the
 * tokens never appear in {@code toString()}, messages or logs.
 *
 * <p>{@link #accessToken()} throws {@link dev.zuoraclient.callouts.exception.ZuoraTokenException}
 * when Zuora refuses the credentials, fails, or cannot be reached.
 *
 * <p>{@link #close()} releases the provider's connections and thread when you are done with it (a
 * {@code try}-with-resources block, or your container's shutdown hook); a dropped provider releases
 * them on its own once it is garbage collected. A provider given your own {@link HttpClient}
 * ({@link Builder#httpClient(HttpClient)}) never closes it: that client is yours to close.
 */
public final class ClientCredentialsTokenProvider implements AccessTokenProvider, AutoCloseable {
  // Just over our 300-line guide on purpose: the token cache and its public builder, every setter
  // documented for the javadoc; the HTTP exchange is TokenClient's.
  private final TokenClient tokenClient;
  private final URI baseUri;
  private final String clientId;
  private final String clientSecret;
  private final Duration refreshMargin;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile Cached current;
  private volatile boolean closed;
  private Failure lastFailure; // guarded by lock
  private boolean replaceRejected; // guarded by lock: the next token replaces a rejected one

  /** Used when Zuora's answer gives no usable {@code expires_in}: its documented lifetime. */
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(3599);

  /** A token is used at least this long, so that a short lifetime cannot flood the endpoint. */
  static final Duration MIN_USE = Duration.ofSeconds(10);

  /**
   * A token fetched to replace a rejected one, that Zuora rejects younger than this, is not
   * refreshed: a new one would fail too.
   */
  static final Duration MIN_REFRESH_AGE = Duration.ofSeconds(30);

  /** After a failed fetch, callers get the same failure for this long instead of asking again. */
  static final Duration FAILURE_HOLD = Duration.ofSeconds(1);

  /**
   * @param replacement whether it was fetched because Zuora rejected the one before it
   */
  private record Cached(String token, Instant fetchedAt, Instant refreshAt, boolean replacement) {}

  private record Failure(RuntimeException error, Instant until) {}

  private ClientCredentialsTokenProvider(Builder b) {
    this.baseUri = Endpoints.resolve(b.environment, b.baseUri);
    this.clientId = required("clientId", b.clientId);
    this.clientSecret = required("clientSecret", b.clientSecret);
    this.refreshMargin = Objects.requireNonNull(b.refreshMargin, "refreshMargin");
    if (refreshMargin.isNegative() || refreshMargin.compareTo(TokenClient.MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "refreshMargin must be between 0 and 1 day (got " + refreshMargin + ")");
    }
    this.clock = Objects.requireNonNull(b.clock, "clock");
    Duration readTimeout = Durations.positive("readTimeout", b.readTimeout);
    this.tokenClient =
        new TokenClient(
            baseUri,
            b.transport.settings(
                Durations.positive("connectTimeout", b.connectTimeout),
                readTimeout,
                readTimeout.plus(b.connectTimeout)),
            b.logLevel,
            clientId,
            clientSecret,
            Telemetry.of(b.observationRegistry));
  }

  /** A builder; it needs a server, a client ID and a client secret. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the provider is closed
   */
  @Override
  public String accessToken() {
    checkOpen();
    Cached c = current;
    if (c != null && clock.instant().isBefore(c.refreshAt)) {
      return c.token;
    }
    synchronized (lock) {
      checkOpen();
      c = current;
      Instant now = clock.instant();
      if (c != null && now.isBefore(c.refreshAt)) {
        return c.token; // another thread refreshed while this one waited
      }
      if (lastFailure != null && now.isBefore(lastFailure.until)) {
        // Threads queued behind a failed fetch fail with it, rather than each asking a failing
        // endpoint in turn.
        throw lastFailure.error;
      }
      TokenClient.Grant grant;
      try {
        grant = tokenClient.fetch();
      } catch (RuntimeException e) {
        lastFailure = new Failure(e, clock.instant().plus(FAILURE_HOLD));
        throw e;
      }
      lastFailure = null;
      Duration life = grant.expiresIn().isZero() ? DEFAULT_LIFETIME : grant.expiresIn();
      // Refresh a margin before expiry; a token shorter-lived than twice the margin is used for
      // half its life, and never for less than MIN_USE.
      Duration useFor =
          life.compareTo(refreshMargin.multipliedBy(2)) > 0
              ? life.minus(refreshMargin)
              : life.dividedBy(2);
      if (useFor.compareTo(MIN_USE) < 0) {
        useFor = MIN_USE;
      }
      current = new Cached(grant.accessToken(), now, now.plus(useFor), replaceRejected);
      replaceRejected = false;
      return grant.accessToken();
    }
  }

  /**
   * Drops {@code rejectedToken} if it is still the current token, so that the next call fetches a
   * new one, and says whether the rejected call is worth retrying. A token rejected for the first
   * time is always replaced, however young (Zuora revokes tokens, and a test's simulator does). A
   * replacement that Zuora rejects in turn within {@link #MIN_REFRESH_AGE} of its fetch is kept and
   * false is returned: a fresh token from the same credentials would be rejected too (a wrong
   * environment or entity, say), and refetching on every call would spend the token endpoint's rate
   * limit.
   */
  @Override
  public boolean invalidate(String rejectedToken) {
    synchronized (lock) {
      Cached c = current;
      if (c == null || !c.token.equals(rejectedToken)) {
        return true; // already replaced: retrying uses the newer token
      }
      if (c.replacement && clock.instant().isBefore(c.fetchedAt.plus(MIN_REFRESH_AGE))) {
        return false;
      }
      current = null;
      replaceRejected = true;
      return true;
    }
  }

  /**
   * Forgets the token and releases the provider's connections and thread (a token request in flight
   * finishes first). An application's own {@link HttpClient} is left open. Idempotent; afterwards
   * {@link #accessToken()} throws {@link IllegalStateException}.
   */
  @Override
  public void close() {
    // Not under the lock: a token request in flight holds it for up to its timeouts.
    closed = true;
    current = null;
    tokenClient.close();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "this ClientCredentialsTokenProvider is closed; build a new one");
    }
  }

  @Override
  public String toString() {
    return "ClientCredentialsTokenProvider{baseUri="
        + baseUri
        + ", clientId="
        + clientId
        + ", clientSecret=****}";
  }

  private static String required(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be null or empty");
    }
    return value;
  }

  /** Configures a {@link ClientCredentialsTokenProvider}; not thread-safe. */
  public static final class Builder {
    private ZuoraEnvironment environment;
    private URI baseUri;
    private String clientId;
    private String clientSecret;
    private Duration refreshMargin = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private HttpLogLevel logLevel = HttpLogLevel.NONE;
    private Clock clock = Clock.systemUTC();
    private final TransportOptions transport = new TransportOptions();
    private Object observationRegistry; // held untyped: Micrometer is optional

    private Builder() {}

    /**
     * Reports every token request to Micrometer as the observation {@code zuora.token.fetch} (tags
     * {@code outcome} = {@code success} or {@code failure}, and {@code status.class}); needs {@code
     * io.micrometer:micrometer-observation} on the class path. Off by default.
     */
    public Builder observationRegistry(ObservationRegistry registry) {
      this.observationRegistry = Objects.requireNonNull(registry, "observationRegistry");
      return this;
    }

    /** One of Zuora's servers; exclusive with {@link #baseUri(URI)}. */
    public Builder environment(ZuoraEnvironment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** Any server: https, or http on a loopback host. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      return this;
    }

    /** Same as {@link #baseUri(URI)}, from a string. */
    public Builder baseUri(String baseUri) {
      return baseUri(Endpoints.parse(Objects.requireNonNull(baseUri, "baseUri")));
    }

    /** The OAuth client ID. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** The OAuth client secret; never logged or shown. */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /** How long before expiry a token is replaced; default 5 minutes (tokens live an hour). */
    public Builder refreshMargin(Duration refreshMargin) {
      this.refreshMargin = refreshMargin;
      return this;
    }

    /** Connect timeout of token requests; default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** Read timeout of token requests; default 30 s. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
      return this;
    }

    /** Logging of token requests; their bodies are never logged. */
    public Builder httpLogLevel(HttpLogLevel logLevel) {
      this.logLevel = Objects.requireNonNull(logLevel, "httpLogLevel");
      return this;
    }

    /**
     * The application's own {@link HttpClient} for token requests; it must not follow redirects.
     * Exclusive with {@link #proxy(ProxySelector)} and {@link #sslContext(SSLContext)}.
     *
     * @throws IllegalArgumentException when the client follows redirects
     */
    public Builder httpClient(HttpClient httpClient) {
      transport.httpClient(httpClient);
      return this;
    }

    /** The proxy of token requests only; by default the JDK's default selector. */
    public Builder proxy(ProxySelector proxy) {
      transport.proxy(proxy);
      return this;
    }

    /** The TLS settings of token requests only. */
    public Builder sslContext(SSLContext sslContext) {
      transport.sslContext(sslContext);
      return this;
    }

    /** A product token appended to the {@code User-Agent} of token requests. */
    public Builder applicationId(String applicationId) {
      transport.applicationId(applicationId);
      return this;
    }

    /** The clock that decides when a token is due for refresh (tests move it). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The provider. Nothing is fetched until the first {@link #accessToken()}.
     *
     * @throws IllegalStateException when the server is missing or set twice
     * @throws IllegalArgumentException when a setting breaks a rule
     */
    public ClientCredentialsTokenProvider build() {
      return new ClientCredentialsTokenProvider(this);
    }
  }
}
