package dev.zuoraclient.callouts.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Routes every request and holds the simulator's state; all of it is safe to share. */
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

  static final int MAX_BODY_BYTES = 1 << 20;
  static final int GZIP_THRESHOLD_BYTES = 1000;
  static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  static final String SCOPE =
      "entity.00000000-0000-0000-0000-000000000000 platform.write service.notifications.read"
          + " service.notifications.write";

  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String REQUEST_ID = "Zuora-Request-Id";
  private static final String TRACK_ID = "Zuora-Track-Id";
  private static final String CHALLENGE = "Bearer realm=\"Zuora\", error=\"invalid_token\"";
  private static final String IN_PROGRESS =
      "A request with this Idempotency-Key is still in progress; retry later.";
  private static final String KEY_REUSED =
      "This Idempotency-Key was already used with a different request body.";
  // The spec's rules (SpecLimits, written by the build from it).
  private static final Pattern TRACK_ID_RULE = rule(SpecLimits.ZUORA_TRACK_ID_PATTERN);
  private static final Pattern IDEMPOTENCY_KEY_RULE = rule(SpecLimits.IDEMPOTENCY_KEY_PATTERN);
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Clock clock;
  private final ConcurrentHashMap<String, String> clients = new ConcurrentHashMap<>();
  private final Duration tokenLifetime;
  private final TenantLimits limits;
  private final int maxRecorded;
  private final Map<String, Seed> initialSeeds;
  private final String unknownIdPrefix; // null: only seeded IDs are known

  // Token -> expiry; tokens configured up front never expire.
  private final ConcurrentHashMap<String, Instant> tokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Seed> seeds = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> resendCounts = new ConcurrentHashMap<>();
  private final AtomicLong totalResends = new AtomicLong();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final Faults faults = new Faults();
  private final IdempotencyStore idempotency = new IdempotencyStore();
  private final ArrayDeque<RecordedRequest> recorded = new ArrayDeque<>(); // guarded by itself

  SimulatorHandler(Config config) {
    this.clock = config.clock();
    this.clients.putAll(config.clients());
    this.tokenLifetime = config.tokenLifetime();
    this.limits = new TenantLimits(config.limits());
    this.maxRecorded = config.maxRecordedRequests();
    this.initialSeeds = Map.copyOf(config.seeds());
    this.unknownIdPrefix = config.unknownIdPrefix();
    this.seeds.putAll(initialSeeds);
    config.tokens().forEach(this::acceptToken);
  }

  // ---- knobs ----

  void seed(String id, Seed seed) {
    seeds.put(id, seed);
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

  int resendCount(String id) {
    AtomicInteger count = resendCounts.get(id);
    return count == null ? 0 : count.get();
  }

  long totalResends() {
    return totalResends.get();
  }

  int tokenRequestCount() {
    return tokenRequests.get();
  }

  Faults faults() {
    return faults;
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
    faults.clear();
    idempotency.clear();
    resendCounts.clear();
    totalResends.set(0);
    tokenRequests.set(0);
    seeds.clear();
    seeds.putAll(initialSeeds);
    limits.reset();
  }

  TenantLimits limits() {
    return limits;
  }

  // ---- HTTP ----

  @Override
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
    Body body = readBody(exchange);
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
      return resend(request, body, ids, now);
    }
    record(request);
    if (!resend && !path.equals(ZuoraSimulator.TOKEN_PATH)) {
      return json(404, Map.of(REQUEST_ID, requestId()), message("Not found"));
    }
    if (!method.equals("POST")) {
      return json(
          405, Map.of(REQUEST_ID, requestId(), "Allow", "POST"), message("Method not allowed"));
    }
    return token(request, body, now);
  }

  /**
   * Order matters: injected faults come first so that a test sees them whatever it sends; the
   * idempotency key is claimed before the injected delay so that a concurrent duplicate finds it in
   * progress; and the request is recorded once claimed, so a test that saw it recorded knows the
   * key is held.
   */
  private SimResponse resend(RecordedRequest request, Body body, List<String> ids, Instant now)
      throws InterruptedException {
    Faults.Fault fault = faults.take();
    if (!limits.tryEnter()) {
      // Zuora refuses a request over the tenant's concurrency cap at once, before any work.
      record(request);
      return overConcurrencyLimit();
    }
    try {
      return admitted(request, body, ids, now, fault);
    } finally {
      limits.exit();
    }
  }

  private SimResponse admitted(
      RecordedRequest request, Body body, List<String> ids, Instant now, Faults.Fault fault)
      throws InterruptedException {
    TenantLimits.Rate rate = limits.consume(now);
    String trackId = request.header(TRACK_ID).filter(SimulatorHandler::validTrackId).orElse(null);
    Map<String, String> headers = zuoraHeaders(trackId, rate);
    String key = request.header("Idempotency-Key").orElse(null);
    SimResponse early = null;
    boolean claimed = false;
    if (fault.failing()) {
      early = injected(fault, trackId, headers);
    } else if (rate.exceeded()) {
      early = tooManyRequests(headers, rate.reset(), scaled());
    } else if (!authorized(request, now)) {
      early = unauthorized(trackId);
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
    record(request);
    boolean stored = false;
    try {
      pause(fault.delay());
      pause(limits.latency());
      if (early != null) {
        return early;
      }
      SimResponse response = process(ids, headers);
      if (claimed) {
        idempotency.complete(key, ids, response, clock.instant(), IDEMPOTENCY_TTL);
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
    for (String id : unique) {
      Seed seed = seeds.getOrDefault(id, unseeded(id));
      if (seed.resendable()) {
        resendCounts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        totalResends.incrementAndGet();
      } else {
        failures.putObject(id).put("code", seed.code()).put("message", seed.message());
      }
    }
    if (failures.isEmpty()) {
      return new SimResponse(202, headers, new byte[0]);
    }
    return json(failures.size() == unique.size() ? 400 : 202, headers, failures);
  }

  private SimResponse invalid(
      RecordedRequest request, Body body, List<String> ids, Map<String, String> headers) {
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

  private SimResponse token(RecordedRequest request, Body body, Instant now) {
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
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("access_token", token);
    answer.put("token_type", "bearer");
    answer.put("expires_in", tokenLifetime.toSeconds());
    answer.put("scope", SCOPE);
    answer.put("jti", token);
    return json(200, headers, answer);
  }

  private boolean authorized(RecordedRequest request, Instant now) {
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

  private static SimResponse unauthorized(String trackId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REQUEST_ID, requestId());
    if (trackId != null) {
      headers.put(TRACK_ID, trackId);
    }
    headers.put("WWW-Authenticate", CHALLENGE);
    return json(401, headers, message("Authentication error"));
  }

  private static SimResponse injected(
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

  private static SimResponse tooManyRequests(
      Map<String, String> zuoraHeaders, Duration wait, boolean fractional) {
    Map<String, String> headers = new LinkedHashMap<>(zuoraHeaders);
    String text = fractional ? fractionalSeconds(wait) : seconds(wait);
    headers.put("Retry-After", text);
    headers.put("RateLimit-Remaining", "0");
    headers.put("RateLimit-Reset", text);
    return json(429, headers, message("Too many requests"));
  }

  private Map<String, String> zuoraHeaders(String trackId, TenantLimits.Rate rate) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REQUEST_ID, requestId());
    if (trackId != null) {
      headers.put(TRACK_ID, trackId);
    }
    headers.put("RateLimit-Limit", limits.quota() + ";w=" + scaledSeconds(limits.window()));
    headers.put("RateLimit-Remaining", Integer.toString(rate.remaining()));
    headers.put("RateLimit-Reset", scaledSeconds(rate.reset()));
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

  private void record(RecordedRequest request) {
    synchronized (recorded) {
      recorded.addLast(request);
      while (recorded.size() > maxRecorded) {
        recorded.removeFirst();
      }
    }
  }

  private static void pause(Duration delay) throws InterruptedException {
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    }
  }

  private static void write(HttpExchange exchange, SimResponse response) throws IOException {
    Headers out = exchange.getResponseHeaders();
    response.headers().forEach(out::set);
    byte[] body = response.body();
    if (body.length > GZIP_THRESHOLD_BYTES
        && acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"))) {
      body = gzip(body);
      out.set("Content-Encoding", "gzip");
    }
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
    // -1 tells HttpServer there is no body; it still sends Content-Length: 0.
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }

  // ---- bodies ----

  /** The body as sent and as decoded; {@code error} says why it could not be decoded. */
  private record Body(byte[] raw, byte[] decoded, int errorStatus, String error) {
    static Body ok(byte[] raw, byte[] decoded) {
      return new Body(raw, decoded, 0, null);
    }

    static Body failed(byte[] raw, int status, String error) {
      return new Body(raw, null, status, error);
    }
  }

  private static Body readBody(HttpExchange exchange) throws IOException {
    byte[] raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (raw.length > MAX_BODY_BYTES) {
      return Body.failed(raw, 413, "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
      return Body.ok(raw, raw);
    }
    if (!encoding.trim().equalsIgnoreCase("gzip")) {
      return Body.failed(raw, 415, "Content-Encoding must be gzip when present.");
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      byte[] decoded = in.readNBytes(MAX_BODY_BYTES + 1);
      if (decoded.length > MAX_BODY_BYTES) {
        return Body.failed(raw, 413, "The request body inflates to over " + MAX_BODY_BYTES + ".");
      }
      return Body.ok(raw, decoded);
    } catch (IOException e) {
      return Body.failed(raw, 400, "The request body is not valid gzip.");
    }
  }

  /** The IDs of a JSON array of strings; null for anything else. */
  private static List<String> parseIds(byte[] json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isArray()) {
        return null;
      }
      List<String> ids = new ArrayList<>(root.size());
      for (JsonNode node : root) {
        if (!node.isTextual()) {
          return null;
        }
        ids.add(node.textValue());
      }
      return ids;
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  private static boolean hasMediaType(RecordedRequest request, String expected) {
    String type = request.header("Content-Type").orElse("");
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().equalsIgnoreCase(expected);
  }

  private static boolean acceptsGzip(List<String> acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String header : acceptEncoding) {
      for (String coding : header.split(",")) {
        String[] parts = coding.split(";");
        String name = parts[0].trim();
        if (!name.equalsIgnoreCase("gzip") && !name.equals("*")) {
          continue;
        }
        boolean refused = false;
        for (int i = 1; i < parts.length; i++) {
          String param = parts[i].trim();
          if (param.regionMatches(true, 0, "q=", 0, 2)) {
            try {
              refused = Double.parseDouble(param.substring(2).trim()) <= 0;
            } catch (NumberFormatException e) {
              refused = true;
            }
          }
        }
        if (!refused) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static SimResponse json(int status, Map<String, String> headers, JsonNode body) {
    Map<String, String> withType = new LinkedHashMap<>(headers);
    withType.put("Content-Type", JSON);
    try {
      return new SimResponse(status, withType, MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode message(String message) {
    return MAPPER.createObjectNode().put("message", message);
  }

  /** Zuora's generic error shape, which its APIs use for request-level errors. */
  private static ObjectNode reasons(String code, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("success", false);
    root.putArray("reasons").addObject().put("code", code).put("message", message);
    return root;
  }

  private static boolean validTrackId(String trackId) {
    return valid(trackId, TRACK_ID_RULE, SpecLimits.ZUORA_TRACK_ID_MAX_LENGTH);
  }

  private static Pattern rule(String pattern) {
    return pattern == null ? null : Pattern.compile(pattern);
  }

  private static boolean valid(String value, Pattern rule, int maxLength) {
    return !value.isEmpty()
        && value.length() <= maxLength
        && (rule == null || rule.matcher(value).find());
  }

  private static String requestId() {
    return UUID.randomUUID().toString();
  }

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return Long.toString(millis / 1000 + (millis % 1000 == 0 ? 0 : 1));
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

  private static String fractionalSeconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0
        ? Long.toString(millis / 1000)
        : String.format(java.util.Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
  }

  private static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 422 -> "Unprocessable Entity";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "HTTP " + status;
    };
  }
}
