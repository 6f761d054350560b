package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.SimExchange.REQUEST_ID;
import static dev.zuoraclient.callouts.simulator.SimExchange.json;
import static dev.zuoraclient.callouts.simulator.SimExchange.message;
import static dev.zuoraclient.callouts.simulator.SimExchange.parseIds;
import static dev.zuoraclient.callouts.simulator.SimExchange.readBody;
import static dev.zuoraclient.callouts.simulator.SimExchange.requestId;
import static dev.zuoraclient.callouts.simulator.SimExchange.write;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Routes every request to its endpoint ({@link ResendEndpoint}, {@link TokenEndpoint}, {@link
 * DataQueryEndpoint}) and keeps what clients sent; it also holds the storage host's handler ({@link
 * ResultFileServer}), which shares the Data Query jobs; the exchange on the wire is {@link
 * SimExchange}'s. All of it is safe to share.
 */
final class SimulatorHandler implements HttpHandler {

  /** How a seeded ID behaves when asked to be resent. */
  record Seed(String code, String message) {
    static final Seed RESENDABLE = new Seed("", "");
    static final Seed NOT_FOUND = new Seed("ObjectNotFound", "Callout history does not exist.");

    boolean resendable() {
      return this == RESENDABLE;
    }
  }

  /** Everything the builder configured. */
  record Config(
      Clock clock,
      Map<String, String> clients,
      Set<String> tokens,
      Map<String, Seed> seeds,
      String unknownIdPrefix,
      Duration tokenLifetime,
      TenantLimits.Settings limits,
      Bounds bounds,
      DataQuery dataQuery,
      Consumer<Throwable> onInternalError) {} // must not throw

  /** The callout history Data Query answers from, how long its jobs take, where files are. */
  record DataQuery(
      List<CalloutRecord> history,
      GeneratedFailures generated,
      Duration jobDelay,
      URI storageBase) {}

  /** How much the simulator keeps of what clients sent, so that its memory stays bounded. */
  record Bounds(
      int recordedRequests,
      long recordedBytes,
      int storedAnswers,
      long storedAnswerBytes,
      int countedIds) {}

  private final Clock clock;
  private final TokenEndpoint tokens;
  private final ResendEndpoint resends;
  private final RequestLog recorded;
  private final Consumer<Throwable> onInternalError;
  private final CalloutHistory history;
  private final QueryJobs queryJobs;
  private final ResultFaults resultFaults = new ResultFaults();
  private final PresignedUrls urls;
  private final DataQueryEndpoint dataQuery;
  private final RequestLog resultFileRequests;
  private final ResultFileServer resultFiles;

  SimulatorHandler(Config config) {
    this.clock = config.clock();
    this.recorded =
        new RequestLog(config.bounds().recordedRequests(), config.bounds().recordedBytes());
    this.onInternalError = config.onInternalError();
    this.tokens = new TokenEndpoint(config.clients(), config.tokens(), config.tokenLifetime());
    this.resends = new ResendEndpoint(config, tokens, recorded::add);
    DataQuery dq = config.dataQuery();
    this.history = new CalloutHistory(dq.history(), dq.generated());
    this.queryJobs = new QueryJobs(dq.jobDelay());
    this.urls = new PresignedUrls(dq.storageBase());
    this.dataQuery = new DataQueryEndpoint(tokens, history, queryJobs, urls, resultFaults);
    this.resultFileRequests =
        new RequestLog(config.bounds().recordedRequests(), config.bounds().recordedBytes());
    this.resultFiles =
        new ResultFileServer(
            clock, queryJobs, urls, resultFaults, resultFileRequests, onInternalError);
  }

  // ---- knobs ----

  void seed(String id, Seed seed) {
    resends.seed(id, seed);
  }

  void acceptToken(String token) {
    tokens.acceptToken(token);
  }

  void addClient(String clientId, String clientSecret) {
    tokens.addClient(clientId, clientSecret);
  }

  void revokeTokens() {
    tokens.revokeTokens();
  }

