package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.SimExchange.JSON;
import static dev.zuoraclient.callouts.simulator.SimExchange.MAPPER;
import static dev.zuoraclient.callouts.simulator.SimExchange.REQUEST_ID;
import static dev.zuoraclient.callouts.simulator.SimExchange.TRACK_ID;
import static dev.zuoraclient.callouts.simulator.SimExchange.fractionalSeconds;
import static dev.zuoraclient.callouts.simulator.SimExchange.hasMediaType;
import static dev.zuoraclient.callouts.simulator.SimExchange.json;
import static dev.zuoraclient.callouts.simulator.SimExchange.pause;
import static dev.zuoraclient.callouts.simulator.SimExchange.reasons;
import static dev.zuoraclient.callouts.simulator.SimExchange.requestId;
import static dev.zuoraclient.callouts.simulator.SimExchange.seconds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.simulator.SimulatorHandler.Seed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code POST /notifications/callout-histories/resend}: the tenant's limits, injected faults,
 * authentication, the request's rules (the spec's, through {@link SpecLimits}), idempotent replays,
 * and the per-ID outcome of each seeded or unseeded ID.
 */
final class ResendEndpoint {
  static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

  private static final String IN_PROGRESS =
      "A request with this Idempotency-Key is still in progress; retry later.";
  private static final String KEY_REUSED =
      "This Idempotency-Key was already used with a different request body.";
  // The spec's rules (SpecLimits, written by the build from it).
  private static final Pattern TRACK_ID_RULE = rule(SpecLimits.ZUORA_TRACK_ID_PATTERN);
  private static final Pattern IDEMPOTENCY_KEY_RULE = rule(SpecLimits.IDEMPOTENCY_KEY_PATTERN);

  private final Clock clock;
  private final TokenEndpoint tokens;
  private final Consumer<RecordedRequest> recorder;
  private final TenantLimits limits;
  private final Map<String, Seed> initialSeeds;
  private final String unknownIdPrefix; // null: only seeded IDs are known
  private final ConcurrentHashMap<String, Seed> seeds = new ConcurrentHashMap<>();
  private final ResendCounts resendCounts;
  private final Faults faults = new Faults();
  private final IdempotencyStore idempotency;

  ResendEndpoint(
      SimulatorHandler.Config config, TokenEndpoint tokens, Consumer<RecordedRequest> recorder) {
    this.clock = config.clock();
    this.tokens = tokens;
    this.recorder = recorder;
    this.limits = new TenantLimits(config.limits());
    this.initialSeeds = Map.copyOf(config.seeds());
    this.unknownIdPrefix = config.unknownIdPrefix();
    this.seeds.putAll(initialSeeds);
    SimulatorHandler.Bounds bounds = config.bounds();
    this.resendCounts = new ResendCounts(bounds.countedIds());
    this.idempotency = new IdempotencyStore(bounds.storedAnswers(), bounds.storedAnswerBytes());
  }

  void seed(String id, Seed seed) {
    seeds.put(id, seed);
  }

  int resendCount(String id) {
    return resendCounts.of(id);
  }

  long totalResends() {
    return resendCounts.total();
  }

  ResendCounts resendCounts() {
    return resendCounts;
  }

  IdempotencyStore idempotency() {
    return idempotency;
  }

  Faults faults() {
    return faults;
  }

  TenantLimits limits() {
    return limits;
  }

  /** Back to the state at start: counters, faults, stored answers, limits and seeds. */
  void reset() {
    faults.clear();
    idempotency.clear();
    resendCounts.clear();
    seeds.clear();
    seeds.putAll(initialSeeds);
    limits.reset();
  }

  /**
   * Order matters: injected faults come first so that a test sees them whatever it sends; the
   * idempotency key is claimed before the injected delay so that a concurrent duplicate finds it in
   * progress; and the request is recorded once claimed, so a test that saw it recorded knows the
   * key is held.
   */
  SimResponse answer(RecordedRequest request, SimExchange.Body body, List<String> ids, Instant now)
      throws InterruptedException {
    Faults.Fault fault = faults.take();
    if (!limits.tryEnter()) {
      // Zuora refuses a request over the tenant's concurrency cap at once, before any work.
      recorder.accept(request);
      return overConcurrencyLimit();
    }
    try {
      return admitted(request, body, ids, now, fault);
    } finally {
      limits.exit();
    }
  }

  private SimResponse admitted(
      RecordedRequest request,
      SimExchange.Body body,
      List<String> ids,
      Instant now,
      Faults.Fault fault)
      throws InterruptedException {
    // Every answer below leaves after the injected delay and the latency.
    TenantLimits.Rate rate =
        limits.consume(now).answeredAfter(fault.delay().plus(limits.latency()));
    String trackId = request.header(TRACK_ID).filter(ResendEndpoint::validTrackId).orElse(null);
    Map<String, String> headers = zuoraHeaders(trackId, rate);
    String key = request.header("Idempotency-Key").orElse(null);
    SimResponse early = null;
    boolean claimed = false;
    if (fault.failing()) {
      early = Refusals.injected(fault, trackId, headers);
    } else if (rate.exceeded()) {
      early = Refusals.tooManyRequests(headers, rate.reset(), scaled());
    } else if (!tokens.authorized(request, now)) {
      early = Refusals.unauthorized(trackId);
    } else {
      early = invalid(request, body, ids, headers);
      if (early == null && key != null) {
        IdempotencyStore.Claim claim = idempotency.claim(key, ids, now);
        switch (claim.kind()) {
          case CLAIMED -> claimed = true;
          case REPLAY -> early = claim.stored();
          case IN_PROGRESS -> early = json(409, headers, reasons("Conflict", IN_PROGRESS));
          case MISMATCH -> early = json(422, headers, reasons("UnprocessableEntity", KEY_REUSED));
        }
      }
    }
    recorder.accept(request);
    boolean stored = false;
    try {
      pause(fault.delay());
      pause(limits.latency());
      if (early != null) {
        return early;
      }
      SimResponse response = process(ids, headers);
      if (claimed) {
        idempotency.complete(key, response, clock.instant(), IDEMPOTENCY_TTL);
        stored = true;
      }
      return response;
    } finally {
      if (claimed && !stored) {
        idempotency.release(key);
      }
    }
  }

