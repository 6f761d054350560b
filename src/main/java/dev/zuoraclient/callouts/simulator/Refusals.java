package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.SimExchange.MAPPER;
import static dev.zuoraclient.callouts.simulator.SimExchange.REQUEST_ID;
import static dev.zuoraclient.callouts.simulator.SimExchange.TRACK_ID;
import static dev.zuoraclient.callouts.simulator.SimExchange.fractionalSeconds;
import static dev.zuoraclient.callouts.simulator.SimExchange.json;
import static dev.zuoraclient.callouts.simulator.SimExchange.message;
import static dev.zuoraclient.callouts.simulator.SimExchange.reasonPhrase;
import static dev.zuoraclient.callouts.simulator.SimExchange.requestId;
import static dev.zuoraclient.callouts.simulator.SimExchange.seconds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answers of a resend Zuora refuses before any work: 401, 429 and injected faults. */
final class Refusals {
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  private static final String CHALLENGE = "Bearer realm=\"Zuora\", error=\"invalid_token\"";

  private Refusals() {}

  static SimResponse unauthorized(String trackId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REQUEST_ID, requestId());
    if (trackId != null) {
      headers.put(TRACK_ID, trackId);
    }
    headers.put("WWW-Authenticate", CHALLENGE);
    return json(401, headers, message("Authentication error"));
  }

  static SimResponse injected(
      Faults.Fault fault, String trackId, Map<String, String> zuoraHeaders) {
    int status = fault.status();
    Duration retryAfter = fault.retryAfter();
    if (status == 429) {
      return tooManyRequests(
          zuoraHeaders, retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter, false);
    }
    if (status == 401) {
      return unauthorized(trackId);
    }
    Map<String, String> headers = new LinkedHashMap<>(zuoraHeaders);
    if (retryAfter != null) {
      headers.put("Retry-After", seconds(retryAfter));
    }
    if (status == 403) {
      ObjectNode body = MAPPER.createObjectNode();
      body.put("code", 90000011L);
      body.put("message", "this resource is protected, you are not allowed to access it");
      return json(403, headers, body);
    }
    return json(status, headers, message(reasonPhrase(status)));
  }

  static SimResponse tooManyRequests(
      Map<String, String> zuoraHeaders, Duration wait, boolean fractional) {
    Map<String, String> headers = new LinkedHashMap<>(zuoraHeaders);
    String text = fractional ? fractionalSeconds(wait) : seconds(wait);
    headers.put("Retry-After", text);
    headers.put("RateLimit-Remaining", "0");
    headers.put("RateLimit-Reset", text);
    return json(429, headers, message("Too many requests"));
  }
}
