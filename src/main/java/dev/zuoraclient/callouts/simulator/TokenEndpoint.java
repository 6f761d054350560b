package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.SimExchange.FORM;
import static dev.zuoraclient.callouts.simulator.SimExchange.MAPPER;
import static dev.zuoraclient.callouts.simulator.SimExchange.REQUEST_ID;
import static dev.zuoraclient.callouts.simulator.SimExchange.hasMediaType;
import static dev.zuoraclient.callouts.simulator.SimExchange.json;
import static dev.zuoraclient.callouts.simulator.SimExchange.message;
import static dev.zuoraclient.callouts.simulator.SimExchange.parseForm;
import static dev.zuoraclient.callouts.simulator.SimExchange.requestId;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code POST /oauth/token}, and the bearer tokens it issues that the resend endpoint checks. */
final class TokenEndpoint {
  static final String SCOPE =
      "entity.00000000-0000-0000-0000-000000000000 platform.write service.notifications.read"
          + " service.notifications.write";

  private static final int SWEEP_EVERY = 1024;

  private final ConcurrentHashMap<String, String> clients = new ConcurrentHashMap<>();
  // Token -> expiry; tokens configured up front never expire.
  private final ConcurrentHashMap<String, Instant> tokens = new ConcurrentHashMap<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger issued = new AtomicInteger();
  private final Duration tokenLifetime;

  TokenEndpoint(Map<String, String> clients, Iterable<String> tokens, Duration tokenLifetime) {
    this.clients.putAll(clients);
    this.tokenLifetime = tokenLifetime;
    tokens.forEach(this::acceptToken);
  }

  void acceptToken(String token) {
    tokens.put(token, Instant.MAX);
  }

  void addClient(String clientId, String clientSecret) {
    clients.put(clientId, clientSecret);
  }

  void revokeTokens() {
    tokens.clear();
  }

  int tokenRequestCount() {
    return tokenRequests.get();
  }

  /** Forgets the count of token requests; tokens and clients stay. */
  void reset() {
    tokenRequests.set(0);
  }

  SimResponse answer(RecordedRequest request, SimExchange.Body body, Instant now) {
    tokenRequests.incrementAndGet();
    Map<String, String> headers = Map.of(REQUEST_ID, requestId(), "Cache-Control", "no-store");
    if (!hasMediaType(request, FORM)) {
      return json(400, headers, message("Content-Type must be " + FORM + "."));
    }
    if (body.error() != null) {
      return json(body.errorStatus(), headers, message(body.error()));
    }
    Map<String, String> form;
    try {
      form = parseForm(request.bodyText());
    } catch (IllegalArgumentException e) {
      return json(400, headers, message("The form body is malformed."));
    }
    for (String field : List.of("client_id", "client_secret", "grant_type")) {
      if (form.getOrDefault(field, "").isEmpty()) {
        return json(400, headers, message(field + " is required."));
      }
    }
    if (!form.get("grant_type").equals("client_credentials")) {
      return json(400, headers, message("Unsupported grant_type; use client_credentials."));
    }
    String expected = clients.get(form.get("client_id"));
    if (expected == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8),
            form.get("client_secret").getBytes(StandardCharsets.UTF_8))) {
      return json(401, headers, message("Bad credentials"));
    }
    String token = UUID.randomUUID().toString().replace("-", "");
    tokens.put(token, now.plus(tokenLifetime));
    if (issued.incrementAndGet() % SWEEP_EVERY == 0) {
      // An expired token is otherwise dropped only when a request still presents it.
      tokens.values().removeIf(expiry -> !now.isBefore(expiry));
    }
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("access_token", token);
    answer.put("token_type", "bearer");
    answer.put("expires_in", tokenLifetime.toSeconds());
    answer.put("scope", SCOPE);
    answer.put("jti", token);
    return json(200, headers, answer);
  }

  /** Whether the request carries a bearer token issued here and not expired. */
  boolean authorized(RecordedRequest request, Instant now) {
    String auth = request.header("Authorization").orElse("");
    if (auth.length() <= 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    String token = auth.substring(7).trim();
    Instant expiry = tokens.get(token);
    if (expiry == null) {
      return false;
    }
    if (!now.isBefore(expiry)) {
      tokens.remove(token, expiry);
      return false;
    }
    return true;
  }
}