  private Seed unseeded(String id) {
    return unknownIdPrefix != null && !id.startsWith(unknownIdPrefix)
        ? Seed.RESENDABLE
        : Seed.NOT_FOUND;
  }

  private SimResponse process(List<String> ids, Map<String, String> headers) {
    // Zuora answers per ID, so a repeated ID is one notification resent once.
    Set<String> unique = new LinkedHashSet<>(ids);
    ObjectNode failures = MAPPER.createObjectNode();
    List<String> resent = new ArrayList<>(unique.size());
    for (String id : unique) {
      Seed seed = seeds.getOrDefault(id, unseeded(id));
      if (seed.resendable()) {
        resent.add(id);
      } else {
        failures.putObject(id).put("code", seed.code()).put("message", seed.message());
      }
    }
    resendCounts.resent(resent);
    if (failures.isEmpty()) {
      return new SimResponse(202, headers, new byte[0]);
    }
    return json(failures.size() == unique.size() ? 400 : 202, headers, failures);
  }

  private SimResponse invalid(
      RecordedRequest request,
      SimExchange.Body body,
      List<String> ids,
      Map<String, String> headers) {
    String problem = null;
    int status = 400;
    String key = request.header("Idempotency-Key").orElse(null);
    String trackId = request.header(TRACK_ID).orElse(null);
    if (!hasMediaType(request, JSON)) {
      status = 415;
      problem = "Content-Type must be application/json.";
    } else if (body.error() != null) {
      status = body.errorStatus();
      problem = body.error();
    } else if (ids == null) {
      problem = "The request body must be a JSON array of callout history IDs (strings).";
    } else if (ids.isEmpty() || ids.size() < SpecLimits.MIN_IDS) {
      problem =
          "The request body must hold at least "
              + Math.max(1, SpecLimits.MIN_IDS)
              + " callout history ID(s).";
    } else if (ids.size() > SpecLimits.MAX_IDS) {
      problem =
          "You can resend at most "
              + SpecLimits.MAX_IDS
              + " callout notifications at a time (got "
              + ids.size()
              + ").";
    } else if (key != null
        && !valid(key, IDEMPOTENCY_KEY_RULE, SpecLimits.IDEMPOTENCY_KEY_MAX_LENGTH)) {
      problem =
          "Idempotency-Key must be 1 to "
              + SpecLimits.IDEMPOTENCY_KEY_MAX_LENGTH
              + " printable US-ASCII characters.";
    } else if (trackId != null && !validTrackId(trackId)) {
      problem =
          "Zuora-Track-Id must be at most "
              + SpecLimits.ZUORA_TRACK_ID_MAX_LENGTH
              + " printable US-ASCII characters without : ; \" or '.";
    }
    return problem == null ? null : json(status, headers, reasons("InvalidValue", problem));
  }

  private Map<String, String> zuoraHeaders(String trackId, TenantLimits.Rate rate) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REQUEST_ID, requestId());
    if (trackId != null) {
      headers.put(TRACK_ID, trackId);
    }
    headers.put("RateLimit-Limit", limits.quota() + ";w=" + scaledSeconds(limits.window()));
    headers.put("RateLimit-Remaining", Integer.toString(rate.remaining()));
    // Whole seconds, rounded up, as Zuora writes them (in the last second of a window too), unless
    // the limits are scaled down.
    headers.put(
        "RateLimit-Reset", scaled() ? fractionalSeconds(rate.reset()) : seconds(rate.reset()));
    return headers;
  }

  /** The answer over the tenant's cap of requests in flight. */
  private SimResponse overConcurrencyLimit() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REQUEST_ID, requestId());
    headers.put("Retry-After", scaledSeconds(limits.concurrencyRetryAfter()));
    return json(
        429,
        headers,
        reasons(
            "TooManyRequests",
            "The tenant has reached its limit of "
                + limits.maxInFlight()
                + " concurrent requests; retry later."));
  }

  /** Whether the limits are scaled down below Zuora's own (a quota window under 10 s). */
  private boolean scaled() {
    return limits.window().compareTo(Duration.ofSeconds(10)) < 0;
  }

  /** Whole seconds as Zuora writes them, or milliseconds' precision for scaled-down limits. */
  private String scaledSeconds(Duration d) {
    return scaled() || d.toMillis() % 1000 != 0 && d.compareTo(Duration.ofSeconds(1)) < 0
        ? fractionalSeconds(d)
        : seconds(d);
  }

  static boolean validTrackId(String trackId) {
    return valid(trackId, TRACK_ID_RULE, SpecLimits.ZUORA_TRACK_ID_MAX_LENGTH);
  }

  private static Pattern rule(String pattern) {
    return pattern == null ? null : Pattern.compile(pattern, Pattern.UNICODE_CHARACTER_CLASS);
  }

  private static boolean valid(String value, Pattern rule, int maxLength) {
    return !value.isEmpty()
        && value.length() <= maxLength
        && (rule == null || rule.matcher(value).find());
  }
}
