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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes every request to its endpoint ({@link ResendEndpoint}, {@link TokenEndpoint}) and keeps
 * what clients sent; the exchange on the wire is {@link SimExchange}'s. All of it is safe to share.
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
      int maxRecordedRequests) {}

  private final Clock clock;
  private final int maxRecorded;
  private final TokenEndpoint tokens;
  private final ResendEndpoint resends;
  private final ArrayDeque<RecordedRequest> recorded = new ArrayDeque<>(); // guarded by itself

  SimulatorHandler(Config config) {
    this.clock = config.clock();
    this.maxRecorded = config.maxRecordedRequests();
    this.tokens = new TokenEndpoint(config.clients(), config.tokens(), config.tokenLifetime());
    this.resends = new ResendEndpoint(config, tokens, this::record);
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
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  void clearRequests() {
    synchronized (recorded) {
      recorded.clear();
    }
  }

  void reset() {
    clearRequests();
    resends.reset();
    tokens.reset();
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
    } catch (RuntimeException e) {
      if (exchange.getResponseCode() == -1) {
        try {
          write(exchange, json(500, Map.of(REQUEST_ID, requestId()), message(e.toString())));
        } catch (IOException ignored) {
          // the client went away as well
        }
      }
    } finally {
      exchange.close();
    }
  }

  private SimResponse route(HttpExchange exchange) throws IOException, InterruptedException {
    Instant now = clock.instant();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    SimExchange.Body body = readBody(exchange);
    boolean resend = path.equals(ZuoraSimulator.RESEND_PATH);
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
    record(request);
    if (!resend && !path.equals(ZuoraSimulator.TOKEN_PATH)) {
      return json(404, Map.of(REQUEST_ID, requestId()), message("Not found"));
    }
    if (!method.equals("POST")) {
      return json(
          405, Map.of(REQUEST_ID, requestId(), "Allow", "POST"), message("Method not allowed"));
    }
    return tokens.answer(request, body, now);
  }

  private void record(RecordedRequest request) {
    synchronized (recorded) {
      recorded.addLast(request);
      while (recorded.size() > maxRecorded) {
        recorded.removeFirst();
      }
    }
  }
}