  int resendCount(String id) {
    return resends.resendCount(id);
  }

  long totalResends() {
    return resends.totalResends();
  }

  int tokenRequestCount() {
    return tokens.tokenRequestCount();
  }

  Faults faults() {
    return resends.faults();
  }

  TenantLimits limits() {
    return resends.limits();
  }

  List<RecordedRequest> requests() {
    return recorded.requests();
  }

  long droppedRequests() {
    return recorded.dropped();
  }

  void clearRequests() {
    recorded.clear();
  }

  RequestLog requestLog() {
    return recorded;
  }

  CalloutHistory history() {
    return history;
  }

  QueryJobs queryJobs() {
    return queryJobs;
  }

  ResultFaults resultFaults() {
    return resultFaults;
  }

  PresignedUrls urls() {
    return urls;
  }

  Instant now() {
    return clock.instant();
  }

  /** The storage host's handler, which the simulator serves on a port of its own. */
  ResultFileServer resultFiles() {
    return resultFiles;
  }

  RequestLog resultFileRequests() {
    return resultFileRequests;
  }

  ResendEndpoint resends() {
    return resends;
  }

  void reset() {
    clearRequests();
    resends.reset();
    tokens.reset();
    history.reset();
    queryJobs.reset();
    resultFaults.clear();
    urls.clear();
    resultFileRequests.clear();
  }

  // ---- HTTP ----

  public void handle(HttpExchange exchange) {
    try {
      write(exchange, route(exchange));
    } catch (InterruptedException e) {
      // close() interrupts requests still being delayed: drop them the way a stopping server does
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away; nobody is left to tell
    } catch (RuntimeException | Error e) {
      // A fault of the simulator's own. An Error must not leave here either: the JDK's server
      // would rethrow it and end this worker, the client would get a closed connection and no
      // answer, and nobody would be told.
      failed(exchange, e);
    } finally {
      closeQuietly(exchange);
    }
  }

  /**
   * Reports the fault, then answers 500 if nothing was sent yet; never throws. Reported first, so
   * that whoever is told can act before the client sees the answer and retries.
   */
  private void failed(HttpExchange exchange, Throwable fault) {
    onInternalError.accept(fault);
    try {
      if (exchange.getResponseCode() == -1) {
        write(exchange, json(500, Map.of(REQUEST_ID, requestId()), message(fault.toString())));
      }
    } catch (IOException | RuntimeException | Error e) {
      // No answer then (out of memory, say): closing the exchange drops the connection, which
      // the client sees at once.
    }
  }

  private static void closeQuietly(HttpExchange exchange) {
    try {
      exchange.close();
    } catch (RuntimeException | Error e) {
      // nothing more can be done for this exchange
    }
  }

  private SimResponse route(HttpExchange exchange) throws IOException, InterruptedException {
    Instant now = clock.instant();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    SimExchange.Body body = readBody(exchange);
    boolean resend = path.equals(ZuoraSimulator.RESEND_PATH);
    boolean query = DataQueryEndpoint.handles(path);
    List<String> ids =
        resend && method.equals("POST") && body.error() == null ? parseIds(body.decoded()) : null;
    RecordedRequest request =
        new RecordedRequest(
            method,
            path,
            exchange.getRequestHeaders(),
            body.raw(),
            RecordedRequest.text(body.error() == null ? body.decoded() : body.raw()),
            ids == null ? List.of() : ids,
            now);
    if (resend && method.equals("POST")) {
      return resends.answer(request, body, ids, now);
    }
    recorded.add(request);
    if (query) {
      return dataQuery.answer(request, body, now);
    }
    if (!resend && !path.equals(ZuoraSimulator.TOKEN_PATH)) {
      return json(404, Map.of(REQUEST_ID, requestId()), message("Not found"));
    }
    if (!method.equals("POST")) {
      return json(
          405, Map.of(REQUEST_ID, requestId(), "Allow", "POST"), message("Method not allowed"));
    }
    return tokens.answer(request, body, now);
  }
}
