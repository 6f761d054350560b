package dev.zuoraclient.callouts.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A fake Zuora on loopback: the resend endpoint ({@link #RESEND_PATH}), the OAuth token endpoint
 * ({@link #TOKEN_PATH}) and Data Query ({@link #QUERY_JOBS_PATH}), with knobs to seed data, inject
 * failures and read back what clients sent.
 *
 * <pre>{@code
 * String known = "a02ea6d76931475bb73fcd339b5f6ht8g";
 * String unknown = "a00000000000000000000000000000000";
 * try (ZuoraSimulator zuora =
 *     ZuoraSimulator.builder().acceptToken("test-token").knownIds(known).start()) {
 *   CalloutResendClient client =
 *       CalloutResendClient.builder()
 *           .baseUri(zuora.baseUri())
 *           .accessToken("test-token")
 *           .build();
 *
 *   ResendResult result = client.resend(List.of(known, unknown));
 *
 *   System.out.println(result.failures()); // the unknown ID, with ObjectNotFound
 *   System.out.println(zuora.resendCount(known)); // 1
 *   System.out.println(zuora.requests().get(0).header("Idempotency-Key")); // what the client sent
 * }
 * }</pre>
 *
 * <p><strong>Resend.</strong> Needs {@code Authorization: Bearer <token>} with a token from {@link
 * Builder#acceptToken}, {@link #acceptToken} or the token endpoint, else 401 with {@code
 * {"message":"Authentication error"}} and a {@code WWW-Authenticate} challenge. The body must be
 * {@code application/json} (else 415), optionally {@code Content-Encoding: gzip}, holding a JSON
 * array of 1 to 1000 strings; anything else is a 400 in Zuora's generic shape {@code
 * {"success":false,"reasons":[{"code":"InvalidValue","message":...}]}}. Each ID that is known is
 * resent; any other fails, with {@code ObjectNotFound} or the code seeded for it. One seeding rule,
 * the same in {@link ZuoraSimulatorExtension} and the command line's embedded simulator: every ID
 * is known except those starting with {@value #UNKNOWN_ID_PREFIX} ({@link Builder#unknownIdPrefix}
 * names another prefix), unless the builder lists the known IDs ({@link Builder#knownIds}): then
 * only those are. The answer is 202 with an empty body when all were resent, 202 with a map of the
 * failures when some were, and 400 with a failure for every ID when none was. A repeated ID in one
 * request counts once.
 *
 * <p>Answers from the resend endpoint carry {@code Zuora-Request-Id} (a random UUID), {@code
 * Zuora-Track-Id} (the request's, echoed) and {@code RateLimit-Limit}, {@code RateLimit-Remaining}
 * and {@code RateLimit-Reset} for a fixed one-minute window; past the limit the answer is 429. A
 * body over 1000 bytes is gzipped when the request accepts gzip.
 *
 * <p><strong>Idempotency.</strong> A request with an {@code Idempotency-Key} that ends in one of
 * the documented outcomes (202 or the per-ID 400) has its answer stored for 24 hours, as Zuora
 * does; a later request with the same key and the same IDs, in the same order, gets that answer
 * again, headers included, and nothing is resent. The same key with other IDs gets 422; the same
 * key while its first request still runs gets 409. Other answers (401, injected faults, malformed
 * requests) are not stored, so a retry is processed afresh. Unlike Zuora, the simulator stores at
 * most {@link Builder#maxStoredAnswers} answers: past that, the oldest is dropped and its key is
 * processed afresh, as after the 24 hours.
 *
 * <p><strong>Tokens.</strong> {@code POST /oauth/token} with form fields {@code client_id}, {@code
 * client_secret} and {@code grant_type=client_credentials} for a client configured with {@link
 * Builder#client} answers 200 with a fresh bearer token, accepted until {@code expires_in} seconds
 * have passed by the simulator's clock. An unknown client or a wrong secret gets 401; a missing
 * field, another grant type or another content type gets 400.
 *
 * <p><strong>Data Query.</strong> {@link #QUERY_JOBS_PATH} answers from a callout history ({@link
 * Builder#calloutHistory}, {@link Builder#generatedFailures}), authenticated as the resend is. A
 * submitted job ({@code application/json}, else 415) is {@code accepted}, then {@code in_progress},
 * then {@code completed} after {@link Builder#queryJobDelay} by the simulator's clock, with {@code
 * outputRows} and a {@code dataFile}: a pre-signed URL on a storage host of its own ({@link
 * #storageBaseUri()}), which refuses an {@code Authorization} header, a bad signature and an
 * expired URL as S3 does. It answers only the failed-callout query of this library's client (its
 * own parser reads the query's shape and values), with JSON Lines output, plain or gzipped; any
 * other query is refused with 400 {@code {"code":400,"message":"Invalid query: ..."}} (the
 * simulator's own text: Zuora's is not documented), another format or ZIP with 400 too. Jobs of
 * other users ({@link #addForeignQueryJob}) answer 403, unknown jobs 404; a {@code DELETE} cancels
 * a running job and answers 400 for one that ended. Faults: {@link #failNextQueryJob}, {@link
 * #cancelNextQueryJob}, {@link #expireNextResultUrl}, {@link #truncateNextResultFile}, {@link
 * #slowNextResultFile} and {@link #redirectNextResultFile}. For a provider's states in a contract
 * test: a job under a given ID in a given state ({@link #addQueryJob}, {@link #addFailedQueryJob})
 * and a pact's example URL taken as signed ({@link #acceptResultFileUrl}).
 *
 * <p>Any other path answers 404, and any method but {@code POST} on the two paths answers 405.
 *
 * <p><strong>Memory.</strong> What the simulator keeps of its traffic is bounded, so that it can
 * serve millions of IDs in a small heap: the recorded requests ({@link
 * Builder#maxRecordedRequests}, and at most 64 MiB of them), the stored idempotent answers ({@link
 * Builder#maxStoredAnswers}, and at most 64 MiB of them) and the per-ID resend counts ({@link
 * Builder#maxCountedIds}, about 100 bytes each), and the Data Query jobs (1000, none for over 24
 * hours). {@link #totalResends()} and {@link #droppedRequests()} count everything. What it is given
 * is kept whole: seeded IDs, clients, tokens and the callout history; generated failures take no
 * memory, and a result file is written as it is read, gzipped on the fly.
 *
 * <p><strong>Its own faults.</strong> When handling a request throws, even an {@link Error} such as
 * {@link OutOfMemoryError}, the simulator answers 500 with {@code {"message":...}} naming it (or,
 * when it cannot even do that, closes the connection), and tells {@link Builder#onInternalError}.
 * It tells it too when one of its threads dies, the JDK server's own included.
 *
 * <p>Every knob is thread-safe and may be used while clients are calling. The simulator logs
 * nothing. Close it when done: it owns a listening socket and a pool of daemon threads.
 *
 * <p>Loading this class sets the JDK system property {@code sun.net.httpserver.nodelay} to {@code
 * true} unless it is already set: without it every answer with a body waits about 40 ms on Linux.
 * The JDK reads the property once, when the first {@code HttpServer} of the JVM starts, so a server
 * started earlier keeps the slow default.
 */
public final class ZuoraSimulator implements AutoCloseable {
  // Longer than our 300-line guide on purpose: this is the test kit's one public face, its knobs
  // and its builder, each with the javadoc its users read; the work is in SimulatorHandler,
  // ResendEndpoint, TokenEndpoint, Refusals, TenantLimits and SimExchange, and for Data Query in
  // DataQueryEndpoint, QueryShape, QueryJobs, CalloutHistory, ResultRows and ResultFileServer.

  /** The resend endpoint's path (the spec's; read at run time, never copied into a caller). */
  public static final String RESEND_PATH = atRunTime("/notifications/callout-histories/resend");

  /**
   * The prefix of unknown IDs in the seeding convention of {@link Builder#unknownIdPrefix}: {@code
   * unknown-1} fails with {@code ObjectNotFound}, {@code a1} is resent.
   */
  public static final String UNKNOWN_ID_PREFIX = "unknown";

  /** The OAuth token endpoint's path (the spec's; read at run time, never copied into a caller). */
  public static final String TOKEN_PATH = atRunTime("/oauth/token");

  /**
   * Data Query's jobs path (the spec's; read at run time): {@code POST} submits, {@code GET} and
   * {@code DELETE} of {@code QUERY_JOBS_PATH + "/" + id} see and cancel.
   */
  public static final String QUERY_JOBS_PATH = atRunTime("/query/jobs");

  /** The query a seeded job ({@link #addQueryJob}) shows: none was submitted. */
  private static final String SEEDED_JOB_QUERY = "-- a job seeded by ZuoraSimulator.addQueryJob";

  /**
   * Its argument: a field initialised with it is not a compile-time constant, so a caller's
   * compiler reads the field at run time instead of copying its value in.
   */
  private static String atRunTime(String value) {
    return value;
  }

  static {
    // The JDK server flushes the headers and the body of an answer as two segments; with Nagle's
    // algorithm on, the body then waits for the client's delayed ACK.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  // The JDK server runs each exchange on this pool; its default would be a single thread, which
  // would serialise every client and make a delayed request block all others. Both servers share
  // it.
  private final ExecutorService executor;
  private final SimulatorThreads threads;
  private final HttpServer server;
  private final HttpServer storage;
  private final SimulatorHandler handler;
  private final URI baseUri;
  private final URI storageBaseUri;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** The two servers, listening, and what answers on them. */
  private record Listening(HttpServer api, HttpServer storage, SimulatorHandler handler) {}

  private ZuoraSimulator(Builder b) {
    this.threads = new SimulatorThreads(b.onInternalError);
    this.executor = Executors.newCachedThreadPool(threads::newThread);
    Listening listening;
    try {
      // Created and started inside the group, so that the JDK's own threads are in it too.
      listening = threads.inside(() -> listen(b));
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("could not listen on 127.0.0.1:" + b.port, e);
    } catch (Exception e) {
      executor.shutdownNow();
      throw new IllegalStateException("could not start the simulator", e);
    }
    this.server = listening.api();
    this.storage = listening.storage();
    this.handler = listening.handler();
    this.baseUri = uri(server);
    this.storageBaseUri = uri(storage);
  }

  private Listening listen(Builder b) throws IOException {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    HttpServer api = HttpServer.create(new InetSocketAddress(loopback, b.port), 256);
    HttpServer files = null;
    try {
      files = HttpServer.create(new InetSocketAddress(loopback, 0), 256);
      SimulatorHandler h = new SimulatorHandler(config(b, uri(files)));
      api.createContext("/", h);
      api.setExecutor(executor);
      files.createContext("/", h.resultFiles());
      files.setExecutor(executor);
      api.start();
      files.start();
      return new Listening(api, files, h);
    } catch (IOException | RuntimeException | Error e) {
      api.stop(0);
      if (files != null) {
        files.stop(0);
      }
      throw e;
    }
  }

  private SimulatorHandler.Config config(Builder b, URI storageBase) {
    return new SimulatorHandler.Config(
        b.clock,
        b.clients,
        b.tokens,
        b.seeds,
        b.unknownIdPrefix != null ? b.unknownIdPrefix : b.seededByList ? null : UNKNOWN_ID_PREFIX,
        b.tokenLifetime,
        new TenantLimits.Settings(
            b.maxInFlight,
            b.otherTraffic,
            b.latency,
            b.concurrencyRetryAfter,
            b.quota,
            b.quotaWindow),
        new SimulatorHandler.Bounds(
            b.maxRecordedRequests,
            b.maxRecordedBytes,
            b.maxStoredAnswers,
            b.maxStoredAnswerBytes,
            b.maxCountedIds),
        new SimulatorHandler.DataQuery(
            List.copyOf(b.history), b.generated, b.queryJobDelay, storageBase),
        threads::report);
  }

  private static URI uri(HttpServer s) {
    return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
  }

  /** Changes how many of {@code maxInFlight}'s slots the tenant's other traffic holds. */
  public void otherTraffic(int slots) {
    if (slots < 0) {
      throw new IllegalArgumentException("otherTraffic must not be negative (got " + slots + ")");
    }
    handler.limits().otherTraffic(slots);
  }

  /** Resend requests answered 429 because the tenant had its cap in flight. */
  public int concurrencyRejections() {
    return handler.limits().concurrencyRejections();
  }

  /** Resend requests answered 429 because the quota window was used up. */
  public int quotaRejections() {
    return handler.limits().quotaRejections();
  }

  /** The most resend requests this client had in flight at once (other traffic not counted). */
  public int peakInFlight() {
    return handler.limits().peakInFlight();
  }

  /**
   * Starts a simulator with the defaults: no clients, no tokens, and every ID known except those
   * starting with {@value #UNKNOWN_ID_PREFIX}.
   */
  public static ZuoraSimulator start() {
    return builder().start();
  }

  /** A builder for a simulator; {@link Builder#start()} starts it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where the simulator listens, for example {@code http://127.0.0.1:54321}, without a slash. */
  public URI baseUri() {
    return baseUri;
  }

  /** Makes these IDs known, so that they are resent; replaces any failure seeded for them. */
  public void addKnownIds(String... ids) {
    addKnownIds(Arrays.asList(Objects.requireNonNull(ids, "ids")));
  }

  /** Makes these IDs known, so that they are resent; replaces any failure seeded for them. */
  public void addKnownIds(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    ids.forEach(id -> handler.seed(checkId(id), SimulatorHandler.Seed.RESENDABLE));
  }

  /**
   * Makes a resend of this ID fail with the given Zuora code and message, for example {@code
   * addFailingId(id, "InvalidValue", "Callouts created by Workflow cannot be resent.")}. Replaces
   * whatever was seeded for the ID before.
   */
  public void addFailingId(String id, String code, String message) {
    handler.seed(checkId(id), failure(code, message));
  }

  /**
   * Lets this OAuth client get tokens from {@link #TOKEN_PATH} from now on (or changes its secret),
   * as {@link Builder#client} does at start.
   */
  public void addClient(String clientId, String clientSecret) {
    checkClient(clientId, clientSecret);
    handler.addClient(clientId, clientSecret);
  }

  /** Accepts this bearer token on the resend endpoint until {@link #revokeTokens()}. */
  public void acceptToken(String token) {
    handler.acceptToken(checkToken(token));
  }

  /**
   * Stops accepting every token, configured or issued, so that the next resend answers 401 until a
   * client gets a new token or one is accepted again.
   */
  public void revokeTokens() {
    handler.revokeTokens();
  }

  /**
   * How many times this ID was resent, across requests; 0 for an ID never resent. Counts are kept
   * for the {@link Builder#maxCountedIds} IDs resent most recently.
   *
   * @throws IllegalStateException when more IDs were resent than counts are kept, and this ID is
   *     not among those kept: whether it was resent is then unknown
   */
  public int resendCount(String id) {
    return handler.resendCount(id);
  }

  /** How many notifications were resent in all, counting each resend of each ID. */
  public long totalResends() {
    return handler.totalResends();
  }

  /** How many {@code POST} requests reached the token endpoint, whatever their outcome. */
  public int tokenRequestCount() {
    return handler.tokenRequestCount();
  }

  /**
   * Makes the next {@code n} resend requests fail with {@code status}, whatever they hold, without
   * resending anything or touching stored idempotent answers. 429 comes with {@code Retry-After: 1}
   * and the rate-limit headers; 401 with the usual challenge; other statuses with a {@code
   * {"message":...}} body. Batches queue up behind earlier ones.
   *
   * @param n how many requests, at least 1
   * @param status an HTTP status from 400 to 599
   */
  public void failNext(int n, int status) {
    handler.faults().addFailures(checkCount(n), checkStatus(status), null);
  }

  /**
   * Like {@link #failNext(int, int)}, with a {@code Retry-After} header of {@code retryAfter},
   * rounded up to whole seconds; for 429 it also sets {@code RateLimit-Reset}.
   *
   * @param n how many requests, at least 1
   * @param status an HTTP status from 400 to 599
   * @param retryAfter the delay to advertise, not negative
   */
  public void failNextWith(int n, int status, Duration retryAfter) {
    handler.faults().addFailures(checkCount(n), checkStatus(status), checkDelay(retryAfter));
  }

  /**
   * Holds each of the next {@code n} resend requests for {@code delay} before it is processed and
   * answered. An idempotency key is held meanwhile, so a concurrent request with the same key gets
   * 409. Combines with {@link #failNext}: a request can be both delayed and failed.
   *
   * @param n how many requests, at least 1
   * @param delay how long to hold each, not negative
   */
  public void delayNext(int n, Duration delay) {
    handler.faults().addDelays(checkCount(n), checkDelay(delay));
  }

  /**
   * Every request received so far, oldest first, up to {@link Builder#maxRecordedRequests} and 64
   * MiB of them (the newest is always kept); an immutable snapshot. A resend request appears once
   * it has been authenticated, validated and its idempotency key claimed, before any injected
   * delay. {@link #droppedRequests()} says how many older ones are no longer here.
   */
  public List<RecordedRequest> requests() {
    return handler.requests();
  }

  /**
   * How many requests were received but are not in {@link #requests()} any more (or never were,
   * with {@code maxRecordedRequests(0)}), since start or the last {@link #clearRequests()}.
   */
  public long droppedRequests() {
    return handler.droppedRequests();
  }

  /** Forgets the recorded requests, and the count of dropped ones. */
  public void clearRequests() {
    handler.clearRequests();
  }

  /**
   * Back to the state just after {@link Builder#start()}: forgets recorded requests, resend and
   * token counters, pending faults, stored idempotent answers, the rate-limit window, and IDs
   * seeded since start; the callout history as built, with no Data Query jobs, foreign jobs or
   * counts, and the builder's job delay. Tokens are left alone, so a client that holds one keeps
   * working.
   */
  public void reset() {
    handler.reset();
  }

  // ---- callout history and Data Query ----

  /**
   * Where the storage host of the Data Query result files listens, for example {@code
   * http://127.0.0.1:54322}: a port of its own, as S3 is a host of its own.
   */
  public URI storageBaseUri() {
    return storageBaseUri;
  }

  /**
   * Adds records to the callout history Data Query answers from; see {@link
   * #addCalloutHistory(Collection)}.
   */
  public void addCalloutHistory(CalloutRecord... records) {
    addCalloutHistory(Arrays.asList(Objects.requireNonNull(records, "records")));
  }

  /**
   * Adds records to the callout history Data Query answers from. A job already submitted reads the
   * history as it was when it was submitted. Each call copies the history it keeps: add many
   * records in one call, or seed them with {@link Builder#calloutHistory}. The records' IDs are not
   * seeded for the resend endpoint: {@link Builder#knownIds} or {@link #addKnownIds} does that.
   */
  public void addCalloutHistory(Collection<CalloutRecord> records) {
    Objects.requireNonNull(records, "records");
    handler.history().add(records);
  }

  /** Empties the callout history, the generated failures included, until {@link #reset()}. */
  public void clearCalloutHistory() {
    handler.history().clear();
  }

  /** Changes how long the next Data Query jobs take; see {@link Builder#queryJobDelay}. */
  public void queryJobDelay(Duration delay) {
    handler.queryJobs().delay(checkDelay(delay));
  }

  /**
   * Makes the next submitted Data Query job end {@code failed} with this {@code errorMessage} (for
   * example {@code "Query exceeded the maximum time limit of 3600.00s"}) when it would have
   * completed. Faults of {@link #cancelNextQueryJob()} and this one queue up, one a job.
   */
  public void failNextQueryJob(String errorMessage) {
    Objects.requireNonNull(errorMessage, "errorMessage must not be null");
    handler.queryJobs().failNext(errorMessage);
  }

  /**
   * Makes the next submitted Data Query job end {@code cancelled} when it would have completed, as
   * if someone else had cancelled it. It does not count in {@link #queryJobsCancelled()}.
   */
  public void cancelNextQueryJob() {
    handler.queryJobs().cancelNext();
  }

  /**
   * A job of another user: {@code GET} and {@code DELETE} of it answer 403, as Data Query answers a
   * caller who is not an admin. Forgotten by {@link #reset()}.
   *
   * @param jobId letters, digits and hyphens, 1 to 64 of them (the spec's job ID)
   */
  public void addForeignQueryJob(String jobId) {
    handler.queryJobs().addForeign(checkJobId(jobId));
  }

  /**
   * Adds a Data Query job of this caller's under {@code jobId}, already in {@code queryStatus}: for
   * tests, such as a pact's provider states, that poll a given job rather than wait for one.
   *
   * <ul>
   *   <li>{@code accepted} and {@code in_progress} stay so until a {@code DELETE} cancels the job;
   *   <li>{@code completed} has a result file of every failed callout in the callout history as it
   *       is now, whenever made (gzipped JSON Lines, as this library's client asks), at a URL
   *       signed when the job is first seen;
   *   <li>{@code cancelled} is as if someone else had cancelled it.
   * </ul>
   *
   * <p>A failed job: {@link #addFailedQueryJob}. A job kept under {@code jobId} is replaced. Not
   * counted in {@link #queryJobsSubmitted()}; forgotten by {@link #reset()}.
   *
   * @param jobId letters, digits and hyphens, 1 to 64 of them (the spec's job ID)
   * @param queryStatus as Data Query writes it: {@code accepted}, {@code in_progress}, {@code
   *     completed} or {@code cancelled}
   */
  public void addQueryJob(String jobId, String queryStatus) {
    Objects.requireNonNull(queryStatus, "queryStatus must not be null");
    QueryJob.Status status =
        switch (queryStatus) {
          case "accepted" -> QueryJob.Status.ACCEPTED;
          case "in_progress" -> QueryJob.Status.IN_PROGRESS;
          case "completed" -> QueryJob.Status.COMPLETED;
          case "cancelled" -> QueryJob.Status.CANCELLED;
          case "failed" ->
              throw new IllegalArgumentException(
                  "a failed job needs its errorMessage: use addFailedQueryJob");
          default ->
              throw new IllegalArgumentException(
                  "queryStatus must be accepted, in_progress, completed or cancelled (got '"
                      + queryStatus
                      + "')");
        };
    addSeededJob(jobId, status, null);
  }

  /**
   * Adds a Data Query job of this caller's under {@code jobId} that failed with this {@code
   * errorMessage}; see {@link #addQueryJob}.
   *
   * @param jobId letters, digits and hyphens, 1 to 64 of them (the spec's job ID)
   */
  public void addFailedQueryJob(String jobId, String errorMessage) {
    Objects.requireNonNull(errorMessage, "errorMessage must not be null");
    addSeededJob(jobId, QueryJob.Status.FAILED, errorMessage);
  }

  private void addSeededJob(String jobId, QueryJob.Status status, String errorMessage) {
    checkJobId(jobId);
    ResultRows rows = new ResultRows(handler.history().snapshot(), ParsedQuery.EVERY_FAILURE);
    Instant now = handler.now();
    handler
        .queryJobs()
        .add(QueryJob.seeded(jobId, status, errorMessage, rows, SEEDED_JOB_QUERY, now), now);
  }

  /**
   * Makes the storage host take this pre-signed URL as one it signed, whatever its signature and
   * dates say: for a contract test whose example URL no simulator made (a pact's). Only this URL:
   * the same path, and the same query parameters, compared decoded and in any order. The rest is
   * checked as for any URL: it must carry the {@code X-Amz-*} parameters, come without {@code
   * Authorization}, and name the file of a completed job ({@link #addQueryJob}, for example {@code
   * /query-results/<jobId>.jsonl.gz}); every other URL's signature and expiry are checked as
   * before. Forgotten by {@link #reset()}.
   *
   * @param pathAndQuery the URL's raw path and query string, for example {@code
   *     /query-results/<jobId>.jsonl.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&...}
   */
  public void acceptResultFileUrl(String pathAndQuery) {
    Objects.requireNonNull(pathAndQuery, "pathAndQuery must not be null");
    URI url;
    try {
      url = new URI(pathAndQuery);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("pathAndQuery is not a URL's path and query: " + e);
    }
    if (url.isAbsolute()
        || url.getRawAuthority() != null
        || url.getRawPath() == null
        || !url.getRawPath().startsWith("/")
        || url.getRawQuery() == null) {
      throw new IllegalArgumentException(
          "pathAndQuery must be a path and a query string, such as /file?X-Amz-Algorithm=... (got '"
              + pathAndQuery
              + "')");
    }
    handler.urls().accept(url.getRawPath(), url.getRawQuery());
  }

  /** How many Data Query jobs were submitted (answered 200). */
  public int queryJobsSubmitted() {
    return handler.queryJobs().submitted();
  }

  /** How many Data Query jobs a {@code DELETE} cancelled. */
  public int queryJobsCancelled() {
    return handler.queryJobs().cancelled();
  }

  /**
   * Every request the storage host received, oldest first, bounded as {@link #requests()} is (its
   * own bound, apart from those); with its headers, so that a test can check that no {@code
   * Authorization} or {@code Zuora-*} header reached it. Forgotten by {@link #reset()}.
   */
  public List<RecordedRequest> resultFileRequests() {
    return handler.resultFileRequests().requests();
  }

  /** Makes the URL of the next job to complete already expired: its download answers 403. */
  public void expireNextResultUrl() {
    handler.resultFaults().expireNext();
  }

  /**
   * Cuts the next result file answered 200 after {@code bytes} bytes of its body (gzip bytes for a
   * gzipped file): the connection closes without ending the body, before its {@code Content-Length}
   * or without the last chunk.
   */
  public void truncateNextResultFile(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative (got " + bytes + ")");
    }
    handler.resultFaults().truncateNext(bytes);
  }

  /** Makes the next result file answered 200 pause for {@code perKilobyte} after each KiB. */
  public void slowNextResultFile(Duration perKilobyte) {
    handler.resultFaults().slowNext(checkDelay(perKilobyte));
  }

  /**
   * Makes the next request to the storage host, whatever it asks, answer 302 with {@code Location:
   * to}.
   */
  public void redirectNextResultFile(URI to) {
    handler.resultFaults().redirectNext(Objects.requireNonNull(to, "to must not be null"));
  }

  /** Stops listening at once and ends the worker threads, interrupting delayed requests. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    threads.closed();
    server.stop(0);
    storage.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The parts behind the knobs, for the package's tests of what they keep. */
  SimulatorHandler handler() {
    return handler;
  }

  /** The simulator's threads, the JDK server's included. */
  ThreadGroup threads() {
    return threads;
  }

  @Override
  public String toString() {
    return "ZuoraSimulator{baseUri=" + baseUri + (closed.get() ? ", closed" : "") + '}';
  }

  private static String checkId(String id) {
    Objects.requireNonNull(id, "id must not be null");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    return id;
  }

  private static String checkJobId(String jobId) {
    Objects.requireNonNull(jobId, "jobId must not be null");
    if (!jobId.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException(
          "jobId must be 1 to 64 letters, digits or hyphens (got '" + jobId + "')");
    }
    return jobId;
  }

  private static String checkToken(String token) {
    Objects.requireNonNull(token, "token must not be null");
    if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "token must be printable US-ASCII without spaces (value not shown)");
    }
    return token;
  }

  private static SimulatorHandler.Seed failure(String code, String message) {
    Objects.requireNonNull(code, "code must not be null");
    Objects.requireNonNull(message, "message must not be null");
    if (code.isBlank()) {
      throw new IllegalArgumentException("code must not be blank");
    }
    return new SimulatorHandler.Seed(code, message);
  }

  private static int checkCount(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1 (got " + n + ")");
    }
    return n;
  }

  private static int checkStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be from 400 to 599 (got " + status + ")");
    }
    return status;
  }

  private static Duration checkDelay(Duration d) {
    Objects.requireNonNull(d, "duration must not be null");
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative (got " + d + ")");
    }
    return d;
  }

  private static void checkClient(String clientId, String clientSecret) {
    Objects.requireNonNull(clientId, "clientId must not be null");
    Objects.requireNonNull(clientSecret, "clientSecret must not be null");
    if (clientId.isEmpty() || clientSecret.isEmpty()) {
      throw new IllegalArgumentException("clientId and clientSecret must not be empty");
    }
  }

  /** Configures a {@link ZuoraSimulator}; not thread-safe. */
  public static final class Builder {
    /** The token lifetime Zuora reports: {@code expires_in} 3599. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(3599);

    /** Zuora's per-minute limit for production tenants. */
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 50_000;

    /** How long a Data Query job takes by default, from submission to its end. */
    public static final Duration DEFAULT_QUERY_JOB_DELAY = Duration.ofMillis(300);

    /** How many requests {@link ZuoraSimulator#requests()} keeps by default. */
    public static final int DEFAULT_MAX_RECORDED_REQUESTS = 10_000;

    /** How many idempotent answers the simulator stores by default. */
    public static final int DEFAULT_MAX_STORED_ANSWERS = 10_000;

    /** For how many IDs {@link ZuoraSimulator#resendCount} keeps a count by default. */
    public static final int DEFAULT_MAX_COUNTED_IDS = 1_000_000;

    // What the recorded requests and the stored answers may hold each, whatever their number.
    static final long DEFAULT_MAX_BYTES = 64L << 20;

    private final Map<String, String> clients = new LinkedHashMap<>();
    private final Set<String> tokens = new LinkedHashSet<>();
    private final Map<String, SimulatorHandler.Seed> seeds = new LinkedHashMap<>();
    private String unknownIdPrefix;
    private boolean seededByList;
    private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private int quota = DEFAULT_RATE_LIMIT_PER_MINUTE;
    private Duration quotaWindow = Duration.ofMinutes(1);
    private int maxInFlight;
    private int otherTraffic;
    private Duration latency = Duration.ZERO;
    private Duration concurrencyRetryAfter = Duration.ofSeconds(1);
    private int maxRecordedRequests = DEFAULT_MAX_RECORDED_REQUESTS;
    private long maxRecordedBytes = DEFAULT_MAX_BYTES;
    private int maxStoredAnswers = DEFAULT_MAX_STORED_ANSWERS;
    private long maxStoredAnswerBytes = DEFAULT_MAX_BYTES;
    private int maxCountedIds = DEFAULT_MAX_COUNTED_IDS;
    private Consumer<Throwable> onInternalError = fault -> {};
    private Clock clock = Clock.systemUTC();
    private int port;
    private final List<CalloutRecord> history = new ArrayList<>();
    private GeneratedFailures generated;
    private Duration queryJobDelay = DEFAULT_QUERY_JOB_DELAY;

    private Builder() {}

    /** Lets this OAuth client get tokens from {@link ZuoraSimulator#TOKEN_PATH}. */
    public Builder client(String clientId, String clientSecret) {
      checkClient(clientId, clientSecret);
      clients.put(clientId, clientSecret);
      return this;
    }

    /** Accepts this bearer token from the start; it never expires, but can be revoked. */
    public Builder acceptToken(String token) {
      tokens.add(checkToken(token));
      return this;
    }

    /** Seeds by list; see {@link #knownIds(Collection)}. */
    public Builder knownIds(String... ids) {
      return knownIds(Arrays.asList(Objects.requireNonNull(ids, "ids")));
    }

    /**
     * Seeds by list: these IDs exist and can be resent, and, unless {@link #unknownIdPrefix} is
     * also given, no other ID does.
     */
    public Builder knownIds(Collection<String> ids) {
      Objects.requireNonNull(ids, "ids");
      ids.forEach(id -> seeds.put(checkId(id), SimulatorHandler.Seed.RESENDABLE));
      seededByList = true;
      return this;
    }

    /**
     * Seeds by name with another prefix than {@value ZuoraSimulator#UNKNOWN_ID_PREFIX}, the
     * default: every ID is known and resent, except those that start with {@code prefix}, which
     * fail with {@code ObjectNotFound} as Zuora's unknown IDs do; IDs seeded with {@link #knownIds}
     * or {@link #failingId} behave as seeded, and no longer limit the known IDs to the list.
     */
    public Builder unknownIdPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.isEmpty()) {
        throw new IllegalArgumentException("prefix must not be empty");
      }
      this.unknownIdPrefix = prefix;
      return this;
    }

    /**
     * An ID whose resend fails with this Zuora code and message, for example a Workflow callout:
     * {@code failingId(id, "InvalidValue", "Callouts created by Workflow cannot be resent.")}.
     */
    public Builder failingId(String id, String code, String message) {
      seeds.put(checkId(id), failure(code, message));
      return this;
    }

    /** How long issued tokens stay valid, and the {@code expires_in} reported; at least 1 s. */
    public Builder tokenLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "tokenLifetime must not be null");
      if (lifetime.getSeconds() < 1) {
        throw new IllegalArgumentException(
            "tokenLifetime must be at least 1 second (got " + lifetime + ")");
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /** Resend requests allowed per minute before the simulator answers 429; at least 1. */
    public Builder rateLimitPerMinute(int limit) {
      return rateLimit(limit, Duration.ofMinutes(1));
    }

    /**
     * Resend requests allowed per fixed window before the simulator answers 429 with {@code
     * RateLimit-Reset} set to the window's end; every answer carries {@code RateLimit-Limit},
     * {@code -Remaining} and {@code -Reset}. Zuora's window is a minute; a shorter one scales a
     * quota down for a test or benchmark that must finish quickly (under 10 s, the headers give
     * milliseconds).
     *
     * @param requests at least 1
     * @param window at least 10 ms
     */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 1) {
        throw new IllegalArgumentException("rateLimit must be at least 1 (got " + requests + ")");
      }
      Objects.requireNonNull(window, "window");
      if (window.toMillis() < 10) {
        throw new IllegalArgumentException("window must be at least 10 ms (got " + window + ")");
      }
      this.quota = requests;
      this.quotaWindow = window;
      return this;
    }

    /**
     * The tenant's cap on resend requests in flight (Zuora's concurrent request limit); beyond it a
     * request is answered 429 at once, with {@link #concurrencyRetryAfter}. 0, the default, sets no
     * cap.
     */
    public Builder maxInFlight(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxInFlight must not be negative (got " + max + ")");
      }
      this.maxInFlight = max;
      return this;
    }

    /**
     * Slots of {@link #maxInFlight} held by the tenant's other traffic (other integrations, users);
     * {@link ZuoraSimulator#otherTraffic(int)} changes it while running.
     */
    public Builder otherTraffic(int slots) {
      if (slots < 0) {
        throw new IllegalArgumentException("otherTraffic must not be negative (got " + slots + ")");
      }
      this.otherTraffic = slots;
      return this;
    }

    /** How long each admitted resend request takes, holding its slot; default none. */
    public Builder latency(Duration latency) {
      this.latency = checkDelay(latency);
      return this;
    }

    /** The {@code Retry-After} of a 429 over {@link #maxInFlight}; default 1 s. */
    public Builder concurrencyRetryAfter(Duration retryAfter) {
      this.concurrencyRetryAfter = checkDelay(retryAfter);
      return this;
    }

    /**
     * How many requests to keep for {@link ZuoraSimulator#requests()}; older ones are dropped, and
     * so are they when the kept ones hold over 64 MiB (a request of 1000 IDs of 32 characters holds
     * about 150 KB). 0 keeps none, for a long run where nobody reads them back.
     */
    public Builder maxRecordedRequests(int max) {
      this.maxRecordedRequests = notNegative("maxRecordedRequests", max);
      return this;
    }

    /**
     * How many idempotent answers to store (default {@value #DEFAULT_MAX_STORED_ANSWERS}); past
     * that, or past 64 MiB of them, the oldest is dropped and a request with its key is processed
     * afresh. Zuora keeps each for 24 hours whatever the traffic; the simulator keeps them for 24
     * hours too, unless dropped sooner. An answer of 1000 failures holds about 100 KB, one without
     * failures about 1 KB. 0 stores none: every retry is processed afresh.
     */
    public Builder maxStoredAnswers(int max) {
      this.maxStoredAnswers = notNegative("maxStoredAnswers", max);
      return this;
    }

    /**
     * For how many IDs {@link ZuoraSimulator#resendCount} keeps a count (default {@value
     * #DEFAULT_MAX_COUNTED_IDS}, about 100 bytes each); past that, the ID resent least recently is
     * forgotten. {@link ZuoraSimulator#totalResends()} counts every resend whatever this is.
     */
    public Builder maxCountedIds(int max) {
      this.maxCountedIds = notNegative("maxCountedIds", max);
      return this;
    }

    /**
     * Told of every fault of the simulator's own: an exception or {@link Error} while it handled a
     * request (just before it answers 500 or closes the connection), or a throwable that ended one
     * of its threads, the JDK server's included (when its dispatcher dies, no request is answered
     * any more). For example to fail a test, or to stop a run. Called on the failing thread until
     * the simulator is closed: it must return quickly, and what it throws is ignored. By default
     * nothing is told (a thread's death is printed on {@code System.err}, as the JDK does).
     */
    public Builder onInternalError(Consumer<? super Throwable> listener) {
      Objects.requireNonNull(listener, "listener must not be null");
      this.onInternalError = listener::accept;
      return this;
    }

    /** Seeds the callout history; see {@link #calloutHistory(Collection)}. */
    public Builder calloutHistory(CalloutRecord... records) {
      return calloutHistory(Arrays.asList(Objects.requireNonNull(records, "records")));
    }

    /**
     * Seeds the callout history that Data Query jobs read (added to what earlier calls seeded). The
     * records' IDs are not seeded for the resend endpoint, where the usual rule applies (every ID
     * is resent unless it starts with {@value ZuoraSimulator#UNKNOWN_ID_PREFIX}).
     */
    public Builder calloutHistory(Collection<CalloutRecord> records) {
      for (CalloutRecord r : Objects.requireNonNull(records, "records")) {
        history.add(Objects.requireNonNull(r, "a callout record must not be null"));
      }
      return this;
    }

    /**
     * Adds {@code count} failed callouts to the history, spread evenly over {@code [from, to)} and
     * made up whenever a job reads them, so that they take no memory: a million of them are
     * counted, and streamed into a result file, in a small heap. The same arguments give the same
     * records: 32-character hex IDs (resent by the resend endpoint under its default rule) that
     * sort in creation order, response codes 500, 503 and -1 in turn, four event categories ({@code
     * InvoicePosted}, {@code PaymentProcessed}, {@code SubscriptionCreated}, {@code
     * AccountUpdated}), four notifications, a thousand accounts and an object each. None is
     * superseded unless a seeded success says so. Replaces an earlier call's.
     *
     * @param count at least 0
     * @param from the first record's time
     * @param to after {@code from}, by 1 ms at least
     */
    public Builder generatedFailures(int count, Instant from, Instant to) {
      Objects.requireNonNull(from, "from must not be null");
      Objects.requireNonNull(to, "to must not be null");
      this.generated = new GeneratedFailures(count, from, to);
      return this;
    }

    /**
     * How long a Data Query job takes (default 300 ms) by the simulator's clock: {@code accepted}
     * for the first half, {@code in_progress} for the second, then it ends. {@link
     * ZuoraSimulator#queryJobDelay(Duration)} changes it for jobs submitted later.
     */
    public Builder queryJobDelay(Duration delay) {
      this.queryJobDelay = checkDelay(delay);
      return this;
    }

    /** The memory budgets of the recorded requests and of the stored answers, for tests. */
    Builder maxBytes(long recorded, long storedAnswers) {
      this.maxRecordedBytes = recorded;
      this.maxStoredAnswerBytes = storedAnswers;
      return this;
    }

    private static int notNegative(String name, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " must not be negative (got " + value + ")");
      }
      return value;
    }

    /**
     * The clock for token expiry, the 24-hour idempotency window, the rate-limit window, Data Query
     * jobs and the expiry of their URLs, and {@link RecordedRequest#receivedAt()}; a test can pass
     * one it moves by hand. Injected delays are real time.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /** A fixed port on 127.0.0.1; 0, the default, picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be from 0 to 65535 (got " + port + ")");
      }
      this.port = port;
      return this;
    }

    /**
     * Starts the simulator on 127.0.0.1.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public ZuoraSimulator start() {
      return new ZuoraSimulator(this);
    }
  }
}
