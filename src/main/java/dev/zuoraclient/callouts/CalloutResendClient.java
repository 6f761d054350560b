package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.internal.Endpoints;
import dev.zuoraclient.callouts.internal.HeaderRules;
import dev.zuoraclient.callouts.internal.ResendCall;
import dev.zuoraclient.callouts.internal.ResendExecutor;
import dev.zuoraclient.callouts.internal.Telemetry;
import dev.zuoraclient.callouts.internal.TransportOptions;
import io.micrometer.observation.ObservationRegistry;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * Resends Zuora callout notifications ({@code POST /notifications/callout-histories/resend}).
 *
 * <pre>{@code
 * CalloutResendClient client = CalloutResendClient.builder()
 *     .environment(ZuoraEnvironment.US_PRODUCTION_2)
 *     .accessToken(System.getenv("ZUORA_ACCESS_TOKEN"))
 *     .build();
 *
 * ResendResult result = client.resend(List.of("a02ea6d76931475bb73fcd339b5f6ht8g"));
 * for (ResendFailure f : result.failures()) {
 *   System.out.println(f.id() + ": " + f.code() + " " + f.message());
 * }
 * }</pre>
 *
 * <p><strong>Create one client and share it.</strong> It is immutable and thread-safe; each
 * instance holds its configured HTTP stack, which reuses connections across calls.
 *
 * <p>Every input is checked before anything is sent: a bad ID or header value fails with an {@link
 * IllegalArgumentException} naming the field and the rule. The three documented outcomes (all
 * resent, some failed, all failed) are a {@link ResendResult}; anything else is one of the
 * exceptions in {@link dev.zuoraclient.callouts.exception}. Every call carries an {@code
 * Idempotency-Key} (the caller's, or a random one), so sending it again after an unknown outcome
 * never resends a notification twice.
 */
public final class CalloutResendClient {
  private final URI baseUri;
  private final String defaultEntityId;
  private final List<String> defaultOrgIds;
  private final String defaultOrgIdsHeader;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration attemptTimeout;
  private final HttpLogLevel logLevel;
  private final RetryPolicy retryPolicy;
  private final ResendExecutor executor;
  private final BatchRunner batches = new BatchRunner(this::sendBatch);

  private CalloutResendClient(Builder b) {
    this.baseUri = b.resolveBaseUri();
    if (b.tokens == null) {
      throw new IllegalStateException("an access token or an AccessTokenProvider is required");
    }
    this.defaultEntityId =
        b.defaultEntityId == null ? null : HeaderRules.checkEntityId(b.defaultEntityId);
    this.defaultOrgIdsHeader =
        b.defaultOrgIds == null ? null : HeaderRules.checkOrgIds(b.defaultOrgIds);
    this.defaultOrgIds = b.defaultOrgIds == null ? null : List.copyOf(b.defaultOrgIds);
    this.connectTimeout = positive("connectTimeout", b.connectTimeout);
    this.readTimeout = positive("readTimeout", b.readTimeout);
    this.attemptTimeout = positive("attemptTimeout", b.attemptTimeout);
    this.logLevel = b.logLevel;
    this.retryPolicy = Objects.requireNonNull(b.retryPolicy, "retryPolicy");
    this.executor =
        new ResendExecutor(
            baseUri,
            b.tokens,
            b.transport.settings(connectTimeout, readTimeout, attemptTimeout),
            logLevel,
            retryPolicy,
            Telemetry.of(b.observationRegistry));
  }

  /** A builder; {@link Builder#build()} needs a server and a token source. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resends up to 1000 callout notifications in one request, with the client's defaults.
   *
   * @param ids callout history IDs: 1..1000, unique, not blank, no control characters
   * @return which IDs Zuora resent and which it did not, with its reasons
   * @throws IllegalArgumentException if an ID breaks a rule (nothing is sent)
   * @throws dev.zuoraclient.callouts.exception.ZuoraException if Zuora's answer is not one of the
   *     three documented outcomes, or no usable answer arrived
   */
  public ResendResult resend(List<String> ids) {
    return resend(ids, ResendOptions.none());
  }

  /**
   * Resends up to 1000 callout notifications in one request.
   *
   * <p>Duplicate IDs are rejected rather than silently merged: the result reports one outcome per
   * ID, and a list with duplicates usually means a bug upstream. Use a {@code LinkedHashSet} to
   * drop them on purpose.
   *
   * @param ids callout history IDs: 1..1000, unique, not blank, no control characters
   * @param options per-call headers; their entity and org IDs override the client's defaults
   * @return which IDs Zuora resent and which it did not, with its reasons
   * @throws IllegalArgumentException if an ID breaks a rule (nothing is sent)
   * @throws dev.zuoraclient.callouts.exception.ZuoraException if Zuora's answer is not one of the
   *     three documented outcomes, or no usable answer arrived
   */
  public ResendResult resend(List<String> ids, ResendOptions options) {
    Objects.requireNonNull(options, "options must not be null");
    List<String> checked = checkIds(ids);
    return sendBatch(
        new BatchRunner.BatchCall(
            checked,
            options,
            options.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString()),
            false));
  }

  /**
   * Resends any number of callout notifications, 1000 (or {@link BatchOptions#batchSize()}) per
   * request, with default {@link BatchOptions}.
   *
   * @see #resendAll(Iterable, BatchOptions)
   */
  public BatchResendResult resendAll(Iterable<String> ids) {
    return resendAll(ids, BatchOptions.defaults());
  }

  /**
   * Resends any number of callout notifications: drops repeated IDs (the first occurrence keeps its
   * place), checks every ID before sending anything, splits them into batches and merges the
   * outcomes. Every unique ID ends up in exactly one of accepted, failed or unresolved; an error in
   * one batch never hides the outcome of the others.
   *
   * <p>For a {@code Stream}, pass {@code stream::iterator}.
   *
   * @param ids callout history IDs, any number, not blank, no control characters
   * @param options batch size, concurrency, per-call headers and a progress listener
   * @return the merged outcome; this method does not throw for a failed batch
   * @throws IllegalArgumentException if an ID breaks a rule (nothing is sent)
   */
  public BatchResendResult resendAll(Iterable<String> ids, BatchOptions options) {
    return batches.run(ids, options);
  }

  private ResendResult sendBatch(BatchRunner.BatchCall batch) {
    ResendOptions o = batch.options();
    return executor.resend(
        new ResendCall(
            batch.ids(),
            o.trackId().orElse(null),
            batch.idempotencyKey(),
            o.entityId().orElse(defaultEntityId),
            o.orgIds().isPresent() ? o.orgIdsHeader() : defaultOrgIdsHeader,
            o.gzipRequest(),
            batch.paced()));
  }

  private static List<String> checkIds(List<String> ids) {
    Objects.requireNonNull(ids, "ids must not be null");
    int n = ids.size();
    if (n == 0) {
      throw new IllegalArgumentException("ids must not be empty");
    }
    if (n > HeaderRules.MAX_IDS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "ids must hold at most "
              + HeaderRules.MAX_IDS_PER_REQUEST
              + " IDs per request (got "
              + n
              + ")");
    }
    String[] copy = new String[n];
    Set<String> seen = new HashSet<>(n * 2);
    for (int i = 0; i < n; i++) {
      String id = ids.get(i);
      HeaderRules.checkId(i, id);
      if (!seen.add(id)) {
        throw new IllegalArgumentException(
            "ids must not contain duplicates ('"
                + id
                + "' at indexes "
                + ids.indexOf(id)
                + " and "
                + i
                + ")");
      }
      copy[i] = id;
    }
    return Collections.unmodifiableList(Arrays.asList(copy));
  }

  private static Duration positive(String field, Duration d) {
    Objects.requireNonNull(d, field + " must not be null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be positive (got " + d + ")");
    }
    if (d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + " must be under 24 days (got " + d + ")");
    }
    return d;
  }

  /** The server this client talks to. */
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public String toString() {
    return "CalloutResendClient{baseUri="
        + baseUri
        + ", defaultEntityId="
        + defaultEntityId
        + ", defaultOrgIds="
        + defaultOrgIds
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", attemptTimeout="
        + attemptTimeout
        + ", logLevel="
        + logLevel
        + ", retryPolicy="
        + retryPolicy
        + '}';
  }

  /** Configures a {@link CalloutResendClient}; not thread-safe. */
  public static final class Builder {
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Default read timeout; resending 1000 notifications can take Zuora a while. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    /** Default bound of one attempt as a whole, from connecting to the answer's last byte. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(90);

    private ZuoraEnvironment environment;
    private URI baseUri;
    private AccessTokenProvider tokens;
    private String defaultEntityId;
    private List<String> defaultOrgIds;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    private HttpLogLevel logLevel = HttpLogLevel.NONE;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private final TransportOptions transport = new TransportOptions();
    private Object observationRegistry; // held untyped: Micrometer is optional

    private Builder() {}

    /**
     * Reports calls, attempts and waits before retries to Micrometer as observations (timers with
     * {@code DefaultMeterObservationHandler}, spans with a tracing bridge): {@code zuora.resend}
     * per call, {@code zuora.resend.attempt} per attempt, {@code zuora.resend.backoff} per wait;
     * the README lists their tags, none of which ever holds an ID, key, track ID or token. Needs
     * {@code io.micrometer:micrometer-observation} on the class path; without this setting the
     * library never touches Micrometer. Token requests are reported by the token provider's own
     * setting.
     */
    public Builder observationRegistry(ObservationRegistry registry) {
      this.observationRegistry = Objects.requireNonNull(registry, "observationRegistry");
      return this;
    }

    /** One of Zuora's servers. Exclusive with {@link #baseUri(URI)}. */
    public Builder environment(ZuoraEnvironment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Any server: https, or http on a loopback host (for tests and the simulator). Exclusive with
     * {@link #environment(ZuoraEnvironment)}.
     */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      return this;
    }

    /** Same as {@link #baseUri(URI)}, from a string. */
    public Builder baseUri(String baseUri) {
      return baseUri(Endpoints.parse(Objects.requireNonNull(baseUri, "baseUri")));
    }

    /** A fixed bearer token (for example from {@code POST /oauth/token}). */
    public Builder accessToken(String token) {
      this.tokens = AccessTokenProvider.fixed(token);
      return this;
    }

    /** A token source asked once per request (for tokens that expire and refresh). */
    public Builder accessTokenProvider(AccessTokenProvider provider) {
      this.tokens = Objects.requireNonNull(provider, "accessTokenProvider");
      return this;
    }

    /** {@code Zuora-Entity-Ids} sent on every call that does not set its own. */
    public Builder defaultEntityId(String entityId) {
      this.defaultEntityId = entityId;
      return this;
    }

    /** {@code Zuora-Org-Ids} sent on every call that does not set its own. */
    public Builder defaultOrgIds(List<String> orgIds) {
      this.defaultOrgIds = orgIds == null ? null : new ArrayList<>(orgIds);
      return this;
    }

    /** Connect timeout; default {@link #DEFAULT_CONNECT_TIMEOUT}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Read timeout: the longest wait, once the request is sent, for the answer to begin (its status
     * and headers); default {@link #DEFAULT_READ_TIMEOUT}.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /**
     * The longest one attempt may take as a whole, from connecting to the last byte of the answer,
     * however the server paces it; default {@link #DEFAULT_ATTEMPT_TIMEOUT}. The retry policy's
     * {@link RetryPolicy#deadline() deadline} bounds the whole call on top of it, the attempt in
     * flight included. An attempt cut off is an unknown outcome ({@code TIMEOUT}).
     */
    public Builder attemptTimeout(Duration timeout) {
      this.attemptTimeout = timeout;
      return this;
    }

    /** What to retry, how often and how long; default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * The application's own {@link HttpClient}, for its proxy, TLS, executor or authenticator
     * settings and its connection pool. It must not follow redirects (a POST must not be replayed
     * at another address). The read and attempt timeouts and the deadline still apply to every
     * request; its own connect timeout replaces {@link #connectTimeout(Duration)}. Exclusive with
     * {@link #proxy(ProxySelector)} and {@link #sslContext(SSLContext)}. By default the client
     * builds its own, with its own connection pool.
     *
     * @throws IllegalArgumentException when the client follows redirects
     */
    public Builder httpClient(HttpClient httpClient) {
      transport.httpClient(httpClient);
      return this;
    }

    /**
     * The proxy of this client only, for example {@code ProxySelector.of(new
     * InetSocketAddress("proxy.internal", 3128))}; by default the JDK's default selector (its
     * {@code https.proxyHost} and similar properties, if the application set any).
     */
    public Builder proxy(ProxySelector proxy) {
      transport.proxy(proxy);
      return this;
    }

    /** The TLS settings (trust store, client certificate) of this client only. */
    public Builder sslContext(SSLContext sslContext) {
      transport.sslContext(sslContext);
      return this;
    }

    /**
     * A product token appended to every request's {@code User-Agent}, after {@code
     * zuora-callout-resend/<version> Java/<version>}, such as {@code myteam-billing/2.3}: 1..128
     * printable US-ASCII characters. It tells Zuora support and your egress logs whose traffic it
     * is.
     */
    public Builder applicationId(String applicationId) {
      transport.applicationId(applicationId);
      return this;
    }

    /** Request logging; off by default. The token is never logged. */
    public Builder httpLogLevel(HttpLogLevel level) {
      this.logLevel = Objects.requireNonNull(level, "httpLogLevel");
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException when the server or the token source is missing, or both an
     *     environment and a base URI are set
     * @throws IllegalArgumentException when a setting breaks a rule
     */
    public CalloutResendClient build() {
      return new CalloutResendClient(this);
    }

    private URI resolveBaseUri() {
      return Endpoints.resolve(environment, baseUri);
    }
  }
}
