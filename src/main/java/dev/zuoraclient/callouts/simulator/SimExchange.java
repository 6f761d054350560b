package dev.zuoraclient.callouts.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The exchange on the wire, apart from what the simulator decides: reading a request's body (gzip,
 * size bound), parsing IDs and forms, writing an answer (gzip when asked for), and Zuora's JSON
 * shapes and header formats.
 */
final class SimExchange {
  static final int MAX_BODY_BYTES = 1 << 20;
  static final int GZIP_THRESHOLD_BYTES = 1000;
  static final String JSON = "application/json";
  static final String FORM = "application/x-www-form-urlencoded";
  static final String REQUEST_ID = "Zuora-Request-Id";
  static final String TRACK_ID = "Zuora-Track-Id";
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SimExchange() {}

  /** The body as sent and as decoded; {@code error} says why it could not be decoded. */
  record Body(byte[] raw, byte[] decoded, int errorStatus, String error) {
    static Body ok(byte[] raw, byte[] decoded) {
      return new Body(raw, decoded, 0, null);
    }

    static Body failed(byte[] raw, int status, String error) {
      return new Body(raw, null, status, error);
    }
  }

  static Body readBody(HttpExchange exchange) throws IOException {
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
  static List<String> parseIds(byte[] json) {
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

  static Map<String, String> parseForm(String body) {
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

  static boolean hasMediaType(RecordedRequest request, String expected) {
    String type = request.header("Content-Type").orElse("");
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().equalsIgnoreCase(expected);
  }

  static boolean acceptsGzip(List<String> acceptEncoding) {
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

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static SimResponse json(int status, Map<String, String> headers, JsonNode body) {
    Map<String, String> withType = new LinkedHashMap<>(headers);
    withType.put("Content-Type", JSON);
    try {
      return new SimResponse(status, withType, MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode message(String message) {
    return MAPPER.createObjectNode().put("message", message);
  }

  /** Zuora's generic error shape, which its APIs use for request-level errors. */
  static ObjectNode reasons(String code, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("success", false);
    root.putArray("reasons").addObject().put("code", code).put("message", message);
    return root;
  }

  static String requestId() {
    return UUID.randomUUID().toString();
  }

  static String seconds(Duration d) {
    long millis = d.toMillis();
    return Long.toString(millis / 1000 + (millis % 1000 == 0 ? 0 : 1));
  }

  static String fractionalSeconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0
        ? Long.toString(millis / 1000)
        : String.format(java.util.Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
  }

  static String reasonPhrase(int status) {
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

  static void pause(Duration delay) throws InterruptedException {
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    }
  }

  static void write(HttpExchange exchange, SimResponse response) throws IOException {
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
}
