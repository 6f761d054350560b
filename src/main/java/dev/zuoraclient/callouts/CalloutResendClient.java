package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.FailedCallouts;
import dev.zuoraclient.callouts.history.QueryJobException;
import dev.zuoraclient.callouts.history.QueryJobListener;
import dev.zuoraclient.callouts.internal.Endpoints;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.internal.TransportOptions;
import io.micrometer.observation.ObservationRegistry;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Resends Zuora callout notifications ({@code POST /notifications/callout-histories/resend}).
 *
 * <pre>{@code
 * try (CalloutResendClient client = CalloutResendClient.builder()
 *     .environment(ZuoraEnvironment.US_PRODUCTION_2)
 *     .accessToken(System.getenv("ZUORA_ACCESS_TOKEN"))
 *     .build()) {
 *   ResendResult result = client.resend(List.of("a02ea6d76931475bb73fcd339b5f6ht8g"));
 *   for (ResendFailure f : result.failures()) {
 *     System.out.println(f.id() + ": " + f.code() + " " + f.message());
 *   }
 * }
 * }</pre>
 *
 * <p><strong>Create one client and share it.</strong> It is immutable and thread-safe; each
 * instance holds its configured HTTP stack, which reuses connections across calls. {@link #close()}
 * releases that stack's connections and thread when the application is done with the client (at its
 * shutdown, or at the end of a {@code try}-with-resources block); a client that is merely dropped
 * releases them on its own once it is garbage collected.
 *
 * <p>Every input is checked before anything is sent: a bad ID or header value fails with an {@link
 * IllegalArgumentException} naming the field and the rule. The three documented outcomes (all
 * resent, some failed, all failed) are a {@link ResendResult}; anything else is one of the
 * exceptions in {@link dev.zuoraclient.callouts.exception}. Every call carries an {@code
 * Idempotency-Key} (the caller's, or a random one), so sending it again after an unknown outcome
 * never resends a notification twice.
 *
 * <p>An interface, so that a consumer's tests can stand in for it; every result and exception it
 * returns or throws can be built by a test ({@link ResendResult#builder()}, {@link
 * BatchResendResult#builder()}, the exceptions' constructors). The implementation is not API.
 */
public interface CalloutResendClient extends AutoCloseable {
  // Longer than our 300-line guide on purpose: the API and its builder, every setter documented
  // for the javadoc; the implementation is DefaultCalloutResendClient.
  /**
   * The most IDs one request may hold: the spec's {@code maxItems}, read from it when this library
   * was built. Not a compile-time constant: your compiler reads it from the library you run with,
   * never copies it into your classes, so an upgrade whose spec changes it takes effect without a
   * recompile.
   */
  int MAX_IDS_PER_REQUEST = SpecRules.maxIds();

  /** A builder; {@link Builder#build()} needs a server and a token source. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Resends up to {@link #MAX_IDS_PER_REQUEST} callout notifications in one request, with the
   * client's defaults.
   *
   * @param ids callout history IDs: 1..{@link #MAX_IDS_PER_REQUEST}, unique, each as {@link
   *     #resend(List, ResendOptions)} describes
   * @return which IDs Zuora resent and which it did not, with its reasons
   * @throws IllegalArgumentException if an ID breaks a rule (nothing is sent)
   * @throws dev.zuoraclient.callouts.exception.ZuoraException if Zuora's answer is not one of the
   *     three documented outcomes, or no usable answer arrived
   */
  default ResendResult resend(List<String> ids) {
    return resend(ids, ResendOptions.none());
  }

  /**
   * Resends up to {@link #MAX_IDS_PER_REQUEST} callout notifications in one request.
   *
   * <p>Duplicate IDs are rejected rather than silently merged: the result reports one outcome per
   * ID, and a list with duplicates usually means a bug upstream. Use a {@code LinkedHashSet} to
   * drop them on purpose.
   *
   * <p>Each ID is at most 255 characters of well-formed Unicode, not blank, and sent exactly as
   * given: nothing is trimmed. An ID that would print like another one is refused instead: one that
   * starts or ends with whitespace in the Unicode sense ({@link Character#isWhitespace} or {@link
   * Character#isSpaceChar}: a space, a no-break space U+00A0, U+2007, U+202F, an ideographic space
   * U+3000...), and one that holds anywhere a control character, an invisible format character
   * (Unicode category Cf: a byte order mark U+FEFF, a zero-width space U+200B, a zero-width joiner,
   * a bidi mark...) or a line or paragraph separator. The message names the index, the rule and the
   * character as a code point: {@code ids[1] must not end with whitespace (got U+00A0 NO-BREAK
   * SPACE at index 6 of 'a1b2c3\u00a0')}. Zuora's IDs are letters and digits, so no real ID is
   * refused; strip what you read from a file or a web page before calling.
   *
   * @param ids callout history IDs: 1..{@link #MAX_IDS_PER_REQUEST}, unique, each as above
   * @param options per-call headers; their entity and org IDs override the client's defaults
   * @return which IDs Zuora resent and which it did not, with its reasons
   * @throws IllegalArgumentException if an ID breaks a rule (nothing is sent)
   * @throws dev.zuoraclient.callouts.exception.ZuoraException if Zuora's answer is not one of the
   *     three documented outcomes, or no usable answer arrived
   */
  ResendResult resend(List<String> ids, ResendOptions options);

  /**
   * Resends any number of callout notifications, {@link #MAX_IDS_PER_REQUEST} (or {@link
   * BatchOptions#batchSize()}) per request, with default {@link BatchOptions}.
   *
   * @see #resendAll(Iterable, BatchOptions)
   */
  default BatchResendResult resendAll(Iterable<String> ids) {
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
   * @param ids callout history IDs, any number, each as {@link #resend(List, ResendOptions)}
   *     describes (never trimmed: a look-alike of another ID is refused, not merged with it)
   * @param options batch size, concurrency, per-call headers and a progress listener
   * @return the merged outcome; this method does not throw for a failed batch
   * @throws IllegalArgumentException if an ID breaks a rule, or the {@link BatchOptions#journal()}
   *     is not a journal of this run, is corrupt or was edited (nothing is sent; the file is left
   *     as it is)
   * @throws IllegalStateException if another run, in this process or another, holds the journal
   *     (nothing is sent)
   * @throws java.io.UncheckedIOException if the journal cannot be created, read or locked (nothing
   *     is sent); a journal that fails later stops the run instead, see {@link
   *     BatchResendResult#journalFailure()}
   */
  BatchResendResult resendAll(Iterable<String> ids, BatchOptions options);

  /**
   * Finds the failed callouts {@code query} describes, with Zuora's Data Query: submits a job over
   * the callout history, polls it until it ends (backing off, up to every 10 s), then reads its
   * result file whole and checks it. Blocks for as long as that takes, at most the query's {@link
   * FailedCalloutQuery#timeout() timeout}; the job is cancelled when the find gives up on it. The
   * result feeds {@link #resendAll(Iterable)}:
   *
   * <pre>{@code
   * FailedCalloutQuery query =
   *     FailedCalloutQuery.builder().from(Instant.parse("2026-12-01T02:00:00Z")).build();
   * try (FailedCallouts failed = client.findFailedCallouts(query)) {
   *   BatchResendResult result = client.resendAll(failed.ids());
   * }
   * }</pre>
   *
   * <p>Superseded failures (a later callout of the same notification for the same object succeeded)
   * are left out unless the query keeps them: see {@link FailedCalloutQuery}. The caller needs
   * permission to use Data Query.
   *
   * @param query which failed callouts to find
   * @param listener told each state of the job, or {@link QueryJobListener#NONE}
   * @return the failed callouts found; close it to delete its temporary file
   * @throws QueryJobException when the job failed, was cancelled, ran out of time or was
   *     interrupted, a call about it failed, or its result could not be read whole: nothing of a
   *     partial result is returned
   * @throws dev.zuoraclient.callouts.exception.ZuoraException when the job could not be submitted
   * @throws IllegalStateException when the client is closed
   * @throws UnsupportedOperationException from a stand-in that does not find
   */
  default FailedCallouts findFailedCallouts(FailedCalloutQuery query, QueryJobListener listener) {
    throw new UnsupportedOperationException("this client does not find failed callouts");
  }

  /**
   * Finds the failed callouts {@code query} describes; {@link
   * #findFailedCallouts(FailedCalloutQuery, QueryJobListener)} with no listener.
   */
  default FailedCallouts findFailedCallouts(FailedCalloutQuery query) {
    return findFailedCallouts(query, QueryJobListener.NONE);
  }

  /** The server this client talks to. */
  URI baseUri();

  /**
   * Releases what the client holds: the connections and thread of its own {@link HttpClient}, and
   * those of the token provider that {@link Builder#clientCredentials} made for it, on every Java
   * version: calls in flight finish first, and once none is, {@code close()} returns when the
   * thread has ended (waiting at most a second for it). Idempotent; a call made after it throws
   * {@link IllegalStateException}.
   *
   * <p>What the application gave the builder stays the application's: an {@link HttpClient} from
   * {@link Builder#httpClient(HttpClient)} and a provider from {@link
   * Builder#accessTokenProvider(AccessTokenProvider)} are left open, to be closed by their owner.
   *
   * <p>The default does nothing, so that a stand-in for the client in a test need not implement it.
   */
  @Override
  default void close() {}

  /** Configures a {@link CalloutResendClient}; not thread-safe. */
  final class Builder {
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Default read timeout; resending 1000 notifications can take Zuora a while. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    /** Default bound of one attempt as a whole, from connecting to the answer's last byte. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(90);

    ZuoraEnvironment environment;
    URI baseUri;
    AccessTokenProvider tokens;
    String defaultEntityId;
    List<String> defaultOrgIds;
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    Duration readTimeout = DEFAULT_READ_TIMEOUT;
    Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    HttpLogLevel logLevel = HttpLogLevel.NONE;
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    final TransportOptions transport = new TransportOptions();
    Object observationRegistry; // held untyped: Micrometer is optional
    String clientId;
    String clientSecret;

    Builder() {}

    /**
     * Reports calls, attempts and waits before retries to Micrometer as observations (timers with
     * {@code DefaultMeterObservationHandler}, spans with a tracing bridge): {@code zuora.resend}
     * per call, {@code zuora.resend.attempt} per attempt, {@code zuora.resend.backoff} per wait;
     * docs/client.md lists their tags, none of which ever holds an ID, key, track ID or token.
     * Needs {@code io.micrometer:micrometer-observation} on the class path; without this setting
     * the library never touches Micrometer. Token requests are reported by the token provider's own
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

    /**
     * A fixed bearer token (for example from {@code POST /oauth/token}). Replaces any token source
     * set before.
     */
    public Builder accessToken(String token) {
      return tokens(AccessTokenProvider.fixed(token), null, null);
    }

    /**
     * A token source asked once per request, for a provider shared by several clients or a token
     * source of your own. Replaces any token source set before.
     */
    public Builder accessTokenProvider(AccessTokenProvider provider) {
      return tokens(Objects.requireNonNull(provider, "accessTokenProvider"), null, null);
    }

    /**
     * OAuth client credentials: the client fetches and refreshes its tokens from the same server it
     * resends to ({@code POST /oauth/token}, through a {@link ClientCredentialsTokenProvider} with
     * this builder's server, timeouts, transport, log level and observation registry), so the
     * environment is given once. Replaces any token source set before.
     */
    public Builder clientCredentials(String clientId, String clientSecret) {
      return tokens(
          null,
          Objects.requireNonNull(clientId, "clientId"),
          Objects.requireNonNull(clientSecret, "clientSecret"));
    }

    private Builder tokens(AccessTokenProvider provider, String clientId, String clientSecret) {
      this.tokens = provider;
      this.clientId = clientId;
      this.clientSecret = clientSecret;
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
     * Builds the client; the builder can be reused.
     *
     * @throws IllegalStateException when the server or the token source is missing, or both an
     *     environment and a base URI are set
     * @throws IllegalArgumentException when a setting breaks a rule
     */
    public CalloutResendClient build() {
      return new DefaultCalloutResendClient(this);
    }

    URI resolveBaseUri() {
      return Endpoints.resolve(environment, baseUri);
    }
  }
}
